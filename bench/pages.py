"""Page timings: server time of each page a user meets, in-process, on `make run`'s data.

    python -m bench.pages [--home DIR] [--role admin] [--requests 50] [--seed 0] [--out bench/results/pages.json]

Renders each page with Flask's test client (no network, no browser: the time the server spends),
logged in through the login form as a temporary account of `--role` (by default admin, the role
of `make run`'s demo user: what a user trying Netra meets) that is removed afterwards, against the
data directory's graph (by default the one `make run` uses, NETRA_HOME or .netra; its Neo4j must be
running: `netra db start`). URLs are sampled from the graph with bench.load's samplers (seeded):
search, provision, case and person pages, the suggested provisions and similar cases a case page
loads after it, a hub agency's page, network and timeline, timelines of persons, cases and
elections, statistics, home, trace, and the workbench's review queue, alerts, regulation list and
report status form. A page whose first answer is not a success (a route not built yet answers
404) is skipped with a note.

Each page is warmed up on a few URLs first (the first search loads the embedding model), then
measured on distinct sampled URLs not used in the warm-up where there are enough, so that no
answer comes from a cache the same URL filled a moment before. Writes p50/p95/max per page and
whether p95 meets the target (< 300 ms), prints a table; answers that are not successes are
counted apart (5xx with their errors) and not timed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import time
from datetime import datetime, timezone
from pathlib import Path

from bench.load import RESULTS, _percentile, sample_urls, sample_workbench_urls, temporary_account

TARGET_P95_MS = 300
WARM_UP = 3
# Page name -> bench.load's sample, in the order of the table.
LOAD_SAMPLES = {"search": "search page", "search (keyword)": "search (keyword)", "provision": "provision page",
                "case": "case page", "entity (person)": "entity page", "trace": "trace page"}
NODE_COUNTS = "MATCH (n) WHERE n:Case OR n:Person OR n:Agency OR n:Provision RETURN labels(n)[0] AS label, count(*) AS n"


def log_in(client, name: str, password: str):
    form = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    answer = client.post("/login", data={"name": name, "password": password, "csrf_token": token})
    if answer.status_code != 302:
        raise SystemExit(f"Logging in as {name} failed ({answer.status_code}).")
    return client


def page_urls(graph, rng: random.Random) -> dict[str, list[str]]:
    """Page name -> sampled URLs."""
    samples = sample_urls(graph, rng).urls
    samples["search (keyword)"] = [f"{url}&mode=keyword" for url in samples.get("search page", [])]
    pages = {page: samples.get(key, []) for page, key in LOAD_SAMPLES.items()}
    return {**pages, **sample_workbench_urls(graph, rng)}


def measure_page(client, urls: list[str], requests: int, rng: random.Random, errors: list[str]) -> dict:
    """Warm up on the first URLs, skip the page if its first answer is not a success, then time
    `requests` answers on the other URLs (each once while they last)."""
    warm, rest = urls[:WARM_UP], urls[WARM_UP:] or urls
    first = client.get(warm[0]).status_code
    if first >= 300:
        return {"requests": 0, "skipped": True,
                "note": f"{warm[0]} answered {first}: not built yet, or no such data" if first == 404
                else f"{warm[0]} answered {first}"}
    for url in warm[1:]:
        client.get(url)
    errors.clear()
    chosen = rng.sample(rest, len(rest)) if len(rest) >= requests else [rng.choice(rest) for _ in range(requests)]
    return measure(client, chosen[:requests], errors)


def measure(client, urls: list[str], errors: list[str]) -> dict:
    latencies, failed, other = [], [], []
    for url in urls:
        began = time.perf_counter()
        status = client.get(url).status_code
        elapsed = (time.perf_counter() - began) * 1000
        if status >= 500:
            failed.append(url)
        elif status >= 300:
            other.append(url)
        else:
            latencies.append(elapsed)
    latencies.sort()
    row = {"requests": len(urls), "distinct_urls": len(set(urls)), "errors_5xx": len(failed),
           "other_non_2xx": len(other), "failed_urls": sorted(set(failed + other))[:3], "errors": sorted(set(errors))[:3]}
    if latencies:
        p95 = _percentile(latencies, 95)
        row.update(p50_ms=round(statistics.median(latencies), 1), p95_ms=round(p95, 1),
                   max_ms=round(latencies[-1], 1), target_met=p95 < TARGET_P95_MS)
    else:
        row.update(p50_ms=None, p95_ms=None, max_ms=None, target_met=False)
    return row


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", help="data directory, its Neo4j running (default: make run's, NETRA_HOME or .netra)")
    parser.add_argument("--role", default="admin", choices=("researcher", "investigator", "admin"),
                        help="the role of the account the pages are asked as (default: make run's demo user's)")
    parser.add_argument("--requests", type=int, default=50, help="requests per page")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", help="measure only the pages whose names contain this text")
    parser.add_argument("--out", type=Path, default=RESULTS / "pages.json")
    args = parser.parse_args(argv)
    from flask import got_request_exception

    from core.config import load_settings
    from web import create_app

    settings = load_settings({**os.environ, "NETRA_HOME": args.home} if args.home else None)
    app = create_app(settings, rate_limits=False)
    rng = random.Random(args.seed)
    with app.app_context():
        from web.services import graph

        urls = page_urls(graph(), rng)
        data = {row["label"]: row["n"] for row in graph().read(NODE_COUNTS)}
    if args.only:
        urls = {page: found for page, found in urls.items() if args.only in page}
    errors: list[str] = []
    got_request_exception.connect(lambda sender, exception, **extra: errors.append(
        f"{type(exception).__name__}: {exception}"[:300]), app, weak=False)
    app.logger.disabled = True  # errors are kept in the report, not printed as tracebacks
    pages = {}
    load_before = os.getloadavg()
    with temporary_account(str(settings.home), args.role) as (name, password):
        client = log_in(app.test_client(), name, password)
        for page, found in urls.items():
            pages[page] = (measure_page(client, found, args.requests, rng, errors) if found
                           else {"requests": 0, "skipped": True, "note": "no such data in the graph"})
    report = {"created": datetime.now(timezone.utc).isoformat(timespec="seconds"), "home": str(settings.home),
              "role": args.role, "graph": data, "requests_per_page": args.requests, "seed": args.seed,
              "target_p95_ms": TARGET_P95_MS, "load_average_before": [round(x, 2) for x in load_before],
              "load_average_after": [round(x, 2) for x in os.getloadavg()], "cpus": os.cpu_count(), "pages": pages}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_table(report)
    print(f"Written to {args.out}")
    return report


def print_table(report: dict) -> None:
    print(f"{report['home']} ({', '.join(f'{n} {label}' for label, n in sorted(report['graph'].items()))}), "
          f"as {report['role']}, load average {report['load_average_before'][0]:.1f}")
    print(f"{'page':<26}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}{'5xx':>5}  p95 < {report['target_p95_ms']} ms")
    for page, row in report["pages"].items():
        if row.get("skipped"):
            print(f"{page:<26}{'':>29}  skipped: {row['note']}")
            continue
        verdict = "pass" if row.get("target_met") else "FAIL"
        print(f"{page:<26}{_ms(row.get('p50_ms')):>8}{_ms(row.get('p95_ms')):>8}{_ms(row.get('max_ms')):>8}"
              f"{row.get('errors_5xx', 0):>5}  {verdict}" + (f"  {row['errors'][0]}" if row.get("errors") else ""))


def _ms(value) -> str:
    return "—" if value is None else f"{value:.0f}"


if __name__ == "__main__":
    main()
