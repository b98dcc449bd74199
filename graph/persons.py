"""The person layer, written: the statements ingest/person_resolution.py rebuilds it with.

Person resolution reads every PersonMention and the reviewers' verdicts, decides in Python which
mentions are the same person (ingest.cases.resolve), then replaces the derived layer:

    (:PersonMention)-[:MENTION_OF]->(:Person {name, names, name_keys, nip, kind, ...})
    (:Person)-[:SUPPORTED|FAMILY_OF|APPOINTED_BY|RUNNING_MATE_OF]->(:Person)
    (:Person)-[:HOLDS_POSITION]->(:Position), -[:EMPLOYED_BY]->(:Agency), -[:RESPONDENT_IN]->(:Case)
    (:MergeDecision {a, b, decision, confidence, evidence, verdict})

Deletes run in transactions of a fixed number of rows (the layer of thousands of cases does not
fit one transaction's memory; it is derived, so a run cut short is simply run again). The layer is
read for pages by graph/entities.py.
"""

from __future__ import annotations

from graph.cases import CLOSED_OUTCOMES, SHARED_LABELS
from graph.db import Graph
from graph.entities import PERSON_LINK_TYPES

ALL_MENTIONS = """
MATCH (m:PersonMention)
RETURN m.id AS id, m.document_id AS document_id, m {.*} AS properties
ORDER BY m.id
"""

VERDICTS = "MATCH (d:MergeDecision) WHERE d.verdict IS NOT NULL RETURN d.a AS a, d.b AS b, d.verdict AS verdict"

UNRESOLVED_MENTIONS = "MATCH (m:PersonMention) WHERE NOT (m)-[:MENTION_OF]->(:Person) RETURN count(m) AS n"

# Links first, then the nodes, each in transactions of a fixed number of rows: DETACH DELETE of
# 2,000 persons at a time removed all the links of the largest ones in one transaction (a candidate
# named in 100,000 cases has tens of thousands). Outgoing first, so a link between two persons is
# deleted once.
DELETE_RESOLVED = [
    "MATCH (:Person)-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
    "MATCH (:Person)<-[r]-() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
    "MATCH (p:Person) CALL (p) { DELETE p } IN TRANSACTIONS OF 10000 ROWS",
]

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
# {type} is one of PERSON_LINK_TYPES, never input.
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
# {label} is one of SHARED_LABELS, never input.
DELETE_ORPHANS = "MATCH (n:{label}) WHERE NOT EXISTS {{ (n)--() }} DELETE n"


def all_mentions(graph: Graph) -> list[dict]:
    """Every PersonMention: id, document_id and all its properties, in id order."""
    return graph.read(ALL_MENTIONS)


def merge_verdicts(graph: Graph) -> list[dict]:
    """The reviewers' verdicts on merges (a, b, verdict): the part of the layer that is not derived."""
    return graph.read(VERDICTS)


def unresolved_mention_count(graph: Graph) -> int:
    """How many mentions no Person stands for yet (e.g. after an interrupted run)."""
    return graph.read(UNRESOLVED_MENTIONS)[0]["n"]


def delete_persons(graph: Graph) -> None:
    """Delete every Person and its links, in transactions of bounded size."""
    for statement in DELETE_RESOLVED:
        graph.run_autocommit(statement)


def delete_rule_decisions(graph: Graph) -> None:
    """Delete the MergeDecisions the rules made; those a reviewer gave a verdict on stay."""
    graph.run_autocommit(DELETE_RULE_DECISIONS)


def create_persons(graph: Graph, rows: list[dict]) -> None:
    """One transaction: a Person per row ({properties, members}), linked from its member mentions."""
    graph.write(CREATE_PERSONS, rows=rows)


def project_claims(graph: Graph, link_type: str) -> None:
    """The mentions' claims of one type as typed links between the persons (or their targets)."""
    if link_type not in PERSON_LINK_TYPES:  # the type becomes part of the Cypher text
        raise ValueError(f"not a person link type: {link_type!r}")
    graph.run_autocommit(PROJECT_CLAIMS.format(type=link_type), type=link_type, closed=CLOSED_OUTCOMES)


def upsert_decisions(graph: Graph, rows: list[dict]) -> None:
    """Record merge decisions by id (a decision's verdict, if any, is kept)."""
    graph.write(UPSERT_DECISIONS, rows=rows)


def delete_orphans(graph: Graph) -> None:
    """Delete the shared nodes (agencies, positions, regions, elections) nothing links to any more."""
    for label in SHARED_LABELS:
        graph.write(DELETE_ORPHANS.format(label=label))
