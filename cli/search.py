"""Commands for search: index, search, similar, eval-search."""

from __future__ import annotations

import html
import json
import re
import time
from pathlib import Path

import click

from cli.params import HELDOUT, SHARED_EVAL, parse_as_of, parse_filters
from cli.resources import open_engine, open_graph
from core.errors import NetraError


@click.command()
@click.option("--backend", type=click.Choice(["whoosh", "neo4j", "both"]), default="both", show_default=True,
              help="Which keyword index to (re)build.")
@click.option("--semantic/--no-semantic", default=True, show_default=True,
              help="Also embed provisions and cases (builds the embedding model offline the first time).")
@click.option("--type", "kinds", type=click.Choice(["provision", "case", "all"]), default="all", show_default=True,
              help="Which documents to index.")
def index(backend, semantic, kinds):
    """(Re)build the search indexes from the graph."""
    from core.config import load_settings
    from graph.schema import migrate
    from search.cases import case_documents
    from search.factory import keyword_index
    from search.provisions import provision_documents

    settings = load_settings()
    graph = open_graph(settings)
    migrate(graph)
    readers = {"provision": provision_documents, "case": case_documents}
    documents = {kind: list(readers[kind](graph)) for kind in (readers if kinds == "all" else [kinds])}
    for kind, docs in documents.items():
        for name in (["whoosh", "neo4j"] if backend == "both" else [backend]):
            began = time.monotonic()
            count = keyword_index(settings, graph, name, kind).rebuild(docs)
            click.echo(f"{name}: indexed {count} {kind}s in {time.monotonic() - began:.1f} s.")
    if semantic:
        from search.embedder import load_configured_embedder
        from search.semantic import SemanticIndex

        embedder = load_configured_embedder(settings, build=True)
        for kind, docs in documents.items():
            began = time.monotonic()
            counts = SemanticIndex(graph, embedder, settings.embedding_cache, kind=kind).rebuild(docs)
            click.echo(f"semantic ({embedder.name}, {kind}s): {counts['embedded']} embedded, "
                       f"{counts['from_cache']} from cache, {counts['unchanged']} unchanged, "
                       f"in {time.monotonic() - began:.1f} s.")


@click.command()
@click.argument("query")
@click.option("--mode", type=click.Choice(["keyword", "semantic", "hybrid"]), default="hybrid", show_default=True)
@click.option("--as-of", "as_of", help="Prefer the law in force on this date (YYYY-MM-DD; default: a date the "
                                       "question names, \"pada tahun 2019\", else today).")
@click.option("--type", "kind", type=click.Choice(["provision", "case"]), default="provision", show_default=True,
              help="What to search: provisions of regulations, or case records.")
@click.option("--filter", "-f", "filters", multiple=True, metavar="NAME=VALUE",
              help="Narrow results; repeatable. Provisions: type, year, level, status (in force, amended, "
                   "revoked, not yet in force). Cases: region, election, year, act, sanction (ringan, sedang, "
                   "berat), outcome (proven, not_proven, dismissed, pending).")
@click.option("-k", "k", default=10, show_default=True, type=click.IntRange(1, 100), help="Number of results.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON with each result's score parts.")
def search(query, mode, as_of, kind, filters, k, as_json):
    """Search regulations or cases with a question or a citation. A question that describes
    conduct is first answered with the prohibition it breaks, the disciplinary sanction and the
    criminal provision (not with --json, whose list is the results alone; the API gives both).

    \b
    Examples: netra search "PNS ikut kampanye sebagai peserta"
              netra search "camat memakai mobil dinas ke kampanye pada pemilu 2019"
              netra search "pasal 14 huruf i pp disiplin pns" --json
              netra search "kepala desa deklarasi dukungan" --type case -f "region=Kota Padang" -f sanction=sedang
    """
    from search.conduct import conduct_bundle

    engine, day = open_engine(), parse_as_of(as_of) if as_of else None
    results = engine.search(query, mode=mode, as_of=day, k=k, kind=kind, filters=parse_filters(filters))
    if kind == "provision" and not as_json:
        _print_bundle(conduct_bundle(engine, query, as_of=day))
    _print_ranked(results, as_json, "No results.",
                  lambda result: f"{_headline(result)}  ({result.score:.4f})\n    {_plain_text(result.snippet)}")


def _print_bundle(bundle) -> None:
    """The rules the described conduct breaks, role by role, on the date it is judged on."""
    if bundle is None:
        return
    named = " (named in the question)" if bundle.date_from_question else ""
    click.echo(f"The conduct described, judged on {bundle.as_of.isoformat()}{named}:")
    for item in bundle.items:
        note = f"; {item.note}" if item.note else ""
        click.echo(f"  {item.role:<12} {item.citation} ({item.status}{note})\n               {'; '.join(item.reasons)}")
    click.echo("")


def _print_ranked(results: list, as_json: bool, none: str, line) -> None:
    """JSON, or one numbered entry per result (`line(result)`), or `none`."""
    if as_json:
        click.echo(json.dumps([r.to_json() for r in results], indent=2, ensure_ascii=False))
        return
    if not results:
        click.echo(none)
    for rank, result in enumerate(results, start=1):
        click.echo(f"{rank:>2}. {line(result)}")


def _headline(result) -> str:
    from search.engine import CaseResult

    if isinstance(result, CaseResult):
        facts = [result.summary["act"], ", ".join(result.summary["regions"]), result.summary["year"],
                 result.summary["outcome"], "sanksi " + "/".join(result.summary["sanction_levels"])
                 if result.summary["sanction_levels"] else ""]
        return f"{result.citation} ({result.id}): " + "; ".join(f for f in facts if f)
    flag = f" [{result.status}{': ' + result.note if result.note else ''}]" if result.status != "in force" else ""
    return f"{result.citation}{flag}"


def _plain_text(snippet: str) -> str:
    return html.unescape(re.sub(r"</?mark[^>]*>", "", snippet))


@click.command()
@click.argument("case", required=False)
@click.option("--text", help="Describe a case instead of naming one, or give a case document's text (its "
                                "citations count as its provisions).")
@click.option("-k", "k", default=10, show_default=True, type=click.IntRange(1, 100), help="Number of results.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON with each result's score parts and reasons.")
def similar(case, text, k, as_json):
    """Past cases like CASE (an id such as c000001, or a register number) or like --text:
    ranked by the same conduct (for --text, read from the cases closest to its words), similar
    facts, the provisions applied and the sanction level, each with the reasons in words.

    \b
    Examples: netra similar c000001
              netra similar --text "camat hadir deklarasi pasangan calon, Pasal 9 ayat (2) UU 5/2014" --json
    """
    from search.precedent import precedent_search

    if bool(case) == bool(text):
        raise NetraError("Give either a CASE or --text, not both and not neither.")
    engine = open_engine()
    found = precedent_search(engine.graph, engine.case_retriever(), case_id=case, text=text, k=k,
                             conduct_index=engine.case_keyword)
    conduct = found.conduct
    if text and not as_json:
        click.echo(f"Read as: {conduct.label} ({conduct.act}; {conduct.share:.0%} of the closest cases' votes)"
                   if conduct else "No conduct could be read from the description.")
    _print_ranked(found.results, as_json, "No similar cases.",
                  lambda result: f"{result.citation} ({result.id}) {', '.join(result.summary['regions'])}  "
                                 f"({result.score:.3f})\n    {'; '.join(result.reasons)}")


# What `netra eval-search` measures without arguments: law-phrased questions and descriptions of
# conduct, each the development set and the project's held-out one.
SEARCH_SETS = (SHARED_EVAL / "dev-queries.jsonl", SHARED_EVAL / "dev-facts.jsonl",
               HELDOUT / "heldout-queries.jsonl", HELDOUT / "heldout-facts.jsonl")


@click.command("eval-search")
@click.argument("query_sets", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option("--modes", default="keyword,semantic,hybrid", show_default=True, help="Comma-separated modes.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Folder for the JSON reports (default: NETRA_HOME/results).")
def eval_search(query_sets, modes, out_dir):
    """Measure search on query sets (JSON Lines with id, q, gold): Recall@1/5/10, MRR and
    nDCG@10 at Pasal and exact level per mode; each also written as JSON to --out, as
    eval-search-<set>.json.

    Without QUERY_SETS: the questions phrased like the law and the descriptions of conduct, the
    development sets (../shared/eval/dev-queries.jsonl, dev-facts.jsonl) and the held-out ones
    (bench/queries/heldout-queries.jsonl, heldout-facts.jsonl), whichever exist.

    \b
    Example: netra eval-search --modes hybrid --out bench/results
             netra eval-search ../shared/eval/dev-facts.jsonl
    """
    from core.config import load_settings
    from search.evaluate import evaluate, format_report, load_queries

    paths = [Path(p) for p in query_sets] or [p for p in SEARCH_SETS if p.is_file()]
    if not paths:
        raise NetraError("No query set: give one (JSON Lines with id, q and gold), or put ../shared/eval beside "
                         "the repository.")
    settings = load_settings()
    engine = open_engine(settings)
    wanted = [m.strip() for m in modes.split(",") if m.strip()]
    if engine.semantic is None and any(m != "keyword" for m in wanted):
        click.echo("No embedding model yet: semantic and hybrid modes are skipped.", err=True)
        wanted = [m for m in wanted if m == "keyword"]
    folder = Path(out_dir) if out_dir else settings.home / "results"
    folder.mkdir(parents=True, exist_ok=True)
    for path in paths:
        report = evaluate(engine, load_queries(path), wanted)
        report["query_file"] = path.name
        report["keyword_backend"] = engine.keyword.name
        click.echo(f"{path.name}: {format_report(report)}")
        out = folder / f"eval-search-{path.stem}.json"
        out.write_text(json.dumps(report, indent=2) + "\n")
        click.echo(f"Written to {out}.\n")
