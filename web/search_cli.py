"""Commands for search: index, search, eval-search."""

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
    semantic = None
    if model_available(settings):
        semantic = SemanticIndex(graph, load_configured_embedder(settings), settings.embedding_cache)
    return SearchEngine(graph, keyword_index(settings, graph, settings.keyword_backend), semantic)


def keyword_index(settings, graph, backend: str):
    from search.keyword import Neo4jFulltextIndex, WhooshIndex

    if backend == "whoosh":
        return WhooshIndex(settings.whoosh_dir)
    if backend == "neo4j":
        return Neo4jFulltextIndex(graph)
    raise NetraError(f"Unknown keyword backend {backend!r}: use whoosh or neo4j (NETRA_KEYWORD_BACKEND).")


@main.command()
@click.option("--backend", type=click.Choice(["whoosh", "neo4j", "both"]), default="both", show_default=True,
              help="Which keyword index to (re)build.")
@click.option("--semantic/--no-semantic", default=True, show_default=True,
              help="Also embed provisions (builds the embedding model offline the first time).")
def index(backend, semantic):
    """(Re)build the search indexes from the graph."""
    from graph.config import load_settings
    from graph.db import get_graph
    from graph.schema import migrate
    from search.documents import provision_documents

    settings = load_settings()
    graph = get_graph(settings)
    migrate(graph)
    documents = list(provision_documents(graph))
    for name in (["whoosh", "neo4j"] if backend == "both" else [backend]):
        began = time.monotonic()
        count = keyword_index(settings, graph, name).rebuild(documents)
        click.echo(f"{name}: indexed {count} provisions in {time.monotonic() - began:.1f} s.")
    if semantic:
        from search.embedder import load_configured_embedder
        from search.semantic import SemanticIndex

        began = time.monotonic()
        embedder = load_configured_embedder(settings, build=True)
        counts = SemanticIndex(graph, embedder, settings.embedding_cache).rebuild(documents)
        click.echo(f"semantic ({embedder.name}): {counts['embedded']} embedded, {counts['from_cache']} from cache, "
                   f"{counts['unchanged']} unchanged, in {time.monotonic() - began:.1f} s.")


@main.command()
@click.argument("query")
@click.option("--mode", type=click.Choice(["keyword", "semantic", "hybrid"]), default="hybrid", show_default=True)
@click.option("--as-of", "as_of", help="Prefer the law in force on this date (YYYY-MM-DD; default today).")
@click.option("--type", "kind", type=click.Choice(["provision"]), default="provision", show_default=True,
              help="What to search (cases arrive with the case records).")
@click.option("-k", "k", default=10, show_default=True, type=click.IntRange(1, 100), help="Number of results.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON with each result's score parts.")
def search(query, mode, as_of, kind, k, as_json):
    """Search regulations with a question or a citation.

    \b
    Examples: netra search "PNS ikut kampanye sebagai peserta"
              netra search "pasal 14 huruf i pp disiplin pns" --json
    """
    results = build_engine().search(query, mode=mode, as_of=_parse_day(as_of), k=k)
    if as_json:
        click.echo(json.dumps([r.to_json() for r in results], indent=2, ensure_ascii=False))
        return
    if not results:
        click.echo("No results.")
    for rank, result in enumerate(results, start=1):
        flag = f" [{result.status}{': ' + result.note if result.note else ''}]" if result.status != "in force" else ""
        snippet = html.unescape(re.sub(r"</?mark[^>]*>", "", result.snippet))
        click.echo(f"{rank:>2}. {result.citation}{flag}  ({result.score:.4f})\n    {snippet}")


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
