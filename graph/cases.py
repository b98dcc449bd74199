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

A link to an Agency keeps the name the document wrote (named_as; named_region, the region of the
person employed there when that completed the name): which Agency a name is can change after the
document is written (ingest/agency_resolution.py).

Who is who across documents is decided afterwards (ingest/person_resolution.py): it makes the Person
nodes and turns every claim into a typed link between them (SUPPORTED, FAMILY_OF, ...).

Shared nodes (Case, Agency, Position, Region, Election) are merged by id and carry no owner;
a Case's stage and outcome are settled from everything its documents state, so removing a
document settles them again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from graph.batches import unwind
from graph.db import Graph

# A not-proven or dismissed case proves no support, whatever a document's wording suggested.
CLOSED_OUTCOMES = ["not_proven", "dismissed"]

SHARED_LABELS = ("Agency", "Position", "Region", "Election")
CLAIM_TARGETS = ("PersonMention", "Agency", "Position", "Case")
CASE_LINK_TYPES = ("FOUND_BY", "HANDLED_BY", "RECOMMENDED_BY", "IN_REGION", "IN_ELECTION")
DOCUMENT_KINDS = ("CaseDocument", "Register", "Report")
# A document about more cases than this is written in several transactions: 10,000 register rows
# in one went over the server's transaction memory (70% of a 1 GiB heap).
CASES_PER_TRANSACTION = 1000
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


DOCUMENTS_BY_ID = "MATCH (d:Document) WHERE d.id IN $ids RETURN d {.*} AS document"

CASE_DOCUMENT_PATHS = """
MATCH (d:Document) WHERE (d:CaseDocument OR d:Register OR d:Report) AND d.path ENDS WITH $name
RETURN d.id AS id, d.path AS path
"""

# Every id a case document can have (ingest/case_pipeline.py names them); regulations are "doc:…".
CASE_DOCUMENT_PREFIXES = ("casedoc:", "register:", "report:")

# Several documents are written per statement (one round trip for a whole batch of files): every
# row names the document it belongs to.
CASES_OF_DOCUMENTS = "MATCH (d:Document)-[:ABOUT]->(c:Case) WHERE d.id IN $ids RETURN DISTINCT c.id AS id"

DELETE_MENTIONS = "MATCH (m:PersonMention) WHERE m.document_id IN $ids DETACH DELETE m"
DELETE_SANCTIONS = "MATCH (s:Sanction) WHERE s.document_id IN $ids DETACH DELETE s"
DELETE_DOCUMENT_LINKS = "MATCH (d:Document)-[r]->() WHERE d.id IN $ids DELETE r"
DELETE_CASE_LINKS = """
MATCH (c:Case)-[r]->() WHERE c.id IN $case_ids AND r.document_id IN $ids
DELETE r
"""

UPSERT_DOCUMENTS = """
UNWIND $rows AS document
MERGE (d:Document {{id: document.id}})
SET d = document, d:{kind}, d.ingested_at = datetime()
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
MATCH (d:Document {id: row.document_id})
CREATE (d)-[a:ABOUT]->(c)
SET a = row.about, a.document_id = row.document_id
"""

CREATE_MENTIONS = """
UNWIND $rows AS row
MATCH (d:Document {id: row.document_id})
CREATE (m:PersonMention)
SET m = row.properties, m.document_id = row.document_id
CREATE (m)-[:MENTIONED_IN {document_id: row.document_id}]->(d)
"""

# The status rule is enforced here as well as in extraction: whatever the rows say, a SUPPORTED
# claim about a case this document closes as not proven or dismissed is never "proven".
CREATE_CLAIMS = """
UNWIND $rows AS row
MATCH (m:PersonMention {{id: row.source_id}})
MATCH (t:{target} {{id: row.target_id}})
CREATE (m)-[c:CLAIMS]->(t)
SET c = row.properties, c.document_id = row.document_id,
    c.status = CASE WHEN row.properties.type = 'SUPPORTED' AND row.properties.status = 'proven'
                         AND row.case_outcome IN $closed THEN 'not_proven'
                    ELSE row.properties.status END
"""

CREATE_CASE_LINKS = """
UNWIND $rows AS row
MATCH (c:Case {{id: row.case_id}})
MATCH (t:{target} {{id: row.target_id}})
CREATE (c)-[r:{type}]->(t)
SET r = row.properties, r.document_id = row.document_id
"""

CREATE_SANCTIONS = """
UNWIND $rows AS row
MATCH (c:Case {id: row.case_id})
CREATE (s:Sanction)
SET s = row.properties, s.id = row.id, s.document_id = row.document_id
CREATE (c)-[:RESULTED_IN {document_id: row.document_id}]->(s)
WITH s, row
OPTIONAL MATCH (ppk:Agency {id: row.by_agency_id})
FOREACH (_ IN CASE WHEN ppk IS NULL THEN [] ELSE [1] END |
  CREATE (s)-[:SANCTIONED_BY {document_id: row.document_id, status: row.properties.status,
                              named_as: row.by_agency_named.named_as}]->(ppk))
WITH s, row
UNWIND row.provision_ids AS provision_id
MATCH (p:Provision {id: provision_id})
CREATE (s)-[:CITES {document_id: row.document_id}]->(p)
"""

CREATE_CITATIONS = """
UNWIND $rows AS row
MATCH (d:Document {id: row.document_id})
MATCH (p:Provision {id: row.target_id})
CREATE (d)-[c:CITES]->(p)
SET c = row.properties, c.document_id = row.document_id
"""

CREATE_MENTIONED = """
UNWIND $rows AS row
MATCH (d:Document {{id: row.document_id}})
MATCH (t:{label} {{id: row.id}})
MERGE (d)-[:MENTIONS {{document_id: row.document_id}}]->(t)
"""

# An agency's mention keeps the name it was written with (ingest/agency_resolution.py reads it):
# one link per name, so that a name a reviewer keeps apart from its body can move on its own.
CREATE_MENTIONED_AGENCIES = """
UNWIND $rows AS row
MATCH (d:Document {id: row.document_id})
MATCH (t:Agency {id: row.id})
MERGE (d)-[:MENTIONS {document_id: row.document_id, named_as: row.named_as}]->(t)
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
    return stored_documents(graph, [document_id]).get(document_id)


def stored_documents(graph: Graph, document_ids: list[str]) -> dict[str, dict]:
    """The stored Document of each id that has one (one round trip for a batch of files)."""
    return {row["document"]["id"]: row["document"] for row in graph.read(DOCUMENTS_BY_ID, ids=document_ids)}


def write_case_document(graph: Graph, records: CaseRecords) -> None:
    """Write (or replace) one document's contribution in a single transaction."""
    write_case_documents(graph, [records])


def write_case_documents(graph: Graph, batch: list[CaseRecords]) -> None:
    """Write (or replace) several documents' contributions in one transaction: all of them or
    none, the same graph as writing them one by one in order. Each statement carries the rows of
    the whole batch: thousands of small documents are bound by round trips, not rows. A document
    too large for one transaction's memory (a register of thousands of cases) is written alone,
    in parts (see _write_in_parts)."""
    for records in batch:
        _check_names(records)
    ids = [records.document["id"] for records in batch]
    if len(set(ids)) < len(ids):  # a later version must replace the earlier one: one at a time
        raise ValueError("a document appears twice in one batch")
    large = [records for records in batch if len(records.cases) > CASES_PER_TRANSACTION]
    small = [records for records in batch if len(records.cases) <= CASES_PER_TRANSACTION]
    if small:
        graph.write_all(lambda tx: _write_contributions(tx, small))
    for records in large:
        _write_in_parts(graph, records)


def _write_in_parts(graph: Graph, records: CaseRecords) -> None:
    """One document's cases, CASES_PER_TRANSACTION to a transaction. The Document carries its
    hash only once the last part is written, so a run cut short loads the file again (replacing
    the parts written); a part that fails takes the parts before it away with it."""
    parts = _parts(records)
    whole_document = records.document
    try:
        for number, part in enumerate(parts):
            last = number == len(parts) - 1
            part.document = whole_document if last else {**whole_document, "sha256": None}
            graph.write_all(lambda tx: _write_contributions(tx, [part], replace=number == 0))
    except Exception:
        remove_case_document(graph, whole_document["id"])
        raise


def _parts(records: CaseRecords) -> list[CaseRecords]:
    """The records split by case (a claim's, link's or citation's case is in its properties or
    row); rows of no case, and what is shared, go with the first part."""
    case_ids = [case["id"] for case in records.cases]
    part_of = {case_id: index // CASES_PER_TRANSACTION for index, case_id in enumerate(case_ids)}
    parts = [CaseRecords(records.document) for _ in range(max(part_of.values(), default=0) + 1)]
    parts[0].shared, parts[0].mentioned, parts[0].region_parts = records.shared, records.mentioned, records.region_parts
    for attribute, case_of in (("cases", lambda row: row["id"]), ("mentions", lambda row: row.get("case_id")),
                               ("claims", lambda row: row["properties"].get("case_id")),
                               ("case_links", lambda row: row["case_id"]), ("sanctions", lambda row: row["case_id"]),
                               ("citations", lambda row: row["properties"].get("case_id"))):
        for row in getattr(records, attribute):
            getattr(parts[part_of.get(case_of(row), 0)], attribute).append(row)
    return parts


def _write_contributions(tx, batch: list[CaseRecords], replace: bool = True) -> None:
    """`replace`: remove what the documents contributed before (False for the later parts of
    one document written in parts)."""
    ids = [records.document["id"] for records in batch]
    previous = [row["id"] for row in tx.run(CASES_OF_DOCUMENTS, ids=ids).data()] if replace else []
    if replace:
        _delete_contributions(tx, ids, previous)
    for kind in DOCUMENT_KINDS:
        unwind(tx, UPSERT_DOCUMENTS.format(kind=kind), [r.document for r in batch if r.document["kind"] == kind])
    shared = [row for records in batch for row in records.shared]
    for label in SHARED_LABELS:
        unwind(tx, UPSERT_SHARED.format(label=label), [row for row in shared if row["label"] == label])
    unwind(tx, LINK_REGION_PARTS, [row for records in batch for row in records.region_parts])
    unwind(tx, UPSERT_CASES, _owned(batch, "cases"))
    unwind(tx, CREATE_MENTIONS, [{"document_id": records.document["id"], "properties": mention}
                                 for records in batch for mention in records.mentions])
    claims = _claims_with_outcomes(batch)
    for target in CLAIM_TARGETS:
        unwind(tx, CREATE_CLAIMS.format(target=target), [c for c in claims if c["target_label"] == target],
               closed=CLOSED_OUTCOMES)
    case_links = _owned(batch, "case_links")
    for link_type in CASE_LINK_TYPES:
        for target in SHARED_LABELS:
            rows = [r for r in case_links if r["type"] == link_type and r["target_label"] == target]
            unwind(tx, CREATE_CASE_LINKS.format(type=link_type, target=target), rows)
    unwind(tx, CREATE_SANCTIONS, _owned(batch, "sanctions"))
    unwind(tx, CREATE_CITATIONS, _owned(batch, "citations"))
    mentioned = _owned(batch, "mentioned")
    for label in SHARED_LABELS:
        statement = CREATE_MENTIONED_AGENCIES if label == "Agency" else CREATE_MENTIONED.format(label=label)
        unwind(tx, statement, [r for r in mentioned if r["label"] == label])
    case_ids = set(previous) | {case["id"] for records in batch for case in records.cases}
    tx.run(SETTLE_CASES, case_ids=sorted(case_ids))


def _owned(batch: list[CaseRecords], attribute: str) -> list[dict]:
    """The rows of one kind from every document of the batch, each with its document's id."""
    return [{**row, "document_id": records.document["id"]} for records in batch for row in getattr(records, attribute)]


def _claims_with_outcomes(batch: list[CaseRecords]) -> list[dict]:
    """Each claim with the outcome its own document gives the claim's case (a register holds
    thousands of cases: their outcomes are looked up, not searched for each claim)."""
    rows = []
    for records in batch:
        outcomes = _outcomes(records)
        rows += [{**claim, "case_outcome": outcomes.get(claim["properties"].get("case_id"))}
                 for claim in _owned([records], "claims")]
    return rows


def _outcomes(records: CaseRecords) -> dict[str, str | None]:
    return {case["id"]: case["about"].get("outcome") for case in records.cases}


def remove_case_document(graph: Graph, document_id: str) -> bool:
    """Remove one document's contribution; False if it was not there. Persons are re-resolved
    by the caller (ingest.person_resolution.refresh_entities)."""
    if stored_document(graph, document_id) is None:
        return False

    def work(tx):
        previous = [row["id"] for row in tx.run(CASES_OF_DOCUMENTS, ids=[document_id]).data()]
        _delete_contributions(tx, [document_id], previous)
        tx.run("MATCH (d:Document {id: $id}) DETACH DELETE d", id=document_id)
        tx.run(SETTLE_CASES, case_ids=previous)

    graph.write_all(work)
    return True


def is_case_document_id(text: str) -> bool:
    return text.startswith(CASE_DOCUMENT_PREFIXES)


def case_document_id_at(graph: Graph, path: Path) -> str | None:
    """The case document loaded from the file at `path`, if any (paths are stored as given on the
    command line, so they are compared resolved)."""
    rows = graph.read(CASE_DOCUMENT_PATHS, name=path.name)
    return next((row["id"] for row in rows if Path(row["path"]).resolve() == path.resolve()), None)


def _delete_contributions(tx, document_ids: list[str], case_ids: list[str]) -> None:
    tx.run(DELETE_MENTIONS, ids=document_ids)
    tx.run(DELETE_SANCTIONS, ids=document_ids)
    tx.run(DELETE_CASE_LINKS, ids=document_ids, case_ids=case_ids)
    tx.run(DELETE_DOCUMENT_LINKS, ids=document_ids)


def _check_names(records: CaseRecords) -> None:
    """Labels and types become part of the Cypher text: only Netra's own names are accepted."""
    names = {records.document["kind"]}
    names |= {row["label"] for row in records.shared + records.mentioned}
    names |= {row["target_label"] for row in records.claims + records.case_links}
    names |= {row["type"] for row in records.case_links}
    unknown = names - CYPHER_NAMES
    if unknown:
        raise ValueError(f"not a label or type Netra writes: {sorted(unknown)}")
