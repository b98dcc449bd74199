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

Each Person has a `(:PersonKeys {person_id, keys})` beside it (no relationship: no page or export
reads it): the resolver's blocking keys of its records (NIP, name, names a letter away, ...), in
the full-text index `person_block_keys`. The mentions of a new document are resolved against the
persons found by those keys and rewritten in one transaction (`replace_persons`), so adding a
document reads what it could match, not the whole graph.
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

# Decisions about persons (agency decisions, subject 'agency', are graph/agencies.py's).
VERDICTS = """
MATCH (d:MergeDecision) WHERE d.verdict IS NOT NULL AND coalesce(d.subject, 'person') = 'person'
RETURN d.a AS a, d.b AS b, d.verdict AS verdict
"""

UNRESOLVED_MENTIONS = "MATCH (m:PersonMention) WHERE NOT (m)-[:MENTION_OF]->(:Person) RETURN count(m) AS n"

# Links first, then the nodes, each in transactions of a fixed number of rows: DETACH DELETE of
# 2,000 persons at a time removed all the links of the largest ones in one transaction (a candidate
# named in 100,000 cases has tens of thousands). Outgoing first, so a link between two persons is
# deleted once.
DELETE_RESOLVED = [
    "MATCH (k:PersonKeys) CALL (k) { DELETE k } IN TRANSACTIONS OF 10000 ROWS",
    "MATCH (:Person)-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
    "MATCH (:Person)<-[r]-() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
    "MATCH (p:Person) CALL (p) { DELETE p } IN TRANSACTIONS OF 10000 ROWS",
]

DELETE_RULE_DECISIONS = """
MATCH (d:MergeDecision) WHERE d.verdict IS NULL AND coalesce(d.subject, 'person') = 'person'
CALL (d) { DELETE d } IN TRANSACTIONS OF 10000 ROWS
"""

CREATE_PERSONS = """
UNWIND $rows AS row
CREATE (p:Person)
SET p = row.properties
CREATE (:PersonKeys {person_id: row.properties.id, keys: row.keys})
WITH p, row
UNWIND row.members AS member
MATCH (m:PersonMention {id: member})
CREATE (m)-[:MENTION_OF]->(p)
"""

# The link a claim makes between two persons: a claim about a case that ended not proven or
# dismissed proves no support, so its status becomes not_proven (what the document said stays in
# stated_status). {type} is one of PERSON_LINK_TYPES, never input.
LINK_FROM_CLAIM = """
CREATE (a)-[r:{type}]->(target)
SET r = properties(c), r.stated_status = c.status,
    r.status = CASE WHEN c.type = 'SUPPORTED' AND k.outcome IN $closed THEN 'not_proven' ELSE c.status END
"""

# One typed link per claim.
PROJECT_CLAIMS = """
MATCH (m:PersonMention)-[c:CLAIMS {{type: $type}}]->(t)
CALL (m, c, t) {{
  MATCH (m)-[:MENTION_OF]->(a:Person)
  OPTIONAL MATCH (t)-[:MENTION_OF]->(tp:Person)
  OPTIONAL MATCH (k:Case {{id: c.case_id}})
  WITH a, c, k, coalesce(tp, t) AS target WHERE a <> target
""" + LINK_FROM_CLAIM + """}} IN TRANSACTIONS OF 5000 ROWS
"""

# -- incremental: the persons a new document's mentions could be, and rewriting only those ------

UNRESOLVED_MENTIONS_OF = """
UNWIND $document_ids AS document_id
MATCH (m:PersonMention {document_id: document_id})
WHERE NOT (m)-[:MENTION_OF]->(:Person)
RETURN m.id AS id, m.document_id AS document_id, m {.*} AS properties
ORDER BY id
"""

# Lucene's query parser: each key a quoted term (keys hold no quote or backslash: see
# ingest.cases.resolve.blocking_keys), OR-ed in chunks below its limit of 1,024 clauses.
PERSONS_BY_KEYS = """
CALL db.index.fulltext.queryNodes('person_block_keys', $query) YIELD node
RETURN DISTINCT node.person_id AS id
"""
KEYS_PER_QUERY = 500

PERSONS_IN_CASES = """
UNWIND $case_ids AS case_id
MATCH (:PersonMention {case_id: case_id})-[:MENTION_OF]->(p:Person)
RETURN DISTINCT p.id AS id
"""

MEMBERS_OF_PERSONS = """
UNWIND $ids AS person_id
MATCH (:Person {id: person_id})<-[:MENTION_OF]-(m:PersonMention)
RETURN person_id, m.id AS id, m.document_id AS document_id, m {.*} AS properties
ORDER BY id
"""

VERDICTS_ON_MENTIONS = """
UNWIND $ids AS mention_id
CALL (mention_id) {
  MATCH (d:MergeDecision {a: mention_id}) WHERE d.verdict IS NOT NULL RETURN d
  UNION
  MATCH (d:MergeDecision {b: mention_id}) WHERE d.verdict IS NOT NULL RETURN d
}
RETURN DISTINCT d.a AS a, d.b AS b, d.verdict AS verdict
"""

# A person that only gains mentions keeps its node and links: its properties and keys are set
# again and the new mentions linked (a candidate named in thousands of documents is not rewritten).
GROW_PERSONS = """
UNWIND $rows AS row
MATCH (p:Person {id: row.properties.id})
SET p = row.properties
MERGE (k:PersonKeys {person_id: row.properties.id})
SET k.keys = row.keys
WITH p, row
UNWIND row.new_members AS member
MATCH (m:PersonMention {id: member})
CREATE (m)-[:MENTION_OF]->(p)
"""

DELETE_PERSONS_BY_ID = """
UNWIND $ids AS person_id
MATCH (p:Person {id: person_id})
OPTIONAL MATCH (k:PersonKeys {person_id: person_id})
DETACH DELETE p, k
"""

# The claims of the rewritten persons' members, and the claims other persons' mentions make about
# them: DETACH DELETE took both kinds of link. {type} is one of PERSON_LINK_TYPES, never input.
PROJECT_CLAIMS_FROM = """
UNWIND $ids AS mention_id
MATCH (m:PersonMention {{id: mention_id}})-[c:CLAIMS {{type: $type}}]->(t)
MATCH (m)-[:MENTION_OF]->(a:Person)
OPTIONAL MATCH (t)-[:MENTION_OF]->(tp:Person)
OPTIONAL MATCH (k:Case {{id: c.case_id}})
WITH a, c, k, coalesce(tp, t) AS target WHERE a <> target
""" + LINK_FROM_CLAIM

PROJECT_CLAIMS_TO = """
UNWIND $ids AS mention_id
MATCH (m:PersonMention)-[c:CLAIMS {{type: $type}}]->(:PersonMention {{id: mention_id}})-[:MENTION_OF]->(target:Person)
WHERE NOT m.id IN $ids
MATCH (m)-[:MENTION_OF]->(a:Person)
OPTIONAL MATCH (k:Case {{id: c.case_id}})
WITH a, c, k, target WHERE a <> target
""" + LINK_FROM_CLAIM

# A rule's question or reason about two records that are now one person is settled.
DELETE_SETTLED_DECISIONS = """
UNWIND $persons AS members
UNWIND members AS member
MATCH (d:MergeDecision {a: member})
WHERE d.verdict IS NULL AND d.decision <> 'merge' AND d.b IN members
DELETE d
"""

ANY_PERSON = "MATCH (p:Person) RETURN p.id AS id LIMIT 1"
ANY_PERSON_KEYS = "MATCH (k:PersonKeys) RETURN k.person_id AS id LIMIT 1"

# What blocking keys are made from, once per distinct record of each person (for a graph resolved
# before persons had keys).
PERSON_KEY_SOURCES = """
MATCH (m:PersonMention)-[:MENTION_OF]->(p:Person)
RETURN DISTINCT p.id AS person_id, m.name AS name, m.nip AS nip,
       m.position AS position, m.agency AS agency, m.region AS region, m.race AS race
"""

CREATE_PERSON_KEYS = """
UNWIND $rows AS row
MERGE (k:PersonKeys {person_id: row.person_id})
SET k.keys = row.keys
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


# -- incremental resolution -----------------------------------------------------------------

def unresolved_mentions_of(graph: Graph, document_ids: list[str]) -> list[dict]:
    """The mentions of these documents that no Person stands for yet, in id order."""
    return graph.read(UNRESOLVED_MENTIONS_OF, document_ids=document_ids)


def persons_by_keys(graph: Graph, keys: set[str]) -> set[str]:
    """Ids of the persons filed under any of these blocking keys (an index lookup per key)."""
    found: set[str] = set()
    ordered = sorted(keys)
    for start in range(0, len(ordered), KEYS_PER_QUERY):
        query = " OR ".join(f'"{key}"' for key in ordered[start:start + KEYS_PER_QUERY])
        found |= {row["id"] for row in graph.read(PERSONS_BY_KEYS, query=query)}
    return found


def persons_in_cases(graph: Graph, case_ids: list[str]) -> set[str]:
    """Ids of the persons mentioned in documents about these cases."""
    return {row["id"] for row in graph.read(PERSONS_IN_CASES, case_ids=case_ids)} if case_ids else set()


def members_of_persons(graph: Graph, person_ids: list[str]) -> list[dict]:
    """The member mentions of these persons: person_id, id, document_id, properties."""
    return graph.read(MEMBERS_OF_PERSONS, ids=person_ids) if person_ids else []


def verdicts_on_mentions(graph: Graph, mention_ids: list[str]) -> list[dict]:
    """The reviewers' verdicts (a, b, verdict) on pairs with one of these mentions."""
    return graph.read(VERDICTS_ON_MENTIONS, ids=mention_ids) if mention_ids else []


def replace_persons(graph: Graph, replaced: list[str], rows: list[dict], grown: list[dict],
                    decisions: list[dict]) -> None:
    """In one transaction: delete the persons `replaced` (and their links) and create `rows` (as
    create_persons) in their place; set the properties and keys of the persons `grown` ({members,
    new_members, keys, properties}: an existing person, same id, more mentions) and link their new
    mentions; project again the claims of and about the mentions whose person is new; record
    `decisions` and drop the rules' questions about records that are now one person."""
    linked = sorted({member for row in rows for member in row["members"]}
                    | {member for row in grown for member in row["new_members"]})

    def work(tx) -> None:
        tx.run(DELETE_PERSONS_BY_ID, ids=replaced).consume()
        tx.run(CREATE_PERSONS, rows=rows).consume()
        tx.run(GROW_PERSONS, rows=grown).consume()
        for link_type in PERSON_LINK_TYPES:  # the type becomes part of the Cypher text: only these
            for statement in (PROJECT_CLAIMS_FROM, PROJECT_CLAIMS_TO):
                tx.run(statement.format(type=link_type), ids=linked, type=link_type,
                       closed=CLOSED_OUTCOMES).consume()
        if decisions:
            tx.run(UPSERT_DECISIONS, rows=decisions).consume()
        tx.run(DELETE_SETTLED_DECISIONS, persons=[row["members"] for row in [*rows, *grown]]).consume()

    graph.write_all(work)


def persons_lack_keys(graph: Graph) -> bool:
    """Whether persons exist but none has its blocking keys (a graph resolved before they existed)."""
    return bool(graph.read(ANY_PERSON)) and not graph.read(ANY_PERSON_KEYS)


def person_key_sources(graph: Graph) -> list[dict]:
    """Each person's distinct records (name, NIP, position, agency, region, race)."""
    return graph.read(PERSON_KEY_SOURCES)


def write_person_keys(graph: Graph, rows: list[dict]) -> None:
    """Set the blocking keys of persons: rows of {person_id, keys}."""
    graph.write(CREATE_PERSON_KEYS, rows=rows)
