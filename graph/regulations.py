"""The regulation layer of the graph: writing a regulation document, removing it, reading it back.

Model (see the README for the picture):

    (:Document)<-[:FROM_DOCUMENT]-(:Regulation)-[:HAS_PART]->(:Section|:Provision)-[:HAS_PART]->...
    (:Elucidation)-[:EXPLAINS]->(:Provision|:Section)
    (:Provision)-[:HAS_VERSION]->(:ProvisionVersion)-[:INTRODUCED_BY]->(:Regulation)
    (:Regulation)-[:AMENDS|REVOKES|IMPLEMENTS]->(:Regulation)
    (any part)-[:CITES|REFERS_TO {start, end, raw}]->(:Provision|:Regulation)
    (any part)-[:HAS_UNRESOLVED]->(:Citation {reason, detail})

Ownership: every node a document contributes carries `document_id`; every relationship it
contributes starts at a node it owns. Re-ingesting a changed document MERGEs its nodes by id
and deletes the ones it no longer has, so links other documents made to unchanged ids stay.
Links that point into another document are also recorded as properties (`parent_id`,
`target_id`, `cited_id`), so `relink` can restore them when that document comes (back) later.
A Provision that an amending law creates before its base law is loaded is a placeholder
(`placeholder: true`); the base law claims it when it arrives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from graph.batches import unwind
from graph.db import Graph

PART_LABELS = ("Regulation", "Section", "Provision", "Elucidation")


@dataclass
class RegulationRecords:
    """Everything one regulation document contributes, as plain rows for UNWIND."""

    document: dict
    regulation: dict
    sections: list[dict] = field(default_factory=list)
    provisions: list[dict] = field(default_factory=list)
    elucidations: list[dict] = field(default_factory=list)
    parts: list[dict] = field(default_factory=list)  # {parent_id, parent_label, child_id, child_label}
    explains: list[dict] = field(default_factory=list)  # {from_id, to_id, to_label}
    versions: list[dict] = field(default_factory=list)  # amendment wordings of base provisions
    relations: list[dict] = field(default_factory=list)  # {type, target_id, date, provisions, evidence}
    citations: list[dict] = field(default_factory=list)  # resolved: {source_id, source_label, target_id, ...}
    unresolved: list[dict] = field(default_factory=list)  # Citation nodes

    def owned_ids(self) -> list[str]:
        rows = self.sections + self.provisions + self.elucidations + self.versions + self.unresolved
        return [self.regulation["id"]] + [row["id"] for row in rows]


# -- writing --------------------------------------------------------------------------------

DOCUMENT_BY_ID = "MATCH (d:Document {id: $id}) RETURN d {.*} AS document"

UPSERT_DOCUMENT = """
MERGE (d:Document {id: $document.id})
SET d = $document, d.ingested_at = datetime()
"""

UPSERT_DOCUMENTS = """
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d = row, d.ingested_at = datetime()
"""

# Links from other documents into nodes this document is about to delete become unresolved
# citations again, so that nothing silently disappears.
# Links from other documents into nodes this document is about to delete become unresolved
# citations again, so that nothing silently disappears.
DETACH_INCOMING_CITATIONS = """
MATCH (target:{label} {{document_id: $document_id}}) WHERE NOT target.id IN $keep
MATCH (source)-[c:CITES|REFERS_TO]->(target) WHERE c.document_id <> $document_id
CREATE (u:Citation {{id: c.document_id + '#' + source.id + '@' + c.start + '-' + c.end + '#' + target.id,
                    document_id: c.document_id, raw: c.raw, start: c.start, end: c.end,
                    cited_id: c.cited_id, cited_regulation: c.cited_regulation,
                    reason: 'regulation_not_in_corpus', detail: 'the cited document was removed'}})
CREATE (source)-[:HAS_UNRESOLVED]->(u)
DELETE c
"""

DELETE_STALE_NODES = """
MATCH (n:{label} {{document_id: $document_id}}) WHERE NOT n.id IN $keep
DETACH DELETE n
"""

# Relationships are rebuilt from scratch on every write of a document.
DELETE_OWNED_RELATIONSHIPS = """
MATCH (n:{label} {{document_id: $document_id}})-[r]->() WHERE r.document_id = $document_id
DELETE r
"""

OWNED_LABELS = ("Regulation", "Section", "Provision", "Elucidation", "ProvisionVersion", "Citation")


def _for_each_owned_label(tx, cypher: str, **params) -> None:
    for label in OWNED_LABELS:
        tx.run(cypher.format(label=label), **params)


UPSERT_REGULATIONS = """
UNWIND $rows AS row
MERGE (r:Regulation {id: row.id})
SET r += row, r.stub = false
WITH r, row
MATCH (d:Document {id: row.document_id})
MERGE (r)-[:FROM_DOCUMENT {document_id: row.document_id}]->(d)
"""

UPSERT_NODES = """
UNWIND $rows AS row
MERGE (n:{label} {{id: row.id}})
SET n += row, n.placeholder = false
"""

CREATE_PARTS = """
UNWIND $rows AS row
MATCH (parent:{parent} {{id: row.parent_id}})
MATCH (child:{child} {{id: row.child_id}})
MERGE (parent)-[p:HAS_PART]->(child)
SET p.document_id = row.document_id, p.ord = row.ord
"""

CREATE_EXPLAINS = """
UNWIND $rows AS row
MATCH (e:Elucidation {{id: row.from_id}})
MATCH (t:{label} {{id: row.to_id}})
MERGE (e)-[x:EXPLAINS]->(t)
SET x.document_id = row.document_id
"""

# An amendment's wording. The target Provision may not exist yet: it is created as a
# placeholder (or as a new provision, for inserted ones) owned by the amending document.
UPSERT_VERSIONS = """
UNWIND $rows AS row
MERGE (v:ProvisionVersion {id: row.id})
SET v = row.version, v.id = row.id, v.target_id = row.target_id, v.document_id = row.document_id
WITH v, row
MATCH (amending:Regulation {id: row.regulation_id})
MERGE (v)-[i:INTRODUCED_BY]->(amending)
SET i.document_id = row.document_id
MERGE (p:Provision {id: row.target_id})
ON CREATE SET p += row.provision, p.placeholder = true, p.document_id = row.document_id
MERGE (p)-[h:HAS_VERSION]->(v)
SET h.document_id = row.document_id
"""

CREATE_RELATIONS = """
UNWIND $rows AS row
MATCH (source:Regulation {{id: row.regulation_id}})
MERGE (target:Regulation {{id: row.target_id}})
ON CREATE SET target.stub = true, target += row.target
MERGE (source)-[rel:{type} {{document_id: row.document_id, evidence_start: row.evidence_start}}]->(target)
SET rel += row.properties
"""

CREATE_CITATIONS = """
UNWIND $rows AS row
MATCH (source:{source} {{id: row.source_id}})
MATCH (target:{target} {{id: row.target_id}})
CREATE (source)-[c:{type}]->(target)
SET c = row.properties, c.document_id = row.document_id
"""

UPSERT_UNRESOLVED = """
UNWIND $rows AS row
MATCH (source:{source} {{id: row.source_id}})
MERGE (u:Citation {{id: row.id}})
SET u = row.properties, u.id = row.id, u.document_id = row.document_id
MERGE (source)-[h:HAS_UNRESOLVED]->(u)
SET h.document_id = row.document_id
"""

# Links whose far end belongs to another document: provisions an amending law inserted hang
# below their base law's parts. Run both ways after every write, since either may come first.
_LINK_TO_PARENT = """
OPTIONAL MATCH (a:Provision {id: child.parent_id})
OPTIONAL MATCH (b:Regulation {id: child.parent_id})
WITH child, coalesce(a, b) AS parent WHERE parent IS NOT NULL
MERGE (parent)-[p:HAS_PART]->(child)
ON CREATE SET p.document_id = child.document_id
"""

RELINK_CHILDREN = """
MATCH (child:Provision) WHERE child.parent_id IN $ids AND NOT child.document_id IN $document_ids
""" + _LINK_TO_PARENT

LINK_INSERTED = """
MATCH (child:Provision) WHERE child.document_id IN $document_ids AND child.placeholder
""" + _LINK_TO_PARENT

RELINK_VERSIONS = """
MATCH (v:ProvisionVersion) WHERE v.target_id IN $ids AND NOT v.document_id IN $document_ids
MATCH (p:Provision {id: v.target_id})
MERGE (p)-[h:HAS_VERSION]->(v)
SET h.document_id = v.document_id
"""


DOCUMENTS_BY_ID = "MATCH (d:Document) WHERE d.id IN $ids RETURN d {.*} AS document"


def document(graph: Graph, document_id: str) -> dict | None:
    rows = graph.read(DOCUMENT_BY_ID, id=document_id)
    return rows[0]["document"] if rows else None


def documents(graph: Graph, document_ids: list[str]) -> dict[str, dict]:
    return {row["document"]["id"]: row["document"] for row in graph.read(DOCUMENTS_BY_ID, ids=document_ids)}


def write_regulations(graph: Graph, batch: list[RegulationRecords], replacing: bool = True) -> None:
    """Write (or replace) the contribution of a batch of documents in a single transaction, so
    a failure leaves none of them behind. `replacing=False` (the documents are new to the graph)
    skips clearing out an earlier contribution. One statement per kind of row serves the whole
    batch: on a loaded server the round trips, not the rows, are what costs."""
    keep = [node_id for records in batch for node_id in records.owned_ids()]
    document_ids = [records.document["id"] for records in batch]

    def rows(kind: str) -> list[dict]:
        return [{**row, "document_id": records.document["id"], "regulation_id": records.regulation["id"]}
                for records in batch for row in getattr(records, kind)]

    def work(tx):
        # Unsettled until the citations that waited for these documents are retried (see
        # `unsettled_regulations`): that step runs after this transaction and may be cut short.
        unwind(tx, UPSERT_DOCUMENTS, [{**records.document, "settled": False} for records in batch])
        if replacing:
            for records in batch:
                doc_keep = records.owned_ids()
                doc_id = records.document["id"]
                _for_each_owned_label(tx, DETACH_INCOMING_CITATIONS, document_id=doc_id, keep=doc_keep)
                _for_each_owned_label(tx, DELETE_STALE_NODES, document_id=doc_id, keep=doc_keep)
                _for_each_owned_label(tx, DELETE_OWNED_RELATIONSHIPS, document_id=doc_id)
        unwind(tx, UPSERT_REGULATIONS, [records.regulation for records in batch])
        for label, kind in (("Section", "sections"), ("Provision", "provisions"), ("Elucidation", "elucidations")):
            unwind(tx, UPSERT_NODES.format(label=label), [row for records in batch for row in getattr(records, kind)])
        for (parent, child), group in _grouped(rows("parts"), "parent_label", "child_label").items():
            unwind(tx, CREATE_PARTS.format(parent=parent, child=child), group)
        for (label,), group in _grouped(rows("explains"), "to_label").items():
            unwind(tx, CREATE_EXPLAINS.format(label=label), group)
        unwind(tx, UPSERT_VERSIONS, rows("versions"))
        for (rel_type,), group in _grouped(rows("relations"), "type").items():
            unwind(tx, CREATE_RELATIONS.format(type=rel_type), group)
        for (source, target, rel_type), group in _grouped(rows("citations"), "source_label", "target_label", "type").items():
            unwind(tx, CREATE_CITATIONS.format(source=source, target=target, type=rel_type), group)
        for (source,), group in _grouped(rows("unresolved"), "source_label").items():
            unwind(tx, UPSERT_UNRESOLVED.format(source=source), group)
        tx.run(RELINK_CHILDREN, ids=keep, document_ids=document_ids)
        tx.run(LINK_INSERTED, document_ids=document_ids)
        tx.run(RELINK_VERSIONS, ids=keep, document_ids=document_ids)

    graph.write_all(work)


RELATION_TYPES = ("AMENDS", "INSERTS", "REVOKES", "IMPLEMENTS", "REPLACES")
CITATION_TYPES = ("CITES", "REFERS_TO")


CYPHER_NAMES = set(PART_LABELS) | set(RELATION_TYPES) | set(CITATION_TYPES)


def _grouped(rows: list[dict], *keys: str) -> dict[tuple, list[dict]]:
    """Rows grouped by the values of `keys`. Those values become labels or relationship types
    in the Cypher text (they cannot be parameters), so only Netra's own names are accepted."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        group = tuple(row[key] for key in keys)
        unknown = [value for value in group if value not in CYPHER_NAMES]
        if unknown:
            raise ValueError(f"not a label or type Netra writes: {unknown}")
        groups.setdefault(group, []).append(row)
    return groups


# -- removing --------------------------------------------------------------------------------

DELETE_DOCUMENT = "MATCH (d:Document {id: $document_id}) DETACH DELETE d"

# Regulations other documents still point at (as amended, revoked, cited) stay as stubs.
STUB_REFERENCED_REGULATION = """
MATCH (r:Regulation {document_id: $document_id})
WHERE EXISTS { (r)<-[x]-() WHERE x.document_id <> $document_id }
SET r = {id: r.id, type: r.type, number: r.number, year: r.year, citation: r.citation, stub: true}
"""


def remove_document(graph: Graph, document_id: str) -> bool:
    """Remove one document's contribution and nothing else; False if it was not there."""
    if document(graph, document_id) is None:
        return False

    def work(tx):
        _for_each_owned_label(tx, DETACH_INCOMING_CITATIONS, document_id=document_id, keep=[])
        tx.run(STUB_REFERENCED_REGULATION, document_id=document_id)
        _for_each_owned_label(tx, DELETE_STALE_NODES, document_id=document_id, keep=[])
        tx.run(DELETE_DOCUMENT, document_id=document_id)

    graph.write_all(work)
    return True


# -- reading ---------------------------------------------------------------------------------

PROVISION_IDS_OF = """
MATCH (p:Provision) WHERE p.regulation_id IN $regulation_ids
RETURN p.id AS id
"""

REGULATION_STUBS = "MATCH (r:Regulation) RETURN r.id AS id, r.stub AS stub"


AMENDED_TARGETS = """
MATCH (v:ProvisionVersion {introduced_by: $regulation_id}) WHERE v.kind <> 'revoke'
RETURN v.target_id AS target_id, v.regulation_id AS base_id
"""


def amended_targets(graph: Graph, regulation_id: str) -> dict[str, str]:
    """For an amending law: "/pasal-71/ayat-2" -> the base law's provision it gave new wording."""
    return {row["target_id"][len(row["base_id"]):]: row["target_id"]
            for row in graph.read(AMENDED_TARGETS, regulation_id=regulation_id)}


def provision_ids(graph: Graph, regulation_ids: list[str]) -> list[str]:
    return [row["id"] for row in graph.read(PROVISION_IDS_OF, regulation_ids=regulation_ids)]


def regulation_ids(graph: Graph) -> tuple[set[str], set[str]]:
    """(loaded, stubs): regulations whose text is in the graph, and those only cited or amended."""
    rows = graph.read(REGULATION_STUBS)
    return {row["id"] for row in rows if not row["stub"]}, {row["id"] for row in rows if row["stub"]}


UNSETTLED = """
MATCH (d:Document {settled: false})<-[:FROM_DOCUMENT]-(r:Regulation)
RETURN d.id AS document_id, r.id AS regulation_id, [(r)-[:AMENDS]->(t:Regulation) | t.id] AS amended
"""

MARK_SETTLED = "MATCH (d:Document) WHERE d.id IN $ids SET d.settled = true"


def unsettled_regulations(graph: Graph) -> list[dict]:
    """Documents written whose waiting citations were not yet retried (a run was cut short)."""
    return graph.read(UNSETTLED)


def mark_settled(graph: Graph, document_ids: list[str]) -> None:
    graph.write(MARK_SETTLED, ids=document_ids)


# Citations of the just written documents were resolved knowing every regulation built before
# them: only those that named a regulation not yet there, or a law amended since, may now resolve.
PENDING_CITATIONS = """
MATCH (source)-[:HAS_UNRESOLVED]->(u:Citation)
WHERE u.cited_regulation IN $regulation_ids
  AND NOT (u.document_id IN $written AND u.reason <> 'regulation_not_in_corpus'
           AND NOT u.cited_regulation IN $amended)
RETURN u {.*} AS citation, source.id AS source_id, labels(source)[0] AS source_label
"""


def pending_citations(graph: Graph, regulation_ids: list[str], written: list[str] = (),
                      amended: list[str] = ()) -> list[dict]:
    """Unresolved citations of these regulations, to be tried again now that they are loaded.
    `written`: the documents just loaded; `amended`: the regulations they amend."""
    return graph.read(PENDING_CITATIONS, regulation_ids=regulation_ids, written=list(written), amended=list(amended))


RESOLVE_PENDING = """
UNWIND $rows AS row
MATCH (u:Citation {{id: row.citation_id}})<-[:HAS_UNRESOLVED]-(source)
MATCH (target:{target} {{id: row.target_id}})
CREATE (source)-[c:CITES]->(target)
SET c = row.properties
DETACH DELETE u
"""

UPDATE_PENDING = """
UNWIND $rows AS row
MATCH (u:Citation {id: row.citation_id})
SET u.reason = row.reason, u.detail = row.detail
"""


def settle_pending(graph: Graph, resolved: list[dict], still_unresolved: list[dict]) -> None:
    def work(tx):
        for (target,), rows in _grouped(resolved, "target_label").items():
            unwind(tx, RESOLVE_PENDING.format(target=target), rows)
        unwind(tx, UPDATE_PENDING, still_unresolved)

    graph.write_all(work)


def parse_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


# -- one regulation or provision, for `netra show` and the web pages --------------------------

REGULATION_DETAIL = """
MATCH (r:Regulation {id: $id})
OPTIONAL MATCH (r)-[:FROM_DOCUMENT]->(d:Document)
RETURN r {.*} AS regulation, d {.id, .path, .sha256, .format} AS document,
       [(r)-[x:AMENDS|INSERTS|REVOKES|IMPLEMENTS|REPLACES]->(t:Regulation) |
        {type: type(x), direction: 'out', other: t.id, other_citation: t.citation, properties: x {.*}}] +
       [(s:Regulation)-[x:AMENDS|INSERTS|REVOKES|IMPLEMENTS|REPLACES]->(r) |
        {type: type(x), direction: 'in', other: s.id, other_citation: s.citation, properties: x {.*}}] AS relations,
       [(r)-[p:HAS_PART]->(c) | c {.id, .kind, .label, .heading, .citation, .placeholder, ord: p.ord,
                                  node: labels(c)[0]}] AS children
"""

PROVISION_DETAIL = """
MATCH (p:Provision {id: $id})
OPTIONAL MATCH (r:Regulation {id: p.regulation_id})
RETURN p {.*} AS provision, r {.*} AS regulation,
       [(p)-[:HAS_VERSION]->(v) | v {.*}] AS versions,
       [(p)-[h:HAS_PART]->(c) | c {.id, .kind, .label, .heading, .citation, .placeholder, .text, .valid_from,
                                  ord: h.ord, node: labels(c)[0],
                                  versions: [(c)-[:HAS_VERSION]->(cv) | cv {.*}]}] AS children,
       [(e:Elucidation)-[:EXPLAINS]->(p) | e.text] AS elucidations,
       [(s:Regulation)-[x:REVOKES|REPLACES]->(r) | {type: type(x), by: s.id, by_citation: s.citation,
                                                   properties: x {.*}}] AS regulation_revocations
"""

ANCESTORS = """
MATCH path = (top)-[:HAS_PART*0..8]->(p {id: $id})
WHERE top:Regulation
RETURN [n IN nodes(path) | n {.id, .kind, .label, .heading, .citation, node: labels(n)[0]}] AS trail
ORDER BY length(path) DESC LIMIT 1
"""


# Headings and the top units: Pasal, diktum, and the points straight under a Lampiran, one of its
# BAB, or the document (a circular's own list).
TABLE_OF_CONTENTS = """
MATCH (r:Regulation {id: $id})-[:HAS_PART*1..4]->(n)
WHERE n.kind IN ['bab', 'bagian', 'paragraf', 'pasal', 'diktum', 'lampiran', 'penjelasan_umum']
   OR (n:Provision AND n.kind IN ['angka', 'huruf']
       AND (n.parent_id = r.id OR EXISTS { (p:Provision)-[:HAS_PART]->(n) WHERE p.kind IN ['lampiran', 'bab'] }))
RETURN n.id AS id, n.parent_id AS parent_id, n.kind AS kind, n.label AS label, n.heading AS heading,
       n.citation AS citation, n.text AS text, labels(n)[0] AS node, n.ord AS ord
ORDER BY n.ord
"""


def table_of_contents(graph: Graph, regulation_id: str) -> list[dict]:
    """Headings, Pasal and the top points of lists as a tree (each entry has `children`), in
    document order."""
    rows = graph.read(TABLE_OF_CONTENTS, id=regulation_id)
    by_id = {row["id"]: {**row, "children": []} for row in rows}
    top = []
    for entry in by_id.values():
        (by_id[entry["parent_id"]]["children"] if entry["parent_id"] in by_id else top).append(entry)
    return top


def regulation_detail(graph: Graph, regulation_id: str) -> dict | None:
    rows = graph.read(REGULATION_DETAIL, id=regulation_id)
    return rows[0] if rows else None


def provision_detail(graph: Graph, provision_id: str) -> dict | None:
    rows = graph.read(PROVISION_DETAIL, id=provision_id)
    if not rows:
        return None
    detail = rows[0]
    trail = graph.read(ANCESTORS, id=provision_id)
    detail["trail"] = trail[0]["trail"] if trail else []
    return detail


# Every part of a regulation hangs below it by HAS_PART, so walking down finds all sources.
CITATIONS_OF_REGULATION = """
MATCH (:Regulation {id: $regulation_id})-[:HAS_PART*]->(s)
CALL (s) {
  MATCH (s)-[c:CITES|REFERS_TO]->(t)
  RETURN c.raw AS raw, c.start AS start, c.end AS end, t.id AS target, null AS reason, null AS detail
  UNION ALL
  MATCH (s)-[:HAS_UNRESOLVED]->(u:Citation)
  RETURN u.raw AS raw, u.start AS start, u.end AS end, null AS target, u.reason AS reason, u.detail AS detail
}
RETURN s.id AS source, raw, start, end, target, reason, detail ORDER BY start
"""


def regulation_citations(graph: Graph, regulation_id: str) -> list[dict]:
    return graph.read(CITATIONS_OF_REGULATION, regulation_id=regulation_id)


# -- curated relations (corpus/regulation-relations.toml) ----------------------------------

DELETE_CURATED = """
MATCH (:Regulation)-[r]->(:Regulation) WHERE r.document_id = $document_id
DELETE r
"""

WRITE_CURATED = """
UNWIND $rows AS row
MERGE (s:Regulation {{id: row.from_id}}) ON CREATE SET s += row.from_props, s.stub = true
MERGE (t:Regulation {{id: row.to_id}}) ON CREATE SET t += row.to_props, t.stub = true
MERGE (s)-[r:{type} {{document_id: $document.id}}]->(t)
SET r += row.properties
"""


def write_curated_relations(graph: Graph, document: dict, rows: list[dict]) -> None:
    def work(tx):
        tx.run(UPSERT_DOCUMENT, document=document)
        tx.run(DELETE_CURATED, document_id=document["id"])
        for (rel_type,), group in _grouped(rows, "type").items():
            tx.run(WRITE_CURATED.format(type=rel_type), rows=group, document=document)

    graph.write_all(work)
