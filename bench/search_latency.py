"""Benchmark: search latency on the core regulations plus generated cases, in a fresh local Neo4j.

    python -m bench.search_latency [--cases 2000] [--queries 200] [--model DIR] [--cache FILE]
                                   [--corpus PATH] [--no-semantic] [--out NAME.json]
    python -m bench.search_latency --existing --out search-latency-make-run.json

With --existing it measures the data `make run` loaded (the core corpus and its 2,000 cases, in
NETRA_HOME) and loads nothing. Hybrid search over provisions also times the conduct bundle a
search page adds (search/conduct.py).

Loads ../shared/corpus/core and N generated cases (seed 0), builds both keyword indexes and,
when the embedding model loads, the semantic indexes; then runs the same queries in each mode,
warm (after 10 other queries) but with every query embedded afresh: keyword-whoosh,
keyword-neo4j, semantic, hybrid (whoosh + semantic) over provisions, and hybrid over cases.
Writes bench/results/search-latency.json: p50/p95/max per mode, where each mode's time goes,
index build times, embedding throughput, peak RSS. Queries are made from the dev query texts
and from provisions' own words (their first words, as someone quoting them would).

`--cache` names an embedding cache to read and add to (e.g. /tmp/devhome/index/embeddings.sqlite):
vectors are keyed by model and text hash, so sharing one is safe, only texts it lacks are
embedded, and an interrupted build resumes where it stopped when run again. Without it the
bench's temporary data directory has its own. The user's graph is untouched.

The whole archive, keyword modes only:
    python -m bench.search_latency --corpus ../shared/corpus/peraturan-md.tar.gz --cases 0 \
        --no-semantic --out search-latency-archive.json
and with semantic search (its ~497k provisions take hours to embed on a small CPU, fewer in
bfloat16 on a CPU with AMX: give it a cache that outlives the run, and run it again if it is
stopped):
    python -m bench.search_latency --corpus ../shared/corpus/peraturan-md.tar.gz --cases 0 \
        --cache ~/netra-archive-embeddings.sqlite --out search-latency-archive-semantic.json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path

from bench.server import bench_server
from core.config import REPO_ROOT
from graph.db import Graph

RESULTS = Path(__file__).parent / "results"
CORE = REPO_ROOT.parent / "shared" / "corpus" / "core"
DEV_QUERIES = REPO_ROOT.parent / "shared" / "eval" / "dev-queries.jsonl"
DEV_FACTS = REPO_ROOT.parent / "shared" / "eval" / "dev-facts.jsonl"
WARM_UP = 10
TARGET_HYBRID_P95_MS = 150


class Timed:
    """Wraps one method of an object and adds up the time spent in it (where hybrid's time goes)."""

    def __init__(self, target, method: str):
        self.seconds, self.calls = 0.0, 0
        original = getattr(target, method)

        def timed(*args, **kwargs):
            began = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - began
                self.calls += 1

        setattr(target, method, timed)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=2000, help="generated cases to load (seed 0)")
    parser.add_argument("--queries", type=int, default=200, help="timed queries per mode")
    parser.add_argument("--model", help="embedding model folder (default: the one built under the bench home)")
    parser.add_argument("--cache", help="an embedding cache to read and add to, kept after the run")
    parser.add_argument("--corpus", default=str(CORE), help="regulations to load (folder or .tar.gz; default: core)")
    parser.add_argument("--no-semantic", action="store_true", help="keyword modes only: no embedding")
    parser.add_argument("--out", default="search-latency.json", help="file name under bench/results/")
    parser.add_argument("--existing", action="store_true",
                        help="measure on the data `make run` loaded (NETRA_HOME, its server started): nothing is "
                             "loaded or built, --cases and --corpus are ignored")
    args = parser.parse_args(argv)

    if args.existing:
        results = _run_existing(args)
    else:
        model = {"NETRA_EMBEDDING_MODEL": args.model} if args.model else {}
        with (tempfile.TemporaryDirectory(prefix="netra-bench-search-") as home,
              bench_server(home, heap="2g", pagecache="1g", **model) as bench):
            results = _run(bench.settings, bench.graph, home, args)
        results["peak_rss_mib_neo4j"] = round(bench.memory.peak_mib, 1)
    results["peak_rss_mib_python"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    results["load_average_1min_after"] = round(os.getloadavg()[0], 2)
    results["measured_at"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / args.out).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(results, indent=2, ensure_ascii=False))
    return results


def _run(settings, graph: Graph, home: str, args) -> dict:
    from ingest.case_pipeline import ingest_cases
    from casegen import generate_corpus
    from ingest.regulation_pipeline import ingest
    from search.cases import case_documents
    from search.provisions import provision_documents

    results: dict = {"load_average_1min_before": round(os.getloadavg()[0], 2), "corpus": args.corpus,
                     "cases_requested": args.cases}
    began = time.monotonic()
    ingest([args.corpus], graph, show_progress=False)
    results["regulations_ingest_seconds"] = round(time.monotonic() - began, 1)
    if args.cases:
        began = time.monotonic()
        cases_dir = Path(home) / "cases"
        generate_corpus(cases_dir, args.cases, 0)
        ingest_cases([str(cases_dir)], graph, show_progress=False)
        results["case_ingest_seconds"] = round(time.monotonic() - began, 1)

    began = time.monotonic()
    documents = {"provision": list(provision_documents(graph)), "case": case_documents(graph)}
    results["documents"] = {kind: len(docs) for kind, docs in documents.items()}
    results["documents_read_seconds"] = round(time.monotonic() - began, 1)
    keyword = _build_keyword(settings, graph, documents, results)
    semantic = {} if args.no_semantic else _build_semantic(settings, graph, documents, results, args.cache)

    _measure_queries(results, graph, keyword, semantic, documents["provision"], args.queries)
    return results


def _run_existing(args) -> dict:
    """The same queries on the graph and indexes of the configured data directory."""
    from core.config import load_settings
    from search.embedder import load_configured_embedder
    from search.factory import keyword_index
    from search.provisions import provision_documents
    from search.semantic import SemanticIndex

    settings = load_settings()
    graph = Graph.open(settings)
    results: dict = {"load_average_1min_before": round(os.getloadavg()[0], 2), "data": "make run's (NETRA_HOME)"}
    keyword = {(backend, kind): keyword_index(settings, graph, backend, kind)
               for backend in ("whoosh", "neo4j") for kind in ("provision", "case")}
    semantic = {}
    if not args.no_semantic:
        embedder = load_configured_embedder(settings)
        semantic = {kind: SemanticIndex(graph, embedder, settings.embedding_cache, kind=kind)
                    for kind in ("provision", "case")}
        results["model"] = embedder.name
    provisions = list(provision_documents(graph))
    results["documents"] = {"provision": len(provisions)}
    _measure_queries(results, graph, keyword, semantic, provisions, args.queries)
    graph.close()
    return results


def _measure_queries(results: dict, graph: Graph, keyword: dict, semantic: dict, provisions: list, count: int) -> None:
    """Every mode on `count` queries (after the warm-up ones) into `results`, and the hybrid target met or not."""
    queries = _queries(provisions, count + WARM_UP)
    results["queries"] = {"count": count, "warm_up": WARM_UP, "sample": queries[:5]}
    results["modes"] = _measure(graph, keyword, semantic, queries[:count], queries[count:])
    hybrid = results["modes"].get("hybrid")
    if hybrid:
        results["hybrid_p95_target_ms"] = TARGET_HYBRID_P95_MS
        results["hybrid_p95_met"] = hybrid["p95_ms"] < TARGET_HYBRID_P95_MS


def _build_keyword(settings, graph: Graph, documents: dict, results: dict) -> dict:
    from search.factory import keyword_index

    indexes, seconds = {}, {}
    for backend in ("whoosh", "neo4j"):
        for kind, docs in documents.items():
            index = keyword_index(settings, graph, backend, kind)
            began = time.monotonic()
            index.rebuild(docs)
            seconds[f"{backend}-{kind}"] = round(time.monotonic() - began, 1)
            indexes[(backend, kind)] = index
    results["keyword_build_seconds"] = seconds
    return indexes


def _build_semantic(settings, graph: Graph, documents: dict, results: dict, cache: str | None) -> dict:
    from core.errors import NetraError
    from search.embedder import load_configured_embedder
    from search.semantic import SemanticIndex

    cache_path = Path(cache).expanduser() if cache else settings.embedding_cache
    try:
        began = time.monotonic()
        embedder = load_configured_embedder(settings, build=True)
        results["model_load_seconds"] = round(time.monotonic() - began, 1)
    except NetraError as exc:
        results["semantic_skipped"] = str(exc)
        return {}
    indexes, builds = {}, {}
    for kind, docs in documents.items():
        index = SemanticIndex(graph, embedder, cache_path, kind=kind)
        began = time.monotonic()
        counts = index.rebuild(docs)  # hours on the whole archive: show how far it is
        seconds = time.monotonic() - began
        builds[kind] = {**counts, "seconds": round(seconds, 1),
                        "passages_per_second": round(counts["embedded"] / seconds, 2) if counts["embedded"] else None}
        indexes[kind] = index
    results["model"] = embedder.name
    results["embedding_precision"] = "bfloat16" if embedder.bfloat16 else "float32"
    results["semantic_build"] = builds
    return indexes


def _queries(provisions: list, count: int) -> list[str]:
    """The dev questions' texts (phrased like the law, then descriptions of conduct), then
    provisions' first words (6 to 12 of them), seeded."""
    texts = [json.loads(line)["q"] for path in (DEV_QUERIES, DEV_FACTS) if path.is_file()
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(0)
    worded = [doc for doc in provisions if len(doc.text.split()) >= 6]
    while len(texts) < count:
        words = rng.choice(worded).text.split()
        texts.append(" ".join(words[: rng.randint(6, 12)]))
    return texts[:count]


def _measure(graph: Graph, keyword: dict, semantic: dict, queries: list[str], warm_up: list[str]) -> dict:
    """Each mode warms up on other questions than those timed, and starts with no question's
    vector cached: every timed question is embedded afresh. Modes named "-researcher" search as
    a researcher does: with the mask (search/masking.py) scrubbing the query and the snippets."""
    from search.engine import SearchEngine
    from search.masking import graph_mask

    setups = {"keyword-whoosh": ("whoosh", "keyword", "provision"), "keyword-neo4j": ("neo4j", "keyword", "provision"),
              "case-keyword": ("whoosh", "keyword", "case"), "case-keyword-researcher": ("whoosh", "keyword", "case")}
    if semantic:
        setups.update({"semantic": ("whoosh", "semantic", "provision"), "hybrid": ("whoosh", "hybrid", "provision"),
                       "case-hybrid": ("whoosh", "hybrid", "case"),
                       "case-hybrid-researcher": ("whoosh", "hybrid", "case")})
    mask = graph_mask(graph)
    modes = {}
    for name, (backend, mode, kind) in setups.items():
        options = {"mode": mode, "kind": kind, **({"mask": mask} if name.endswith("-researcher") else {})}
        engine = SearchEngine(graph, keyword[(backend, "provision")], semantic.get("provision"),
                              keyword[(backend, "case")], semantic.get("case"))
        for query in warm_up:
            engine.search(query, **options)
        for index in semantic.values():
            index.embedder.forget_queries()
        parts = _timers(engine, kind, mode)
        latencies = []
        for query in queries:
            began = time.perf_counter()
            engine.search(query, **options)
            latencies.append((time.perf_counter() - began) * 1000)
        modes[name] = {**_summary(latencies), "time_share_ms_per_query": _shares(parts, len(queries))}
        if name == "hybrid":  # what a search page adds for a question that describes conduct
            modes["conduct-bundle"] = _summary(_bundle_latencies(engine, queries))
    return modes


def _bundle_latencies(engine, queries: list[str]) -> list[float]:
    """What the bundle adds to a search page, which hands it the results it has."""
    from search.conduct import conduct_bundle

    latencies = []
    for query in queries:
        results = engine.search(query, mode="hybrid")
        began = time.perf_counter()
        conduct_bundle(engine, query, results=results)
        latencies.append((time.perf_counter() - began) * 1000)
    return latencies


def _timers(engine, kind: str, mode: str) -> dict[str, Timed]:
    """Timers on the steps of one query: the embedding, the vector query, keyword, citations,
    as-of, marking the words in the snippets. The retrievers (citations, keyword, semantic) run
    side by side, so in hybrid mode the steps add up to more than the latency."""
    semantic = engine.semantic if kind == "provision" else engine.case_semantic
    keyword = engine.keyword if kind == "provision" else engine.case_keyword
    timers = {}
    if mode != "semantic":
        timers.update({"keyword": Timed(keyword, "search"), "highlight": Timed(keyword, "highlights")})
    if mode != "keyword":
        timers.update({"embed_query": Timed(semantic.embedder, "embed_queries"),
                       "semantic_total": Timed(semantic, "search")})
    if kind == "provision":
        timers.update({"citation_fast_path": Timed(engine, "_cited"), "as_of": Timed(engine, "_adjusted")})
        if mode == "hybrid":
            timers["linked"] = Timed(engine, "_linked")
    return timers


def _shares(timers: dict[str, Timed], count: int) -> dict[str, float]:
    shares = {name: round(timer.seconds * 1000 / count, 2) for name, timer in timers.items()}
    if "semantic_total" in shares:
        shares["vector_query"] = round(shares.pop("semantic_total") - shares["embed_query"], 2)
    return shares


def _summary(latencies: list[float]) -> dict:
    ordered = sorted(latencies)
    return {"queries": len(ordered), "p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[max(0, round(0.95 * len(ordered)) - 1)], 1), "max_ms": round(ordered[-1], 1),
            "mean_ms": round(statistics.fmean(ordered), 1)}


if __name__ == "__main__":
    main()
