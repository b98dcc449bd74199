"""Commands for search: index, search, similar, eval-search."""

from __future__ import annotations

import html
import json
import re
import time
from pathlib import Path

import click

from graph.errors import NetraError
from web.cli import main
from web.law_cli import _parse_day

RESULTS_DIR = Path(__file__).resolve().parent.parent / "bench" / "results"


def build_engine(settings=None):
    """The search engine as configured (keyword backend, semantic model when built)."""
    from graph.config import load_settings
    from graph.db import get_graph
    from search.engine import SearchEngine

    from search.embedder import load_configured_embedder, model_available
    from search.semantic import SemanticIndex

    settings = settings or load_settings()
    graph = get_graph(settings)
    semantic = case_semantic = None
    if model_available(settings):
        embedder = load_configured_embedder(settings)
        semantic = SemanticIndex(graph, embedder, settings.embedding_cache)
        case_semantic = SemanticIndex(graph, embedder, settings.embedding_cache, kind="case")
    backend = settings.keyword_backend
    return SearchEngine(graph, keyword_index(settings, graph, backend), semantic,
                        keyword_index(settings, graph, backend, kind="case"), case_semantic)


def keyword_index(settings, graph, backend: str, kind: str = "provision"):
    from search.keyword import Neo4jFulltextIndex, WhooshIndex

    if backend == "whoosh":
        folder = settings.whoosh_dir if kind == "provision" else settings.whoosh_dir.with_name("whoosh-cases")
        return WhooshIndex(folder, kind)
    if backend == "neo4j":
        return Neo4jFulltextIndex(graph, kind)
    raise NetraError(f"Unknown keyword backend {backend!r}: use whoosh or neo4j (NETRA_KEYWORD_BACKEND).")


def parse_filters(pairs) -> dict[str, str]:
    """`--filter "region=Kota Padang"` options -> {"region": "Kota Padang"}."""
    filters = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name.strip():
            raise NetraError(f"A filter is NAME=VALUE (e.g. region=Kota Padang), not {pair!r}.")
        filters[name.strip().lower()] = value.strip()
    return filters


@main.command()
@click.option("--backend", type=click.Choice(["whoosh", "neo4j", "both"]), default="both", show_default=True,
              help="Which keyword index to (re)build.")
@click.option("--semantic/--no-semantic", default=True, show_default=True,
              help="Also embed provisions and cases (builds the embedding model offline the first time).")
@click.option("--type", "kinds", type=click.Choice(["provision", "case", "all"]), default="all", show_default=True,
              help="Which documents to index.")
def index(backend, semantic, kinds):
    """(Re)build the search indexes from the graph."""
    from graph.config import load_settings
    from graph.db import get_graph
    from graph.schema import migrate
    from search.cases import case_documents
    from search.documents import provision_documents

    settings = load_settings()
    graph = get_graph(settings)
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


@main.command()
@click.argument("query")
@click.option("--mode", type=click.Choice(["keyword", "semantic", "hybrid"]), default="hybrid", show_default=True)
@click.option("--as-of", "as_of", help="Prefer the law in force on this date (YYYY-MM-DD; default today).")
@click.option("--type", "kind", type=click.Choice(["provision", "case"]), default="provision", show_default=True,
              help="What to search: provisions of regulations, or case records.")
@click.option("--filter", "-f", "filters", multiple=True, metavar="NAME=VALUE",
              help="Narrow results; repeatable. Provisions: type, year, level, status (in force, amended, "
                   "revoked, not yet in force). Cases: region, election, year, act, sanction (ringan, sedang, "
                   "berat), outcome (proven, not_proven, dismissed, pending).")
@click.option("-k", "k", default=10, show_default=True, type=click.IntRange(1, 100), help="Number of results.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON with each result's score parts.")
def search(query, mode, as_of, kind, filters, k, as_json):
    """Search regulations or cases with a question or a citation.

    \b
    Examples: netra search "PNS ikut kampanye sebagai peserta"
              netra search "pasal 14 huruf i pp disiplin pns" --json
              netra search "kepala desa deklarasi dukungan" --type case -f "region=Kota Padang" -f sanction=sedang
    """
    results = build_engine().search(query, mode=mode, as_of=_parse_day(as_of), k=k, kind=kind,
                                    filters=parse_filters(filters))
    if as_json:
        click.echo(json.dumps([r.to_json() for r in results], indent=2, ensure_ascii=False))
        return
    if not results:
        click.echo("No results.")
    for rank, result in enumerate(results, start=1):
        click.echo(f"{rank:>2}. {_headline(result)}  ({result.score:.4f})\n    {_plain_text(result.snippet)}")


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


@main.command()
@click.argument("case", required=False)
@click.option("--text", help="Describe a case instead of naming one (its citations count as its provisions).")
@click.option("-k", "k", default=10, show_default=True, type=click.IntRange(1, 100), help="Number of results.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON with each result's score parts and reasons.")
def similar(case, text, k, as_json):
    """Past cases like CASE (an id such as c000001, or a register number) or like --text:
    ranked by facts, shared provisions, the same act and the same sanction level.

    \b
    Examples: netra similar c000001
              netra similar --text "camat hadir deklarasi pasangan calon, Pasal 9 ayat (2) UU 5/2014" --json
    """
    from search.precedent import similar_cases

    if bool(case) == bool(text):
        raise NetraError("Give either a CASE or --text, not both and not neither.")
    engine = build_engine()
    results = similar_cases(engine.graph, engine.case_retriever(), case_id=case, text=text, k=k)
    if as_json:
        click.echo(json.dumps([r.to_json() for r in results], indent=2, ensure_ascii=False))
        return
    if not results:
        click.echo("No similar cases.")
    for rank, result in enumerate(results, start=1):
        where = ", ".join(result.summary["regions"])
        click.echo(f"{rank:>2}. {result.citation} ({result.id}) {where}  ({result.score:.3f})\n"
                   f"    {'; '.join(result.reasons)}")


@main.command("eval-search")
@click.argument("queries", type=click.Path(exists=True, dir_okay=False))
@click.option("--modes", default="keyword,semantic,hybrid", show_default=True, help="Comma-separated modes.")
def eval_search(queries, modes):
    """Measure search on a query set (JSON Lines with id, q, gold): Recall@1/5/10, MRR and
    nDCG@10 at Pasal and exact level per mode; also written to bench/results/."""
    from search.evaluate import evaluate, format_report, load_queries

    engine = build_engine()
    wanted = [m.strip() for m in modes.split(",") if m.strip()]
    if engine.semantic is None and any(m != "keyword" for m in wanted):
        click.echo("No embedding model yet: semantic and hybrid modes are skipped.", err=True)
        wanted = [m for m in wanted if m == "keyword"]
    report = evaluate(engine, load_queries(queries), wanted)
    report["query_file"] = Path(queries).name
    report["keyword_backend"] = engine.keyword.name
    click.echo(format_report(report))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"eval-search-{Path(queries).stem}.json"
    out.write_text(json.dumps(report, indent=2) + "\n")
    click.echo(f"Written to {out}.")
