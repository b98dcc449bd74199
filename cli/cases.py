"""Commands for case records: ingest-cases, eval-extraction, entity, entities, trace, export, import."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from cli.output import report_outcomes
from cli.resources import open_graph
from core.dates import parse_day
from core.errors import NetraError
from core.progress import progress_bar
from graph.trace import HUB_DEGREE, MAX_HOPS, MAX_HUB_DEGREE, MAX_PATHS


def _print_json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


@click.command("ingest-cases")
@click.argument("paths", nargs=-1, required=True)
@click.option("--report", type=click.Path(dir_okay=False, writable=True), help="Write a JSON report to this file.")
@click.option("--replace", is_flag=True, help="Load a document even if it came from another file before.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def ingest_cases(paths, report, replace, quiet):
    """Load case records: documents (.txt, .pdf, .html, .docx), registers (.csv, .jsonl), a
    report (.txt whose header says `type: Report`), and folders of them. Each file is loaded
    whole or not at all; a bad file is reported and the rest go on; an unchanged file is skipped.
    Scans (.png, .jpg, .tif, and PDF pages without a text layer) are read by OCR (Tesseract,
    installed by `make ocr`); a scan without readable text is reported as unreadable.
    Persons are then resolved across all documents, and the alert patterns evaluated (`netra alerts`).

    \b
    Example: netra ingest-cases /tmp/cases ../shared/corpus/reports
    """
    from graph.schema import migrate
    from ingest.case_pipeline import ingest_cases as run

    graph = open_graph()
    migrate(graph)
    started = time.monotonic()
    summary = run(list(paths), graph, replace=replace, show_progress=not quiet)
    totals = summary.totals
    click.echo(f"{totals['files']} files: {totals['loaded']} loaded, {totals['unchanged']} unchanged, "
               f"{totals['skipped']} skipped, {totals['failed']} failed"
               f"{', ' + str(totals['unreadable']) + ' unreadable' if totals['unreadable'] else ''}. "
               f"{totals['cases']} case records, "
               f"{totals['persons']} person mentions, {totals['links']} links; citations "
               f"{totals['citations_resolved']} resolved, {totals['citations_unresolved']} unresolved "
               f"({time.monotonic() - started:.1f} s).")
    _echo_scans(summary)
    if summary.resolution:
        r = summary.resolution
        click.echo(f"Resolved {r.mentions} mentions into {r.persons} persons: {r.merges} merges, "
                   f"{r.review} to review (`netra entities review`), {r.distinct} namesakes kept apart.")
        from web.audit import cli_audit

        cli_audit("resolution", "", f"{r.mentions} mentions, {r.persons} persons, {r.merges} automatic merges, "
                                    f"{r.review} to review")
    if summary.agencies:
        _echo_agencies(summary.agencies)
    if summary.alerts:
        found = sum(summary.alerts.found.values())
        click.echo(f"Alerts: {found} findings, {summary.alerts.new} new, {summary.alerts.reopened} new again, "
                   f"{summary.alerts.resolved} no longer hold (`netra alerts`).")
    report_outcomes(summary, report)


def _echo_agencies(a) -> None:
    """What re-reading the agency links' names did (ingest.agency_resolution.AgencySummary)."""
    click.echo(f"Agencies: {a.names} names in {a.agencies} agencies ({a.moved} names moved), {a.merges} merges, "
               f"{a.review} to review.")


SCANS_LISTED = 20  # unreadable files named in the summary; all of them are in --report's JSON


def _echo_scans(summary) -> None:
    """Scans read by OCR, what OCR warned of, and the files with no readable text, named."""
    read = [o for o in summary.outcomes if o.ocr_confidence is not None]
    if read:
        mean = sum(o.ocr_confidence for o in read) / len(read)
        click.echo(f"{len(read)} read by OCR (mean word confidence {mean:.2f}).")
    for outcome in summary.outcomes:
        for warning in outcome.reading:
            click.secho(f"  OCR     {outcome.path}: {warning}", fg="yellow", err=True)
    unreadable = [o for o in summary.outcomes if o.status == "unreadable"]
    if unreadable:
        named = "; ".join(f"{Path(o.path).name} ({o.warnings[0]})" for o in unreadable[:SCANS_LISTED])
        more = f"; and {len(unreadable) - SCANS_LISTED} more" if len(unreadable) > SCANS_LISTED else ""
        click.secho(f"{len(unreadable)} unreadable: {named}{more}. Nothing was loaded from them.", fg="yellow")


@click.command("eval-extraction")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def eval_extraction(directory, as_json):
    """Score case extraction on DIRECTORY's documents against DIRECTORY/gold.json: precision,
    recall and F1 for persons (with NIP), links and citations, and not-proven links asserted proven."""
    from ingest.cases.evaluate import evaluate, format_report

    if not (Path(directory) / "gold.json").is_file():
        raise NetraError(f"{directory} has no gold.json.")
    report = evaluate(Path(directory))
    if not as_json:
        click.echo(format_report(report))
        return
    _print_json({"scores": {kind: {"precision": s.precision, "recall": s.recall, "f1": s.f1,
                                   "tp": s.true_positives, "fp": s.false_positives, "fn": s.false_negatives}
                            for kind, s in report.scores.items()},
                 "not_links_asserted_proven": report.not_links_asserted_proven,
                 "documents": report.documents, "seconds": report.seconds})


@click.command()
@click.argument("name_or_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def entity(name_or_id, as_json):
    """A resolved person or agency (by id, NIP or name): names seen, NIP, positions, cases and
    every link with its status, date and evidence (document, span, sentence)."""
    from graph.entities import entity_view

    view = entity_view(open_graph(), name_or_id)
    if as_json:
        _print_json(view.to_json())
        return
    click.echo(f"{view.name}  [{view.label}{', ' + view.kind if view.kind else ''}]  {view.id}")
    if view.nip:
        click.echo(f"NIP: {view.nip}")
    if len(view.names) > 1:
        click.echo(f"Names seen: {'; '.join(view.names)}")
    for title, values in (("Positions", view.positions), ("Agencies", view.agencies)):
        if values:
            click.echo(f"{title}: {'; '.join(values)}")
    for case in view.cases:
        click.echo(f"Case {case['id']}  {case.get('number') or ''}  stage {case.get('stage')}, "
                   f"outcome {case.get('outcome')}")
    for link in view.links:
        arrow = "->" if link.direction == "out" else "<-"
        click.echo(f"  {arrow} {link.type:<15} {link.other_name} [{link.status or '-'}]"
                   f"{' ' + link.date if link.date else ''}  {link.document_id}:{link.start}-{link.end}")
        if link.sentence:
            click.echo(f"       \"{link.sentence}\"")


@click.group()
def entities():
    """Review the merges entity resolution was unsure about; re-resolve every person."""


@entities.command()
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True,
              help="Which page of 50 pairs (most impact first).")
@click.option("--region", help="Only pairs with a record from a case in this region (name or id).")
@click.option("--election", help="Only pairs with a record from a case in this election (name or id).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def review(page, region, election, as_json):
    """List pairs of person (or agency) records that may be one, most impact first (the cases
    and links of the two persons the decision joins or keeps apart), with the evidence: the
    same ranking as the /review page."""
    from graph.entities import REVIEW_PAGE_SIZE, review_page

    graph = open_graph()
    region_id, election_id = _review_filter(graph, "region", region), _review_filter(graph, "election", election)
    found = review_page(graph, region_id, election_id, skip=(page - 1) * REVIEW_PAGE_SIZE)
    pages = max(1, -(-found.total // REVIEW_PAGE_SIZE))
    if as_json:
        _print_json({"page": page, "pages": pages, **found.to_json()})
        return
    for pair in found.pairs:
        click.echo(f"{pair.id}  impact {pair.impact} ({pair.impact_cases} cases, {pair.impact_links} links)  "
                   f"confidence {pair.confidence:.2f}  {'; '.join(pair.evidence)}")
        for side in (pair.a, pair.b):
            click.echo(f"    {_side_text(side)}")
    click.echo(f"Page {page} of {pages}: {found.total} pairs to review"
               f"{' in ' + ', '.join(filter(None, (region, election))) if region or election else ''}. "
               f"Decide with `netra entities accept|reject PAIR`.")


def _review_filter(graph, kind: str, text: str | None) -> str | None:
    """The id of the region or election `text` names, None without one; NetraError if none."""
    from graph.entities import find_election, find_region

    if text is None:
        return None
    found = (find_region if kind == "region" else find_election)(graph, text)
    if found is None:
        example = "Kota Solok" if kind == "region" else "Pilkada 2024 Kota Solok"
        raise NetraError(f"No {kind} {text!r} in the graph (give its name or id, e.g. --{kind} \"{example}\").")
    return found


def _side_text(side: dict) -> str:
    """One record of a pair on a line: name, what is known of it, where it was read."""
    described = ", ".join(str(side[k]) for k in ("nip", "kind", "position", "agency", "region", "race")
                          if side.get(k))
    where = f"in {side['document_id']}" if side.get("document_id") else ""
    return f"{side.get('name')}  ({described})  {where}  [{side['id']}]"


def _verdict(pair: str, verdict: str, reason: str) -> None:
    import getpass

    from ingest.person_resolution import record_verdict
    from web.audit import cli_audit

    reviewer = f"cli:{getpass.getuser()}"
    decision = record_verdict(open_graph(), pair, verdict, reviewer, reason)
    cli_audit(f"merge_{verdict.removesuffix('ed')}", decision["id"],
              f"{decision['a']} | {decision['b']}" + (f"; reason: {reason}" if reason else ""))
    click.echo(f"{verdict.capitalize()} {decision['id']}: {decision.get('a_name')} ({decision['a']}) and "
               f"{decision.get('b_name')} ({decision['b']}). {_resolved(decision['resolution'])}")
    if verdict == "accepted" and not decision["joined"]:
        click.secho("The two records stay two persons: joining them would join two NIPs, or persons a reviewer "
                    "kept apart.", fg="yellow")


def _resolved(summary) -> str:
    if summary is None:
        return "Recorded; agencies are merged when agency names are resolved again."
    return f"The persons of both records resolved again: {summary.mentions} records, now {summary.persons} persons."


@entities.command()
@click.option("--quiet", is_flag=True, help="No progress bar.")
def refresh(quiet):
    """Re-resolve every person mention and rebuild the Person layer, then re-read every agency
    link's name (what `ingest-cases` does after loading; agency verdicts and gazetteer edits take
    effect). Reports accepted in triage are resolved incrementally, against the persons they could
    be; this settles everything again with every record in view."""
    from ingest.agency_resolution import refresh_agencies
    from ingest.person_resolution import refresh_entities
    from web.audit import cli_audit

    graph = open_graph()
    r = refresh_entities(graph, show_progress=not quiet)
    click.echo(f"Resolved {r.mentions} mentions into {r.persons} persons: {r.merges} merges, "
               f"{r.review} to review (`netra entities review`), {r.distinct} namesakes kept apart.")
    _echo_agencies(refresh_agencies(graph))
    cli_audit("resolution", "", f"{r.mentions} mentions, {r.persons} persons, {r.merges} automatic merges, "
                                f"{r.review} to review")


REASON_CHARS = 500


def _reason(ctx, param, value):
    reason = " ".join((value or "").split())
    if len(reason) > REASON_CHARS:
        raise click.BadParameter(f"at most {REASON_CHARS} characters")
    if param.required and not reason:
        raise click.BadParameter("say why")
    return reason


@entities.command()
@click.argument("pair")
@click.option("--reason", callback=_reason, help="Why (kept with the verdict and in the audit log).")
def accept(pair, reason):
    """Record that PAIR (m-… from `review`, or "mentionA|mentionB") is one person; the persons of
    both records are resolved again at once."""
    _verdict(pair, "accepted", reason)


@entities.command()
@click.argument("pair")
@click.option("--reason", required=True, callback=_reason, help="Why they are two people (required).")
def reject(pair, reason):
    """Record that PAIR are two people (also splits a merge the rules made)."""
    _verdict(pair, "rejected", reason)


@entities.command()
@click.argument("pair")
def undo(pair):
    """Clear the verdict on PAIR: the rules decide it again (a pair they could not settle is back
    on the review queue) and the persons of both records are resolved again."""
    from ingest.person_resolution import undo_verdict
    from web.audit import cli_audit

    decision = undo_verdict(open_graph(), pair)
    cli_audit("merge_undo", decision["id"], f"{decision['a']} | {decision['b']}; was {decision['verdict']} by "
                                            f"{decision.get('reviewer') or '?'} at {decision.get('decided_at')}")
    click.echo(f"Undid the verdict ({decision['verdict']}) on {decision['id']}. {_resolved(decision['resolution'])}")


def _window_day(ctx, param, value):
    """`--from`/`--to` YYYY-MM-DD, or None."""
    return parse_day(value, lambda bad: click.BadParameter(f"{bad!r} is not a date like 2024-10-01"))


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("-k", "k", default=3, show_default=True, help=f"How many paths (at most {MAX_PATHS}).")
@click.option("--max-hops", default=4, show_default=True, help=f"Longest path, in hops (at most {MAX_HOPS}).")
@click.option("--exclude-not-proven", is_flag=True, help="Do not walk links whose status is not_proven.")
@click.option("--no-hubs", "exclude_hubs", is_flag=True,
              help="Leave out every path through a hub (a node between the ends with more than --hub-degree links); "
                   "by default hubs are allowed and penalised.")
@click.option("--hub-degree", type=click.IntRange(1, MAX_HUB_DEGREE), default=HUB_DEGREE, show_default=True,
              help="Links above which a node is a hub.")
@click.option("--from", "since", metavar="YYYY-MM-DD", callback=_window_day,
              help="Only links dated on or after this day (links without a date are kept, and marked).")
@click.option("--to", "until", metavar="YYYY-MM-DD", callback=_window_day,
              help="Only links dated on or before this day (links without a date are kept, and marked).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Stop the search for paths after this many seconds (default: NETRA_TRACE_TIMEOUT, 10).")
def trace(a, b, k, max_hops, exclude_not_proven, exclude_hubs, hub_degree, since, until, as_json, timeout):
    """The k strongest simple paths between two entities (ids, NIPs or names), each hop with its
    type, direction, status and evidence sentence. No entity appears twice in a path.

    \b
    Paths are ranked by score, lowest first:
      score = hops + sum of log10(links) of the nodes between the ends
              + 0.25 per hop alleged, 0.5 without a status, 0.75 not proven

    A node with 10 links costs as much as one more hop, a hub with 1,000 (a Bawaslu office, BKN, a
    region, an election) three: a path through a family tie or an appointment ranks above a shorter
    one through a hub, and proven links come before alleged ones.
    """
    from core.config import load_settings
    from graph.trace import trace as find_paths

    settings = load_settings()
    paths = find_paths(open_graph(settings), a, b, k=k, max_hops=max_hops, exclude_not_proven=exclude_not_proven,
                       exclude_hubs=exclude_hubs, hub_degree=hub_degree, since=since, until=until,
                       timeout=timeout or settings.trace_timeout)
    if as_json:
        _print_json([path.to_json() for path in paths])
        return
    if since or until:
        click.echo(f"Links dated {since or '…'} to {until or '…'}; links without a date are kept "
                   "(marked \"no date\").")
    if not paths:
        hubs = f" avoiding nodes with more than {hub_degree} links" if exclude_hubs else ""
        click.echo(f"No path of at most {max_hops} hops{hubs} between {a!r} and {b!r}.")
        return
    for number, path in enumerate(paths, 1):
        hubs = f", through hubs: {', '.join(path.hubs)}" if path.hubs else ""
        click.echo(f"Path {number} ({path.length} hops, score {path.score:g}{hubs}):")
        for hop in path.hops:
            click.echo(f"  {hop.source['name']} {hop.direction}[{hop.type} {hop.status or '-'}]"
                       f"{hop.direction} {hop.target['name']}"
                       f"{'  ' + hop.date if hop.date else ''}{'  (no date)' if hop.window == 'undated' else ''}"
                       f"{'  ' + hop.document_id + ':' + str(hop.start) + '-' + str(hop.end) if hop.document_id else ''}")
            if hop.sentence:
                click.echo(f"      \"{hop.sentence}\"")


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "ftm", "graphml", "csv"]), default="jsonl",
              show_default=True, help="jsonl (for `netra import`), FollowTheMoney entities, GraphML, or CSV tables.")
@click.option("--out", type=click.Path(), help="Output file (csv: a .zip file or a folder). Default: stdout.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def export_command(fmt, out, quiet):
    """Export the case layer: documents, cases, mentions, persons, agencies, positions, regions,
    elections, sanctions, merge decisions and the links between them (see graph/export.py).

    \b
    Example: netra export --format ftm --out cases.ftm.json   (then: alephclient write-entities)
    """
    from graph.export import count_records, export

    graph = open_graph()
    started = time.monotonic()
    total = count_records(graph)
    with progress_bar(total=total, desc="Exporting", unit="record", disable=quiet, file=sys.stderr) as bar:
        export(graph, fmt, out, progress=bar.update)
    if out:
        click.echo(f"Exported {total} nodes and relationships as {fmt} to {out} "
                   f"({time.monotonic() - started:.1f} s).", err=True)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--quiet", is_flag=True, help="No progress bar.")
def import_command(file, quiet):
    """Restore a `netra export --format jsonl` file into a graph without case records (load the
    regulations first, so that citations of provisions are linked again)."""
    from graph.export import import_jsonl
    from graph.schema import migrate

    graph = open_graph()
    migrate(graph)
    started = time.monotonic()
    with open(file, encoding="utf-8") as lines, \
            progress_bar(desc="Importing", unit="record", disable=quiet, file=sys.stderr) as bar:
        summary = import_jsonl(graph, lines, progress=bar.update)
    from graph.entities import file_review_queue
    from ingest.person_resolution import ensure_person_keys

    ensure_person_keys(graph)  # derived, not exported: what incremental resolution looks persons up by
    file_review_queue(graph)  # derived too: the review queue's ranked listings
    click.echo(f"Imported {summary.nodes} nodes and {summary.relationships} relationships "
               f"({time.monotonic() - started:.1f} s)."
               + (f" {summary.unlinked} links to provisions not in the graph were left out." if summary.unlinked else ""))
