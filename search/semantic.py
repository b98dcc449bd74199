"""Semantic search: embeddings stored on the nodes (provisions, cases), queried through Neo4j's
vector index; with filters, the nodes that pass them are compared exactly instead (the vector
index ranks before any filter could apply).

Embeddings are computed once per distinct text and model (a SQLite cache keyed by the text's
hash: the Penjelasan alone repeats "Cukup jelas." hundreds of times), in batches, and only for
provisions whose text changed since they were last embedded.
"""

from __future__ import annotations

import hashlib
import html
import sqlite3
import struct
from pathlib import Path
from typing import Iterable, Protocol

from tqdm import tqdm

from graph.db import Graph
from search.documents import KINDS, SearchDocument, facet_properties
from search.keyword import KeywordHit

BATCH = 64
CHUNK = 2000  # documents embedded and stored at a time
MAX_PASSAGE_CHARS = 800  # the words that matter come first; longer passages cost time, not recall


class Embedder(Protocol):
    name: str
    dimensions: int

    def embed_passages(self, texts: list[str]) -> list[list[float]]: ...

    def embed_queries(self, texts: list[str]) -> list[list[float]]: ...


def passage_text(doc: SearchDocument) -> str:
    """What a provision is about, in the order a reader meets it: where it stands, then its words.
    A case: what happened first (its facts are what precedent search compares), then the rest."""
    if doc.kind == "case":
        return f"{doc.text}. {doc.context}"[:MAX_PASSAGE_CHARS]
    return f"{doc.citation}. {doc.context}. {doc.text}"[:MAX_PASSAGE_CHARS]


# {label} comes from search.documents.KINDS, never from input.
EMBEDDED_HASHES = "MATCH (n:{label}) WHERE n.embedding_hash IS NOT NULL RETURN n.id AS id, n.embedding_hash AS hash"

SET_EMBEDDINGS = """
UNWIND $rows AS row
MATCH (n:{label} {{id: row.id}})
CALL db.create.setNodeVectorProperty(n, 'embedding', row.vector)
SET n.embedding_hash = row.hash, n.embedding_model = $model
"""

# Filters read the facets from the nodes, results the snippet (a case has no text of its own):
# written for every document, embedded again or not.
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

VECTOR_INDEX_DIMENSIONS = """
SHOW VECTOR INDEXES YIELD name, options WHERE name = $index
RETURN options.indexConfig['vector.dimensions'] AS dimensions
"""


class EmbeddingCache:
    """text hash -> vector, per model, in one SQLite file under the data directory."""

    def __init__(self, path: Path, model: str):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS embedding (model TEXT, hash TEXT, vector BLOB, PRIMARY KEY (model, hash))")
        self.model = model

    def get(self, hashes: list[str]) -> dict[str, list[float]]:
        found = {}
        for start in range(0, len(hashes), 500):
            chunk = hashes[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for digest, blob in self.db.execute(
                    f"SELECT hash, vector FROM embedding WHERE model = ? AND hash IN ({marks})", [self.model, *chunk]):
                found[digest] = list(struct.unpack(f"{len(blob) // 4}f", blob))
        return found

    def put(self, vectors: dict[str, list[float]]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO embedding VALUES (?, ?, ?)",
                            [(self.model, h, struct.pack(f"{len(v)}f", *v)) for h, v in vectors.items()])
        self.db.commit()


class SemanticIndex:
    name = "semantic"

    def __init__(self, graph: Graph, embedder: Embedder, cache_path: Path, kind: str = "provision"):
        self.graph = graph
        self.embedder = embedder
        self.cache = EmbeddingCache(cache_path, embedder.name)
        self.kind = kind
        self.label, self.index = KINDS[kind].label, KINDS[kind].vector_index
        self._built = False

    def is_built(self) -> bool:
        """Whether the vector index exists: cases can be ingested before `netra index` embeds them.
        Once seen it is remembered (indexes are dropped only by a wipe or restore)."""
        if not self._built:
            self._built = bool(self.graph.read(VECTOR_INDEX_DIMENSIONS, index=self.index))
        return self._built

    def rebuild(self, documents: Iterable[SearchDocument], show_progress: bool = True) -> dict:
        """Embed what changed; returns counts of documents embedded, reused from cache, unchanged.
        Stored chunk by chunk, so a build that is stopped keeps what it did (the cache and the graph
        both), and memory holds one chunk's vectors, not the archive's."""
        self._ensure_vector_index()
        done = {row["id"]: row["hash"] for row in self.graph.read(EMBEDDED_HASHES.format(label=self.label))}
        documents = list(documents)
        texts = {doc.id: passage_text(doc) for doc in documents}
        hashes = {pid: _hash(self.embedder.name, text) for pid, text in texts.items()}
        # Shortest first, so a batch pads to its neighbours' length, not to a long outlier's:
        # 3.5x the passages per second on archive provisions (16.5/s in hash order, 57.9/s sorted).
        changed = sorted((pid for pid, digest in hashes.items() if done.get(pid) != digest),
                         key=lambda pid: (len(texts[pid]), pid))
        embedded = 0
        with tqdm(total=len(changed), desc="Embedding", unit="passage", disable=not show_progress) as progress:
            for start in range(0, len(changed), CHUNK):
                chunk = changed[start:start + CHUNK]
                embedded += self._embed_and_store(chunk, texts, hashes)
                progress.update(len(chunk))
        fields = [{"id": doc.id, "facets": facet_properties(doc), "snippet": doc.text[:240]} for doc in documents]
        for start in range(0, len(fields), 2000):
            self.graph.write(SET_SEARCH_FIELDS.format(label=self.label), rows=fields[start:start + 2000])
        self.graph.run_autocommit("CALL db.awaitIndexes(600)")
        return {"embedded": embedded, "from_cache": len(changed) - embedded, "unchanged": len(texts) - len(changed)}

    def _embed_and_store(self, ids: list[str], texts: dict[str, str], hashes: dict[str, str]) -> int:
        """Vectors for these documents, from the cache or the model, onto their nodes; returns how
        many texts the model embedded."""
        text_of = {hashes[pid]: texts[pid] for pid in ids}  # one per distinct text, still in length order
        vectors = self.cache.get(list(text_of))
        missing = [digest for digest in text_of if digest not in vectors]
        for start in range(0, len(missing), BATCH):
            batch = missing[start:start + BATCH]
            fresh = dict(zip(batch, self.embedder.embed_passages([text_of[digest] for digest in batch])))
            self.cache.put(fresh)
            vectors.update(fresh)
        rows = [{"id": pid, "hash": hashes[pid], "vector": vectors[hashes[pid]]} for pid in ids]
        for start in range(0, len(rows), 500):
            self.graph.write(SET_EMBEDDINGS.format(label=self.label), rows=rows[start:start + 500],
                             model=self.embedder.name)
        return len(missing)

    def _ensure_vector_index(self) -> None:
        """The index's dimensions follow the configured model (another model may have other sizes)."""
        rows = self.graph.read(VECTOR_INDEX_DIMENSIONS, index=self.index)
        if rows and rows[0]["dimensions"] == self.embedder.dimensions:
            return
        if rows:
            self.graph.run_autocommit(f"DROP INDEX {self.index}")
        # Index names and options cannot be parameters; both come from KINDS and the model.
        self.graph.run_autocommit(
            f"CREATE VECTOR INDEX {self.index} IF NOT EXISTS FOR (n:{self.label}) ON n.embedding "
            f"OPTIONS {{indexConfig: {{`vector.dimensions`: {int(self.embedder.dimensions)}, "
            "`vector.similarity_function`: 'cosine'}}")

    def search(self, query: str, k: int = 10, filters: dict[str, str] | None = None) -> list[KeywordHit]:
        """`filters`: facet -> normalised value, as for the keyword indexes."""
        vector = self.embedder.embed_queries([query])[0]
        if filters:
            rows = self.graph.read(FILTERED_VECTOR_QUERY.format(label=self.label), k=k, vector=vector,
                                   filters=[{"name": name, "value": value} for name, value in filters.items()])
        else:
            rows = self.graph.read(VECTOR_QUERY, index=self.index, k=k, vector=vector)
        return [KeywordHit(row["id"], float(row["score"]), html.escape((row["text"] or "")[:240])) for row in rows]

    def neighbours(self, node_id: str, k: int = 10) -> list[KeywordHit]:
        """The nodes closest to an embedded node (itself first); [] if it has no embedding yet.
        Comparing stored vectors spares embedding a long text as a query (~0.4 s on this CPU)."""
        rows = self.graph.read(NEIGHBOURS_QUERY.format(label=self.label), id=node_id, index=self.index, k=k)
        return [KeywordHit(row["id"], float(row["score"]), html.escape((row["text"] or "")[:240])) for row in rows]


def _hash(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\n{text}".encode("utf-8")).hexdigest()
