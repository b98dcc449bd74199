"""`python -m ingest.cases.evaluate DIR`: extraction over DIR/*.txt (and below) scored against DIR/gold.json.

Gold format (as in the shared dev set): "persons" (key, name without titles, nip?, kind, docs),
"links" (from, to, type, docs), "not_links" (links that must not be asserted as proven) and
"citations" (doc id -> ["UU 5/2014 Pasal 9 ayat (2)", ...]).

- persons match by name (spelling-insensitive, see names.name_key); where both gold and the
  extraction have a NIP, it must be the same;
- links match on (from, to, type), persons by name; FAMILY_OF is gold's FAMILY. FAMILY and
  RUNNING_MATE_OF are symmetric and match either way round. Only link types that gold uses are
  scored, and only links the document asserts (alleged or proven; not not_proven);
- citations compare as ProvisionRefs;
- not_links asserted as proven are counted: this must be 0. A not_link found as alleged is no
  error: a finding or report that a later verdict dismissed does allege it;
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ingest.citations import extract_citations

from .extract import extract_case_document
from .model import FAMILY_OF, NOT_PROVEN, PROVEN, CaseExtraction
from .names import name_key
from .nlp import build_pipeline

GOLD_TYPES = {FAMILY_OF: "FAMILY"}
SYMMETRIC = {"FAMILY", "RUNNING_MATE_OF"}


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def add(self, doc_id: str, gold: set, found: set) -> None:
        self.true_positives += len(gold & found)
        self.false_positives += len(found - gold)
        self.false_negatives += len(gold - found)
        self.errors += [f"{doc_id}: missed {item}" for item in sorted(map(str, gold - found))]
        self.errors += [f"{doc_id}: spurious {item}" for item in sorted(map(str, found - gold))]


@dataclass
class Report:
    scores: dict[str, Score]
    not_links_asserted_proven: list[str]
    documents: int
    seconds: float


def evaluate(directory: Path) -> Report:
    gold = json.loads((directory / "gold.json").read_text(encoding="utf-8"))
    texts = sorted(directory.rglob("*.txt"))  # also a generated corpus's docs/000/*.txt
    build_pipeline()  # once per process, seconds: not part of the time per document
    started = time.perf_counter()
    extractions = {path.stem: extract_case_document(path.read_text(encoding="utf-8"), path.stem) for path in texts}
    seconds = time.perf_counter() - started
    scores = {"persons": Score(), "links": Score(), "citations": Score()}
    keys = {person["key"]: name_key(person["name"]) for person in gold.get("persons", [])}
    scored_types = {GOLD_TYPES.get(link["type"], link["type"]) for link in gold.get("links", [])}
    for doc_id, extraction in extractions.items():
        scores["persons"].add(doc_id, _gold_persons(gold, doc_id), _found_persons(extraction, gold, doc_id))
        scores["links"].add(doc_id, _gold_links(gold, keys, doc_id),
                            _found_links(extraction, scored_types) - _not_links(gold, keys))
        scores["citations"].add(doc_id, _refs(gold.get("citations", {}).get(doc_id, [])),
                                {ref for citation in extraction.citations for ref in citation.refs})
    violations = [v for extraction in extractions.values() for v in _proven_not_links(extraction, gold, keys)]
    return Report(scores, violations, len(extractions), seconds)


def _gold_persons(gold: dict, doc_id: str) -> set[str]:
    return {name_key(p["name"]) for p in gold.get("persons", []) if doc_id in p.get("docs", [])}


def _found_persons(extraction: CaseExtraction, gold: dict, doc_id: str) -> set[str]:
    """Names of the persons found. A document need not write the NIP, but a NIP found must be the
    gold one: a person found with another NIP counts as a different person."""
    gold_nips = {name_key(p["name"]): p.get("nip") for p in gold.get("persons", []) if doc_id in p.get("docs", [])}
    found = set()
    for person in extraction.persons:
        name = name_key(person.name)
        wrong_nip = person.nip and gold_nips.get(name) and person.nip != gold_nips[name]
        found.add(f"{name} (NIP {person.nip})" if wrong_nip else name)
    return found


def _link_key(source: str, target: str, link_type: str) -> tuple[str, str, str]:
    if link_type in SYMMETRIC:
        source, target = sorted((source, target))
    return source, target, link_type


def _gold_links(gold: dict, keys: dict[str, str], doc_id: str) -> set[tuple[str, str, str]]:
    return {_link_key(keys[link["from"]], keys[link["to"]], link["type"])
            for link in gold.get("links", []) if doc_id in link.get("docs", [])}


def _found_links(extraction: CaseExtraction, scored_types: set[str]) -> set[tuple[str, str, str]]:
    names = {person.id: name_key(person.name) for person in extraction.persons}
    found = set()
    for link in extraction.links:
        link_type = GOLD_TYPES.get(link.type, link.type)
        if link.target_kind == "Person" and link.status != NOT_PROVEN and link_type in scored_types:
            found.add(_link_key(names[link.source], names[link.target], link_type))
    return found


def _not_links(gold: dict, keys: dict[str, str]) -> set[tuple[str, str, str]]:
    return {_link_key(keys[link["from"]], keys[link["to"]], link["type"]) for link in gold.get("not_links", [])}


def _proven_not_links(extraction: CaseExtraction, gold: dict, keys: dict[str, str]) -> list[str]:
    names = {person.id: name_key(person.name) for person in extraction.persons}
    proven = {_link_key(names[link.source], names[link.target], GOLD_TYPES.get(link.type, link.type))
              for link in extraction.links if link.status == PROVEN and link.target_kind == "Person"}
    return [f"{extraction.doc_id}: {link}" for link in gold.get("not_links", [])
            if _link_key(keys[link["from"]], keys[link["to"]], link["type"]) in proven]


def _refs(citations: list[str]) -> set:
    return {ref for text in citations for citation in extract_citations(text) for ref in citation.refs}


def format_report(report: Report, verbose: bool = False) -> str:
    lines = [f"{'':10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for kind, score in report.scores.items():
        lines.append(f"{kind:10} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} "
                     f"{score.true_positives:4} {score.false_positives:4} {score.false_negatives:4}")
    lines.append(f"not_links asserted as proven: {len(report.not_links_asserted_proven)}")
    rate = report.documents / report.seconds if report.seconds else float("inf")
    lines.append(f"{report.documents} documents in {report.seconds:.2f} s ({rate:.1f} docs/s)")
    if verbose:
        lines += [f"  {error}" for score in report.scores.values() for error in score.errors]
        lines += [f"  proven not_link: {v}" for v in report.not_links_asserted_proven]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.cases.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path, help="a folder of *.txt case documents and their gold.json")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss and spurious item")
    args = parser.parse_args(argv)
    print(format_report(evaluate(args.directory), args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
