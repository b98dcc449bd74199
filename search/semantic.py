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

from core.progress import progress_bar
from graph.db import Graph
from graph.schema import await_indexes, ensure_vector_index, vector_index_exists
from graph.search_index import (embedded_hashes, filtered_vector_search, set_embeddings, set_search_fields,
                                vector_neighbours, vector_search)
from search.documents import SearchDocument, facet_properties
from search.keyword import KeywordHit
from search.masking import Mask, graph_mask
from search.snippets import plain_snippet

BATCH = 64
CHUNK = 2000  # documents embedded and stored at a time
MAX_PASSAGE_CHARS = 800  # the words that matter come first; longer passages cost time, not recall


class Embedder(Protocol):
    name: str
    dimensions: int

    def embed_passages(self, texts: list[str]) -> list[list[float]]: ...

    def embed_queries(self, texts: list[str]) -> list[list[float]]: ...


def passage_text(doc: SearchDocument, mask: Mask | None = None) -> str:
    """What a provision is about, in the order a reader meets it: where it stands, then its words.
    A case: what happened first (its facts are what precedent search compares), then the rest,
    with the words of persons' names and their NIPs masked (`mask`): who was involved is no fact
    to compare, and no typed name or number can then come near a case through its vector."""
    if doc.kind == "case":
        text = mask.text(doc.text) if mask is not None else doc.text
        return f"{text}. {doc.context}"[:MAX_PASSAGE_CHARS]
    return f"{doc.citation}. {doc.context}. {doc.text}"[:MAX_PASSAGE_CHARS]


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
        self._built = False

    def is_built(self) -> bool:
        """Whether the vector index exists: cases can be ingested before `netra index` embeds them.
        Once seen it is remembered (indexes are dropped only by a wipe or restore)."""
        if not self._built:
            self._built = vector_index_exists(self.graph, self.kind)
        return self._built

    def rebuild(self, documents: Iterable[SearchDocument], show_progress: bool = True) -> dict:
        """Embed what changed; returns counts of documents embedded, reused from cache, unchanged.
        Stored chunk by chunk, so a build that is stopped keeps what it did (the cache and the graph
        both), and memory holds one chunk's vectors, not the archive's."""
        # The index's dimensions follow the configured model (another model may have other sizes).
        ensure_vector_index(self.graph, self.kind, self.embedder.dimensions)
        done = {row["id"]: row["hash"] for row in embedded_hashes(self.graph, self.kind)}
        documents = list(documents)
        mask = graph_mask(self.graph) if self.kind == "case" else None
        texts = {doc.id: passage_text(doc, mask) for doc in documents}
        hashes = {pid: _hash(self.embedder.name, text) for pid, text in texts.items()}
        # Shortest first, so a batch pads to its neighbours' length, not to a long outlier's:
        # 3.5x the passages per second on archive provisions (16.5/s in hash order, 57.9/s sorted).
        changed = sorted((pid for pid, digest in hashes.items() if done.get(pid) != digest),
                         key=lambda pid: (len(texts[pid]), pid))
        embedded = 0
        with progress_bar(total=len(changed), desc="Embedding", unit="passage", disable=not show_progress) as progress:
            for start in range(0, len(changed), CHUNK):
                chunk = changed[start:start + CHUNK]
                embedded += self._embed_and_store(chunk, texts, hashes)
                progress.update(len(chunk))
        # Filters read the facets from the nodes, results the snippet: written for every document,
        # embedded again or not.
        fields = [{"id": doc.id, "facets": facet_properties(doc), "snippet": plain_snippet(doc.text)} for doc in documents]
        for start in range(0, len(fields), 2000):
            set_search_fields(self.graph, self.kind, fields[start:start + 2000])
        await_indexes(self.graph, 600)
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
            set_embeddings(self.graph, self.kind, rows[start:start + 500], self.embedder.name)
        return len(missing)

    def search(self, query: str, k: int = 10, filters: dict[str, str] | None = None) -> list[KeywordHit]:
        """`filters`: facet -> normalised value, as for the keyword indexes."""
        vector = self.embedder.embed_queries([query])[0]
        if filters:
            rows = filtered_vector_search(self.graph, self.kind, vector, k,
                                          [{"name": name, "value": value} for name, value in filters.items()])
        else:
            rows = vector_search(self.graph, self.kind, vector, k)
        return [KeywordHit(row["id"], float(row["score"]), html.escape(plain_snippet(row["text"] or ""))) for row in rows]

    def neighbours(self, node_id: str, k: int = 10) -> list[KeywordHit]:
        """The nodes closest to an embedded node (itself first); [] if it has no embedding yet.
        Comparing stored vectors spares embedding a long text as a query (~0.4 s on this CPU)."""
        rows = vector_neighbours(self.graph, self.kind, node_id, k)
        return [KeywordHit(row["id"], float(row["score"]), html.escape(plain_snippet(row["text"] or ""))) for row in rows]


def _hash(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\n{text}".encode("utf-8")).hexdigest()
