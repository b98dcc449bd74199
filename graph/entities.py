"""Persons across documents: resolution into (:Person) nodes, merge decisions, entity views.

`refresh_entities` reads every PersonMention, asks `ingest.cases.resolve_records` which of
them are the same person (NIP first, then name with position, agency, region), and rebuilds
the resolved layer, in batches of transactions (thousands of cases do not fit one transaction's
memory; the layer is derived, so a run cut short is simply run again):

    (:PersonMention)-[:MENTION_OF]->(:Person)
    (:Person)-[:SUPPORTED|FAMILY_OF|APPOINTED_BY|RUNNING_MATE_OF]->(:Person)
    (:Person)-[:HOLDS_POSITION]->(:Position), -[:EMPLOYED_BY]->(:Agency), -[:RESPONDENT_IN]->(:Case)
    (:MergeDecision {a, b, decision, confidence, evidence, verdict})

Each typed link is one document's claim, with its evidence (document, span, sentence), status,
date and method. The layer is derived: it can always be rebuilt from the mentions and the
reviewers' verdicts, which are the only thing here that is not (they survive every rebuild, so a
rejected merge splits the persons again and an accepted one joins them).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field

from graph.cases import CLOSED_OUTCOMES, SHARED_LABELS
from graph.db import Graph
from graph.errors import NetraError
from ingest.cases import DISTINCT, MERGE, REVIEW, Person, name_key, resolve_records

PERSON_LINK_TYPES = ("SUPPORTED", "FAMILY_OF", "APPOINTED_BY", "RUNNING_MATE_OF",
                     "HOLDS_POSITION", "EMPLOYED_BY", "RESPONDENT_IN")
PERSON_FIELDS = ("name", "titles", "adat_title", "nip", "nip_kind", "kind", "position", "agency", "region",
                 "race", "ballot_number", "incumbent")
ACCEPTED, REJECTED = "accepted", "rejected"

ALL_MENTIONS = """
MATCH (m:PersonMention)
RETURN m.id AS id, m.document_id AS document_id, m {.*} AS properties
ORDER BY m.id
"""

VERDICTS = "MATCH (d:MergeDecision) WHERE d.verdict IS NOT NULL RETURN d.a AS a, d.b AS b, d.verdict AS verdict"

DELETE_RESOLVED = """
MATCH (p:Person)
CALL (p) { DETACH DELETE p } IN TRANSACTIONS OF 2000 ROWS
"""

DELETE_RULE_DECISIONS = """
MATCH (d:MergeDecision) WHERE d.verdict IS NULL
CALL (d) { DELETE d } IN TRANSACTIONS OF 10000 ROWS
"""

CREATE_PERSONS = """
UNWIND $rows AS row
CREATE (p:Person)
SET p = row.properties
WITH p, row
UNWIND row.members AS member
MATCH (m:PersonMention {id: member})
CREATE (m)-[:MENTION_OF]->(p)
"""

# One typed link per claim; a claim about a case that ended not proven or dismissed proves no
# support, so its status becomes not_proven (what the document said stays in stated_status).
PROJECT_CLAIMS = """
MATCH (m:PersonMention)-[c:CLAIMS {{type: $type}}]->(t)
CALL (m, c, t) {{
  MATCH (m)-[:MENTION_OF]->(a:Person)
  OPTIONAL MATCH (t)-[:MENTION_OF]->(tp:Person)
  OPTIONAL MATCH (k:Case {{id: c.case_id}})
  WITH a, c, k, coalesce(tp, t) AS target WHERE a <> target
  CREATE (a)-[r:{type}]->(target)
  SET r = properties(c), r.stated_status = c.status,
      r.status = CASE WHEN c.type = 'SUPPORTED' AND k.outcome IN $closed THEN 'not_proven' ELSE c.status END
}} IN TRANSACTIONS OF 5000 ROWS
"""

UPSERT_DECISIONS = """
UNWIND $rows AS row
MERGE (d:MergeDecision {id: row.id})
SET d += row
"""

# Shared nodes nothing points at any more (their last document was removed or replaced).
DELETE_ORPHANS = "MATCH (n:{label}) WHERE NOT EXISTS {{ (n)--() }} DELETE n"


@dataclass
class ResolutionSummary:
    mentions: int
    persons: int
    merges: int
    review: int
    distinct: int


def refresh_entities(graph: Graph) -> ResolutionSummary:
    """Re-resolve every person mention and rebuild the Person layer."""
    rows = graph.read(ALL_MENTIONS)
    people = {row["id"]: (row["document_id"], _person(row["properties"])) for row in rows}
    verdicts = {_pair(row["a"], row["b"]): MERGE if row["verdict"] == ACCEPTED else DISTINCT
                for row in graph.read(VERDICTS)}
    cases = {row["id"]: row["properties"].get("case_id") for row in rows}
    resolution = resolve_records(people, verdicts, cases)
    persons = [_person_row(person, people) for person in resolution.persons]
    decisions = [_decision_row(d, people) for d in resolution.merges + resolution.review + resolution.distinct]

    graph.run_autocommit(DELETE_RESOLVED)
    graph.run_autocommit(DELETE_RULE_DECISIONS)
    _batched(graph, CREATE_PERSONS, persons)
    for link_type in PERSON_LINK_TYPES:
        graph.run_autocommit(PROJECT_CLAIMS.format(type=link_type), type=link_type, closed=CLOSED_OUTCOMES)
    _batched(graph, UPSERT_DECISIONS, decisions)
    for label in SHARED_LABELS:
        graph.write(DELETE_ORPHANS.format(label=label))
    return ResolutionSummary(len(people), len(persons), len(resolution.merges), len(resolution.review),
                             len(resolution.distinct))


def _person(properties: dict) -> Person:
    values = {key: properties[key] for key in PERSON_FIELDS if properties.get(key) is not None}
    values["titles"] = tuple(values.get("titles", ()))
    return Person(id=properties["id"], **values)


def _person_row(resolved, people: dict) -> dict:
    records = [people[member][1] for member in resolved.members]
    names = sorted({record.name for record in records})
    return {"members": resolved.members, "properties": {
        "id": resolved.id, "name": resolved.name, "names": names,
        "name_keys": sorted({name_key(name) for name in names}), "nip": resolved.nip, "kind": resolved.kind,
        "titles": list(resolved.titles), "positions": resolved.positions, "agencies": resolved.agencies,
        "regions": resolved.regions, "documents": resolved.docs,
        "race": next((r.race for r in records if r.race), None),
        "ballot_number": next((r.ballot_number for r in records if r.ballot_number), None),
        "incumbent": any(r.incumbent for r in records),
        "nip_kind": next((r.nip_kind for r in records if r.nip_kind), None)}}


def _pair(a: str, b: str) -> tuple[str, str]:
    return tuple(sorted((a, b)))


def pair_id(a: str, b: str) -> str:
    """A short handle for a pair of mentions, for `netra entities accept|reject`."""
    return "m-" + hashlib.sha1("|".join(_pair(a, b)).encode()).hexdigest()[:8]


def _decision_row(decision, people: dict) -> dict:
    a, b = _pair(decision.a, decision.b)
    return {"id": pair_id(a, b), "a": a, "b": b, "decision": decision.decision,
            "confidence": decision.confidence, "evidence": list(decision.evidence),
            "a_name": people[a][1].name, "b_name": people[b][1].name,
            "a_document": people[a][0], "b_document": people[b][0]}


def _batched(graph: Graph, cypher: str, rows: list[dict], batch: int = 2000) -> None:
    """One transaction per batch of rows."""
    for start in range(0, len(rows), batch):
        graph.write(cypher, rows=rows[start:start + batch])


# -- review ---------------------------------------------------------------------------------

REVIEW_QUEUE = """
MATCH (d:MergeDecision {decision: $review}) WHERE d.verdict IS NULL
OPTIONAL MATCH (a:PersonMention {id: d.a})
OPTIONAL MATCH (b:PersonMention {id: d.b})
RETURN d {.*} AS decision, a {.*} AS a, b {.*} AS b
ORDER BY d.confidence DESC, d.id
"""

DECISION_BY_ID = """
MATCH (d:MergeDecision) WHERE d.id = $handle OR (d.a + '|' + d.b) = $handle OR (d.b + '|' + d.a) = $handle
RETURN d {.*} AS decision
"""

RECORD_VERDICT = """
MATCH (d:MergeDecision {id: $id})
SET d.verdict = $verdict, d.decided_by = 'human', d.decided_at = datetime()
"""


@dataclass
class ReviewPair:
    id: str
    confidence: float
    evidence: list[str]
    a: dict  # the mention: name, nip, position, agency, region, document_id
    b: dict


def review_queue(graph: Graph) -> list[ReviewPair]:
    """Pairs of mentions the rules could not decide on, with the evidence, for a person to judge."""
    return [ReviewPair(row["decision"]["id"], row["decision"]["confidence"], row["decision"]["evidence"],
                       _mention_summary(row["a"]), _mention_summary(row["b"]))
            for row in graph.read(REVIEW_QUEUE, review=REVIEW)]


def _mention_summary(mention: dict | None) -> dict:
    mention = mention or {}
    return {key: mention.get(key) for key in ("id", "name", "nip", "kind", "position", "agency", "region",
                                              "race", "document_id")}


def record_verdict(graph: Graph, handle: str, verdict: str) -> dict:
    """Accept or reject a merge (by its m-… handle or "mentionA|mentionB") and re-resolve."""
    rows = graph.read(DECISION_BY_ID, handle=handle)
    if not rows:
        raise NetraError(f"No merge decision {handle!r}. `netra entities review` lists the open ones.")
    decision = rows[0]["decision"]
    graph.write(RECORD_VERDICT, id=decision["id"], verdict=verdict)
    refresh_entities(graph)
    return {**decision, "verdict": verdict}


# -- one entity -----------------------------------------------------------------------------

FIND_PERSONS = """
MATCH (p:Person) WHERE p.id = $text OR p.nip = $text OR $key IN p.name_keys
RETURN p.id AS id, p.name AS name, 'Person' AS label
"""

FIND_AGENCIES = """
MATCH (a:Agency) WHERE a.id = $text OR toLower(a.name) = toLower($text)
RETURN a.id AS id, a.name AS name, 'Agency' AS label
"""

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
    label: str  # Person or Agency
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


def find_entities(graph: Graph, text: str) -> list[dict]:
    """Persons and agencies whose id, NIP or name (titles and spelling aside) is `text`."""
    key = name_key(text)
    return graph.read(FIND_PERSONS, text=text.strip(), key=key) + graph.read(FIND_AGENCIES, text=text.strip())


def entity_view(graph: Graph, text: str) -> EntityView:
    """The one person or agency `text` names; NetraError if none or several."""
    found = find_entities(graph, text)
    if not found:
        raise NetraError(f"No person or agency {text!r} in the graph (try a NIP, an id or another spelling).")
    if len(found) > 1:
        listed = "; ".join(f"{row['id']} ({row['name']})" for row in found[:10])
        raise NetraError(f"{text!r} names {len(found)} entities: {listed}. Give an id or NIP.")
    label = "Person" if found[0]["label"] == "Person" else "Agency"  # becomes Cypher text: only these two
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
