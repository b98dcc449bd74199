"""Entity resolution across case documents: which persons are the same person.

Evidence, strongest first:
1. NIP: the same valid NIP is the same person; two different NIPs are two people.
2. Name: spelling-insensitive and without titles, so "Drs. H. X, M.Si." and "X" are one name;
   adat titles may be left out ("Marzuki" and "Marzuki Dt. Rajo Nan Gadang"); a single word may
   stand for the full name ("Afrizal" and "Afrizal Munaf"), weaker.
3. Context: position (abbreviations expanded: "Kadisdik Kota Y" is "Kepala Dinas Pendidikan
   Kota Y"), agency, region (at the level of regency or city), and for candidates the race.

Same name and agreeing context merge; same name and conflicting agency or region stay apart
(namesakes: common names are common); same name with nothing to compare goes to review, for
a person to accept or reject (`netra entities review`). Pure Python: the graph is written elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from .lexicon import POSITION_ABBREVIATIONS
from .model import ASN, CANDIDATE, OFFICIAL, CaseExtraction, Person
from .names import name_key, parse_name

MERGE, REVIEW, DISTINCT = "merge", "review", "distinct"
PLACE_WORDS = re.compile(r"\b(kabupaten|kab\.?|kota|provinsi|prov\.?)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class MergeDecision:
    a: str  # Person ids
    b: str
    decision: str  # merge, review, distinct
    confidence: float  # of the decision
    evidence: tuple[str, ...]


@dataclass
class ResolvedPerson:
    id: str
    name: str  # the fullest name seen
    members: list[str]  # Person ids, across documents
    docs: list[str]
    nip: str | None = None
    kind: str | None = None
    titles: tuple[str, ...] = ()
    positions: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)


@dataclass
class Resolution:
    persons: list[ResolvedPerson]
    merges: list[MergeDecision]  # applied
    review: list[MergeDecision]  # uncertain: not applied until a person accepts them
    distinct: list[MergeDecision]  # namesakes kept apart, with the reason


def resolve_persons(extractions: Iterable[CaseExtraction]) -> Resolution:
    people = {person.id: (extraction.doc_id, person) for extraction in extractions for person in extraction.persons}
    decisions = [compare(people[a][1], people[b][1]) for a, b in _candidate_pairs(people)]
    decisions = [decision for decision in decisions if decision is not None]
    clusters = _Clusters(people)
    merges, review = [], [d for d in decisions if d.decision == REVIEW]
    for decision in sorted((d for d in decisions if d.decision == MERGE), key=lambda d: -d.confidence):
        if clusters.union(decision.a, decision.b):
            merges.append(decision)
        else:  # would join two different NIPs through a third record
            review.append(MergeDecision(decision.a, decision.b, REVIEW, 0.5,
                                        decision.evidence + ("but the records joined carry different NIPs",)))
    return Resolution(clusters.resolved(), merges, review, [d for d in decisions if d.decision == DISTINCT])


def compare(a: Person, b: Person) -> MergeDecision | None:
    """The decision for two person records, or None if their names cannot be the same person's."""
    if a.nip and b.nip:
        same = a.nip == b.nip
        return MergeDecision(a.id, b.id, MERGE if same else DISTINCT, 1.0,
                             (f"{'same' if same else 'different'} NIP",))
    name_strength, name_evidence = _name_match(a, b)
    if name_strength == 0:
        return None
    agree, conflict = _context(a, b)
    evidence = (name_evidence, *agree, *conflict)
    if conflict:
        return MergeDecision(a.id, b.id, DISTINCT, round(min(0.6 + 0.15 * len(conflict), 0.95), 2), evidence)
    if name_strength == 1.0 and agree:
        return MergeDecision(a.id, b.id, MERGE, round(min(0.8 + 0.05 * len(agree), 0.97), 2), evidence)
    if name_strength < 1.0 and len(agree) >= 2:
        return MergeDecision(a.id, b.id, MERGE, 0.75, evidence)
    if name_strength == 1.0 or agree:
        return MergeDecision(a.id, b.id, REVIEW, 0.5 if not agree else 0.6,
                             evidence + (() if agree else ("nothing else to compare",)))
    return None


def _name_match(a: Person, b: Person) -> tuple[float, str]:
    full_a, full_b = name_key(a.name), name_key(b.name)
    if full_a == full_b:
        return 1.0, "same name"
    given_a, given_b = name_key(parse_name(a.name).given_name), name_key(parse_name(b.name).given_name)
    if given_a == given_b:
        return 1.0, "same name, adat title written on one side only"
    words_a, words_b = given_a.split(), given_b.split()
    shorter, longer = sorted((words_a, words_b), key=len)
    if len(shorter) == 1 and shorter[0] in (longer[0], longer[-1]):
        return 0.6, f"'{' '.join(shorter)}' is part of '{' '.join(longer)}'"
    return 0.0, ""


def _context(a: Person, b: Person) -> tuple[list[str], list[str]]:
    agree, conflict = [], []
    for label, left, right in (("position", normalise_position(a.position), normalise_position(b.position)),
                               ("agency", normalise_position(a.agency), normalise_position(b.agency)),
                               ("region", _regency(a.region), _regency(b.region))):
        if left and right:
            if left == right or left in right or right in left:
                agree.append(f"same {label}: {left}")
            elif label != "position":  # people change posts; a different agency or region is a different person
                conflict.append(f"different {label}: {left} / {right}")
    if a.kind == CANDIDATE and b.kind == CANDIDATE and a.race and b.race and a.race == b.race:
        agree.append(f"same race: {a.race}")
    return agree, conflict


def normalise_position(text: str | None) -> str | None:
    """ "Kadisdik Kota Solok" -> "kepala dinas pendidikan solok": abbreviations expanded, case and
    the words Kota/Kabupaten dropped."""
    if not text:
        return None
    words = []
    for word in text.split():
        expanded = POSITION_ABBREVIATIONS.get(word.lower())
        words.append(expanded[0] if expanded else word)
    return re.sub(r"\s+", " ", PLACE_WORDS.sub("", " ".join(words))).strip().casefold()


def _regency(region: str | None) -> str | None:
    """The regency or city a region lies in: "Kecamatan X, Kota Solok" -> "kota solok"."""
    if not region or "|" in region:
        return None
    return region.split(",")[-1].strip().casefold()


def _candidate_pairs(people: dict[str, tuple[str, Person]]) -> set[tuple[str, str]]:
    """Pairs worth comparing: same NIP, or a name word in common (first or last word)."""
    blocks: dict[str, list[str]] = {}
    for person_id, (_doc_id, person) in people.items():
        words = name_key(parse_name(person.name).given_name).split()
        keys = {f"nip:{person.nip}"} if person.nip else set()
        keys |= {f"word:{words[0]}", f"word:{words[-1]}"} if words else set()
        for key in keys:
            blocks.setdefault(key, []).append(person_id)
    return {tuple(sorted(pair)) for members in blocks.values() for pair in combinations(members, 2)
            if people[pair[0]][0] != people[pair[1]][0]}  # within a document, extraction already decided


class _Clusters:
    """Union-find over person ids that refuses to join two different NIPs."""

    def __init__(self, people: dict[str, tuple[str, Person]]):
        self.people = people
        self.parent = {person_id: person_id for person_id in people}
        self.nips = {person_id: {person.nip} - {None} for person_id, (_doc, person) in people.items()}

    def find(self, person_id: str) -> str:
        while self.parent[person_id] != person_id:
            self.parent[person_id] = self.parent[self.parent[person_id]]
            person_id = self.parent[person_id]
        return person_id

    def union(self, a: str, b: str) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return True
        if len(self.nips[root_a] | self.nips[root_b]) > 1:
            return False
        self.parent[root_b] = root_a
        self.nips[root_a] |= self.nips.pop(root_b)
        return True

    def resolved(self) -> list[ResolvedPerson]:
        groups: dict[str, list[str]] = {}
        for person_id in self.people:
            groups.setdefault(self.find(person_id), []).append(person_id)
        return [self._entity(members) for members in groups.values()]

    def _entity(self, members: list[str]) -> ResolvedPerson:
        records = [self.people[member][1] for member in members]
        fullest = max(records, key=lambda person: len(person.name))
        nip = next((r.nip for r in records if r.nip), None)
        entity = ResolvedPerson(
            id=f"person:{nip}" if nip else f"person:{members[0]}", name=fullest.name, members=members,
            docs=list(dict.fromkeys(self.people[member][0] for member in members)), nip=nip, kind=_kind(records),
            titles=tuple(dict.fromkeys(title for r in records for title in r.titles)))
        for attribute, values in (("position", entity.positions), ("agency", entity.agencies),
                                  ("region", entity.regions)):
            values += list(dict.fromkeys(getattr(r, attribute) for r in records if getattr(r, attribute)))
        return entity


def _kind(records: list[Person]) -> str:
    kinds = {record.kind for record in records}
    for kind in (CANDIDATE, ASN, OFFICIAL):
        if kind in kinds:
            return kind
    return records[0].kind
