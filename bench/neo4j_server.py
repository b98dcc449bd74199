"""Benchmark the local Neo4j server: first-time fetch, cold start, warm start, idle RSS.

    python -m bench.neo4j_server            # writes bench/results/neo4j-server.json

Runs in temporary directories (a fresh Maven repository too, so the fetch is a real
download from Maven Central) and leaves the user's data and caches alone.
"""

from __future__ import annotations

import json
import platform
import tempfile
import time
from pathlib import Path

from core.config import NEO4J_VERSION, load_settings
from graph.server import LocalServer, fetch_neo4j

RESULTS = Path(__file__).parent / "results" / "neo4j-server.json"
IDLE_SECONDS = 15


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def main() -> dict:
    with tempfile.TemporaryDirectory(prefix="netra-bench-") as scratch:
        scratch = Path(scratch)
        settings = load_settings({"NETRA_HOME": str(scratch / "home"), "NETRA_CACHE": str(scratch / "cache"),
                                  "HOME": str(Path.home())})
        server = LocalServer(settings)

        began = time.monotonic()
        fetch_neo4j(server.lib_dir, progress=print, maven_repo=scratch / "m2")
        fetch_s = time.monotonic() - began
        jars_mib = sum(f.stat().st_size for f in server.lib_dir.iterdir()) / 2**20

        cold = server.start(progress=print)
        time.sleep(IDLE_SECONDS)
        idle_rss = rss_mib(cold.state.pid)
        server.stop()
        warm = server.start(progress=print)
        server.stop()

    results = {
        "neo4j_version": NEO4J_VERSION,
        "machine": {"cpus": __import__("os").cpu_count(), "python": platform.python_version()},
        "heap": settings.neo4j_heap,
        "pagecache": settings.neo4j_pagecache,
        "first_fetch_seconds": round(fetch_s, 1),
        "jars_mib": round(jars_mib, 1),
        "cold_start_to_bolt_ready_seconds": round(cold.seconds, 1),
        "warm_start_to_bolt_ready_seconds": round(warm.seconds, 1),
        f"idle_rss_mib_after_{IDLE_SECONDS}s": round(idle_rss, 1),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
