"""Benchmark: evaluating the alert patterns on `make run`'s data, and the alerts page on a large
store of alerts.

    python -m bench.alerts [--corpus DIR | --cases 2000 --seed 0] [--synthetic 50000] [--requests 50]
                           [--out bench/results/alerts.json]

In a data directory of its own with its own Neo4j (heap 1g, page cache 512m, as `make run`; the
user's graph is untouched): loads a generated corpus (by default 2,000 cases, seed 0: `make run`'s;
`--corpus` a folder written earlier by `netra corpus generate`), which evaluates the alerts once
at its end; then times further evaluations (nothing changed: what every later ingest pays) and each
pattern's read alone. Then it adds `--synthetic` Alert nodes (SYNTHETIC: copies of the real alerts'
evidence under made-up keys, spread over 12 patterns x states and a year of first_seen) and times
the page and the API, in-process with Flask's test client, logged in as a temporary investigator:
the default list, each pattern, each state, pages deep in the list. Last, one evaluation with that store
present (it marks the synthetic alerts resolved: they are never found). Target: page p95 < 300 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote

from bench.load import RESULTS, temporary_account
from bench.pages import TARGET_P95_MS, log_in, measure
from bench.server import bench_server
from graph.alerts import PATTERN_QUERIES, PATTERNS, STATE_FILTERS, alert_id, evaluate_alerts, list_alerts

# Real alerts each synthetic one copies its evidence from, by pattern; states and how many of each.
STATE_WEIGHTS = {"new": 0.6, "seen": 0.2, "dismissed": 0.1, "resolved": 0.1}
EVALUATIONS = 5
WRITE_SYNTHETIC = """
UNWIND $rows AS row
CREATE (a:Alert)
SET a = row
"""
SYNTHETIC_BATCH = 5000


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", help="a corpus written by `netra corpus generate` (default: generate one)")
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--synthetic", type=int, default=50_000, help="Alert nodes to add for the page timings")
    parser.add_argument("--requests", type=int, default=50, help="requests per page")
    parser.add_argument("--out", type=Path, default=RESULTS / "alerts.json")
    args = parser.parse_args(argv)

    # Imported before the long load: the page timings at the end need the whole app.
    from ingest.case_pipeline import ingest_cases
    from web import create_app

    with tempfile.TemporaryDirectory(prefix="netra-bench-alerts-") as home:
        corpus = Path(args.corpus) if args.corpus else _generate(Path(home) / "corpus", args.cases, args.seed)
        manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
        with bench_server(home, heap="1g", pagecache="512m") as bench:
            began = time.monotonic()
            summary = ingest_cases([str(corpus)], bench.graph, show_progress=False)
            ingest_s = time.monotonic() - began
            report = {"created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                      "corpus": {"cases": manifest["cases"], "seed": manifest["seed"], "files": len(summary.outcomes)},
                      "ingest_seconds": round(ingest_s, 1), "load_average_before": _load(),
                      "first_evaluation": summary.alerts.to_json(),
                      "evaluation": _time_evaluations(bench.graph),
                      "pattern_reads_ms": _time_patterns(bench.graph)}
            real = bench.graph.read("MATCH (a:Alert) RETURN count(a) AS n")[0]["n"]
            report["synthetic"] = _add_synthetic(bench.graph, args.synthetic, random.Random(args.seed))
            report["alerts_in_store"] = real + args.synthetic
            app = create_app(bench.settings, rate_limits=False)
            report["pages"] = _time_pages(app, bench.settings, bench.graph, args.requests, random.Random(args.seed))
            began = time.monotonic()
            evaluated = evaluate_alerts(bench.graph)
            report["evaluation_with_store"] = {**evaluated.to_json(),
                                               "wall_seconds": round(time.monotonic() - began, 2)}
            report["load_average_after"] = _load()
    report["target_p95_ms"] = TARGET_P95_MS
    report["cpus"] = os.cpu_count()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    _print(report)
    print(f"Written to {args.out}")
    return report


def _generate(folder: Path, cases: int, seed: int) -> Path:
    from casegen import generate_corpus

    generate_corpus(folder, cases, seed)
    return folder


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _time_evaluations(graph) -> dict:
    """Evaluations after the first: the same findings, nothing new (what each later ingest adds)."""
    seconds = sorted(evaluate_alerts(graph).seconds for _ in range(EVALUATIONS))
    return {"runs": EVALUATIONS, "p50_seconds": seconds[len(seconds) // 2], "max_seconds": seconds[-1],
            "alerts": {pattern: list_alerts(graph, pattern, "all", page_size=1).total for pattern in PATTERNS}}


def _time_patterns(graph) -> dict:
    """Each pattern's read alone (the best of three), ms."""
    params = {"items": 50, "days": 30, "cutoff": (datetime.now(timezone.utc).date() - timedelta(days=30)).isoformat()}
    timings = {}
    for pattern, cypher in PATTERN_QUERIES.items():
        runs = []
        for _ in range(3):
            began = time.perf_counter()
            graph.read(cypher, **params)
            runs.append((time.perf_counter() - began) * 1000)
        timings[pattern] = round(min(runs), 1)
    return timings


def _add_synthetic(graph, count: int, rng: random.Random) -> dict:
    """`count` Alert nodes copying real alerts' evidence and subjects under made-up keys."""
    real = {pattern: [row["a"] for row in graph.read("MATCH (a:Alert {pattern: $p}) RETURN a {.*} AS a LIMIT 200",
                                                     p=pattern)] for pattern in PATTERNS}
    patterns = [pattern for pattern in PATTERNS if real[pattern]]
    states, weights = zip(*STATE_WEIGHTS.items())
    now = datetime.now(timezone.utc)
    began = time.monotonic()
    for start in range(0, count, SYNTHETIC_BATCH):
        rows = []
        for number in range(start, min(count, start + SYNTHETIC_BATCH)):
            pattern = patterns[number % len(patterns)]
            model = rng.choice(real[pattern])
            state = rng.choices(states, weights)[0]
            seen = (now - timedelta(days=rng.uniform(0, 365), seconds=number)).isoformat()
            key = f"synthetic-{number}"
            rows.append({**model, "id": alert_id(pattern, key), "key": key, "state": state, "first_seen": seen,
                         "last_seen": seen, "updated_at": seen, "holds": state != "resolved",
                         "resolved_at": seen if state == "resolved" else None,
                         "reason": "synthetic" if state == "dismissed" else None})
        graph.write(WRITE_SYNTHETIC, rows=rows)
    return {"alerts": count, "seconds": round(time.monotonic() - began, 1),
            "what": "copies of real alerts' evidence and subjects under keys synthetic-N; states drawn "
                    f"{STATE_WEIGHTS}; first_seen spread over the last 365 days"}


def _time_pages(app, settings, graph, requests: int, rng: random.Random) -> dict:
    app.logger.disabled = True
    errors: list[str] = []
    pages = {}
    with temporary_account(str(settings.home), "investigator") as (name, password):
        client = log_in(app.test_client(), name, password)
        cursors = _cursors(graph)
        urls = {
            "alerts (default: open, first page)": ["/alerts"],
            "alerts by pattern": [f"/alerts?pattern={p}" for p in PATTERNS],
            "alerts by state": [f"/alerts?state={s}" for s in STATE_FILTERS],
            "alerts, later pages (state=all)": [f"/alerts?state=all&after={quote(rng.choice(cursors))}"
                                                for _ in range(requests)],
            "api alerts (50 per page, later pages)": [f"/api/v1/alerts?state=all&after={quote(rng.choice(cursors))}"
                                                      for _ in range(requests)],
        }
        for page, found in urls.items():
            for url in found[:3]:  # warm up
                client.get(url)
            chosen = [found[number % len(found)] for number in range(requests)]
            pages[page] = measure(client, chosen, errors)
    return pages


def _cursors(graph) -> list[str]:
    """Where each page of 25 of every alert starts, walking the whole list."""
    cursors, after = [], None
    while True:
        page = list_alerts(graph, None, "all", after, page_size=200)
        cursors += [alert.cursor for alert in page.alerts[24::25]]
        after = page.next
        if after is None:
            return cursors


def _print(report: dict) -> None:
    evaluation = report["evaluation"]
    print(f"{report['corpus']['cases']} cases: alerts {evaluation['alerts']}; evaluation p50 "
          f"{evaluation['p50_seconds']:.2f} s, max {evaluation['max_seconds']:.2f} s; "
          f"pattern reads {report['pattern_reads_ms']} ms")
    print(f"{report['alerts_in_store']} alerts in the store ({report['synthetic']['alerts']} synthetic):")
    for page, row in report["pages"].items():
        print(f"  {page:<34} p50 {row['p50_ms']} ms  p95 {row['p95_ms']} ms  5xx {row['errors_5xx']}")
    print(f"evaluation with the store: {report['evaluation_with_store']['seconds']:.2f} s")


if __name__ == "__main__":
    main()
