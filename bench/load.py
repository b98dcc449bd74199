"""Load benchmark: the web app under concurrent clients, on the loopback only, for a fixed time.

    python -m bench.load [--home /tmp/devhome] [--clients 8] [--seconds 30] [--threads 8]
                         [--cookie NAME=VALUE | --user NAME --password PW] [--out bench/results/load.json]

Serves the app with waitress on a free 127.0.0.1 port in a child process (so that the clients'
Python does not compete with the server's for one interpreter lock), against the data directory's
graph (start it first: `NETRA_HOME=/tmp/devhome netra db start`). Each client sends GET requests to
the search, provision, case, entity and trace endpoints (pages and API) with ids sampled from the
graph, until the time is up. Writes per endpoint: requests, 5xx errors, other non-2xx answers,
p50/p95/max latency and throughput. Exits 1 if any answer was a 5xx.

Endpoints that need a login: give `--cookie` or `--user/--password`; without them a temporary
investigator account is added to the data directory for the run and removed
after it. `make_session` is the one place a client's session is made.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

import requests

RESULTS = Path(__file__).parent / "results"
SAMPLES = 200
QUESTIONS = ["pns dilarang kampanye", "hukuman disiplin berat", "netralitas asn pilkada", "pasal 9 ayat 2 uu asn",
             "kepala desa mendukung calon", "pemotongan tunjangan kinerja", "foto bersama pasangan calon",
             "PP 94/2021 pasal 5 huruf n", "sanksi bagi pegawai yang memihak", "UU 10 tahun 2016 pasal 71 ayat 2"]

PROVISION_IDS = "MATCH (p:Provision) RETURN p.id AS id"
CASE_IDS = "MATCH (c:Case) RETURN c.id AS id"
PERSON_IDS = "MATCH (p:Person) RETURN p.id AS id"
# Two people of one case (a path exists); the sample is drawn in Python, bounded by LIMIT.
PAIRS = """
MATCH (a:Person)-[:RESPONDENT_IN]->(c:Case)<-[:RESPONDENT_IN|SUPPORTED*1..2]-(b:Person)
WHERE a <> b RETURN a.id AS a, b.id AS b LIMIT 2000
"""
# The workbench's pages (bench/pages.py): agencies with the most links (the Bawaslu offices an
# investigator opens first, and the slowest entity pages), persons, elections.
HUB_AGENCIES = """
MATCH (a:Agency) RETURN a.id AS id, COUNT { (a)--() } AS links ORDER BY links DESC, id LIMIT $hubs
"""
ELECTION_IDS = "MATCH (e:Election) RETURN e.id AS id"
HUBS = 5


@dataclass
class Samples:
    """URLs per endpoint, drawn from the graph."""

    urls: dict[str, list[str]] = field(default_factory=dict)

    def pick(self, rng: random.Random) -> tuple[str, str]:
        endpoint = rng.choice(sorted(self.urls))
        return endpoint, rng.choice(self.urls[endpoint])


def sample_ids(graph, rng: random.Random, cypher: str) -> list[str]:
    """At most SAMPLES of the ids `cypher` returns, drawn with `rng`."""
    found = [row["id"] for row in graph.read(cypher)]
    return rng.sample(found, min(SAMPLES, len(found)))


def sample_urls(graph, rng: random.Random) -> Samples:
    provisions, cases, persons = (sample_ids(graph, rng, cypher) for cypher in (PROVISION_IDS, CASE_IDS, PERSON_IDS))
    pairs = graph.read(PAIRS)
    pairs = rng.sample(pairs, min(SAMPLES, len(pairs)))
    urls = {
        "search page": [f"/?q={quote(q)}" for q in QUESTIONS],
        "api search": [f"/api/v1/search?q={quote(q)}" for q in QUESTIONS],
        "provision page": [f"/provisions/{p}" for p in provisions],
        "api provision": [f"/api/v1/provisions/{p}" for p in provisions],
        "case page": [f"/cases/{quote(c)}" for c in cases],
        "api case": [f"/api/v1/cases/{quote(c)}" for c in cases],
        "entity page": [f"/entities/{quote(p)}" for p in persons],
        "api entity": [f"/api/v1/entities/{quote(p)}" for p in persons],
        "trace page": [f"/trace?a={quote(p['a'])}&b={quote(p['b'])}" for p in pairs],
        "api trace": [f"/api/v1/trace?a={quote(p['a'])}&b={quote(p['b'])}" for p in pairs],
    }
    return Samples({name: found for name, found in urls.items() if found})


def sample_workbench_urls(graph, rng: random.Random) -> dict[str, list[str]]:
    """URLs of the investigator's workbench (issue #19) and the public pages, by page: the two
    parts a case page loads after it, hub agencies' pages, networks and timelines, persons',
    cases' and elections' timelines, statistics, home, the review queue, alerts, the regulation
    list and the report status form."""
    hubs = [quote(row["id"]) for row in graph.read(HUB_AGENCIES, hubs=HUBS)]
    persons, cases, elections = ([quote(found) for found in sample_ids(graph, rng, cypher)]
                                 for cypher in (PERSON_IDS, CASE_IDS, ELECTION_IDS))
    urls = {
        "home": ["/"],
        "statistics": ["/statistics"],
        "similar cases": [f"/cases/{c}/similar" for c in cases],  # both loaded by the case page after it
        "case suggestions": [f"/cases/{c}/suggestions" for c in cases],
        "entity (hub agency)": [f"/entities/{a}" for a in hubs],
        "network json (hub)": [f"/api/v1/entities/{a}/network" for a in hubs],
        "timeline page (person)": [f"/entities/{p}/timeline" for p in persons],
        "timeline page (agency)": [f"/entities/{a}/timeline" for a in hubs],
        "timeline page (election)": [f"/entities/{e}/timeline" for e in elections],
        "timeline page (case)": [f"/cases/{c}/timeline" for c in cases],
        "timeline json (person)": [f"/api/v1/entities/{p}/timeline" for p in persons],
        "timeline json (agency)": [f"/api/v1/entities/{a}/timeline" for a in hubs],
        "timeline json (election)": [f"/api/v1/entities/{e}/timeline" for e in elections],
        "timeline json (case)": [f"/api/v1/cases/{c}/timeline" for c in cases],
        "review": ["/review"],
        "alerts": ["/alerts"],
        "regulations": ["/regulations"],
        "report status": ["/report/status"],
    }
    return {name: found for name, found in urls.items() if found}


# -- the server -------------------------------------------------------------------------------

def serve(home: str, port: int, threads: int) -> None:
    """The child process: the app without rate limits (all clients share one address)."""
    from waitress import serve as waitress_serve

    from core.config import load_settings
    from web import create_app

    settings = load_settings({**os.environ, "NETRA_HOME": home})
    app = create_app(settings, rate_limits=False)
    waitress_serve(app, host="127.0.0.1", port=port, threads=threads, ident="netra-bench")


@contextmanager
def running_server(home: str, threads: int):
    from graph.server import free_port

    port = free_port()
    # The server's log goes to a file: a pipe nobody reads would fill up with tracebacks and stall it.
    with tempfile.TemporaryFile() as log:
        child = subprocess.Popen([sys.executable, "-m", "bench.load", "--serve", "--home", home, "--port", str(port),
                                  "--threads", str(threads)], stdout=log, stderr=log)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base, child, log)
            yield base
        finally:
            child.terminate()
            child.wait(timeout=15)


def _wait_until_up(base: str, child: subprocess.Popen, log, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if child.poll() is not None:
            log.seek(0)
            raise SystemExit(f"The server stopped: {log.read().decode(errors='replace')[-2000:]}")
        try:
            if requests.get(base + "/healthz", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"The server did not answer on {base} within {timeout:.0f} s.")


# -- clients ----------------------------------------------------------------------------------

def make_session(base: str, cookie: str | None = None, user: str | None = None,
                 password: str | None = None) -> requests.Session:
    """A client's session: with a cookie given as NAME=VALUE, or logged in through the login form."""
    session = requests.Session()
    if cookie:
        name, _, value = cookie.partition("=")
        session.cookies.set(name, value, domain="127.0.0.1")
    elif user:
        form = session.get(base + "/login", timeout=30)
        token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
        answer = session.post(base + "/login", data={"name": user, "password": password or "",
                                                     "csrf_token": token.group(1) if token else ""},
                              allow_redirects=False, timeout=30)
        if answer.status_code not in (302, 303):
            raise SystemExit(f"Logging in as {user} failed ({answer.status_code}).")
    return session


@contextmanager
def temporary_account(home: str, role: str = "investigator"):
    """(name, password) of an account of `role` that exists for the run."""
    from web.accounts import Accounts

    accounts = Accounts(Path(home) / "accounts.sqlite")
    name, password = f"bench-{secrets.token_hex(4)}", secrets.token_urlsafe(24)
    accounts.add(name, password, role)
    try:
        yield name, password
    finally:
        accounts.remove(name)


def client(base: str, samples: Samples, deadline: float, seed: int, login: dict, timings: list) -> None:
    rng = random.Random(seed)
    session = make_session(base, **login)
    while time.monotonic() < deadline:
        endpoint, url = samples.pick(rng)
        began = time.perf_counter()
        try:
            status = session.get(base + url, timeout=60).status_code
        except requests.RequestException:
            status = 599  # no answer: counted with the server errors
        timings.append((endpoint, status, time.perf_counter() - began, url))


def warm_up(base: str, samples: Samples, login: dict) -> None:
    """One request per endpoint before the clock starts: the first search loads the embedding model."""
    session = make_session(base, **login)
    for urls in samples.urls.values():
        session.get(base + urls[0], timeout=300)


def run(base: str, samples: Samples, clients: int, seconds: float, login: dict) -> tuple[list, float]:
    timings: list = []  # list.append is atomic: the clients share it
    deadline = time.monotonic() + seconds
    began = time.monotonic()
    workers = [threading.Thread(target=client, args=(base, samples, deadline, seed, login, timings))
               for seed in range(clients)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return timings, time.monotonic() - began


def summarise(timings: list, elapsed: float) -> dict:
    by_endpoint = defaultdict(list)
    for endpoint, status, seconds, url in timings:
        by_endpoint[endpoint].append((status, seconds, url))
    by_endpoint["all"] = [(status, seconds, url) for _, status, seconds, url in timings]
    return {endpoint: _stats(rows, elapsed) for endpoint, rows in sorted(by_endpoint.items())}


def _stats(rows: list, elapsed: float) -> dict:
    latencies = sorted(seconds * 1000 for _, seconds, _ in rows)
    failed = sorted({url for status, _, url in rows if status >= 500})
    return {"requests": len(rows), "errors_5xx": sum(status >= 500 for status, _, _ in rows),
            "other_non_2xx": sum(300 <= status < 500 for status, _, _ in rows), "failed_urls": failed[:5],
            "p50_ms": round(statistics.median(latencies), 1), "p95_ms": round(_percentile(latencies, 95), 1),
            "max_ms": round(latencies[-1], 1), "per_second": round(len(rows) / elapsed, 2)}


def _percentile(ordered: list[float], percent: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * percent / 100))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", default="/tmp/devhome", help="data directory (its Neo4j must be running)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--threads", type=int, default=8, help="waitress worker threads")
    parser.add_argument("--cookie", help="session cookie NAME=VALUE for every client")
    parser.add_argument("--user", help="log every client in as this user")
    parser.add_argument("--password")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=RESULTS / "load.json")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)  # the child process
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.home, args.port, args.threads)
        return
    if not 1 <= args.clients <= 64 or not 1 <= args.seconds <= 600:
        raise SystemExit("Keep it bounded: 1-64 clients, 1-600 seconds.")
    from core.config import load_settings
    from graph.db import Graph

    with Graph.open(load_settings({**os.environ, "NETRA_HOME": args.home})) as graph:
        samples = sample_urls(graph, random.Random(args.seed))
    with _login(args) as login, running_server(args.home, args.threads) as base:
        warm_up(base, samples, login)
        timings, elapsed = run(base, samples, args.clients, args.seconds, login)
    report = {"created": datetime.now(timezone.utc).isoformat(timespec="seconds"), "home": args.home,
              "clients": args.clients, "seconds": round(elapsed, 1), "server_threads": args.threads,
              "load_average": os.getloadavg(), "sampled_urls": {k: len(v) for k, v in samples.urls.items()},
              "endpoints": summarise(timings, elapsed)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report["endpoints"], indent=2))
    errors = report["endpoints"]["all"]["errors_5xx"]
    if errors:
        raise SystemExit(f"{errors} answers were server errors (5xx); see {args.out}.")


@contextmanager
def _login(args):
    """The keyword arguments of make_session: what was given, else a temporary account."""
    if args.cookie or args.user:
        yield {"cookie": args.cookie, "user": args.user, "password": args.password}
        return
    with temporary_account(args.home) as account:
        yield {"user": account[0], "password": account[1]}


if __name__ == "__main__":
    main()
