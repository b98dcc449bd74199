"""Page timings: server time of the search, provision, case, person and trace pages, in-process.

    python -m bench.pages [--home /tmp/devhome] [--requests 50] [--seed 0] [--out bench/results/pages.json]

Renders each page with Flask's test client (no network, no browser: the time the server spends),
logged in through the login form as a temporary investigator account that is removed afterwards,
against the data directory's graph (start it first: `NETRA_HOME=/tmp/devhome netra db start`).
URLs are sampled from the graph with bench.load's sampler (seeded); a few requests per page warm
up first (the first search loads the embedding model). Writes p50/p95/max per page and whether
p95 meets the target (< 300 ms), prints a table; a page that answers 5xx is reported with the
error and measured on the answers that succeeded.
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

from bench.load import RESULTS, _percentile, sample_urls, temporary_account

TARGET_P95_MS = 300
WARM_UP = 3
PAGES = {"search": "search page", "provision": "provision page", "case": "case page", "person": "entity page",
         "trace": "trace page"}


def log_in(client, name: str, password: str):
    form = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    answer = client.post("/login", data={"name": name, "password": password, "csrf_token": token})
    if answer.status_code != 302:
        raise SystemExit(f"Logging in as {name} failed ({answer.status_code}).")
    return client


def measure(client, urls: list[str], errors: list[str]) -> dict:
    latencies, failed = [], []
    for url in urls:
        began = time.perf_counter()
        status = client.get(url).status_code
        elapsed = (time.perf_counter() - began) * 1000
        (failed if status >= 500 else latencies).append(url if status >= 500 else elapsed)
    latencies.sort()
    row = {"requests": len(urls), "errors_5xx": len(failed), "failed_urls": sorted(set(failed))[:3],
           "errors": sorted(set(errors))[:3]}
    if latencies:
        p95 = _percentile(latencies, 95)
        row.update(p50_ms=round(statistics.median(latencies), 1), p95_ms=round(p95, 1),
                   max_ms=round(latencies[-1], 1), target_met=p95 < TARGET_P95_MS)
    else:
        row.update(p50_ms=None, p95_ms=None, max_ms=None, target_met=False)
    return row


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", default="/tmp/devhome", help="data directory (its Neo4j must be running)")
    parser.add_argument("--requests", type=int, default=50, help="requests per page")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=RESULTS / "pages.json")
    args = parser.parse_args(argv)
    from flask import got_request_exception

    from core.config import load_settings
    from web import create_app

    settings = load_settings({**os.environ, "NETRA_HOME": args.home})
    app = create_app(settings, rate_limits=False)
    rng = random.Random(args.seed)
    with app.app_context():
        from web.services import graph

        samples = sample_urls(graph(), rng).urls
    samples["search"] = samples["search page"]
    samples["search (keyword)"] = [f"{url}&mode=keyword" for url in samples["search page"]]
    errors: list[str] = []
    got_request_exception.connect(lambda sender, exception, **extra: errors.append(
        f"{type(exception).__name__}: {exception}"[:300]), app, weak=False)
    app.logger.disabled = True  # errors are kept in the report, not printed as tracebacks
    pages = {}
    with temporary_account(args.home) as (name, password):
        client = log_in(app.test_client(), name, password)
        for page, key in {**PAGES, "search (keyword)": "search (keyword)"}.items():
            urls = samples.get(key, [])
            if not urls:
                pages[page] = {"requests": 0, "note": "no such data in the graph"}
                continue
            for url in urls[:WARM_UP]:
                client.get(url)
            errors.clear()
            pages[page] = measure(client, [rng.choice(urls) for _ in range(args.requests)], errors)
    report = {"created": datetime.now(timezone.utc).isoformat(timespec="seconds"), "home": args.home,
              "requests_per_page": args.requests, "seed": args.seed, "target_p95_ms": TARGET_P95_MS,
              "load_average": [round(x, 2) for x in os.getloadavg()], "pages": pages}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{'page':<18}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'5xx':>6}  p95 < {TARGET_P95_MS} ms")
    for page, row in pages.items():
        verdict = "pass" if row.get("target_met") else "FAIL"
        print(f"{page:<18}{_ms(row.get('p50_ms')):>9}{_ms(row.get('p95_ms')):>9}{_ms(row.get('max_ms')):>9}"
              f"{row.get('errors_5xx', 0):>6}  {verdict}" + (f"  {row['errors'][0]}" if row.get("errors") else ""))
    print(f"Written to {args.out}")
    return report


def _ms(value) -> str:
    return "—" if value is None else f"{value:.0f}"


if __name__ == "__main__":
    main()
