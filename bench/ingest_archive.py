"""Benchmark: ingest the whole regulation archive into a fresh local Neo4j.

    python -m bench.ingest_archive [ARCHIVE] [--limit N]

Writes bench/results/ingest-archive.json (or ingest-archive-<N>.json with --limit):
documents/s, provisions/s, peak RSS of this process and of the server, total time, and
the per-status counts. Runs in a temporary data directory; the user's graph is untouched.
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
from core.config import REPO_ROOT
from ingest.regulation_pipeline import find_documents, ingest_documents

RESULTS = Path(__file__).parent / "results"
DEFAULT_ARCHIVE = REPO_ROOT.parent / "shared" / "corpus" / "peraturan-md.tar.gz"


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", nargs="?", default=str(DEFAULT_ARCHIVE))
    parser.add_argument("--limit", type=int, help="only the first N documents")
    args = parser.parse_args(argv)

    # The whole archive makes a ~2 GiB store: keep it in memory.
    with (tempfile.TemporaryDirectory(prefix="netra-bench-ingest-") as home,
          bench_server(home, heap="2g", pagecache="3g") as bench):
        load_before = os.getloadavg()[0]
        began = time.monotonic()
        documents = list(find_documents([args.archive]))[: args.limit]
        read_s = time.monotonic() - began
        outcomes = ingest_documents(documents, bench.graph).outcomes
        total_s = time.monotonic() - began
        store_mib = bench.server.store_size_bytes() / 2**20

    provisions = sum(o.provisions for o in outcomes)
    statuses = {s: sum(1 for o in outcomes if o.status == s) for s in ("loaded", "unchanged", "skipped", "failed")}
    results = {
        "archive": Path(args.archive).name,
        "documents": len(outcomes),
        **statuses,
        "provisions": provisions,
        "citations_resolved": sum(o.citations_resolved for o in outcomes),
        "citations_unresolved": sum(o.citations_unresolved for o in outcomes),
        "total_seconds": round(total_s, 1),
        "archive_read_seconds": round(read_s, 1),
        "documents_per_second": round(len(outcomes) / total_s, 2),
        "provisions_per_second": round(provisions / total_s, 1),
        "peak_rss_mib_python": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_rss_mib_neo4j": round(bench.memory.peak_mib, 1),
        "store_mib": round(store_mib, 1),
        # Two cores: anything else running (other work, a test suite) slows this down.
        "load_average_1min_before": round(load_before, 2),
        "load_average_1min_after": round(os.getloadavg()[0], 2),
        "failures_sample": [{"path": o.path, "error": o.error} for o in outcomes if o.status == "failed"][:20],
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    name = f"ingest-archive-{args.limit}.json" if args.limit else "ingest-archive.json"
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / name).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps({k: v for k, v in results.items() if k != "failures_sample"}, indent=2))
    return results


if __name__ == "__main__":
    main()
