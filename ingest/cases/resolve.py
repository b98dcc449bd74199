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


def resolve_persons(extractions: Iterable[CaseExtraction],
                    decided: dict[tuple[str, str], str] | None = None) -> Resolution:
    people = {person.id: (extraction.doc_id, person) for extraction in extractions for person in extraction.persons}
    return resolve_records(people, decided)


def resolve_records(people: dict[str, tuple[str, Person]],
                    decided: dict[tuple[str, str], str] | None = None,
                    cases: dict[str, str] | None = None) -> Resolution:
    """`people`: Person id -> (document id, Person). `decided`: a person's verdicts on pairs (ids
    sorted), MERGE or DISTINCT; they override the rules, and two records a person kept apart are
    never joined, not even through a third record. `cases`: Person id -> the case its document is
    about; the same name in two documents of one case is context that agrees."""
    decided, cases = decided or {}, cases or {}
    copies = _identical_copies(people)
    representatives = {person_id: people[person_id] for person_id in people if person_id not in copies}
    pairs = _candidate_pairs(representatives) | {pair for pair in decided if pair[0] in people and pair[1] in people}
    decisions = [_decided(pair, decided[pair]) if pair in decided
                 else compare(people[pair[0]][1], people[pair[1]][1],
                              same_case=cases.get(pair[0]) is not None and cases.get(pair[0]) == cases.get(pair[1]))
                 for pair in sorted(pairs)]
    decisions = [decision for decision in decisions if decision is not None]
    clusters = _Clusters(people, apart={pair for pair, verdict in decided.items() if verdict == DISTINCT})
    decisions += [MergeDecision(*sorted((copy, original)), MERGE, 0.99, ("identical records: same name and context",))
                  for copy, original in copies.items() if _pair_key(copy, original) not in decided]
    merges, review = [], [d for d in decisions if d.decision == REVIEW]
    for decision in sorted((d for d in decisions if d.decision == MERGE), key=lambda d: -d.confidence):
        if clusters.union(decision.a, decision.b):
            merges.append(decision)
        else:  # would join two different NIPs, or two records a person kept apart, through a third
            review.append(MergeDecision(decision.a, decision.b, REVIEW, 0.5,
                                        decision.evidence + ("but the records joined carry different NIPs "
                                                             "or were kept apart by a reviewer",)))
    return Resolution(clusters.resolved(), merges, review, [d for d in decisions if d.decision == DISTINCT])


def _identical_copies(people: dict[str, tuple[str, Person]]) -> dict[str, str]:
    """Records that repeat another one exactly (same name, NIP, kind, position, agency, region and
    race, with at least one of them known) -> the first such record. A person named in hundreds
    of documents is compared once, not in every pair of them."""
    first: dict[tuple, str] = {}
    copies = {}
    for person_id, (_doc_id, person) in sorted(people.items()):
        context = (person.nip, normalise_position(person.position), normalise_position(person.agency),
                   _regency(person.region), person.race)
        if not any(context):
            continue  # a bare name: the pairwise rules send it to review
        key = (name_key(person.name), person.kind, *context)
        if key in first:
            copies[person_id] = first[key]
        else:
            first[key] = person_id
    return copies


def _pair_key(a: str, b: str) -> tuple[str, str]:
    return tuple(sorted((a, b)))


def _decided(pair: tuple[str, str], verdict: str) -> MergeDecision:
    return MergeDecision(pair[0], pair[1], verdict, 1.0, ("decided by a reviewer",))


def compare(a: Person, b: Person, same_case: bool = False) -> MergeDecision | None:
    """The decision for two person records, or None if their names cannot be the same person's."""
    if a.nip and b.nip:
        same = a.nip == b.nip
        return MergeDecision(a.id, b.id, MERGE if same else DISTINCT, 1.0,
                             (f"{'same' if same else 'different'} NIP",))
    name_strength, name_evidence = _name_match(a, b)
    if name_strength == 0:
        return None
    agree, conflict = _context(a, b)
    if same_case:
        agree.append("documents of the same case")
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
    """Pairs worth comparing: the same NIP, the same name, or a one-word name and a longer name
    that starts or ends with that word (what _name_match can accept). Blocking on every name
    word instead would compare millions of pairs in a few thousand cases."""
    blocks: dict[str, list[str]] = {}
    partial: dict[str, tuple[list[str], list[str]]] = {}  # word -> (one-word names, longer names)
    for person_id, (_doc_id, person) in people.items():
        given = name_key(parse_name(person.name).given_name)
        words = given.split()
        keys = {f"nip:{person.nip}"} if person.nip else set()
        keys |= {f"name:{given}", f"name:{name_key(person.name)}"} if words else set()
        for key in keys:
            blocks.setdefault(key, []).append(person_id)
        if len(words) == 1:
            partial.setdefault(words[0], ([], []))[0].append(person_id)
        for word in {words[0], words[-1]} if len(words) > 1 else ():
            partial.setdefault(word, ([], []))[1].append(person_id)
    pairs = {tuple(sorted(pair)) for members in blocks.values() for pair in combinations(members, 2)}
    pairs |= {tuple(sorted((a, b))) for single, longer in partial.values() for a in single for b in longer}
    return {pair for pair in pairs if people[pair[0]][0] != people[pair[1]][0]}  # within a document, extraction decided


class _Clusters:
    """Union-find over person ids that refuses to join two different NIPs."""

    def __init__(self, people: dict[str, tuple[str, Person]], apart: set[tuple[str, str]] = frozenset()):
        self.people = people
        self.parent = {person_id: person_id for person_id in people}
        self.nips = {person_id: {person.nip} - {None} for person_id, (_doc, person) in people.items()}
        self.apart = [pair for pair in apart if pair[0] in people and pair[1] in people]

    def find(self, person_id: str) -> str:
        while self.parent[person_id] != person_id:
            self.parent[person_id] = self.parent[self.parent[person_id]]
            person_id = self.parent[person_id]
        return person_id

    def union(self, a: str, b: str) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return True
        if len(self.nips[root_a] | self.nips[root_b]) > 1 or self._kept_apart(root_a, root_b):
            return False
        self.parent[root_b] = root_a
        self.nips[root_a] |= self.nips.pop(root_b)
        return True

    def _kept_apart(self, root_a: str, root_b: str) -> bool:
        roots = {root_a, root_b}
        return any({self.find(x), self.find(y)} == roots for x, y in self.apart)

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
