"""The case layer of the graph: writing what one case document, register or report says.

What a document states is kept as it was stated, owned by the document (`document_id`):

    (:Document:CaseDocument|:Register|:Report)-[:ABOUT {stage, outcome, rank, ...}]->(:Case)
    (:PersonMention {name, nip, position, ...})-[:MENTIONED_IN]->(:Document)
    (:PersonMention)-[:CLAIMS {type, status, detail, date, start, end, sentence, method}]->
        (:PersonMention|:Agency|:Position|:Case)
    (:Case)-[:FOUND_BY|HANDLED_BY|RECOMMENDED_BY {document_id, start, end, sentence}]->(:Agency)
    (:Case)-[:IN_REGION|IN_ELECTION]->(:Region|:Election)
    (:Case)-[:RESULTED_IN]->(:Sanction)-[:SANCTIONED_BY]->(:Agency), (:Sanction)-[:CITES]->(:Provision)
    (:Document)-[:CITES {raw, start, end}]->(:Provision), (:Report)-[:MENTIONS]->(:Agency|:Region|:Election)

Who is who across documents is decided afterwards (graph/entities.py): it makes the Person
nodes and turns every claim into a typed link between them (SUPPORTED, FAMILY_OF, ...).

Shared nodes (Case, Agency, Position, Region, Election) are merged by id and carry no owner;
a Case's stage and outcome are settled from everything its documents state, so removing a
document settles them again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.db import Graph

# A not-proven or dismissed case proves no support, whatever a document's wording suggested.
CLOSED_OUTCOMES = ["not_proven", "dismissed"]

SHARED_LABELS = ("Agency", "Position", "Region", "Election")
CLAIM_TARGETS = ("PersonMention", "Agency", "Position", "Case")
CASE_LINK_TYPES = ("FOUND_BY", "HANDLED_BY", "RECOMMENDED_BY", "IN_REGION", "IN_ELECTION")
DOCUMENT_KINDS = ("CaseDocument", "Register", "Report")
CYPHER_NAMES = set(SHARED_LABELS) | set(CLAIM_TARGETS) | set(CASE_LINK_TYPES) | set(DOCUMENT_KINDS)


@dataclass
class CaseRecords:
    """Everything one document contributes, as plain rows for UNWIND."""

    document: dict  # id, kind (a DOCUMENT_KINDS label), path, sha256, ...
    cases: list[dict] = field(default_factory=list)  # {id, about: {stage, outcome, rank, number, ...}}
    shared: list[dict] = field(default_factory=list)  # {label, id, properties}
    mentions: list[dict] = field(default_factory=list)  # PersonMention properties, incl. id and case_id
    claims: list[dict] = field(default_factory=list)  # {source_id, target_label, target_id, properties}
    case_links: list[dict] = field(default_factory=list)  # {case_id, type, target_label, target_id, properties}
    sanctions: list[dict] = field(default_factory=list)  # {id, case_id, by_agency_id, provision_ids, properties}
    citations: list[dict] = field(default_factory=list)  # {target_id, properties}: the document cites a Provision
    mentioned: list[dict] = field(default_factory=list)  # {label, id}: a report names an agency, region, election
    region_parts: list[dict] = field(default_factory=list)  # {id, parent_id}: Kecamatan X PART_OF Kota Y


DOCUMENT_BY_ID = "MATCH (d:Document {id: $id}) RETURN d {.*} AS document"

CASES_OF_DOCUMENT = "MATCH (:Document {id: $id})-[:ABOUT]->(c:Case) RETURN c.id AS id"

DELETE_MENTIONS = "MATCH (m:PersonMention {document_id: $id}) DETACH DELETE m"
DELETE_SANCTIONS = "MATCH (s:Sanction {document_id: $id}) DETACH DELETE s"
DELETE_DOCUMENT_LINKS = "MATCH (:Document {id: $id})-[r]->() DELETE r"
DELETE_CASE_LINKS = """
MATCH (c:Case)-[r]->() WHERE c.id IN $case_ids AND r.document_id = $id
DELETE r
"""

UPSERT_DOCUMENT = """
MERGE (d:Document {{id: $document.id}})
SET d = $document, d:{kind}, d.ingested_at = datetime()
"""

UPSERT_SHARED = """
UNWIND $rows AS row
MERGE (n:{label} {{id: row.id}})
SET n += row.properties
"""

LINK_REGION_PARTS = """
UNWIND $rows AS row
MATCH (part:Region {id: row.id})
MATCH (whole:Region {id: row.parent_id})
MERGE (part)-[:PART_OF]->(whole)
"""

UPSERT_CASES = """
UNWIND $rows AS row
MERGE (c:Case {id: row.id})
WITH c, row
MATCH (d:Document {id: $document_id})
CREATE (d)-[a:ABOUT]->(c)
SET a = row.about, a.document_id = $document_id
"""

CREATE_MENTIONS = """
UNWIND $rows AS row
MATCH (d:Document {id: $document_id})
CREATE (m:PersonMention)
SET m = row, m.document_id = $document_id
CREATE (m)-[:MENTIONED_IN {document_id: $document_id}]->(d)
"""

# The status rule is enforced here as well as in extraction: whatever the rows say, a SUPPORTED
# claim about a case this document closes as not proven or dismissed is never "proven".
CREATE_CLAIMS = """
UNWIND $rows AS row
MATCH (m:PersonMention {{id: row.source_id}})
MATCH (t:{target} {{id: row.target_id}})
CREATE (m)-[c:CLAIMS]->(t)
SET c = row.properties, c.document_id = $document_id,
    c.status = CASE WHEN row.properties.type = 'SUPPORTED' AND row.properties.status = 'proven'
                         AND row.case_outcome IN $closed THEN 'not_proven'
                    ELSE row.properties.status END
"""

CREATE_CASE_LINKS = """
UNWIND $rows AS row
MATCH (c:Case {{id: row.case_id}})
MATCH (t:{target} {{id: row.target_id}})
CREATE (c)-[r:{type}]->(t)
SET r = row.properties, r.document_id = $document_id
"""

CREATE_SANCTIONS = """
UNWIND $rows AS row
MATCH (c:Case {id: row.case_id})
CREATE (s:Sanction)
SET s = row.properties, s.id = row.id, s.document_id = $document_id
CREATE (c)-[:RESULTED_IN {document_id: $document_id}]->(s)
WITH s, row
OPTIONAL MATCH (ppk:Agency {id: row.by_agency_id})
FOREACH (_ IN CASE WHEN ppk IS NULL THEN [] ELSE [1] END |
  CREATE (s)-[:SANCTIONED_BY {document_id: $document_id, status: row.properties.status}]->(ppk))
WITH s, row
UNWIND row.provision_ids AS provision_id
MATCH (p:Provision {id: provision_id})
CREATE (s)-[:CITES {document_id: $document_id}]->(p)
"""

CREATE_CITATIONS = """
UNWIND $rows AS row
MATCH (d:Document {id: $document_id})
MATCH (p:Provision {id: row.target_id})
CREATE (d)-[c:CITES]->(p)
SET c = row.properties, c.document_id = $document_id
"""

CREATE_MENTIONED = """
UNWIND $rows AS row
MATCH (d:Document {{id: $document_id}})
MATCH (t:{label} {{id: row.id}})
MERGE (d)-[:MENTIONS {{document_id: $document_id}}]->(t)
"""

# A case's stage and outcome are those of the most advanced document about it (a register row
# outranks them all); its number is the first one stated.
SETTLE_CASES = """
UNWIND $case_ids AS case_id
MATCH (c:Case {id: case_id})
OPTIONAL MATCH (:Document)-[a:ABOUT]->(c)
WITH c, a ORDER BY a.rank DESC, a.document_id
WITH c, collect(a) AS stated
WITH c, stated, [x IN stated WHERE x.outcome IN ['proven', 'not_proven', 'dismissed', 'mixed']] AS decided
SET c.stage = stated[0].stage,
    c.outcome = coalesce(decided[0].outcome, 'pending'),
    c.number = [x IN stated WHERE x.number IS NOT NULL | x.number][0],
    c.source = [x IN stated WHERE x.source IS NOT NULL | x.source][0],
    c.act = [x IN stated WHERE x.act IS NOT NULL | x.act][0],
    c.act_date = [x IN stated WHERE x.act_date IS NOT NULL | x.act_date][0],
    c.documents = size(stated)
WITH c WHERE size(stated) = 0
DETACH DELETE c
"""


def stored_document(graph: Graph, document_id: str) -> dict | None:
    rows = graph.read(DOCUMENT_BY_ID, id=document_id)
    return rows[0]["document"] if rows else None


def write_case_document(graph: Graph, records: CaseRecords) -> None:
    """Write (or replace) one document's contribution in a single transaction."""
    doc_id = records.document["id"]
    _check_names(records)
    outcomes = {case["id"]: case["about"].get("outcome") for case in records.cases}

    def work(tx):
        previous = [row["id"] for row in tx.run(CASES_OF_DOCUMENT, id=doc_id).data()]
        _delete_contribution(tx, doc_id, previous)
        tx.run(UPSERT_DOCUMENT.format(kind=records.document["kind"]), document=records.document)
        for label in SHARED_LABELS:
            _unwind(tx, UPSERT_SHARED.format(label=label), [r for r in records.shared if r["label"] == label])
        _unwind(tx, LINK_REGION_PARTS, records.region_parts)
        _unwind(tx, UPSERT_CASES, records.cases, document_id=doc_id)
        _unwind(tx, CREATE_MENTIONS, records.mentions, document_id=doc_id)
        for target in CLAIM_TARGETS:
            rows = [{**claim, "case_outcome": outcomes.get(claim["properties"].get("case_id"))}
                    for claim in records.claims if claim["target_label"] == target]
            _unwind(tx, CREATE_CLAIMS.format(target=target), rows, document_id=doc_id, closed=CLOSED_OUTCOMES)
        for link_type in CASE_LINK_TYPES:
            for target in SHARED_LABELS:
                rows = [r for r in records.case_links if r["type"] == link_type and r["target_label"] == target]
                _unwind(tx, CREATE_CASE_LINKS.format(type=link_type, target=target), rows, document_id=doc_id)
        _unwind(tx, CREATE_SANCTIONS, records.sanctions, document_id=doc_id)
        _unwind(tx, CREATE_CITATIONS, records.citations, document_id=doc_id)
        for label in SHARED_LABELS:
            _unwind(tx, CREATE_MENTIONED.format(label=label),
                    [r for r in records.mentioned if r["label"] == label], document_id=doc_id)
        tx.run(SETTLE_CASES, case_ids=sorted(set(previous) | set(outcomes)))

    graph.write_all(work)


def remove_case_document(graph: Graph, document_id: str) -> bool:
    """Remove one document's contribution; False if it was not there. Persons are re-resolved
    by the caller (graph.entities.refresh_entities)."""
    if stored_document(graph, document_id) is None:
        return False

    def work(tx):
        previous = [row["id"] for row in tx.run(CASES_OF_DOCUMENT, id=document_id).data()]
        _delete_contribution(tx, document_id, previous)
        tx.run("MATCH (d:Document {id: $id}) DETACH DELETE d", id=document_id)
        tx.run(SETTLE_CASES, case_ids=previous)

    graph.write_all(work)
    return True


def _delete_contribution(tx, document_id: str, case_ids: list[str]) -> None:
    tx.run(DELETE_MENTIONS, id=document_id)
    tx.run(DELETE_SANCTIONS, id=document_id)
    tx.run(DELETE_CASE_LINKS, id=document_id, case_ids=case_ids)
    tx.run(DELETE_DOCUMENT_LINKS, id=document_id)


def _check_names(records: CaseRecords) -> None:
    """Labels and types become part of the Cypher text: only Netra's own names are accepted."""
    names = {records.document["kind"]}
    names |= {row["label"] for row in records.shared + records.mentioned}
    names |= {row["target_label"] for row in records.claims + records.case_links}
    names |= {row["type"] for row in records.case_links}
    unknown = names - CYPHER_NAMES
    if unknown:
        raise ValueError(f"not a label or type Netra writes: {sorted(unknown)}")


def _unwind(tx, cypher: str, rows: list[dict], batch: int = 5000, **params) -> None:
    for start in range(0, len(rows), batch):
        tx.run(cypher, rows=rows[start:start + batch], **params)
