"""The configured embedding model behind the small interface `search.semantic` needs."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from graph.config import Settings
from graph.errors import NetraError

QUERY_CACHE = 1024  # questions whose vectors are kept


class ModelEmbedder:
    def __init__(self, model, name: str):
        self.model = model
        self.name = name
        self.dimensions = model.get_embedding_dimension()
        # The same question comes back (another page, filter or date): embed it once.
        self._query_vector = lru_cache(maxsize=QUERY_CACHE)(self._embed_query)

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        from search.model import embed_passages

        return embed_passages(texts, model=self.model).tolist()

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        return [list(self._query_vector(text)) for text in texts]

    def forget_queries(self) -> None:
        """Benchmarks time questions embedded afresh."""
        self._query_vector.cache_clear()

    def _embed_query(self, text: str) -> tuple[float, ...]:
        from search.model import embed_queries

        with _one_thread():
            return tuple(embed_queries([text], model=self.model)[0].tolist())


_THREADS = threading.Lock()  # torch's thread count is the process's: set and restored by one at a time


@contextmanager
def _one_thread():
    """A query is a few tokens: splitting its small matrices across threads costs more in
    synchronisation than it saves (4x slower on two cores shared with Neo4j), so one thread
    embeds it. Passages, embedded in batches while indexing, keep all threads."""
    import torch

    with _THREADS:
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            yield
        finally:
            torch.set_num_threads(threads)


def model_location(settings: Settings) -> str:
    from search.model import default_model_dir

    return settings.embedding_model or str(default_model_dir(settings.home))


def model_available(settings: Settings) -> bool:
    location = model_location(settings)
    return settings.embedding_model is not None or Path(location).is_dir()


def load_configured_embedder(settings: Settings, build: bool = False) -> ModelEmbedder:
    """The configured model; with `build`, Netra's own model is built first when missing."""
    from search.model import ModelError, build_model, default_model_dir, load_embedder

    location = model_location(settings)
    try:
        if build and settings.embedding_model is None and not Path(location).is_dir():
            build_model(default_model_dir(settings.home))
        return ModelEmbedder(load_embedder(location), Path(location).name)
    except ModelError as exc:
        raise NetraError(f"The embedding model cannot be loaded: {exc}")
