"""What the search indexes keep in the graph, and the queries over Neo4j's own indexes.

Each kind of search document (provisions, cases) lives on nodes of one label, with a full-text
index over terms Netra's analyser wrote onto them and a vector index over their embeddings (both
made by graph/schema.py). The search engines (search/keyword.py, search/semantic.py) analyse and
embed in Python; this module writes what they computed and runs their queries. A kind names its
label and indexes: the labels formatted into the Cypher text come from KINDS, never from input.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.db import Graph


@dataclass(frozen=True)
class Kind:
    """Where one kind of search document lives in the graph."""

    label: str
    fulltext_index: str
    vector_index: str


KINDS = {"provision": Kind("Provision", "provision_search", "provision_embedding"),
         "case": Kind("Case", "case_search", "case_embedding")}

# -- full-text ------------------------------------------------------------------------------

SET_SEARCH_TERMS = """
UNWIND $rows AS row
MATCH (n:{label} {{id: row.id}})
SET n.search_terms = row.terms, n.search_context = row.context, n.search_snippet = row.snippet,
    n += row.facets
"""

FULLTEXT_QUERY = """
CALL db.index.fulltext.queryNodes($index, $lucene, {limit: $limit}) YIELD node, score
WHERE all(f IN $filters WHERE f.value IN node['facet_' + f.name])
RETURN node.id AS id, score, coalesce(node.search_snippet, node.text) AS text,
       coalesce(node.citation, node.number, node.id) AS citation, node.kind AS level
LIMIT $k
"""


def set_search_terms(graph: Graph, kind: str, rows: list[dict]) -> None:
    """One transaction: each row's analysed terms, context, snippet and facets onto its node
    (rows: {id, terms, context, snippet, facets})."""
    graph.write(SET_SEARCH_TERMS.format(label=KINDS[kind].label), rows=rows)


def fulltext_search(graph: Graph, kind: str, lucene: str, limit: int, k: int, filters: list[dict]) -> list[dict]:
    """The full-text index's best `limit` nodes for a Lucene query, the first `k` that have every
    filter's value among their facets (filters: [{name, value}]); rows: id, score, text, citation, level."""
    return graph.read(FULLTEXT_QUERY, index=KINDS[kind].fulltext_index, lucene=lucene, limit=limit, k=k,
                      filters=filters)


# -- vectors --------------------------------------------------------------------------------

EMBEDDED_HASHES = "MATCH (n:{label}) WHERE n.embedding_hash IS NOT NULL RETURN n.id AS id, n.embedding_hash AS hash"

SET_EMBEDDINGS = """
UNWIND $rows AS row
MATCH (n:{label} {{id: row.id}})
CALL db.create.setNodeVectorProperty(n, 'embedding', row.vector)
SET n.embedding_hash = row.hash, n.embedding_model = $model
"""

# Filters read the facets from the nodes, results the snippet (a case has no text of its own).
SET_SEARCH_FIELDS = """
UNWIND $rows AS row
MATCH (n:{label} {{id: row.id}})
SET n += row.facets, n.search_snippet = row.snippet
"""

VECTOR_QUERY = """
CALL db.index.vector.queryNodes($index, $k, $vector) YIELD node, score
RETURN node.id AS id, score, coalesce(node.search_snippet, node.text) AS text
"""

# A node already embedded is compared by its stored vector: no model call.
NEIGHBOURS_QUERY = """
MATCH (m:{label} {{id: $id}}) WHERE m.embedding IS NOT NULL
CALL db.index.vector.queryNodes($index, $k, m.embedding) YIELD node, score
RETURN node.id AS id, score, coalesce(node.search_snippet, node.text) AS text
"""

# Exact comparison over the nodes the filters keep; vector.similarity.cosine scores like the
# index does (both in [0, 1]), so filtered and unfiltered scores are comparable.
FILTERED_VECTOR_QUERY = """
MATCH (n:{label})
WHERE n.embedding IS NOT NULL AND all(f IN $filters WHERE f.value IN n['facet_' + f.name])
WITH n, vector.similarity.cosine(n.embedding, $vector) AS score
ORDER BY score DESC LIMIT $k
RETURN n.id AS id, score, coalesce(n.search_snippet, n.text) AS text
"""


def embedded_hashes(graph: Graph, kind: str) -> list[dict]:
    """id and embedding_hash (the hash of the text last embedded) of every embedded node."""
    return graph.read(EMBEDDED_HASHES.format(label=KINDS[kind].label))


def set_embeddings(graph: Graph, kind: str, rows: list[dict], model: str) -> None:
    """One transaction: each row's vector onto its node, with the text's hash and the model's name
    (rows: {id, vector, hash})."""
    graph.write(SET_EMBEDDINGS.format(label=KINDS[kind].label), rows=rows, model=model)


def set_search_fields(graph: Graph, kind: str, rows: list[dict]) -> None:
    """One transaction: each row's facets and snippet onto its node (rows: {id, facets, snippet})."""
    graph.write(SET_SEARCH_FIELDS.format(label=KINDS[kind].label), rows=rows)


def vector_search(graph: Graph, kind: str, vector: list[float], k: int) -> list[dict]:
    """The vector index's `k` nodes closest to `vector`; rows: id, score, text."""
    return graph.read(VECTOR_QUERY, index=KINDS[kind].vector_index, k=k, vector=vector)


def filtered_vector_search(graph: Graph, kind: str, vector: list[float], k: int, filters: list[dict]) -> list[dict]:
    """The `k` nodes closest to `vector` among those with every filter's value among their facets
    (filters: [{name, value}]), compared exactly; rows: id, score, text."""
    return graph.read(FILTERED_VECTOR_QUERY.format(label=KINDS[kind].label), k=k, vector=vector, filters=filters)


def vector_neighbours(graph: Graph, kind: str, node_id: str, k: int) -> list[dict]:
    """The `k` nodes closest to the embedded node `node_id` (itself first); [] if it has no
    embedding. Rows: id, score, text."""
    where = KINDS[kind]
    return graph.read(NEIGHBOURS_QUERY.format(label=where.label), id=node_id, index=where.vector_index, k=k)
