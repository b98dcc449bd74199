"""The review queue at the scale of 100,000 cases, on a synthetic graph: /review and GET
/api/v1/review, page 1, a deep page and filtered pages, as a logged-in investigator.

    python -m bench.review_queue [--cases 100000] [--requests 30] [--keep DIR] [--out bench/results/review-queue.json]

Loading 100,000 generated cases takes 2.5 hours (bench/results/ingest-cases-100000.json), so this
builds a graph of the same shape directly, with batched parameterised Cypher, in a throwaway data
directory with its own Neo4j (started and stopped here; `--keep DIR` keeps it, and a later run
with the same DIR ranks and measures it again without building): as many cases, persons and review pairs
as that run had (100,000 cases, 43,547 persons, 219,814 pairs), the generator's 19 regions and
province and its elections (Pilkada 2020 in 14 regions, Pilkada 2024 in all, Pemilu 2024), every
case in one region and election, each pair's two mentions in two cases with an evidence sentence
and a document, persons of very different sizes (a few named in thousands of cases, as
candidates are) with typed links between them. It then ranks the queue with the function
resolution runs (graph.entities.file_review_queue, timed) and renders the pages in-process with
Flask's test client (the server's time, as bench/pages.py measures), logged in through the form.

The deep page is reached as the page's own links reach it, with the cursor of the page before
(`after`); `page=N` without a cursor skips N x 50 entries and is timed too.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

from bench.load import RESULTS, temporary_account
from bench.pages import TARGET_P95_MS, log_in, measure

CASES, PERSONS, PAIRS = 100_000, 43_547, 219_814  # bench/results/ingest-cases-100000.json
REGIONS = ["Kabupaten Pesisir Selatan", "Kabupaten Solok", "Kabupaten Sijunjung", "Kabupaten Tanah Datar",
           "Kabupaten Padang Pariaman", "Kabupaten Agam", "Kabupaten Lima Puluh Kota", "Kabupaten Pasaman",
           "Kabupaten Kepulauan Mentawai", "Kabupaten Dharmasraya", "Kabupaten Solok Selatan",
           "Kabupaten Pasaman Barat", "Kota Padang", "Kota Solok", "Kota Sawahlunto", "Kota Padang Panjang",
           "Kota Bukittinggi", "Kota Payakumbuh", "Kota Pariaman", "Provinsi Sumatera Barat"]
PILKADA_2020 = REGIONS[:12] + ["Kota Bukittinggi", "Kota Solok", "Provinsi Sumatera Barat"]
BATCH = 10_000

BUILD_PLACES = """
UNWIND $regions AS region
CREATE (:Region {id: region.id, name: region.name, level: region.level})
WITH count(*) AS made
UNWIND $elections AS election
CREATE (:Election {id: election.id, name: election.name})
"""
BUILD_CASES = """
UNWIND $rows AS row
MATCH (r:Region {id: row.region}), (e:Election {id: row.election})
CREATE (c:Case {id: row.id, number: row.number, stage: 'temuan', outcome: 'pending'})-[:IN_REGION]->(r)
CREATE (c)-[:IN_ELECTION]->(e)
CREATE (:Document:CaseDocument {id: row.document, title: 'TEMUAN BAWASLU ' + toUpper(r.name), date: row.date})
"""
BUILD_PERSONS = "UNWIND $rows AS row CREATE (:Person {id: row.id, name: row.name, kind: row.kind})"
BUILD_MENTIONS = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person}), (c:Case {id: row.case})
CREATE (m:PersonMention {id: row.id, name: row.name, kind: p.kind, case_id: row.case, document_id: row.document,
                         position: row.position, start: 120, end: 120 + size(row.name)})-[:MENTION_OF]->(p)
CREATE (m)-[:CLAIMS {type: 'RESPONDENT_IN', status: 'alleged', document_id: row.document,
                     sentence: 'Bawaslu menemukan bahwa ' + row.name + ' mengunggah ajakan memilih calon di akun miliknya.'}]->(c)
"""
BUILD_DECISIONS = """
UNWIND $rows AS row
CREATE (:MergeDecision {id: row.id, a: row.a, b: row.b, decision: 'review', confidence: row.confidence,
                        evidence: ['same name', 'nothing else to compare'], a_name: row.name, b_name: row.name})
"""
BUILD_LINKS = """
UNWIND $rows AS row
MATCH (a:Person {id: row.a}), (b:Person {id: row.b})
CREATE (a)-[:SUPPORTED {status: 'alleged'}]->(b)
"""
COUNT_NODES = "MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n ORDER BY label"
KEY_AT = """
MATCH (e:ReviewEntry) WHERE e.key > $start AND e.key < $end
WITH e ORDER BY e.key SKIP $skip LIMIT 1 RETURN e.key AS key
"""
BIGGEST_LISTINGS = """
MATCH (e:ReviewEntry) WHERE e.key STARTS WITH 'region=' AND e.key CONTAINS ';election='
WITH split(e.key, '|')[0] AS listing, count(*) AS n ORDER BY n DESC LIMIT 1 RETURN listing, n
"""


def build(graph, cases_made: int, rng: random.Random) -> dict:
    """The synthetic graph of `cases_made` cases (and persons and pairs in proportion: see the
    module's docstring); seconds per part."""
    from graph.schema import migrate

    migrate(graph)
    timings = {}
    regions = [{"id": f"region:{_slug(name)}", "name": name, "level": name.split()[0].lower()} for name in REGIONS]
    elections = _elections()
    began = time.monotonic()
    graph.write(BUILD_PLACES, regions=regions, elections=[{"id": e, "name": n} for e, n in elections.items()])
    cases = [_case(number, rng, elections) for number in range(cases_made)]
    persons_made, pairs = PERSONS * cases_made // CASES, PAIRS * cases_made // CASES
    _write(graph, BUILD_CASES, cases)
    timings["cases_s"] = round(time.monotonic() - began, 1)

    began = time.monotonic()
    names = [f"Orang Uji {number:05d}" for number in range(persons_made)]
    persons = [{"id": f"person:bench-{n}", "name": names[n], "kind": "Candidate" if n < 60 else "ASN"}
               for n in range(persons_made)]
    _write(graph, BUILD_PERSONS, persons)
    # A few persons named in thousands of cases (candidates), most in a handful: a Pareto draw.
    weights = [1 / (n + 1) ** 0.9 for n in range(persons_made)]
    mentions, decisions = [], []
    owners = rng.choices(range(persons_made), weights=weights, k=2 * pairs)
    for number in range(pairs):
        sides, name = [], names[owners[2 * number]]  # both records of a pair bear one name
        for side, owner in zip("ab", owners[2 * number:2 * number + 2]):
            case = cases[rng.randrange(cases_made)]
            mention = f"bench-{number}-{side}"
            mentions.append({"id": mention, "person": f"person:bench-{owner}", "case": case["id"], "name": name,
                             "document": case["document"], "position": rng.choice(POSITIONS)})
            sides.append(mention)
        decisions.append({"id": f"m-{number:08x}", "a": sides[0], "b": sides[1], "name": name,
                          "confidence": rng.choice((0.5, 0.6))})
    _write(graph, BUILD_MENTIONS, mentions)
    _write(graph, BUILD_DECISIONS, decisions)
    links = [{"a": f"person:bench-{a}", "b": f"person:bench-{rng.randrange(60)}"}
             for a in rng.choices(range(persons_made), weights=weights, k=cases_made)]  # one link a case
    _write(graph, BUILD_LINKS, links)
    timings["persons_mentions_pairs_links_s"] = round(time.monotonic() - began, 1)
    return timings


POSITIONS = ["Kepala Dinas Pendidikan", "Guru", "Kepala Seksi", "Camat", "Lurah", "Sekretaris Dinas", None]


def _elections() -> dict[str, str]:
    names = ["Pemilu 2024", *(f"Pilkada 2020 {r}" for r in PILKADA_2020), *(f"Pilkada 2024 {r}" for r in REGIONS)]
    return {f"election:{_slug(name)}": name for name in names}


def _case(number: int, rng: random.Random, elections: dict[str, str]) -> dict:
    region = rng.choice(REGIONS)
    election = ("Pemilu 2024" if rng.random() < 0.1 else
                f"Pilkada {'2020' if region in PILKADA_2020 and rng.random() < 0.5 else '2024'} {region}")
    return {"id": f"case:bench-{number:06d}", "number": f"{number:03d}/Reg/TM/PW/{number % 97:02d}/2024",
            "region": f"region:{_slug(region)}", "election": f"election:{_slug(election)}",
            "document": f"casedoc:bench-{number:06d}-temuan", "date": f"{2020 + number % 5}-10-{1 + number % 28:02d}"}


def _slug(name: str) -> str:
    return "-".join(name.lower().split())


def _write(graph, cypher: str, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        graph.write(cypher, rows=rows[start:start + BATCH])


def urls(graph) -> dict[str, list[str]]:
    """The pages measured: each a few URLs of the same kind (a deep page: several cursors near
    the end of its listing)."""
    from graph.entities import ALL, LISTING_END, REVIEW_PAGE_SIZE, listing

    def cursors(name: str, fractions=(0.9, 0.95, 0.99)) -> list[tuple[int, str]]:
        start, end = f"{name}|", f"{name}{LISTING_END}"
        total = graph.read("MATCH (e:ReviewEntry) WHERE e.key > $start AND e.key < $end RETURN count(e) AS n",
                           start=start, end=end)[0]["n"]
        found = []
        for fraction in fractions:
            skip = int(total * fraction) // REVIEW_PAGE_SIZE * REVIEW_PAGE_SIZE - 1
            key = graph.read(KEY_AT, start=start, end=end, skip=skip)[0]["key"]
            found.append((skip // REVIEW_PAGE_SIZE + 2, quote(key[len(start):])))
        return found

    biggest = graph.read(BIGGEST_LISTINGS)[0]
    region, election = (part.split("=", 1)[1] for part in biggest["listing"].split(";"))
    both = f"region={quote(region)}&election={quote(election)}"
    deep = cursors(ALL)
    deep_filtered = cursors(listing(region, election))
    return {
        "page 1": ["/review"], "api page 1": ["/api/v1/review"],
        "deep page (cursor)": [f"/review?page={page}&after={key}" for page, key in deep],
        "api deep page (cursor)": [f"/api/v1/review?page={page}&after={key}" for page, key in deep],
        "deep page (page=N, no cursor)": [f"/review?page={page}" for page, _key in deep],
        "filtered: region": [f"/review?region={quote(region)}"],
        "filtered: region and election": [f"/review?{both}"],
        "api filtered: region and election": [f"/api/v1/review?{both}"],
        "filtered deep page (cursor)": [f"/review?{both}&page={page}&after={key}" for page, key in deep_filtered],
    }


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=CASES, help="cases (persons and pairs in proportion)")
    parser.add_argument("--requests", type=int, default=30, help="requests per page")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="build into (or measure again) this data directory, and keep it")
    parser.add_argument("--out", type=Path, default=RESULTS / "review-queue.json")
    args = parser.parse_args(argv)
    home = args.keep or Path(tempfile.mkdtemp(prefix="netra-bench-review-"))
    try:
        report = run(home, args)
    finally:
        if not args.keep:
            shutil.rmtree(home, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for page, row in report["pages"].items():
        print(f"{page:<36} p50 {row['p50_ms']:>7} ms  p95 {row['p95_ms']:>7} ms  {'ok' if row['target_met'] else 'SLOW'}")
    print(f"Written to {args.out}.")
    return report


def run(home: Path, args) -> dict:
    from flask import got_request_exception

    from core.config import load_settings
    from graph.db import Graph
    from graph.entities import file_review_queue
    from graph.server import LocalServer
    from web import create_app

    environment = {key: value for key, value in os.environ.items() if not key.startswith(("NEO4J_", "NETRA_"))}
    settings = load_settings({**environment, "NETRA_HOME": str(home), "NETRA_NEO4J_HEAP": "1g",
                              "NETRA_NEO4J_PAGECACHE": "1g"})
    server = LocalServer(settings)
    server.start(progress=print)
    try:
        with Graph.open(settings) as graph:
            timings = {}
            if not graph.read("MATCH (d:MergeDecision) RETURN d.id LIMIT 1"):
                timings = build(graph, args.cases, random.Random(args.seed))
            began = time.monotonic()  # what a full resolution adds to rank the queue (again, on a kept graph)
            timings["pairs_ranked"] = file_review_queue(graph)
            timings["rank_queue_s"] = round(time.monotonic() - began, 1)
            nodes = {row["label"]: row["n"] for row in graph.read(COUNT_NODES)}
            measured = urls(graph)
        app = create_app(settings, rate_limits=False)
        errors: list[str] = []
        got_request_exception.connect(lambda sender, exception, **extra: errors.append(
            f"{type(exception).__name__}: {exception}"[:300]), app, weak=False)
        load_before = os.getloadavg()
        pages = {}
        with temporary_account(str(home), "investigator") as (name, password):
            client = log_in(app.test_client(), name, password)
            for found in measured.values():  # warm up: plans compiled, caches filled
                measure(client, found, errors)
            for page, found in measured.items():
                pages[page] = {**measure(client, (found * args.requests)[:args.requests], errors), "urls": found[:3]}
    finally:
        server.stop()
    return {"created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "scale": "synthetic: a graph of the shape of 100,000 generated cases built directly (see bench/review_queue.py)",
            "role": "investigator", "graph": nodes, "build": timings, "requests_per_page": args.requests,
            "target_p95_ms": TARGET_P95_MS, "server": {"heap": settings.neo4j_heap, "pagecache": settings.neo4j_pagecache},
            "cpus": os.cpu_count(), "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()], "errors": sorted(set(errors))[:5],
            "pages": pages}


if __name__ == "__main__":
    main()
