"""Schema migrations: numbered, append-only, applied idempotently. Every index and constraint
Netra uses is made here.

The applied version is recorded in the graph on a single `(:NetraSchema {id: 'netra'})`
node. Never edit a migration that has shipped; add the next number instead. The vector indexes
are the one exception to numbering: their dimensions follow the configured embedding model, so
semantic search asks for them with `ensure_vector_index` when it embeds. (A restore puts back
the search indexes a backup recorded, as they were: graph/backup.py.)
"""

from __future__ import annotations

import time

from graph.db import Graph
from graph.search_index import KINDS

# Node labels whose `id` property is the stable, citation-like identifier.
ID_LABELS = [
    "Document", "Regulation", "Provision", "ProvisionVersion", "Citation",
    "Person", "Agency", "Region", "Election", "Case", "Sanction",
]


def _unique_id(label: str) -> str:
    return f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"


MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "unique ids and lookup indexes", [
        *[_unique_id(label) for label in ID_LABELS],
        "CREATE INDEX regulation_key IF NOT EXISTS FOR (n:Regulation) ON (n.type, n.number, n.year)",
        "CREATE INDEX provision_regulation IF NOT EXISTS FOR (n:Provision) ON (n.regulation_id)",
        "CREATE INDEX document_hash IF NOT EXISTS FOR (n:Document) ON (n.sha256)",
        "CREATE INDEX person_nip IF NOT EXISTS FOR (n:Person) ON (n.nip)",
    ]),
    (2, "statute structure: sections, elucidations, versions, unresolved citations", [
        _unique_id("Section"),
        _unique_id("Elucidation"),
        *[f"CREATE INDEX {label.lower()}_document IF NOT EXISTS FOR (n:{label}) ON (n.document_id)"
          for label in ("Regulation", "Section", "Provision", "Elucidation", "ProvisionVersion", "Citation")],
        "CREATE INDEX version_target IF NOT EXISTS FOR (n:ProvisionVersion) ON (n.target_id)",
        "CREATE INDEX citation_cited_regulation IF NOT EXISTS FOR (n:Citation) ON (n.cited_regulation)",
        "CREATE INDEX provision_parent IF NOT EXISTS FOR (n:Provision) ON (n.parent_id)",
    ]),
    (3, "keyword search on Neo4j's full-text index (terms analysed by Netra)", [
        "CREATE FULLTEXT INDEX provision_search IF NOT EXISTS FOR (n:Provision) "
        "ON EACH [n.search_terms, n.search_context] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
        "CREATE INDEX version_introduced_by IF NOT EXISTS FOR (n:ProvisionVersion) ON (n.introduced_by)",
    ]),
    (4, "case records: mentions, positions, merge decisions, owners of case-layer nodes", [
        _unique_id("PersonMention"),
        _unique_id("Position"),
        _unique_id("MergeDecision"),
        "CREATE INDEX personmention_document IF NOT EXISTS FOR (n:PersonMention) ON (n.document_id)",
        "CREATE INDEX sanction_document IF NOT EXISTS FOR (n:Sanction) ON (n.document_id)",
        "CREATE INDEX person_name_keys IF NOT EXISTS FOR (n:Person) ON (n.name_keys)",
        "CREATE INDEX mergedecision_decision IF NOT EXISTS FOR (n:MergeDecision) ON (n.decision)",
        "CREATE INDEX agency_name IF NOT EXISTS FOR (n:Agency) ON (n.name)",
    ]),
    (5, "keyword search of cases on Neo4j's full-text index (made by the case index build before)", [
        "CREATE FULLTEXT INDEX case_search IF NOT EXISTS FOR (n:Case) ON EACH [n.search_terms, n.search_context] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
    ]),
    (6, "incremental person resolution: persons found by their blocking keys, mentions by case, verdicts by mention", [
        # One PersonKeys node per Person holds the resolver's blocking keys (graph/persons.py); a
        # range index cannot find an element of a list property, Lucene's term index can.
        "CREATE FULLTEXT INDEX person_block_keys IF NOT EXISTS FOR (n:PersonKeys) ON EACH [n.keys] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
        "CREATE INDEX personkeys_person IF NOT EXISTS FOR (n:PersonKeys) ON (n.person_id)",
        "CREATE INDEX personmention_case IF NOT EXISTS FOR (n:PersonMention) ON (n.case_id)",
        "CREATE INDEX mergedecision_a IF NOT EXISTS FOR (n:MergeDecision) ON (n.a)",
        "CREATE INDEX mergedecision_b IF NOT EXISTS FOR (n:MergeDecision) ON (n.b)",
    ]),
    (7, "alerts: one node per finding of a saved pattern (graph/alerts.py), listed by pattern, state and age", [
        _unique_id("Alert"),
        "CREATE INDEX alert_pattern_state IF NOT EXISTS FOR (n:Alert) ON (n.pattern, n.state)",
        "CREATE INDEX alert_first_seen IF NOT EXISTS FOR (n:Alert) ON (n.first_seen)",
    ]),
    (8, "the review queue: ranked listings of open merge decisions (graph/entities.py), verdicts by date", [
        # A page is an index seek in key order ("<listing>|<rank>"); entries are found by decision
        # when it is filed again, and by mention when its persons are rewritten.
        "CREATE INDEX reviewentry_key IF NOT EXISTS FOR (n:ReviewEntry) ON (n.key)",
        "CREATE INDEX reviewentry_decision IF NOT EXISTS FOR (n:ReviewEntry) ON (n.decision)",
        "CREATE INDEX reviewentry_a IF NOT EXISTS FOR (n:ReviewEntry) ON (n.a)",
        "CREATE INDEX mergedecision_decided_at IF NOT EXISTS FOR (n:MergeDecision) ON (n.decided_at)",
    ]),
]

CURRENT_VERSION = MIGRATIONS[-1][0]

SCHEMA_VERSION = "MATCH (s:NetraSchema {id: 'netra'}) RETURN s.version AS version"
RECORD_VERSION = """
MERGE (s:NetraSchema {id: 'netra'})
SET s.version = $version, s.description = $description, s.applied_at = datetime()
"""


def schema_version(graph: Graph) -> int:
    rows = graph.read(SCHEMA_VERSION)
    return rows[0]["version"] if rows else 0


def migrate(graph: Graph) -> list[int]:
    """Apply the migrations the graph lacks; return their numbers."""
    current = schema_version(graph)
    applied = []
    for version, description, statements in MIGRATIONS:
        if version <= current:
            continue
        for statement in statements:
            graph.run_autocommit(statement)  # schema statements cannot share a transaction with writes
        graph.write(RECORD_VERSION, version=version, description=description)
        applied.append(version)
    if applied:
        await_indexes(graph, 300)
    return applied


def await_indexes(graph: Graph, timeout: int) -> None:
    """Wait (up to `timeout` seconds) until every index is online: populated after a bulk write."""
    graph.run_autocommit("CALL db.awaitIndexes($timeout)", timeout=timeout)


VECTOR_INDEX_DIMENSIONS = """
SHOW VECTOR INDEXES YIELD name, options WHERE name = $index
RETURN options.indexConfig['vector.dimensions'] AS dimensions
"""


def vector_index_exists(graph: Graph, kind: str) -> bool:
    """Whether the vector index of a kind of search document (search_index.KINDS) exists."""
    return bool(graph.read(VECTOR_INDEX_DIMENSIONS, index=KINDS[kind].vector_index))


def ensure_vector_index(graph: Graph, kind: str, dimensions: int) -> None:
    """The vector index of a kind of search document, with `dimensions` (the embedding model's):
    one with other dimensions (another model's) is dropped and made again."""
    where = KINDS[kind]
    rows = graph.read(VECTOR_INDEX_DIMENSIONS, index=where.vector_index)
    if rows and rows[0]["dimensions"] == dimensions:
        return
    if rows:
        graph.run_autocommit(f"DROP INDEX {where.vector_index}")
    # Index names and options cannot be parameters; both come from KINDS and the model.
    graph.run_autocommit(
        f"CREATE VECTOR INDEX {where.vector_index} IF NOT EXISTS FOR (n:{where.label}) ON n.embedding "
        f"OPTIONS {{indexConfig: {{`vector.dimensions`: {int(dimensions)}, "
        "`vector.similarity_function`: 'cosine'}}")


WIPE_DATA = """
MATCH (n) WHERE NOT n:NetraSchema
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
"""


def wipe(graph: Graph) -> float:
    """Delete every node and relationship but keep the schema; seconds taken."""
    began = time.monotonic()
    graph.run_autocommit(WIPE_DATA)
    return time.monotonic() - began


COUNTS = """
CALL () { MATCH (n) WHERE NOT n:NetraSchema RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
"""

SERVER_VERSION = "CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition"


def counts(graph: Graph) -> dict:
    return graph.read(COUNTS)[0]


def server_version(graph: Graph) -> str:
    row = graph.read(SERVER_VERSION)[0]
    return f"{row['name']} {row['version']} {row['edition']}"
