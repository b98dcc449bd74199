"""Commands for regulations: ingest, remove, show, check-citations, corpus-health."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cli.params import parse_as_of
from cli.output import report_outcomes
from cli.resources import open_graph
from core.errors import NetraError
from core.refs import ProvisionRef
from graph.regulation_views import provision_view, regulation_view


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--report", type=click.Path(dir_okay=False, writable=True), help="Write a JSON report to this file.")
@click.option("--replace", is_flag=True, help="Load a regulation even if it came from another file before.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def ingest(paths, report, replace, quiet):
    """Load regulations into the graph: files (.txt, .md, .pdf, .html, .docx), folders and
    .tar.gz archives. Each document is loaded whole or not at all; a bad file is reported and
    the rest go on. Loading the same file again changes nothing. What a loaded document's parse
    left out or found out of order is printed as a warning naming its line.

    \b
    Example: netra ingest ../shared/corpus/core
    """
    from graph.schema import migrate
    from ingest.curated import load_curated_relations
    from ingest.regulation_pipeline import ingest as run_ingest

    graph = open_graph()
    migrate(graph)
    summary = run_ingest(list(paths), graph, replace=replace, show_progress=not quiet)
    load_curated_relations(graph)
    totals = summary.totals
    click.echo(
        f"{totals['documents']} documents: {totals['loaded']} loaded, {totals['unchanged']} unchanged, "
        f"{totals['skipped']} skipped, {totals['failed']} failed. {totals['provisions']} provisions; citations "
        f"{totals['citations_resolved']} resolved, {totals['citations_unresolved']} unresolved; "
        f"{totals['warnings']} warnings."
    )
    for outcome in summary.outcomes:
        for warning in outcome.warnings if outcome.status == "loaded" else ():
            click.secho(f"  warning {outcome.path}: {warning}", fg="yellow", err=True)
    report_outcomes(summary, report)


@click.command()
@click.argument("document")
def remove(document):
    """Remove one document's contribution from the graph, and nothing else.

    DOCUMENT is a regulation citation ("UU 5/2014"), its id (uu/2014/5) or document id
    (doc:uu/2014/5); or a case document, register or report by its id (casedoc:c000001-temuan,
    register:cases/register.csv, report:…) or the file it was loaded from. Persons are then
    re-resolved, so no person or link remains that only that case document stated.
    """
    from web.audit import cli_audit

    graph = open_graph()
    case_document = _case_document_id(graph, document)
    document_id = _remove_case(graph, case_document) if case_document else _remove_regulation(graph, document)
    cli_audit("document_remove", document_id)


def _case_document_id(graph, argument: str) -> str | None:
    """The case document ARGUMENT names (an id with a case prefix, or a file it was loaded
    from), or None if it names a regulation."""
    from graph.cases import case_document_id_at, is_case_document_id

    if is_case_document_id(argument):
        return argument
    return case_document_id_at(graph, Path(argument)) if _is_file(argument) else None


def _is_file(argument: str) -> bool:
    try:
        return Path(argument).is_file()
    except (OSError, ValueError):  # a name too long for the file system, or holding a NUL
        return False


def _remove_case(graph, document_id: str) -> str:
    from ingest.person_resolution import remove_case

    summary = remove_case(graph, document_id, show_progress=True)
    if summary is None:
        raise NetraError(f"No case document {document_id} in the graph.")
    click.echo(f"Removed {document_id}. Resolved {summary.mentions} mentions into {summary.persons} persons.")
    return document_id


def _remove_regulation(graph, citation: str) -> str:
    from graph.regulations import remove_document
    from ingest.lookup import cited_regulation_id

    document_id = citation if citation.startswith("doc:") else f"doc:{cited_regulation_id(citation)}"
    if not remove_document(graph, document_id):
        raise NetraError(f"No document {document_id} in the graph.")
    click.echo(f"Removed {document_id}.")
    return document_id


@click.command()
@click.argument("citation")
@click.option("--as-of", "as_of", help="Show the law as in force on this date (YYYY-MM-DD; default today).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def show(citation, as_of, as_json):
    """Print a regulation or provision as in force on a date: text, status, versions, children.

    \b
    Examples: netra show "Pasal 71 UU 1/2015" --as-of 2016-01-01
              netra show "UU 5/2014" --json
    """
    from ingest.lookup import find_cited

    graph = open_graph()
    target = find_cited(graph, citation)
    day = parse_as_of(as_of)
    is_provision = bool(ProvisionRef.from_id(target).path())
    view = provision_view(graph, target, day) if is_provision else regulation_view(graph, target, day)
    if view is None:
        raise NetraError(f"{citation!r} is not in the graph.")
    if as_json:
        click.echo(json.dumps(view, indent=2, ensure_ascii=False, default=str))
    else:
        click.echo(format_view(view))


def format_view(view: dict) -> str:
    lines = [f"{view['citation']}  [{view['status']}]  as of {view['as_of']}"]
    if view.get("title"):
        lines.append(view["title"])
    if view.get("own_text"):
        lines += ["", view["own_text"]]
    for child in view["children"]:
        text = f" {child['text']}" if child.get("text") else ""
        flag = f" [{child['status']}]" if child.get("status") not in (None, "in force") else ""
        lines.append(f"  {child['label_text']}{flag}{text}")
    if view.get("tail"):  # the words closing the list of parts above
        lines.append(view["tail"])
    if view.get("versions"):
        lines += ["", "Versions:"]
        for version in view["versions"]:
            lines.append(f"  {version['valid_from'] or '…'} – {version['valid_to'] or ''}  "
                         f"{version['kind']} ({version['source_citation']})")
    for relation in view.get("relations", []):
        lines.append(f"{relation['description']}")
    if view.get("elucidation"):
        lines += ["", f"Penjelasan: {view['elucidation']}"]
    return "\n".join(lines)


@click.command("check-citations")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def check_citations(file, as_json):
    """List the citations in FILE and whether each resolves to a provision in the graph,
    with the reason when it does not (regulation not in the corpus, provision does not exist,
    ambiguous, incomplete)."""
    from ingest.checks import check_file

    rows = check_file(file, open_graph())
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        where = f"{row['start']}-{row['end']}"
        if row["resolved"]:
            click.echo(f"ok       {where:>13}  {row['raw']!r} -> {', '.join(row['targets'])}")
        else:
            click.echo(f"{row['reason']:<8} {where:>13}  {row['raw']!r}: {row['detail']}")
    unresolved = sum(1 for row in rows if not row["resolved"])
    click.echo(f"{len(rows)} citations, {len(rows) - unresolved} resolved, {unresolved} unresolved.")


@click.command("corpus-health")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
@click.option("--report", type=click.Path(dir_okay=False, writable=True), help="Write the per-file JSON report here.")
def corpus_health(archive, report):
    """Parse every regulation in a .tar.gz archive and report, per file, whether the body's
    Pasal run is contiguous 1..N, and why not (damaged source or parser gap)."""
    from ingest.regulation.health import main as health_main

    args = [archive] + (["--report", report] if report else [])
    health_main(args)
