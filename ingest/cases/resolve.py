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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations

from .lexicon import POSITION_ABBREVIATIONS
from .model import ASN, CANDIDATE, OFFICIAL, CaseExtraction, Person
from .names import name_key, parse_name

MERGE, REVIEW, DISTINCT = "merge", "review", "distinct"
ACTING = re.compile(r"\b(penjabat|pj|plt|plh)\b", re.IGNORECASE)  # "Pj. Wali Kota", "Plt. Kepala Desa"
# Records with nothing but a name are asked about (review) only for names with at most this many
# records: "Budi" alone, among hundreds of Budis, is not a question anyone can answer.
COMMON_NAME = 50
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
                    cases: dict[str, str] | None = None,
                    progress: Callable[[list], Iterable] = iter) -> Resolution:
    """`people`: Person id -> (document id, Person). `decided`: a person's verdicts on pairs (ids
    sorted), MERGE or DISTINCT; they override the rules, and two records a person kept apart are
    never joined, not even through a third record. `cases`: Person id -> the case its document is
    about; the same name in two documents of one case is context that agrees. `progress` wraps
    the list of pairs compared (a progress bar: 100,000 cases compare for minutes)."""
    decided, cases = decided or {}, cases or {}
    copies = _identical_copies(people)
    clusters = _Clusters(people, apart={pair for pair, verdict in decided.items() if verdict == DISTINCT})
    merges, review, distinct = _settle(people, _pairs(people, decided, cases, copies), decided, cases, copies,
                                       clusters, progress)
    return Resolution(clusters.resolved(), merges, review, distinct)


@dataclass
class Increment:
    """What new records change: the persons they belong to (whole: old members and new), the
    existing persons those replace, and the decisions about pairs with a new record."""

    persons: list[ResolvedPerson]
    replaced: list[str]  # ids of existing persons now part of one of `persons`
    merges: list[MergeDecision]
    review: list[MergeDecision]
    distinct: list[MergeDecision]


def resolve_increment(new: dict[str, tuple[str, Person]], existing: dict[str, list[str]],
                      records: dict[str, tuple[str, Person]],
                      decided: dict[tuple[str, str], str] | None = None,
                      cases: dict[str, str] | None = None) -> Increment:
    """Add records no person stands for yet (`new`) to the persons they could be (`existing`:
    person id -> its member ids, every member's record in `records`), found by the keys of
    `probe_keys`. Only pairs with a new record are compared, by the rules `resolve_records` uses;
    the existing persons stay as they are, joined together only where a new record is the same
    person as both. For a record that matches one person by NIP or by name and agreeing context
    the result is the person a full `resolve_records` over every record would give."""
    decided, cases = decided or {}, cases or {}
    people = dict(sorted({**records, **new}.items()))
    fresh = set(new)

    def with_new(pair: tuple[str, str]) -> bool:
        return pair[0] in fresh or pair[1] in fresh

    all_copies = _identical_copies(people)
    clusters = _Clusters(people, apart={pair for pair, verdict in decided.items() if verdict == DISTINCT})
    for members in existing.values():  # the existing persons as they are
        for member in members[1:]:
            clusters.union(members[0], member)
    owner = {member: person_id for person_id, members in existing.items() for member in members}
    pairs = {pair for pair in _pairs(people, decided, cases, all_copies) if with_new(pair)}
    copies = {copy: original for copy, original in all_copies.items() if with_new((copy, original))}
    merges, review, distinct = _settle(people, pairs, decided, cases, copies, clusters, iter)
    roots = {clusters.find(person_id) for person_id in fresh}
    persons = [person for person in clusters.resolved() if clusters.find(person.members[0]) in roots]
    replaced = sorted({owner[member] for person in persons for member in person.members if member in owner})
    for person in persons:  # a reviewer kept two persons of one NIP apart: the new one is told apart
        if person.id in existing and person.id not in replaced:
            person.id = f"{person.id}:{person.members[0]}"
    return Increment(persons, replaced, merges, review, distinct)


def _pairs(people: dict[str, tuple[str, Person]], decided: dict[tuple[str, str], str], cases: dict[str, str],
           copies: dict[str, str]) -> set[tuple[str, str]]:
    representatives = {person_id: people[person_id] for person_id in people if person_id not in copies}
    return (_candidate_pairs(representatives, cases) | _same_case_pairs(people, cases, copies)
            | {pair for pair in decided if pair[0] in people and pair[1] in people})


def _settle(people: dict[str, tuple[str, Person]], pairs: set[tuple[str, str]], decided: dict[tuple[str, str], str],
            cases: dict[str, str], copies: dict[str, str], clusters: "_Clusters",
            progress: Callable[[list], Iterable]) -> tuple[list[MergeDecision], list[MergeDecision], list[MergeDecision]]:
    """Compare the pairs, join the clusters the merges call for (surest first), and say which
    merges were applied, which pairs are left to review and which namesakes stay apart."""
    decisions = [_decided(pair, decided[pair]) if pair in decided
                 else compare(people[pair[0]][1], people[pair[1]][1],
                              same_case=cases.get(pair[0]) is not None and cases.get(pair[0]) == cases.get(pair[1]))
                 for pair in progress(sorted(pairs))]
    decisions = [decision for decision in decisions if decision is not None]
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
    return (merges, _one_per_pair_of_persons(review, clusters),
            _one_per_pair_of_persons([d for d in decisions if d.decision == DISTINCT], clusters))


def _one_per_pair_of_persons(decisions: list[MergeDecision], clusters: "_Clusters") -> list[MergeDecision]:
    """One decision per pair of resolved persons (the surest of their records' pairs), and none
    about records joined by surer evidence. What is left for a reviewer is then one question, and
    two namesakes kept apart one reason, not one for every pair of their records: a person named
    in hundreds of documents would otherwise ask, or be explained, hundreds of times."""
    kept: dict[tuple[str, str], MergeDecision] = {}
    for decision in sorted(decisions, key=lambda d: (-d.confidence, d.a, d.b)):
        persons = tuple(sorted((clusters.find(decision.a), clusters.find(decision.b))))
        if persons[0] != persons[1]:
            kept.setdefault(persons, decision)
    return sorted(kept.values(), key=lambda d: (d.a, d.b))


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
    if one_typo_apart(given_a, given_b):
        return 0.8, f"names one letter apart: '{given_a}' / '{given_b}'"
    words_a, words_b = given_a.split(), given_b.split()
    shorter, longer = sorted((words_a, words_b), key=len)
    if len(shorter) == 1 and shorter[0] in (longer[0], longer[-1]):
        return 0.6, f"'{' '.join(shorter)}' is part of '{' '.join(longer)}'"
    return 0.0, ""


def _context(a: Person, b: Person) -> tuple[list[str], list[str]]:
    agree, conflict = [], []
    for label, normalise in (("position", normalise_position), ("agency", normalise_position), ("region", _regency)):
        raw_left, raw_right = getattr(a, label), getattr(b, label)
        left, right = normalise(raw_left), normalise(raw_right)
        if left and right:
            # The raw text is compared for a slip as well: a misspelt "Kabpaten" is not dropped as a place word.
            if _same_context(label, left, right) or one_typo_apart(raw_left.casefold(), raw_right.casefold()):
                agree.append(f"same {label}: {left}")
            elif label != "position":  # people change posts; a different agency or region is a different person
                conflict.append(f"different {label}: {left} / {right}")
    if a.kind == CANDIDATE and b.kind == CANDIDATE and a.race and b.race and a.race == b.race:
        agree.append(f"same race: {a.race}")
    if _different_roles(a, b) and not any(reason.startswith("same position") for reason in agree):
        conflict.append(f"different roles: {a.kind} / {b.kind}")
    return agree, conflict


def _different_roles(a: Person, b: Person) -> bool:
    """A civil servant is neither a candidate (an ASN resigns to run) nor an elected or village
    official, unless that official post is held in an acting capacity, as ASN are appointed to."""
    kinds = {a.kind, b.kind}
    if kinds == {ASN, CANDIDATE}:
        return True
    official = a if a.kind == OFFICIAL else b
    return kinds == {ASN, OFFICIAL} and not ACTING.search(official.position or "")


def _same_context(label: str, left: str, right: str) -> bool:
    """A position or agency may be written without its place ("Kepala Dinas Pendidikan" in "Kepala
    Dinas Pendidikan Solok"); a regency is named whole: Kota Padang is not Kota Padang Panjang."""
    if left == right or one_typo_apart(left, right):
        return True
    return label != "region" and (left in right or right in left)


def one_typo_apart(left: str, right: str) -> bool:
    """The same words but one, which differs by one letter added, dropped, changed or two swapped
    ("Kabpaten", "Padnag", "Zanal"), or by "rn" scanned for "m" ("Surnatera"): a scanning or
    typing slip, not another name. Words with digits and words shorter than five letters must
    match exactly ("SMP Negeri 1", "Agam")."""
    words_left, words_right = left.split(), right.split()
    if len(words_left) != len(words_right):
        return False
    different = [(x, y) for x, y in zip(words_left, words_right) if x != y]
    if len(different) != 1:
        return False
    x, y = different[0]
    return max(len(x), len(y)) >= 5 and x.isalpha() and y.isalpha() and (_one_edit(x, y) or _ocr(x) == _ocr(y))


def _ocr(word: str) -> str:
    return word.replace("rn", "m")


def _one_edit(x: str, y: str) -> bool:
    """Damerau-Levenshtein distance 1 (x != y)."""
    if abs(len(x) - len(y)) > 1:
        return False
    start = next((i for i, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
    if len(x) == len(y):
        return x[start + 1:] == y[start + 1:] or (x[start:start + 2] == y[start:start + 2][::-1]
                                                  and x[start + 2:] == y[start + 2:])
    shorter, longer = sorted((x, y), key=len)
    return shorter[start:] == longer[start + 1:]


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


def _candidate_pairs(people: dict[str, tuple[str, Person]], cases: dict[str, str]) -> set[tuple[str, str]]:
    """Pairs worth comparing: those whose decision could be to merge or to ask. Found by blocking:
    the same NIP; the same name; for records with some context, also a name one letter apart,
    or a one-word name and a longer one that starts or ends with that word (those need context
    that agrees: see compare). Within a block, not pairs whose decision is known without
    comparing them (see _comparable_pairs), and a record with nothing but its name only while
    its name is uncommon (COMMON_NAME). Comparing every pair of a block instead costs millions
    of pairs in 10,000 cases, and 100 times as many in 100,000 (a common name's records grow
    with the cases, its pairs with their square)."""
    groups = _comparison_groups(people)
    blocks: dict[str, list[str]] = {}
    partial: dict[str, tuple[list[str], list[str]]] = {}  # word -> (one-word names, longer names)
    for person_id, (_doc_id, person) in people.items():
        keys, single, ends = _record_keys(person)
        if single:
            partial.setdefault(single, ([], []))[0].append(person_id)
        for word in ends:
            partial.setdefault(word, ([], []))[1].append(person_id)
        for key in keys:
            blocks.setdefault(key, []).append(person_id)
    pairs = set()
    for key, members in blocks.items():
        if key.startswith("nip:"):
            pairs |= set(combinations(sorted(members), 2))
            continue
        if len(members) > COMMON_NAME:
            members = [person_id for person_id in members if _has_context(people[person_id][1])]
        pairs |= _comparable_pairs(members, members, groups, people)
    for single, longer in partial.values():
        pairs |= _comparable_pairs(single, longer, groups, people)
    # Within a document's case, extraction decided; a register's rows are cases of one document.
    return {(a, b) for a, b in pairs if people[a][0] != people[b][0] or cases.get(a) != cases.get(b)}


def _record_keys(person: Person) -> tuple[set[str], str | None, set[str]]:
    """The blocks a record is compared in (see _candidate_pairs): its NIP, its name (whole and
    without an adat title) and, with some context, the names one letter away; then, with context,
    its one-word name or the first and last words of a longer one."""
    given = name_key(parse_name(person.name).given_name)
    words = given.split()
    keys = {f"nip:{person.nip}"} if person.nip else set()
    if words:
        keys |= {f"name:{given}", f"name:{name_key(person.name)}"}
    single, ends = None, set()
    if _has_context(person):
        keys |= {f"typo:{key}" for key in _typo_keys(words)}
        if len(words) == 1:
            single = words[0]
        elif len(words) > 1:
            ends = {words[0], words[-1]}
    return keys, single, ends


def blocking_keys(person: Person) -> set[str]:
    """The keys a record is filed under, so that a later record can find it (`probe_keys`): two
    records _candidate_pairs would compare share a key of one's `probe_keys` and the other's
    `blocking_keys`. Spaces are written as "_" (a key is one word of a full-text index)."""
    keys, single, ends = _record_keys(person)
    keys |= {f"one:{single}"} if single else set()
    keys |= {f"end:{word}" for word in ends}
    return {key.replace(" ", "_") for key in keys}


def probe_keys(person: Person) -> set[str]:
    """The keys under which the records a record could be compared with are filed: the same
    NIP, name and names a letter away; a one-word name looks for longer names starting or ending
    with it, and a longer name for one-word names equal to its first or last word."""
    keys, single, ends = _record_keys(person)
    keys |= {f"end:{single}"} if single else set()
    keys |= {f"one:{word}" for word in ends}
    return {key.replace(" ", "_") for key in keys}


def _has_context(person: Person) -> bool:
    return bool(person.position or person.agency or person.region or person.race)


def _comparable_pairs(left: list[str], right: list[str], groups: dict[str, tuple],
                      people: dict[str, tuple[str, Person]]) -> set[tuple[str, str]]:
    """Pairs of a record from `left` and another from `right`, except those decided without
    comparing: two NIPs (the NIP blocks hold the same ones; different ones are two people), and
    two records of groups that cannot be one person (see _comparison_groups). Of two such groups
    one pair is compared all the same, so that why their namesakes stay apart is on record."""
    by_group: dict[tuple, tuple[list[str], list[str]]] = {}
    for side, members in enumerate((left, right)):
        for person_id in members:
            by_group.setdefault(groups[person_id], ([], []))[side].append(person_id)
    pairs = set()
    for group_a, (ones, _) in by_group.items():
        for group_b, (_, others) in by_group.items():
            compared = (ones, others) if _compatible(group_a, group_b) else (ones[:1], others[:1])
            pairs |= {(a, b) if a < b else (b, a) for a in compared[0] for b in compared[1]
                      if a != b and not (people[a][1].nip and people[b][1].nip)}
    return pairs


def _compatible(group_a: tuple, group_b: tuple) -> bool:
    """Each part equal or unknown on one side."""
    return all(x is None or y is None or x == y for x, y in zip(group_a, group_b))


def _comparison_groups(people: dict[str, tuple[str, Person]]) -> dict[str, tuple]:
    """Person id -> (regency, role), None where unknown. Records of two regencies are two people
    (a different region is a conflict), and so are a civil servant and a candidate (an ASN
    resigns to run) unless both name the same position: the role counts for records without
    one. compare would keep such pairs apart, so they are not compared."""
    places = _places(people)
    roles = {ASN: ASN, CANDIDATE: CANDIDATE}
    return {person_id: (places.get(person_id), None if person.position else roles.get(person.kind))
            for person_id, (_doc, person) in people.items()}


def _places(people: dict[str, tuple[str, Person]]) -> dict[str, int]:
    """Person id -> its regency or city as a number, for records whose region names one; regencies
    one letter apart ("Kabpaten Agam") are one (what _context accepts as the same region)."""
    regencies = {person_id: _regency(person.region) for person_id, (_doc, person) in people.items()}
    names = sorted(set(regencies.values()) - {None})
    same = {name: name for name in names}  # union-find over regency names sharing a typo key

    def find(name: str) -> str:
        while same[name] != name:
            name = same[name]
        return name

    first_with_key: dict[str, str] = {}
    for name in names:
        for key in _typo_keys(name.split()):
            same[find(name)] = find(first_with_key.setdefault(key, name))
    number = {root: index for index, root in enumerate(sorted({find(name) for name in names}))}
    return {person_id: number[find(name)] for person_id, name in regencies.items() if name}


def _same_case_pairs(people: dict[str, tuple[str, Person]], cases: dict[str, str],
                     copies: dict[str, str]) -> set[tuple[str, str]]:
    """Records of one name in documents of one case, where at least one is not an identical copy:
    a record with nothing to compare (a decision naming a candidate without the race) joins
    through its own case even when the case's other records are copies of one in another case."""
    blocks: dict[tuple[str, str], list[str]] = {}
    for person_id, (_doc_id, person) in people.items():
        if cases.get(person_id) is not None:
            given = name_key(parse_name(person.name).given_name)
            blocks.setdefault((cases[person_id], given), []).append(person_id)
    return {tuple(sorted(pair)) for members in blocks.values() for pair in combinations(members, 2)
            if people[pair[0]][0] != people[pair[1]][0] and not (pair[0] in copies and pair[1] in copies)}


def _typo_keys(words: list[str]) -> set[str]:
    """Keys that two names one letter apart share (see one_typo_apart): the name with one letter
    of one long word dropped, and the name itself, "rn" read as "m" throughout."""
    words = [_ocr(word) for word in words]
    keys = {" ".join(words)} if words else set()
    for index, word in enumerate(words):
        if len(word) >= 5 and word.isalpha():
            keys |= {" ".join(words[:index] + [word[:cut] + word[cut + 1:]] + words[index + 1:])
                     for cut in range(len(word))}
    return keys


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
        persons = [self._entity(members) for members in groups.values()]
        seen: set[str] = set()
        for person in persons:  # two persons of one NIP exist when a reviewer kept them apart
            if person.id in seen:
                person.id = f"{person.id}:{person.members[0]}"
            seen.add(person.id)
        return persons

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
