"""Benchmark: generate N fictional cases and ingest them into a fresh local Neo4j.

    python -m bench.ingest_cases [--cases N] [--seed S] [--corpus DIR]

Writes bench/results/ingest-cases-N.json: files/s and cases/s, the time spent generating,
ingesting (extraction and writes) and resolving persons, peak RSS of this process and of the
server, total time and the load average before and after. Runs in a temporary data directory;
the user's graph is untouched.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from pathlib import Path

from bench.server import bench_server
from graph.schema import counts
from ingest.case_pipeline import ingest_cases
from casegen import generate_corpus

RESULTS = Path(__file__).parent / "results"
# 100,000 cases make a graph of ~10 million nodes: more than the 1g/512m that serve 10,000.
SERVER_HEAP, SERVER_PAGECACHE = "2g", "1g"


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", help="a corpus written earlier by `netra corpus generate` (its manifest gives "
                                         "cases and seed), instead of generating one")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="netra-bench-cases-") as home:
        began = time.monotonic()
        if args.corpus:
            corpus = Path(args.corpus)
            manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
            args.cases, args.seed, generate_s = manifest["cases"], manifest["seed"], None
        else:
            corpus = Path(home) / "corpus"
            generate_corpus(corpus, args.cases, args.seed)
            generate_s = round(time.monotonic() - began, 1)
        with bench_server(home, heap=SERVER_HEAP, pagecache=SERVER_PAGECACHE) as bench:
            load_before = os.getloadavg()[0]
            began = time.monotonic()
            summary = ingest_cases([str(corpus)], bench.graph)  # a progress bar: 100,000 cases take hours
            total_s = time.monotonic() - began
            numbers = counts(bench.graph)

    totals = summary.totals
    resolution = summary.resolution
    results = {
        "cases_generated": args.cases,
        "seed": args.seed,
        "files": totals["files"],
        **{status: totals[status] for status in ("loaded", "unchanged", "skipped", "failed")},
        "case_records": totals["cases"],
        "person_mentions": totals["persons"],
        "persons_resolved": resolution.persons if resolution else None,
        **({f"resolution_{name}": getattr(resolution, name) for name in ("merges", "review", "distinct")}
           if resolution else {}),
        "server_heap": SERVER_HEAP, "server_pagecache": SERVER_PAGECACHE,
        "nodes": numbers["nodes"],
        "relationships": numbers["relationships"],
        "generate_seconds": generate_s,  # None: generated earlier (--corpus)
        "ingest_seconds": round(total_s, 1),  # extraction, writes and person resolution
        "resolve_seconds": round(summary.resolve_seconds, 1),
        "files_per_second": round(totals["files"] / total_s, 2),
        "cases_per_second": round(args.cases / total_s, 2),
        "peak_rss_mib_python": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_rss_mib_neo4j": round(bench.memory.peak_mib, 1),
        # Two cores: anything else running (other work, a test suite) slows this down.
        "load_average_1min_before": round(load_before, 2),
        "load_average_1min_after": round(os.getloadavg()[0], 2),
        "failures_sample": [{"path": o.path, "error": o.error} for o in summary.outcomes if o.status == "failed"][:20],
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"ingest-cases-{args.cases}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps({k: v for k, v in results.items() if k != "failures_sample"}, indent=2))
    return results


if __name__ == "__main__":
    main()
