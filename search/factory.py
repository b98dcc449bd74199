"""The search engine as configured: the one place that puts the keyword backend, the semantic
model (when built) and the case indexes together. The web app, the command line, the benchmarks
and the tests all build engines and keyword indexes here."""

from __future__ import annotations

from core.config import Settings
from core.errors import NetraError
from graph.db import Graph
from search.engine import SearchEngine
from search.keyword import KeywordIndex, Neo4jFulltextIndex, WhooshIndex


def build_engine(settings: Settings, graph: Graph) -> SearchEngine:
    """The search engine over `graph` (the caller owns it and closes it) as `settings` say."""
    from search.embedder import load_configured_embedder, model_available
    from search.semantic import SemanticIndex

    semantic = case_semantic = None
    if model_available(settings):
        embedder = load_configured_embedder(settings)
        semantic = SemanticIndex(graph, embedder, settings.embedding_cache)
        case_semantic = SemanticIndex(graph, embedder, settings.embedding_cache, kind="case")
    backend = settings.keyword_backend
    return SearchEngine(graph, keyword_index(settings, graph, backend), semantic,
                        keyword_index(settings, graph, backend, kind="case"), case_semantic)


def keyword_index(settings: Settings, graph: Graph, backend: str, kind: str = "provision") -> KeywordIndex:
    """The keyword index of `kind` (provision or case) in `backend` (whoosh or neo4j)."""
    if backend == "whoosh":
        folder = settings.whoosh_dir if kind == "provision" else settings.whoosh_dir.with_name("whoosh-cases")
        return WhooshIndex(folder, kind)
    if backend == "neo4j":
        return Neo4jFulltextIndex(graph, kind)
    raise NetraError(f"Unknown keyword backend {backend!r}: use whoosh or neo4j (NETRA_KEYWORD_BACKEND).")
