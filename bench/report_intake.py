"""Report intake latency: server time of `POST /report` with a store that already holds many reports.

    python -m bench.report_intake [--home DIR] [--reports 100000] [--requests 300] [--out bench/results/report-intake.json]

Sends the public report form through Flask's test client (no network: the time the server spends),
as a browser does: GET /report for the CSRF token, then POST /report with a 10,000-character
description and a small text file, on one session (rate limits off, as for every benchmark).
Before measuring, the data directory is filled with `--reports` queued reports written directly
(folders, report.json, the case document, the unprocessed marker) and as many tasks on the huey
queue (one SQLite transaction), so that the store and the queue are those of a busy deployment.

The request touches no graph (web/jobs.py: the worker does): the benchmark runs with no Neo4j
configured at all, checks that the app never opened its graph, and says so in the result. So the
size of the graph does not enter these figures; what does is the intake folder and the queue file.

Writes p50/p95/max, whether p95 meets the target (< 300 ms), the store's size before and after,
and the machine's load; prints a summary.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import re
import statistics
import tempfile
import time
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

from bench.load import RESULTS, _percentile
from core.config import load_settings

TARGET_P95_MS = 300
WARM_UP = 10
DESCRIPTION_CHARS = 10_000


def _settings(home: Path):
    """This data directory only, no database (NEO4J_URI names a closed port: were the request to
    open the graph, it would fail), per-user files (the audit key) inside it too."""
    return load_settings({"NETRA_HOME": str(home), "NEO4J_URI": "neo4j://127.0.0.1:9",
                          "NEO4J_PASSWORD": "no-database-is-used", "XDG_CONFIG_HOME": str(home / "config"),
                          "HOME": str(home)})


def fill(home: Path, count: int) -> int:
    """Make the store hold `count` queued reports (written directly, not through the form); how many
    were added."""
    from web.intake import Intake, Report
    from web.jobs import ReportQueue

    intake = Intake(home / "intake")
    intake.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    have = sum(1 for _ in (intake.folder / "unprocessed").iterdir()) if (intake.folder / "unprocessed").is_dir() else 0
    missing = max(0, count - have)
    if not missing:
        return 0
    settings = _settings(home)
    queue = ReportQueue(settings)
    text = "Seorang kepala dinas terlihat menghadiri kampanye pasangan calon. " * 20
    ids = []
    for number in range(missing):
        report = Report(id=f"r20241003-{have + number:08x}", submitted_at="2024-10-03T08:00:00+00:00",
                        what=text, who=f"Orang Fiktif {number}", where="Kota Solok")
        folder = intake.folder / report.id
        (folder / "evidence").mkdir(parents=True, mode=0o700)
        (folder / "report.json").write_text(json.dumps(asdict(report), ensure_ascii=False), encoding="utf-8")
        intake.document_path(report).write_text(report.document_text(), encoding="utf-8")
        intake.mark_unprocessed(report.id)
        ids.append(report.id)
    # The queue's own message for each task, written in one transaction (enqueueing them one by
    # one commits 100,000 times).
    messages = [queue.huey.serialize_task(queue.task.s(report_id)) for report_id in ids]
    storage = queue.huey.storage
    with storage.db(commit=True) as cursor:
        cursor.executemany("insert into task (queue, data, priority) values (?, ?, ?)",
                           [(storage.name, storage.to_blob(message), 0) for message in messages])
    queue.close()
    return missing


def measure(home: Path, requests: int) -> dict:
    from web import create_app

    settings = _settings(home)
    app = create_app(settings, rate_limits=False)
    client = app.test_client()
    description = ("Pada 3 Oktober 2024 Kepala Dinas Pendidikan Kota Solok menghadiri deklarasi pasangan calon "
                   "nomor urut 2 dan mengunggah fotonya. ") * 200
    description = description[:DESCRIPTION_CHARS]
    evidence = ("Catatan saksi: acara dimulai pukul 19.00 di lapangan kecamatan.\n" * 20).encode()
    latencies, statuses = [], {}
    for number in range(WARM_UP + requests):
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/report").get_data(as_text=True)).group(1)
        began = time.perf_counter()
        response = client.post("/report", content_type="multipart/form-data", data={
            "csrf_token": token, "what": description, "who": "Kurniawan Fiktifsyah, Kadisdik Kota Solok",
            "where": "Kota Solok", "when": "2024-10-03", "links": "https://example.org/post/1",
            "evidence": [(io.BytesIO(evidence), "catatan.txt")]})
        elapsed = (time.perf_counter() - began) * 1000
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if number >= WARM_UP and response.status_code == 201:
            latencies.append(elapsed)
    graph_opened = app.extensions["netra"]._graph is not None
    queued = len(app.extensions["netra"].queue)
    app.extensions["netra"].close()
    latencies.sort()
    p95 = _percentile(latencies, 95) if latencies else None
    return {"requests": requests, "statuses": {str(k): v for k, v in sorted(statuses.items())},
            "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
            "p95_ms": round(p95, 1) if p95 is not None else None,
            "max_ms": round(latencies[-1], 1) if latencies else None,
            "target_met": p95 is not None and p95 < TARGET_P95_MS,
            "graph_opened_by_requests": graph_opened, "queue_length_after": queued}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, help="Data directory to fill and measure (default: a temporary one).")
    parser.add_argument("--reports", type=int, default=100_000, help="Queued reports in the store before measuring.")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--out", type=Path, default=RESULTS / "report-intake.json")
    args = parser.parse_args()
    scratch = None
    if args.home is None:
        scratch = tempfile.TemporaryDirectory(prefix="netra-report-intake-")
        args.home = Path(scratch.name)
    home = args.home.resolve()
    began = time.monotonic()
    added = fill(home, args.reports)
    fill_seconds = time.monotonic() - began
    print(f"Store: {args.reports} queued reports ({added} written in {fill_seconds:.0f} s).")
    result = measure(home, args.requests)
    import huey

    report = {
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "command": f"python -m bench.report_intake --reports {args.reports} --requests {args.requests}",
        "target_p95_ms": TARGET_P95_MS,
        "request": {"description_chars": DESCRIPTION_CHARS, "evidence": "one text file of 1,280 bytes",
                    "through": "Flask test client, CSRF token from GET /report, rate limits off"},
        "store_before": {"queued_reports": args.reports, "queue": f"huey {huey.__version__} SqliteHuey, one file"},
        "graph": ("none: no Neo4j is running or reachable for this benchmark (NEO4J_URI points at a closed "
                  "port) and the app never opened its graph; POST /report touches no graph, so the graph's "
                  "size (2,000 or 100,000 cases) does not enter the request"),
        **result,
        "machine": {"cpus": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()],
                    "python": platform.python_version(), "platform": platform.platform()},
    }
    if result["graph_opened_by_requests"]:
        raise SystemExit("POST /report opened the graph: the request must not touch it.")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"POST /report: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, max {result['max_ms']} ms over "
          f"{args.requests} requests ({'meets' if result['target_met'] else 'misses'} p95 < {TARGET_P95_MS} ms); "
          f"statuses {result['statuses']}; queue {result['queue_length_after']} after. Wrote {args.out}.")
    if scratch is not None:
        scratch.cleanup()


if __name__ == "__main__":
    main()
