"""Search over provisions: a citation fast path, keyword and semantic retrieval fused by
reciprocal rank, then graph-aware adjustments (law in force on a date, one result per
provision family). The web layer and the CLI call `SearchEngine.search`."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date

from graph.asof import IN_FORCE, NOT_YET, REVOKED
from graph.db import Graph
from graph.errors import NetraError
from graph.refs import ProvisionRef
from ingest.citations import extract_citations, resolve_citation
from ingest.lookup import GraphProvisionIndex
from search.analysis import expand_informal
from search.keyword import KeywordHit, KeywordIndex
from graph.law import provision_view

MODES = ("keyword", "semantic", "hybrid")
RRF_K = 60  # the usual reciprocal-rank-fusion constant: damps the head of each list
CANDIDATES = 50  # per retriever, before fusion and collapsing
NOT_IN_FORCE_PENALTY = 0.5
FAMILY_SHARE = 0.5  # of the first other hit of a Pasal; each further one counts half as much
MAX_QUERY_CHARS = 2000


@dataclass
class SearchResult:
    id: str
    citation: str
    ref: dict
    snippet: str  # HTML: escaped text, matches in <mark>
    score: float
    score_parts: dict = field(default_factory=dict)
    status: str = IN_FORCE
    note: str = ""  # e.g. "amended by UU 10/2016 from 2016-07-01"

    def to_json(self) -> dict:
        return {"id": self.id, "kind": "provision", "ref": self.ref, "citation": self.citation,
                "snippet": self.snippet, "score": round(self.score, 6),
                "score_parts": {k: round(v, 6) for k, v in self.score_parts.items()},
                "status": self.status, "note": self.note}


class SearchEngine:
    def __init__(self, graph: Graph, keyword: KeywordIndex, semantic=None):
        self.graph = graph
        self.keyword = keyword
        self.semantic = semantic  # search.semantic.SemanticIndex, when an embedding model is available

    def search(self, query: str, mode: str = "hybrid", as_of: date | None = None, k: int = 10) -> list[SearchResult]:
        query = (query or "").strip()
        if not query:
            raise NetraError("Type a question or a citation to search for.")
        if mode not in MODES:
            raise NetraError(f"Unknown search mode {mode!r}; use one of {', '.join(MODES)}.")
        query = query[:MAX_QUERY_CHARS]  # longer input adds noise, not meaning
        if mode != "keyword" and self.semantic is None:
            if mode == "semantic":
                raise NetraError("Semantic search needs the embedding model: run `netra index --semantic`.")
            mode = "keyword"
        as_of = as_of or date.today()
        lists = {"citation": self._cited(query)}
        plain = expand_informal(query)
        if mode in ("keyword", "hybrid"):
            lists["keyword"] = self.keyword.search(plain, k=CANDIDATES)
        if mode in ("semantic", "hybrid"):
            lists["semantic"] = self.semantic.search(plain, k=CANDIDATES)
        fused = _fuse(lists)
        collapsed = _collapse(fused)
        results = [self._adjusted(hit, as_of) for hit in collapsed[: k * 2]]
        results.sort(key=lambda r: r.score, reverse=True)
        return results[:k]

    def _cited(self, query: str) -> list[KeywordHit]:
        """A query that is (or contains) a citation puts that provision first."""
        index = GraphProvisionIndex(self.graph)
        hits = []
        for citation in extract_citations(query):
            for provision_id in resolve_citation(citation, index).ids:
                if "/pasal-" in provision_id:
                    hits.append(KeywordHit(provision_id, 1.0))
        return hits

    def _adjusted(self, hit: "_Fused", as_of: date) -> SearchResult:
        view = provision_view(self.graph, hit.id, as_of)
        if view is None:  # the index is older than the graph
            return SearchResult(hit.id, hit.id, {}, hit.snippet, 0.0, hit.parts, "unknown")
        score, parts = hit.score, dict(hit.parts)
        if view["status"] in (REVOKED, NOT_YET):
            parts["not_in_force"] = -score * (1 - NOT_IN_FORCE_PENALTY)
            score *= NOT_IN_FORCE_PENALTY
        return SearchResult(hit.id, view["citation"], view["ref"], hit.snippet or html.escape((view["text"] or "")[:240]),
                            score, parts, view["status"], _note(view))


def _note(view: dict) -> str:
    later = [v for v in view["versions"] if v["kind"] != "original"]
    if view["status"] == "amended" and later:
        return f"amended by {later[-1]['source_citation']} from {later[-1]['valid_from']}"
    if view["status"] == REVOKED:
        return "revoked"
    return ""


@dataclass
class _Fused:
    id: str
    score: float
    parts: dict
    snippet: str = ""
    absorbed: int = 0  # other hits of the same Pasal folded into this one


def _fuse(lists: dict[str, list[KeywordHit]]) -> list[_Fused]:
    """Reciprocal-rank fusion; a citation match outranks everything."""
    fused: dict[str, _Fused] = {}
    for name, hits in lists.items():
        weight = 10.0 if name == "citation" else 1.0
        for rank, hit in enumerate(hits, start=1):
            entry = fused.setdefault(hit.id, _Fused(hit.id, 0.0, {}))
            part = weight / (RRF_K + rank)
            entry.parts[name] = entry.parts.get(name, 0.0) + part
            entry.score += part
            entry.snippet = entry.snippet or hit.snippet
    return sorted(fused.values(), key=lambda f: f.score, reverse=True)


def _collapse(hits: list[_Fused]) -> list[_Fused]:
    """One result per Pasal: its best hit stands for it (or a more specific one that matched
    nearly as well on its own), and the other hits in the Pasal add support. Sibling ayat and
    huruf share their Pasal's lead-in as context, so they tend to match for the same reason:
    each further one adds half as much as the one before (hits come best first)."""
    kept: dict[str, _Fused] = {}
    for hit in hits:
        family = kept.get(_pasal_key(hit.id))
        if family is None:
            kept[_pasal_key(hit.id)] = _Fused(hit.id, hit.score, dict(hit.parts), hit.snippet)
            continue
        family.absorbed += 1
        support = hit.score * FAMILY_SHARE ** family.absorbed
        family.score += support
        family.parts["family"] = family.parts.get("family", 0.0) + support
        if hit.id.startswith(family.id + "/") and hit.score >= family.score * 0.5:
            family.id, family.snippet = hit.id, hit.snippet or family.snippet
    return sorted(kept.values(), key=lambda f: f.score, reverse=True)


def _pasal_key(provision_id: str) -> str:
    """ "uu/2014/5/pasal-87/ayat-4" -> "uu/2014/5/pasal-87"; ids without a Pasal stand alone."""
    head, marker, rest = provision_id.partition("/pasal-")
    return f"{head}{marker}{rest.split('/')[0]}" if marker else provision_id


def pasal_of(provision_id: str) -> str:
    ref = ProvisionRef.from_id(provision_id)
    return ProvisionRef(ref.regulation, ref.pasal).id if ref.pasal else provision_id
