"""Semantic search: provision embeddings stored on the nodes, queried through Neo4j's vector index.

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
from search.documents import SearchDocument
from search.keyword import KeywordHit

BATCH = 64
MAX_PASSAGE_CHARS = 800  # the words that matter come first; longer passages cost time, not recall


class Embedder(Protocol):
    name: str
    dimensions: int

    def embed_passages(self, texts: list[str]) -> list[list[float]]: ...

    def embed_queries(self, texts: list[str]) -> list[list[float]]: ...


def passage_text(doc: SearchDocument) -> str:
    """What a provision is about, in the order a reader meets it: where it stands, then its words."""
    return f"{doc.citation}. {doc.context}. {doc.text}"[:MAX_PASSAGE_CHARS]


EMBEDDED_HASHES = "MATCH (p:Provision) WHERE p.embedding_hash IS NOT NULL RETURN p.id AS id, p.embedding_hash AS hash"

SET_EMBEDDINGS = """
UNWIND $rows AS row
MATCH (p:Provision {id: row.id})
CALL db.create.setNodeVectorProperty(p, 'embedding', row.vector)
SET p.embedding_hash = row.hash, p.embedding_model = $model
"""

VECTOR_QUERY = """
CALL db.index.vector.queryNodes('provision_embedding', $k, $vector) YIELD node, score
RETURN node.id AS id, score, node.text AS text
"""

VECTOR_INDEX_DIMENSIONS = """
SHOW VECTOR INDEXES YIELD name, options WHERE name = 'provision_embedding'
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

    def __init__(self, graph: Graph, embedder: Embedder, cache_path: Path):
        self.graph = graph
        self.embedder = embedder
        self.cache = EmbeddingCache(cache_path, embedder.name)

    def rebuild(self, documents: Iterable[SearchDocument], show_progress: bool = True) -> dict:
        """Embed what changed; returns counts of provisions embedded, reused from cache, unchanged."""
        self._ensure_vector_index()
        done = {row["id"]: row["hash"] for row in self.graph.read(EMBEDDED_HASHES)}
        texts = {doc.id: passage_text(doc) for doc in documents}
        hashes = {pid: _hash(self.embedder.name, text) for pid, text in texts.items()}
        changed = [pid for pid, digest in hashes.items() if done.get(pid) != digest]
        cached = self.cache.get(sorted({hashes[pid] for pid in changed}))
        missing = sorted({hashes[pid] for pid in changed} - set(cached))
        text_of = {hashes[pid]: texts[pid] for pid in changed}
        for start in tqdm(range(0, len(missing), BATCH), desc="Embedding", unit="batch", disable=not show_progress):
            batch = missing[start:start + BATCH]
            vectors = self.embedder.embed_passages([text_of[h] for h in batch])
            fresh = dict(zip(batch, vectors))
            self.cache.put(fresh)
            cached.update(fresh)
        rows = [{"id": pid, "hash": hashes[pid], "vector": cached[hashes[pid]]} for pid in changed]
        for start in range(0, len(rows), 500):
            self.graph.write(SET_EMBEDDINGS, rows=rows[start:start + 500], model=self.embedder.name)
        self.graph.run_autocommit("CALL db.awaitIndexes(600)")
        return {"embedded": len(missing), "from_cache": len(changed) - len(missing), "unchanged": len(texts) - len(changed)}

    def _ensure_vector_index(self) -> None:
        """The index's dimensions follow the configured model (another model may have other sizes)."""
        rows = self.graph.read(VECTOR_INDEX_DIMENSIONS)
        if rows and rows[0]["dimensions"] == self.embedder.dimensions:
            return
        if rows:
            self.graph.run_autocommit("DROP INDEX provision_embedding")
        # Index options cannot be parameters; the dimension count is an int we computed.
        self.graph.run_autocommit(
            "CREATE VECTOR INDEX provision_embedding IF NOT EXISTS FOR (p:Provision) ON p.embedding "
            f"OPTIONS {{indexConfig: {{`vector.dimensions`: {int(self.embedder.dimensions)}, "
            "`vector.similarity_function`: 'cosine'}}")

    def search(self, query: str, k: int = 10) -> list[KeywordHit]:
        vector = self.embedder.embed_queries([query])[0]
        rows = self.graph.read(VECTOR_QUERY, k=k, vector=vector)
        return [KeywordHit(row["id"], float(row["score"]), html.escape((row["text"] or "")[:240])) for row in rows]


def _hash(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\n{text}".encode("utf-8")).hexdigest()
