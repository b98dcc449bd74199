"""The resolved layer of persons, read: entity views, lookups, the merge review queue.

The layer itself (Person nodes, their typed links, MergeDecisions) is built by
ingest/person_resolution.py `refresh_entities` from every PersonMention; this module reads it, stores
a reviewer's verdict on a merge (the caller re-resolves afterwards) and keeps the review queue's
ranked listings (the review section below):

    (:PersonMention)-[:MENTION_OF]->(:Person {name, names, name_keys, nip, kind, ...})
    (:Person)-[:SUPPORTED|FAMILY_OF|APPOINTED_BY|RUNNING_MATE_OF]->(:Person)
    (:Person)-[:HOLDS_POSITION]->(:Position), -[:EMPLOYED_BY]->(:Agency), -[:RESPONDENT_IN]->(:Case)
    (:MergeDecision {a, b, decision, confidence, evidence, verdict, impact, ...})
    (:ReviewEntry {key, decision, a})   the queue's listings (see the review section)

A person is found by id, NIP or name: `name_keys` on each Person holds the keys its names were
written to the graph with, and a query is reduced to `lookup_key` (case and punctuation ignored).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

from graph.db import Graph
from core.errors import NetraError

PERSON_LINK_TYPES = ("SUPPORTED", "FAMILY_OF", "APPOINTED_BY", "RUNNING_MATE_OF",
                     "HOLDS_POSITION", "EMPLOYED_BY", "RESPONDENT_IN")
ACCEPTED, REJECTED = "accepted", "rejected"
REVIEW = "review"  # the resolver's decision for a pair it could not settle, as stored on MergeDecision


def lookup_key(text: str) -> str:
    """A name as a query matches it: case, hyphens and punctuation ignored. Person nodes store
    this key of every name seen, next to the resolver's (which also unifies adat spellings)."""
    words = (re.sub(r"[^\w]", "", word) for word in text.casefold().replace("-", " ").split())
    return " ".join(word for word in words if word)


# -- review ---------------------------------------------------------------------------------
#
# The pairs the rules could not settle (decision REVIEW, no verdict) wait in a ranked queue. Each
# is filed, when it is recorded, under entries that make every listing a read of an ordered index:
#
#     (:ReviewEntry {key: "<listing>|<rank>", decision})     no relationship; derived
#
# (the whole queue's entry also holds the decision's `a`, by which the entries of a decision deleted
# by incremental resolution are found).
#
# `<listing>` is "all", "region=<Region id>", "election=<Election id>" or both joined by ";" (the
# regions and elections of the cases each side of the pair is about); `<rank>` sorts the most
# impact first (`impact_rank`). A page is then the next 50 keys of one listing: `key > after AND
# key < end` is an index seek in key order that reads 50 entries however deep the page, where
# filtering or SKIP over 220,000 decisions would read them all. The entries of the whole queue
# also carry the label ReviewEntryAll, whose count Neo4j keeps (the total of a 220,000-pair queue
# for free). `file_review_decisions` files decisions again whenever they or their persons change.
#
# Impact: the cases and links of the two persons (or agencies) a decision would join or keep
# apart: every case either appears in and every typed link either has changes its person when
# two persons are merged, or stays split when they are not. Stored on the decision (impact,
# impact_cases, impact_links) when it is filed.
#
# A MergeDecision with `subject: 'agency'` (agency name resolution) has Agency ids as `a` and `b`;
# it is ranked by the agencies' cases and links and listed in the whole queue and under the region
# agency name resolution gave it (`region`, a Region's name; an agency has no election).

REVIEW_PAGE_SIZE = 50
PERSON, AGENCY = "person", "agency"  # a MergeDecision's subject (absent: person)
MAX_IMPACT = 999_999_999
ALL = "all"
LISTING_END = "}"  # the character after "|": keys of one listing lie between "<listing>|" and "<listing>}"
FILING_BATCH = 2000
SENTENCES = 3  # evidence sentences shown per side
MAX_CURSOR = 300
PERSON_LINKS = "|".join(PERSON_LINK_TYPES)  # constant text, put into Cypher below

DECISION_BY_ID = "MATCH (d:MergeDecision {id: $id}) RETURN d {.*, decided_at: toString(d.decided_at)} AS decision"
DECISION_BY_PAIR = """
MATCH (d:MergeDecision {a: $a}) WHERE d.b = $b
RETURN d {.*, decided_at: toString(d.decided_at)} AS decision
"""

# A verdict is given or cleared only if the decision's verdict is still `$expected` ("" none; null:
# whatever it is). The decision is locked (a property set) before its verdict is read, so two
# reviewers deciding one pair at once cannot both pass. The rule's own decision is kept
# (rule_decision), for an undo to put back.
LOCKED_IF_EXPECTED = """
MATCH (d:MergeDecision {id: $id})
SET d.locked = true
WITH d, $expected IS NULL OR coalesce(d.verdict, '') = $expected AS expected
REMOVE d.locked
WITH d WHERE expected
"""
RECORD_VERDICT = LOCKED_IF_EXPECTED + """
SET d.rule_decision = coalesce(d.rule_decision, d.decision), d.verdict = $verdict, d.decided_by = 'human',
    d.reviewer = $reviewer, d.reason = $reason, d.decided_at = datetime()
RETURN d.id AS id
"""
CLEAR_VERDICT = LOCKED_IF_EXPECTED + """
SET d.decision = coalesce(d.rule_decision, d.decision), d.verdict = null, d.rule_decision = null,
    d.decided_by = null, d.reviewer = null, d.reason = null, d.decided_at = null
RETURN d.id AS id
"""

# -- filing

OPEN_DECISIONS = "MATCH (d:MergeDecision {decision: $review}) WHERE d.verdict IS NULL RETURN d.id AS id ORDER BY id"

DELETE_ENTRIES = "MATCH (e:ReviewEntry) CALL (e) { DELETE e } IN TRANSACTIONS OF 10000 ROWS"

# The decisions about these mentions that are open, and those filed before (which may have been
# decided or deleted since).
DECISIONS_OF_MENTIONS = """
UNWIND $ids AS mention_id
CALL (mention_id) {
  MATCH (d:MergeDecision {a: mention_id}) WHERE d.decision = $review AND d.verdict IS NULL RETURN d.id AS id
  UNION
  MATCH (d:MergeDecision {b: mention_id}) WHERE d.decision = $review AND d.verdict IS NULL RETURN d.id AS id
  UNION
  MATCH (e:ReviewEntry {a: mention_id}) RETURN e.decision AS id
}
RETURN DISTINCT id
"""

# Of these decisions, the open ones: each side's person (or agency) and the regions and elections
# of the case its mention is about.
FILING_SOURCES = """
UNWIND $ids AS id
MATCH (d:MergeDecision {id: id})
WHERE d.decision = $review AND d.verdict IS NULL
CALL (d) {
  UNWIND [d.a, d.b] AS side
  OPTIONAL MATCH (m:PersonMention {id: side}) WHERE coalesce(d.subject, $person) = $person
  OPTIONAL MATCH (m)-[:MENTION_OF]->(p:Person)
  OPTIONAL MATCH (c:Case {id: m.case_id})
  RETURN collect({node: CASE WHEN d.subject = $agency THEN side ELSE p.id END, nip: p.nip,
                  regions: [(c)-[:IN_REGION]->(r:Region) | r.id],
                  elections: [(c)-[:IN_ELECTION]->(e:Election) | e.id]}) AS sides
}
RETURN d.id AS id, d.a AS a, d.b AS b, d.confidence AS confidence, coalesce(d.subject, $person) AS subject,
       CASE WHEN d.subject = $agency THEN d.region END AS agency_region, sides
"""

PERSON_WEIGHTS = f"""
UNWIND $ids AS id
MATCH (p:Person {{id: id}})
RETURN id, COUNT {{ (p)-[:{PERSON_LINKS}]-() }} AS links,
       size(COLLECT {{ MATCH (p)<-[:MENTION_OF]-(m:PersonMention) RETURN DISTINCT m.case_id }}) AS cases
"""

REGIONS_NAMED = "MATCH (r:Region) WHERE r.name IN $names RETURN r.name AS name, r.id AS id"

AGENCY_WEIGHTS = """
UNWIND $ids AS id
MATCH (a:Agency {id: id})
RETURN id, COUNT { (a)--() } AS links, size(COLLECT { MATCH (c:Case)-->(a) RETURN DISTINCT c.id }) AS cases
"""

# One transaction per batch. Setting the decision's impact first locks it, so two requests filing
# the same decision at once (two verdicts on pairs of one person) do not both add its entries.
FILE_DECISIONS = """
UNWIND $rows AS row
OPTIONAL MATCH (d:MergeDecision {id: row.id})
SET d.impact = row.impact, d.impact_cases = row.cases, d.impact_links = row.links
WITH row
OPTIONAL MATCH (old:ReviewEntry {decision: row.id})
DELETE old
WITH row, count(*) AS deleted
FOREACH (key IN row.keys[..1] | CREATE (:ReviewEntry:ReviewEntryAll {key: key, decision: row.id, a: row.a}))
FOREACH (key IN row.keys[1..] | CREATE (:ReviewEntry {key: key, decision: row.id}))
"""

# -- reading

# A page, its listing's total and whether entries come before it, in one read. The total of the
# whole queue is Neo4j's count of a label; {count} is one of these two, never input.
COUNT_ALL = "MATCH (e:ReviewEntryAll) RETURN count(e) AS total"
COUNT_LISTING = "MATCH (e:ReviewEntry) WHERE e.key > $start AND e.key < $end RETURN count(e) AS total"

PAGE_AFTER = """
CALL () {{ {count} }}
CALL () {{
  MATCH (e:ReviewEntry) WHERE e.key > $after AND e.key < $end
  WITH e ORDER BY e.key SKIP $skip LIMIT $limit
  RETURN collect({{key: e.key, id: e.decision}}) AS rows
}}
RETURN total, rows, $skip > 0 OR EXISTS {{ MATCH (x:ReviewEntry) WHERE x.key > $start AND x.key <= $after }} AS earlier
"""

PAGE_BEFORE = """
CALL () {{ {count} }}
CALL () {{
  MATCH (e:ReviewEntry) WHERE e.key < $before AND e.key > $start
  WITH e ORDER BY e.key DESC LIMIT $limit
  RETURN collect({{key: e.key, id: e.decision}}) AS rows
}}
RETURN total, rows
"""

# Decisions with both sides: a mention with its person, document, case (its regions and
# elections) and evidence sentences, or an agency.
DECISION_SIDES = """
UNWIND $ids AS id
MATCH (d:MergeDecision {id: id})
CALL (d) {
  UNWIND [d.a, d.b] AS side_id
  OPTIONAL MATCH (m:PersonMention {id: side_id}) WHERE d.subject IS NULL OR d.subject = $person
  OPTIONAL MATCH (m)-[:MENTION_OF]->(p:Person)
  OPTIONAL MATCH (doc:Document {id: m.document_id})
  OPTIONAL MATCH (c:Case {id: m.case_id})
  OPTIONAL MATCH (agency:Agency {id: side_id}) WHERE d.subject = $agency
  RETURN collect({id: side_id, agency: agency {.id, .name, .kind, .region},
    mention: m {.id, .name, .nip, .kind, .position, .agency, .region, .race, .ballot_number, .document_id,
                .case_id, .start, .end},
    person: p {.id, .name, .nip}, case: c {.id, .number},
    document: doc {.id, .title, .date, kind: [kind IN labels(doc) WHERE kind <> 'Document'][0],
                   file: last(split(coalesce(doc.path, ''), '/'))},
    regions: CASE WHEN c IS NULL THEN [] ELSE [(c)-[:IN_REGION]->(r:Region) | r.name] END,
    elections: CASE WHEN c IS NULL THEN [] ELSE [(c)-[:IN_ELECTION]->(e:Election) | e.name] END,
    sentences: CASE WHEN m IS NULL THEN [] ELSE
               [(m)-[claim:CLAIMS]->() WHERE claim.sentence IS NOT NULL | claim.sentence][..10] END}) AS sides
}
RETURN d {.*, decided_at: toString(d.decided_at)} AS decision, sides
"""

PERSONS_OF_MENTIONS = """
UNWIND $ids AS id
MATCH (:PersonMention {id: id})-[:MENTION_OF]->(p:Person)
RETURN DISTINCT p.id AS id
"""

RECENT_VERDICTS = """
MATCH (d:MergeDecision) WHERE d.decided_at IS NOT NULL
WITH d ORDER BY d.decided_at DESC LIMIT $limit
RETURN d.id AS id
"""

# What a queue can be filtered by: the regions and elections cases are in.
REVIEW_FILTERS = """
CALL () {
  MATCH (r:Region) WHERE EXISTS { (:Case)-[:IN_REGION]->(r) }
  WITH r ORDER BY r.name RETURN collect(r {.id, .name}) AS regions
}
CALL () {
  MATCH (e:Election) WHERE EXISTS { (:Case)-[:IN_ELECTION]->(e) }
  WITH e ORDER BY e.name RETURN collect(e {.id, .name}) AS elections
}
RETURN regions, elections
"""
FIND_REGION = "MATCH (r:Region) WHERE r.id = $text OR toLower(r.name) = toLower($text) RETURN r.id AS id LIMIT 2"
FIND_ELECTION = "MATCH (e:Election) WHERE e.id = $text OR toLower(e.name) = toLower($text) RETURN e.id AS id LIMIT 2"


@dataclass
class ReviewPair:
    id: str
    confidence: float
    evidence: list[str]
    a: dict  # a mention: id, name, nip, kind, position, agency, region, race, document_id, case_id, document,
    b: dict  # case, person, regions, elections, sentences; an agency: id, name, kind, region
    subject: str = PERSON
    decision: str = REVIEW
    impact: int | None = None
    impact_cases: int | None = None
    impact_links: int | None = None
    verdict: str | None = None
    reviewer: str | None = None
    reason: str | None = None
    decided_at: str | None = None

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class ReviewPage:
    pairs: list[ReviewPair]
    total: int  # open pairs in this listing
    region: str | None  # the filters, as Region and Election ids
    election: str | None
    next: str | None  # the cursor of the next page (`after`), None on the last
    previous: str | None  # the cursor of the page before (`before`), None on the first

    def to_json(self) -> dict:
        return asdict(self)


def listing(region: str | None = None, election: str | None = None) -> str:
    """The name of the listing of the queue these filters select (ids; "|" never occurs in them)."""
    parts = [f"region={region}" if region else "", f"election={election}" if election else ""]
    return ";".join(part for part in parts if part) or ALL


def impact_rank(impact: int, decision_id: str) -> str:
    """Sorts the most impact first, then by decision id: the part of an entry's key after its listing."""
    return f"{MAX_IMPACT - min(max(impact, 0), MAX_IMPACT):09d}|{decision_id}"


def review_page(graph: Graph, region: str | None = None, election: str | None = None, after: str | None = None,
                before: str | None = None, skip: int = 0, size: int = REVIEW_PAGE_SIZE) -> ReviewPage:
    """One page of the open pairs (of a region and/or election, by id), most impact first: the
    `size` after the cursor `after`, or before `before`, or (neither) after the first `skip`.
    Cursors are the `next` and `previous` of a page; one that is no key reads from where it would be."""
    name = listing(region, election)
    start, end = f"{name}|", f"{name}{LISTING_END}"
    count = COUNT_ALL if name == ALL else COUNT_LISTING
    if before:
        found = graph.read(PAGE_BEFORE.format(count=count), before=start + before[:MAX_CURSOR], start=start, end=end,
                           limit=size + 1)[0]
        rows = found["rows"][::-1]
        if not rows:  # a cursor at or before the first entry: the first page
            return review_page(graph, region, election, size=size)
        more_before, more_after, rows = len(rows) > size, True, rows[-size:]  # after: the page `before` came from
    else:
        found = graph.read(PAGE_AFTER.format(count=count), after=start + after[:MAX_CURSOR] if after else start,
                           start=start, end=end, skip=skip, limit=size + 1)[0]
        rows = found["rows"]
        more_before, more_after, rows = found["earlier"], len(rows) > size, rows[:size]
    cursor = len(start)
    return ReviewPage(review_pairs(graph, [row["id"] for row in rows]), found["total"], region, election,
                      rows[-1]["key"][cursor:] if rows and more_after else None,
                      rows[0]["key"][cursor:] if rows and more_before else None)


def review_queue(graph: Graph) -> list[ReviewPair]:
    """Every open pair, most impact first (page after page: for scripts and tests, not pages)."""
    pairs, page = [], review_page(graph)
    while True:
        pairs += page.pairs
        if page.next is None:
            return pairs
        page = review_page(graph, after=page.next)


def review_pairs(graph: Graph, ids: list[str]) -> list[ReviewPair]:
    """These decisions (open or decided), in the order given, each side with its evidence."""
    rows = graph.read(DECISION_SIDES, ids=ids, person=PERSON, agency=AGENCY) if ids else []
    found = {row["decision"]["id"]: _review_pair(row["decision"], row["sides"]) for row in rows}
    return [found[decision_id] for decision_id in ids if decision_id in found]


def find_decision(graph: Graph, handle: str) -> dict | None:
    """The MergeDecision an m-… handle or "mentionA|mentionB" names (either order), or None."""
    a, bar, b = handle.partition("|")
    if bar:
        rows = graph.read(DECISION_BY_PAIR, a=min(a, b), b=max(a, b))
    else:
        rows = graph.read(DECISION_BY_ID, id=handle)
    return rows[0]["decision"] if rows else None


def review_pair(graph: Graph, handle: str) -> ReviewPair | None:
    decision = find_decision(graph, handle)
    found = review_pairs(graph, [decision["id"]]) if decision else []
    return found[0] if found else None


def recent_verdicts(graph: Graph, limit: int = REVIEW_PAGE_SIZE) -> list[ReviewPair]:
    """The decisions people took last, newest first."""
    return review_pairs(graph, [row["id"] for row in graph.read(RECENT_VERDICTS, limit=limit)])


def review_filters(graph: Graph) -> dict[str, list[dict]]:
    """What the queue can be filtered by: {regions, elections}, each {id, name} of every region
    and election cases are in."""
    return graph.read(REVIEW_FILTERS)[0]


def find_region(graph: Graph, text: str) -> str | None:
    """The id of the region `text` is the id or name of (case ignored), or None."""
    rows = graph.read(FIND_REGION, text=text.strip())
    return rows[0]["id"] if len(rows) == 1 else None


def find_election(graph: Graph, text: str) -> str | None:
    rows = graph.read(FIND_ELECTION, text=text.strip())
    return rows[0]["id"] if len(rows) == 1 else None


def persons_of_mentions(graph: Graph, mention_ids: list[str]) -> list[str]:
    """Ids of the persons these mentions are of (for resolving them again after a verdict)."""
    return sorted(row["id"] for row in graph.read(PERSONS_OF_MENTIONS, ids=mention_ids))


def _side(side: dict, name: str | None) -> dict:
    """One side of a pair: its agency, or its mention with what it is read with."""
    if side["agency"] or not side["mention"]:
        return side["agency"] or {"id": side["id"], "name": name}
    return {**side["mention"], "person": side["person"], "document": side["document"], "case": side["case"],
            "regions": list(dict.fromkeys(side["regions"])), "elections": list(dict.fromkeys(side["elections"])),
            "sentences": list(dict.fromkeys(side["sentences"]))[:SENTENCES]}


def _review_pair(decision: dict, sides: list[dict]) -> ReviewPair:
    a, b = (_side(side, decision.get(f"{key}_name")) for side, key in zip(sides, "ab"))
    return ReviewPair(decision["id"], decision.get("confidence"), list(decision.get("evidence") or []), a, b,
                      decision.get("subject") or PERSON, decision.get("decision"), decision.get("impact"),
                      decision.get("impact_cases"), decision.get("impact_links"), decision.get("verdict"),
                      decision.get("reviewer"), decision.get("reason"), decision.get("decided_at"))


class VerdictChanged(NetraError):
    """The decision's verdict is no longer the one the reviewer saw: someone decided meanwhile."""


def store_verdict(graph: Graph, handle: str, verdict: str, reviewer: str = "", reason: str = "",
                  expected: str | None = None) -> dict:
    """Store a reviewer's verdict (ACCEPTED or REJECTED) on a merge, by its m-… handle or
    "mentionA|mentionB", and take the pair off the queue; with `expected` ("" for none) only if
    that is its verdict still (else VerdictChanged). The persons change only when they are
    resolved again (ingest.person_resolution.record_verdict does both)."""
    if verdict not in (ACCEPTED, REJECTED):
        raise ValueError(f"a verdict is {ACCEPTED!r} or {REJECTED!r}, not {verdict!r}")
    decision = find_decision(graph, handle)
    if decision is None:
        raise NetraError(f"No merge decision {handle!r}. `netra entities review` lists the open ones.")
    if not graph.write(RECORD_VERDICT, id=decision["id"], verdict=verdict, reviewer=reviewer, reason=reason,
                       expected=expected):
        raise VerdictChanged(f"Merge decision {decision['id']} was decided meanwhile.")
    file_review_decisions(graph, [decision["id"]])
    return {**decision, "verdict": verdict, "reviewer": reviewer, "reason": reason}


def clear_verdict(graph: Graph, handle: str, expected: str | None = None) -> dict:
    """Undo a reviewer's verdict (with `expected`, only if it is that one still: else
    VerdictChanged): the decision is the rule's again (a REVIEW back on the queue; its persons
    change once they are resolved again: ingest.person_resolution.undo_verdict). The decision as
    it was, verdict included; NetraError if there is none or it has no verdict."""
    decision = find_decision(graph, handle)
    if decision is None:
        raise NetraError(f"No merge decision {handle!r}.")
    if not decision.get("verdict") and expected is None:
        raise NetraError(f"Merge decision {decision['id']} has no verdict to undo.")
    if not graph.write(CLEAR_VERDICT, id=decision["id"], expected=expected):
        raise VerdictChanged(f"Merge decision {decision['id']} was decided meanwhile.")
    file_review_decisions(graph, [decision["id"]])
    return decision


def file_review_queue(graph: Graph, progress: Callable[[Iterable], Iterable] = iter) -> int:
    """File every open decision again (after the whole layer was resolved); how many."""
    graph.run_autocommit(DELETE_ENTRIES)
    ids = [row["id"] for row in graph.read(OPEN_DECISIONS, review=REVIEW)]
    weights: dict = {}  # a person in thousands of pairs is weighed once
    for start in progress(range(0, len(ids), FILING_BATCH)):
        file_review_decisions(graph, ids[start:start + FILING_BATCH], weights)
    return len(ids)


def file_review_decisions_of_mentions(graph: Graph, mention_ids: list[str]) -> None:
    """File again the decisions about these mentions (whose persons were just rewritten: their
    impact changed, or the decision was settled or deleted), all at once: of the questions left
    about the same two persons, one is asked."""
    if mention_ids:
        file_review_decisions(graph, [row["id"] for row in graph.read(DECISIONS_OF_MENTIONS, ids=mention_ids,
                                                                       review=REVIEW)])


def file_review_decisions(graph: Graph, ids: list[str], weights: dict | None = None) -> None:
    """File these decisions in the queue as they are now: an open one under its listings with its
    impact, any other (decided, deleted, about records of one person, or a second question about
    the same two persons) under none. `weights`: the persons' and agencies' weights read so far
    (for filing many batches), added to."""
    sources = [row for row in graph.read(FILING_SOURCES, ids=ids, review=REVIEW, person=PERSON, agency=AGENCY)
               if _one_question(row)]
    _agency_regions(graph, sources)
    weights = _weights(graph, sources, {} if weights is None else weights)
    rows = {row["id"]: _filing(row, weights) for row in _one_per_pair(sources)}
    graph.write(FILE_DECISIONS, rows=[rows.get(decision_id) or {"id": decision_id, "keys": []}
                                      for decision_id in dict.fromkeys(ids)])


def _one_question(source: dict) -> bool:
    """Whether a decision still asks something: its two sides are not (yet) one person or agency,
    nor two persons with different NIPs (whom no verdict joins: ingest.cases.resolve)."""
    nodes, nips = [side["node"] for side in source["sides"]], [side["nip"] for side in source["sides"]]
    return len(nodes) == 2 and (None in nodes or nodes[0] != nodes[1]) and (None in nips or nips[0] == nips[1])


def _one_per_pair(sources: list[dict]) -> list[dict]:
    """The surest question about each two persons (as the resolver keeps one, ingest.cases.resolve
    `_one_per_pair_of_persons`): resolving a few persons again leaves earlier questions about
    records that are now one person's."""
    kept: dict[tuple, dict] = {}
    for source in sorted(sources, key=lambda s: (-(s["confidence"] or 0), s["a"], s["b"])):
        nodes = tuple(sorted(side["node"] or f"record:{side_id}" for side, side_id
                             in zip(source["sides"], (source["a"], source["b"]))))
        kept.setdefault((source["subject"], nodes), source)
    return list(kept.values())


def _agency_regions(graph: Graph, sources: list[dict]) -> None:
    """An agency merge is filed under the region agency name resolution gave it (a Region's name)."""
    names = sorted({row["agency_region"] for row in sources if row["agency_region"]})
    regions = {row["name"]: row["id"] for row in graph.read(REGIONS_NAMED, names=names)} if names else {}
    for row in sources:
        if row["agency_region"] in regions:
            row["sides"][0]["regions"] = [regions[row["agency_region"]]]


def _weights(graph: Graph, sources: list[dict], weights: dict) -> dict[tuple[str, str], dict]:
    """`weights` with (subject, id) -> {cases, links} of each person and agency the decisions are
    about that it lacks."""
    nodes = {(row["subject"], side["node"]) for row in sources for side in row["sides"] if side["node"]} - weights.keys()
    for subject, statement in ((PERSON, PERSON_WEIGHTS), (AGENCY, AGENCY_WEIGHTS)):
        ids = sorted(node for kind, node in nodes if kind == subject)
        weights.update({(subject, row["id"]): row for row in graph.read(statement, ids=ids)} if ids else {})
    return weights


def _filing(source: dict, weights: dict) -> dict:
    """A decision's impact and the keys of its entries (the whole queue's first)."""
    nodes = dict.fromkeys(side["node"] for side in source["sides"] if side["node"])
    found = [weights.get((source["subject"], node), {"cases": 0, "links": 0}) for node in nodes]
    cases, links = sum(w["cases"] for w in found), sum(w["links"] for w in found)
    rank = impact_rank(cases + links, source["id"])
    listings = {ALL: None}
    for side in source["sides"]:
        listings.update(dict.fromkeys(listing(region=r) for r in side["regions"]))
        listings.update(dict.fromkeys(listing(election=e) for e in side["elections"]))
        listings.update(dict.fromkeys(listing(r, e) for r in side["regions"] for e in side["elections"]))
    keys = [f"{name}|{rank}" for name in listings if "|" not in name]
    return {"id": source["id"], "a": source["a"], "impact": cases + links, "cases": cases, "links": links,
            "keys": keys}


# -- one entity -----------------------------------------------------------------------------

FIND_PERSONS = """
MATCH (p:Person) WHERE p.id = $text OR p.nip = $text OR $key IN p.name_keys
RETURN p.id AS id, p.name AS name, 'Person' AS label
"""

# An agency is found by any name documents wrote it with too (`names`: "Badan Pengawas Pemilu" is Bawaslu RI).
FIND_AGENCIES = """
MATCH (a:Agency) WHERE a.id = $text OR toLower(a.name) = toLower($text)
                    OR toLower($text) IN [name IN coalesce(a.names, []) | toLower(name)]
RETURN a.id AS id, a.name AS name, 'Agency' AS label
"""

FIND_ELECTIONS = """
MATCH (e:Election) WHERE e.id = $text OR toLower(e.name) = toLower($text)
RETURN e.id AS id, e.name AS name, 'Election' AS label
"""
ENTITY_LABELS = ("Person", "Agency", "Election")

ENTITY_DETAIL = """
MATCH (n:{label} {{id: $id}})
RETURN n {{.*}} AS entity, labels(n)[0] AS label,
       [(n)-[r]->(o) WHERE NOT o:PersonMention AND type(r) <> 'PART_OF' |
        {{type: type(r), direction: 'out', other_id: o.id, other_name: coalesce(o.name, o.number, o.id),
         other_label: labels(o)[0], properties: r {{.*}}}}] +
       [(o)-[r]->(n) WHERE NOT o:PersonMention AND NOT o:Document |
        {{type: type(r), direction: 'in', other_id: o.id, other_name: coalesce(o.name, o.number, o.id),
         other_label: labels(o)[0], properties: r {{.*}}}}] AS links
"""

CASES_OF_PERSON = """
MATCH (:Person {id: $id})<-[:MENTION_OF]-(m:PersonMention)
MATCH (c:Case {id: m.case_id})
RETURN DISTINCT c {.id, .number, .stage, .outcome, .act_date} AS case ORDER BY case.id
"""


@dataclass
class LinkView:
    type: str
    direction: str  # out: this entity -> other
    other_id: str
    other_name: str | None
    other_label: str
    status: str | None
    date: str | None
    detail: str | None
    document_id: str | None
    start: int | None
    end: int | None
    sentence: str | None
    method: str | None


@dataclass
class EntityView:
    id: str
    label: str  # Person, Agency or Election
    name: str
    names: list[str]
    nip: str | None
    kind: str | None
    positions: list[str]
    agencies: list[str]
    properties: dict
    cases: list[dict] = field(default_factory=list)
    links: list[LinkView] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)


def find_entities(graph: Graph, text: str, elections: bool = False) -> list[dict]:
    """Persons and agencies whose id, NIP or name is `text` (case and punctuation aside; a name
    without its titles, an adat title in any spelling some document used); with `elections`, also
    the elections whose id or name it is."""
    text = text.strip()
    found = graph.read(FIND_PERSONS, text=text, key=lookup_key(text)) + graph.read(FIND_AGENCIES, text=text)
    return found + graph.read(FIND_ELECTIONS, text=text) if elections else found


def entity_view(graph: Graph, text: str, elections: bool = False) -> EntityView:
    """The one person or agency (with `elections`, or election) `text` names; NetraError if none or several."""
    found = find_entities(graph, text, elections)
    if not found:
        raise NetraError(f"No person or agency {text!r} in the graph (try a NIP, an id or another spelling).")
    if len(found) > 1:
        listed = "; ".join(f"{row['id']} ({row['name']})" for row in found[:10])
        raise NetraError(f"{text!r} names {len(found)} entities: {listed}. Give an id or NIP.")
    label = next(name for name in ENTITY_LABELS if name == found[0]["label"])  # becomes Cypher text: only these
    row = graph.read(ENTITY_DETAIL.format(label=label), id=found[0]["id"])[0]
    entity = row["entity"]
    links = sorted((_link_view(link) for link in row["links"]),
                   key=lambda link: (link.type, link.other_id, link.document_id or "", link.start or 0))
    cases = [r["case"] for r in graph.read(CASES_OF_PERSON, id=entity["id"])] if row["label"] == "Person" else []
    return EntityView(entity["id"], row["label"], entity.get("name"), entity.get("names") or [entity.get("name")],
                      entity.get("nip"), entity.get("kind"), entity.get("positions") or [],
                      entity.get("agencies") or [], entity, cases, links)


def _link_view(link: dict) -> LinkView:
    props = link["properties"]
    return LinkView(link["type"], link["direction"], link["other_id"], link["other_name"], link["other_label"],
                    props.get("status"), props.get("date"), props.get("detail"), props.get("document_id"),
                    props.get("start"), props.get("end"), props.get("sentence"), props.get("method"))


# -- for masking ------------------------------------------------------------------------------

PERSON_COUNT = """
CALL () { MATCH (p:Person) RETURN count(p) AS persons }
CALL () { MATCH (m:PersonMention) RETURN count(m) AS mentions }
RETURN persons + mentions AS total
"""

PERSON_NAMES = """
CALL () {
  MATCH (p:Person) RETURN collect(p.id) AS ids,
        reduce(all = [], names IN collect(coalesce(p.names, []) + [coalesce(p.name, '')]) | all + names) AS names
}
CALL () {
  MATCH (m:PersonMention)
  RETURN collect(DISTINCT m.name) + collect(DISTINCT m.adat_title) AS mention_names
}
CALL () {
  MATCH (n) WHERE n:Region OR n:Agency OR n:Position
  RETURN collect(n.name) AS other_names
}
RETURN ids, names + mention_names AS names, other_names
"""


PERSON_NUMBERS = """
CALL () { MATCH (p:Person) WHERE p.nip IS NOT NULL RETURN collect(DISTINCT p.nip) AS persons }
CALL () { MATCH (m:PersonMention) WHERE m.nip IS NOT NULL RETURN collect(DISTINCT m.nip) AS mentions }
RETURN persons + mentions AS numbers
"""


def person_numbers(graph: Graph) -> list[str]:
    """Every NIP (or NI PPPK) any person or mention carries."""
    return sorted({str(number) for number in graph.read(PERSON_NUMBERS)[0]["numbers"] if number})


def person_count(graph: Graph) -> int:
    """Persons plus mentions: changes whenever a case document is loaded or removed."""
    return graph.read(PERSON_COUNT)[0]["total"]


def person_names(graph: Graph) -> tuple[list[str], list[str], list[str]]:
    """Every name and adat title any person or mention carries, every person id, and the names
    of regions, agencies and positions (words that are not only names)."""
    row = graph.read(PERSON_NAMES)[0]
    return [name for name in row["names"] if name], row["ids"], [name for name in row["other_names"] if name]
