"""The resolved layer of persons, read: entity views, lookups, the merge review queue.

The layer itself (Person nodes, their typed links, MergeDecisions) is built by
ingest/person_resolution.py `refresh_entities` from every PersonMention; this module only reads it and
stores a reviewer's verdict on a merge (the caller re-resolves afterwards):

    (:PersonMention)-[:MENTION_OF]->(:Person {name, names, name_keys, nip, kind, ...})
    (:Person)-[:SUPPORTED|FAMILY_OF|APPOINTED_BY|RUNNING_MATE_OF]->(:Person)
    (:Person)-[:HOLDS_POSITION]->(:Position), -[:EMPLOYED_BY]->(:Agency), -[:RESPONDENT_IN]->(:Case)
    (:MergeDecision {a, b, decision, confidence, evidence, verdict})

A person is found by id, NIP or name: `name_keys` on each Person holds the keys its names were
written to the graph with, and a query is reduced to `lookup_key` (case and punctuation ignored).
"""

from __future__ import annotations

import re
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


def store_verdict(graph: Graph, handle: str, verdict: str) -> dict:
    """Store a reviewer's verdict (ACCEPTED or REJECTED) on a merge, by its m-… handle or
    "mentionA|mentionB". The persons change only when the layer is re-resolved
    (ingest.person_resolution.record_verdict does both)."""
    if verdict not in (ACCEPTED, REJECTED):
        raise ValueError(f"a verdict is {ACCEPTED!r} or {REJECTED!r}, not {verdict!r}")
    rows = graph.read(DECISION_BY_ID, handle=handle)
    if not rows:
        raise NetraError(f"No merge decision {handle!r}. `netra entities review` lists the open ones.")
    decision = rows[0]["decision"]
    graph.write(RECORD_VERDICT, id=decision["id"], verdict=verdict)
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
