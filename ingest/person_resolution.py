"""Persons across documents: resolution of every PersonMention into (:Person) nodes.

`refresh_entities` reads every PersonMention, asks `ingest.cases.resolve.resolve_records` which
of them are the same person (NIP first, then name with position, agency, region), and rebuilds
the resolved layer, in batches of transactions (thousands of cases do not fit one transaction's
memory; the layer is derived, so a run cut short is simply run again):

    (:PersonMention)-[:MENTION_OF]->(:Person {name, names, name_keys, nip, kind, ...})
    (:Person)-[:SUPPORTED|FAMILY_OF|APPOINTED_BY|RUNNING_MATE_OF]->(:Person)
    (:Person)-[:HOLDS_POSITION]->(:Position), -[:EMPLOYED_BY]->(:Agency), -[:RESPONDENT_IN]->(:Case)
    (:MergeDecision {a, b, decision, confidence, evidence, verdict})

It lives in ingest/ because it needs the resolver; the statements that read mentions and write the
layer are in graph/persons.py, and graph/entities.py reads the layer for pages. Each
Person carries `name_keys`, the keys its names are found by, so that lookups need no ingest code,
and has its blocking keys beside it (graph/persons.py PersonKeys).

`resolve_new_mentions` is the incremental path (a public report accepted in triage): the mentions
of new documents are compared only with the persons their blocking keys find (and those of the
same case), and only the persons they join are rewritten. The full `refresh_entities` is a
command-line operation (`netra ingest-cases`, `netra entities refresh`).
The reviewers' verdicts are the only thing here that is not derived: they survive every rebuild,
so a rejected merge splits the persons again and an accepted one joins them. A verdict (or its
undo) takes effect at once by the incremental path too (`record_verdict`, `undo_verdict`): the
records of the two persons concerned are resolved again, nothing else. Both paths keep the
review queue's ranked listings (graph/entities.py) up to date.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from core.progress import progress_bar
from graph.cases import remove_case_document
from graph.db import Graph
from graph.entities import (ACCEPTED, PERSON, PERSON_LINK_TYPES, clear_verdict, file_review_decisions_of_mentions,
                            file_review_queue, lookup_key, persons_of_mentions, store_verdict)
from graph.persons import (all_mentions, create_persons, delete_orphans, delete_persons, delete_rule_decisions,
                           members_of_persons, merge_verdicts, person_key_sources, persons_by_keys, persons_in_cases,
                           persons_lack_keys, project_claims, replace_persons, unresolved_mentions_of,
                           upsert_decisions, verdicts_on_mentions, write_person_keys)
from ingest.cases.model import Person
from ingest.cases.names import name_key
from ingest.cases.resolve import DISTINCT, MERGE, blocking_keys, probe_keys, resolve_increment, resolve_records

PERSON_FIELDS = ("name", "titles", "adat_title", "nip", "nip_kind", "kind", "position", "agency", "region",
                 "race", "ballot_number", "incumbent")

# Persons are written in transactions of at most this many member links and document entries, not
# 2,000 persons each: at 10,000 cases the 2,000 largest persons carry 82,000 members and as many
# documents, and at 100,000 cases such a batch outgrew a 2g server's transaction memory (1.4 GiB).
PERSON_WEIGHT_PER_TRANSACTION = 20_000


@dataclass
class ResolutionSummary:
    mentions: int
    persons: int
    merges: int
    review: int
    distinct: int
    compared_with: int | None = None  # incremental: the existing persons read (None: all of them)


def refresh_entities(graph: Graph, show_progress: bool = False) -> ResolutionSummary:
    """Re-resolve every person mention and rebuild the Person layer."""
    def progress(items: Iterable, desc: str, unit: str) -> Iterable:
        return progress_bar(items, desc=desc, unit=unit, disable=not show_progress)

    rows = all_mentions(graph)
    people = {row["id"]: (row["document_id"], _person(row["properties"])) for row in rows}
    verdicts = {_pair(row["a"], row["b"]): MERGE if row["verdict"] == ACCEPTED else DISTINCT
                for row in merge_verdicts(graph)}
    cases = {row["id"]: row["properties"].get("case_id") for row in rows}
    resolution = resolve_records(people, verdicts, cases,
                                 progress=lambda pairs: progress(pairs, "Comparing persons", "pair"))
    persons = [_person_row(person, people) for person in resolution.persons]
    decisions = resolution.merges + resolution.review + resolution.distinct

    delete_persons(graph)
    delete_rule_decisions(graph)
    for batch in progress(list(weighted_batches(persons, PERSON_WEIGHT_PER_TRANSACTION, _person_weight)),
                          "Writing persons", "batch"):
        create_persons(graph, batch)
    for link_type in PERSON_LINK_TYPES:
        project_claims(graph, link_type)
    # Rows are made a batch at a time: a decision's row is large.
    for start in progress(range(0, len(decisions), 2000), "Recording decisions", "batch"):
        upsert_decisions(graph, [_decision_row(d, people) for d in decisions[start:start + 2000]])
    delete_orphans(graph)
    file_review_queue(graph, progress=lambda batches: progress(batches, "Ranking the review queue", "batch"))
    return ResolutionSummary(len(people), len(persons), len(resolution.merges), len(resolution.review),
                             len(resolution.distinct))


def resolve_new_mentions(graph: Graph, document_ids: list[str]) -> ResolutionSummary:
    """Resolve the mentions of these (new) documents that no Person stands for yet, against the
    persons they could be: those filed under their probe keys (ingest.cases.resolve.probe_keys)
    and those mentioned in documents of the same cases. Reads and rewrites only those persons."""
    ensure_person_keys(graph)
    return _resolve_increment(graph, unresolved_mentions_of(graph, document_ids))


def _resolve_increment(graph: Graph, rows: list[dict], replacing: list[str] = ()) -> ResolutionSummary:
    """Resolve these mentions ({id, document_id, properties}) as new records against the persons
    they could be, and rewrite what changes; `replacing`: the persons whose records they are (being
    resolved again), rewritten with them and not compared with them. The review queue follows."""
    if not rows:
        return ResolutionSummary(0, 0, 0, 0, 0, compared_with=0)
    new = {row["id"]: (row["document_id"], _person(row["properties"])) for row in rows}
    case_ids = sorted({row["properties"]["case_id"] for row in rows if row["properties"].get("case_id")})
    keys = set().union(*(probe_keys(person) for _doc, person in new.values()))
    candidates = sorted((persons_by_keys(graph, keys) | persons_in_cases(graph, case_ids)) - set(replacing))
    member_rows = members_of_persons(graph, candidates)
    records = {row["id"]: (row["document_id"], _person(row["properties"])) for row in member_rows}
    existing: dict[str, list[str]] = {}
    for row in member_rows:
        existing.setdefault(row["person_id"], []).append(row["id"])
    cases = {row["id"]: row["properties"].get("case_id") for row in [*rows, *member_rows]}
    verdicts = {_pair(row["a"], row["b"]): MERGE if row["verdict"] == ACCEPTED else DISTINCT
                for row in verdicts_on_mentions(graph, sorted(new))}
    increment = resolve_increment(new, existing, records, verdicts, cases)
    people = {**records, **new}
    owner = {member: person_id for person_id, members in existing.items() for member in members}
    created, grown, replaced = [], [], list(replacing)
    for person in increment.persons:
        row = _person_row(person, people)
        absorbed = sorted({owner[member] for member in person.members if member in owner})
        if absorbed == [person.id]:  # one existing person, more mentions: updated in place
            grown.append({**row, "new_members": [member for member in person.members if member in new]})
        else:  # new, or persons joined through a new mention, or renamed (a NIP now known)
            created.append(row)
            replaced += absorbed
    decisions = increment.merges + increment.review + increment.distinct
    replace_persons(graph, replaced, created, grown, [_decision_row(decision, people) for decision in decisions])
    file_review_decisions_of_mentions(graph, sorted({member for row in [*created, *grown] for member in row["members"]}))
    return ResolutionSummary(len(new), len(increment.persons), len(increment.merges), len(increment.review),
                             len(increment.distinct), compared_with=len(existing))


def ensure_person_keys(graph: Graph) -> int:
    """Give every person its blocking keys if the graph was resolved before persons had them (once:
    reads each person's distinct records); how many persons were keyed."""
    if not persons_lack_keys(graph):
        return 0
    keys: dict[str, set[str]] = {}
    for row in person_key_sources(graph):
        record = Person(id="", name=row["name"] or "", nip=row["nip"], position=row["position"],
                        agency=row["agency"], region=row["region"], race=row["race"])
        keys.setdefault(row["person_id"], set()).update(_keys_of(record))
    rows = [{"person_id": person_id, "keys": sorted(found)} for person_id, found in keys.items()]
    for start in range(0, len(rows), 5000):
        write_person_keys(graph, rows[start:start + 5000])
    return len(rows)


def remove_case(graph: Graph, document_id: str, show_progress: bool = False) -> ResolutionSummary | None:
    """Remove one case document, register or report and re-resolve persons, so that no person or
    link remains that only it stated; None if it was not in the graph."""
    if not remove_case_document(graph, document_id):
        return None
    return refresh_entities(graph, show_progress)


def record_verdict(graph: Graph, handle: str, verdict: str, reviewer: str = "", reason: str = "",
                   expected: str | None = None) -> dict:
    """Accept or reject a merge (by its m-… handle or "mentionA|mentionB"): the verdict is stored
    and the persons of its two records are resolved again (`resolve_persons_again`). The decision,
    with the ResolutionSummary under "resolution" (None for an agency merge: agency name
    resolution reads the verdict when it runs) and whether both records are one person now under
    "joined". `expected`: graph.entities.store_verdict's."""
    decision = store_verdict(graph, handle, verdict, reviewer, reason, expected)
    resolution = _resolve_pair_again(graph, decision)
    # An acceptance joins no two persons of different NIPs, nor persons a reviewer kept apart.
    joined = resolution is None or len(persons_of_mentions(graph, [decision["a"], decision["b"]])) == 1
    return {**decision, "resolution": resolution, "joined": joined}


def undo_verdict(graph: Graph, handle: str, expected: str | None = None) -> dict:
    """Clear a merge's verdict: the rules decide the pair again, the persons of its two records are
    resolved again, and a pair the rules could not settle is back on the review queue. The decision
    as it was (its verdict, reviewer, reason), with "resolution" as record_verdict's."""
    decision = clear_verdict(graph, handle, expected)
    return {**decision, "resolution": _resolve_pair_again(graph, decision)}


def resolve_persons_again(graph: Graph, mention_ids: list[str]) -> ResolutionSummary:
    """Resolve every record of the persons these mentions are of again, as new records, against
    the persons they could be (as resolve_new_mentions does for a new document): a verdict takes
    effect in a request, where the full refresh_entities takes 27 minutes at 100,000 cases. A
    verdict is a pairwise decision, so the persons it joins or splits are among these."""
    ensure_person_keys(graph)
    persons = persons_of_mentions(graph, mention_ids)
    return _resolve_increment(graph, members_of_persons(graph, persons), replacing=persons)


def _resolve_pair_again(graph: Graph, decision: dict) -> ResolutionSummary | None:
    if (decision.get("subject") or PERSON) != PERSON:
        return None
    return resolve_persons_again(graph, [decision["a"], decision["b"]])


def person_name_keys(names: list[str]) -> list[str]:
    """The keys a person is found by: the resolver's spelling-insensitive key of every name seen
    (adat spellings made one) and the plain lookup key a query is reduced to in graph/."""
    return sorted({name_key(name) for name in names} | {lookup_key(name) for name in names})


def pair_id(a: str, b: str) -> str:
    """A short handle for a pair of mentions, for `netra entities accept|reject`."""
    return "m-" + hashlib.sha1("|".join(_pair(a, b)).encode()).hexdigest()[:8]


def _person(properties: dict) -> Person:
    values = {key: properties[key] for key in PERSON_FIELDS if properties.get(key) is not None}
    values["titles"] = tuple(values.get("titles", ()))
    return Person(id=properties["id"], **values)


def _person_row(resolved, people: dict) -> dict:
    records = [people[member][1] for member in resolved.members]
    names = sorted({record.name for record in records})
    return {"members": resolved.members, "keys": sorted(set().union(*(_keys_of(record) for record in records))),
            "properties": {
        "id": resolved.id, "name": resolved.name, "names": names, "name_keys": person_name_keys(names),
        "nip": resolved.nip, "kind": resolved.kind,
        "titles": list(resolved.titles), "positions": resolved.positions, "agencies": resolved.agencies,
        "regions": resolved.regions, "documents": resolved.docs,
        "race": next((r.race for r in records if r.race), None),
        "ballot_number": next((r.ballot_number for r in records if r.ballot_number), None),
        "incumbent": any(r.incumbent for r in records),
        "nip_kind": next((r.nip_kind for r in records if r.nip_kind), None)}}


def _keys_of(record: Person) -> frozenset[str]:
    """A record's blocking keys: they depend on its name, its NIP and whether it has any context,
    so the records of a person named in hundreds of documents are keyed once."""
    return _cached_keys(record.name, record.nip,
                        bool(record.position or record.agency or record.region or record.race))


@lru_cache(maxsize=100_000)
def _cached_keys(name: str, nip: str | None, has_context: bool) -> frozenset[str]:
    return frozenset(blocking_keys(Person(id="", name=name, nip=nip, position="*" if has_context else None)))


def _pair(a: str, b: str) -> tuple[str, str]:
    return tuple(sorted((a, b)))


def _decision_row(decision, people: dict) -> dict:
    a, b = _pair(decision.a, decision.b)
    return {"id": pair_id(a, b), "a": a, "b": b, "decision": decision.decision,
            "confidence": decision.confidence, "evidence": list(decision.evidence),
            "a_name": people[a][1].name, "b_name": people[b][1].name,
            "a_document": people[a][0], "b_document": people[b][0]}


def weighted_batches(rows: list, limit: int, weight: Callable[[object], int]) -> Iterator[list]:
    """Consecutive batches of rows whose weights add up to at most `limit`; a row heavier than
    that is a batch of its own."""
    batch, total = [], 0
    for row in rows:
        if batch and total + weight(row) > limit:
            yield batch
            batch, total = [], 0
        batch.append(row)
        total += weight(row)
    if batch:
        yield batch


def _person_weight(row: dict) -> int:
    """What a person's row costs its transaction: a MENTION_OF link per member, a list entry per document."""
    return 1 + len(row["members"]) + len(row["properties"]["documents"])
