"""Agency and election names before and after ingest.cases.agencies / elections, without a graph.

    python -m bench.agency_names [--corpus DIR] [--report FILE ...] [--out bench/results]

For every case document of a generated corpus (`netra corpus generate`), the agency names the
pipeline writes links to (those a document names, and each person's employer read in the
person's region) are made Agency ids as the code before this module did (the name's slug, five
bare words left out) and as now (ingest.cases.agencies, then the refresh's joining of slips,
plan_agencies). Against the generator's gold (each person's agency), for the persons found:

- agencies: distinct Agency ids employers became, beside the distinct gold agencies;
- merge precision: of the pairs of employer mentions put in one Agency, the share the gold says
  are one agency (1.0: no two gold-distinct agencies merged), and how many Agencies hold more
  than one gold agency;
- split: gold agencies spread over more than one Agency.

For a report (`--report`, a .txt with a `type: Report` header), the agencies and elections it
names before and after. Writes OUT/agency-names.json and prints a summary.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from itertools import combinations
from pathlib import Path

OLD_GENERIC = {"kantor", "ppk", "bawaslu", "dinas", "sekretariat"}  # what ingest/case_pipeline.py left out before


def old_agency_id(name: str) -> str:
    return "agency:" + re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")


def old_election(name: str, region: str | None) -> str:
    name = re.sub(r"\b(PILKADA|PEMILU|Pilkada|Pemilu)\b", lambda m: m.group(0).title(), name)
    return f"{name} {region}" if name.startswith("Pilkada") and region else name


def corpus_names(corpus: Path) -> tuple[list[dict], dict]:
    """Per document: the agency names written ({name, region, person}) and the gold."""
    from ingest.cases import extract_case_document

    names = []
    for path in sorted((corpus / "docs").rglob("*.txt")):
        extraction = extract_case_document(path.read_text(encoding="utf-8"), path.stem)
        names += [{"doc": path.stem, "name": agency.canonical, "region": None, "person": None, "mention": True}
                  for agency in extraction.agencies]
        names += [{"doc": path.stem, "name": link.target, "region": extraction.person(link.source).region,
                   "person": extraction.person(link.source).name, "mention": False}
                  for link in extraction.links if link.target_kind == "Agency"]
    return names, json.loads((corpus / "gold.json").read_text(encoding="utf-8"))


def new_ids(names: list[dict]) -> dict[tuple[str, str | None], str | None]:
    """(name, region) -> the Agency id the pipeline and the refresh after it give it (None: no agency)."""
    from ingest.cases.agencies import plan_agencies, resolve_agency

    counts: dict[tuple[str, str | None], int] = defaultdict(int)
    for entry in names:
        counts[(entry["name"], entry["region"])] += 1
    first = {key: resolve_agency(*key) for key in counts}
    rows = [{"id": resolved.id, "name": resolved.name, "named_as": key[0], "named_region": key[1],
             "links": counts[key]} for key, resolved in first.items() if resolved]
    plan = plan_agencies(rows, [])
    moved = {(move["named_as"], move["named_region"]): move["to"] for move in plan.moves}
    return {key: moved.get(key, resolved.id) if resolved else None for key, resolved in first.items()}


def score(names: list[dict], gold: dict, agency_of) -> dict:
    """Employers of gold persons: distinct Agencies, merge precision, splits."""
    from ingest.cases.names import name_key

    gold_agency = {(doc, name_key(person["name"])): person["agency"]
                   for person in gold["persons"] if person.get("agency") for doc in person["docs"]}
    pairs = []  # (Agency id, gold agency) per employer mention of a gold person
    for entry in names:
        truth = gold_agency.get((entry["doc"], name_key(entry["person"] or "")))
        if truth and not entry["mention"]:
            found = agency_of(entry)
            pairs.append((found, truth))
    found_pairs = [(found, truth) for found, truth in pairs if found]
    by_agency, by_gold = defaultdict(set), defaultdict(set)
    for found, truth in found_pairs:
        by_agency[found].add(truth)
        by_gold[truth].add(found)
    together = [(x[1], y[1]) for x, y in combinations(found_pairs, 2) if x[0] == y[0]]
    return {"employer_mentions": len(pairs), "without_agency": len(pairs) - len(found_pairs),
            "agencies": len(by_agency), "gold_agencies": len(by_gold),
            "merge_precision": round(sum(a == b for a, b in together) / len(together), 4) if together else 1.0,
            "agencies_mixing_gold": sorted(found for found, truths in by_agency.items() if len(truths) > 1),
            "gold_split": {truth: sorted(found) for truth, found in by_gold.items() if len(found) > 1}}


def corpus_report(corpus: Path) -> dict:
    names, gold = corpus_names(corpus)
    ids = new_ids(names)

    def before(entry):
        return None if entry["mention"] and entry["name"].lower() in OLD_GENERIC else old_agency_id(entry["name"])

    def after(entry):
        return ids[(entry["name"], entry["region"])]

    return {"corpus": str(corpus), "documents": len({entry["doc"] for entry in names}),
            "all_agencies": {"before": len({before(e) for e in names} - {None}),
                             "after": len({after(e) for e in names} - {None})},
            "before": score(names, gold, before), "after": score(names, gold, after)}


def report_names(path: Path) -> dict:
    """A report's agencies and elections, as MENTIONS links end at, before and after."""
    from ingest.cases import extract_case_document
    from ingest.cases.agencies import resolve_agency
    from ingest.cases.elections import election_name
    from ingest.citations import split_header

    text = path.read_text(encoding="utf-8")
    _header, start = split_header(text)
    extraction = extract_case_document(text[start:], path.stem)
    agencies = [agency.canonical for agency in extraction.agencies]
    elections = [election.canonical for election in extraction.elections]
    after = {resolved.name for name in agencies if (resolved := resolve_agency(name))}
    return {"report": str(path),
            "agencies": {"before": sorted({name for name in agencies if name.lower() not in OLD_GENERIC}),
                         "after": sorted(after)},
            "elections": {"before": sorted({old_agency_id(old_election(name, None)): old_election(name, None)
                                            for name in reversed(elections)}.values()),  # one node per id
                          "after": sorted({election_name(name) for name in elections})}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="a generated corpus (with gold.json)")
    parser.add_argument("--report", type=Path, action="append", default=[], help="a report .txt")
    parser.add_argument("--out", type=Path, default=Path("bench/results"))
    args = parser.parse_args(argv)
    results = {"corpus": corpus_report(args.corpus) if args.corpus else None,
               "reports": [report_names(path) for path in args.report]}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "agency-names.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n",
                                                encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False, indent=2)[:6000])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
