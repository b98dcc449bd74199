"""The configured embedding model behind the small interface `search.semantic` needs."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from core.config import Settings
from core.errors import NetraError

QUERY_CACHE = 1024  # questions whose vectors are kept


class ModelEmbedder:
    def __init__(self, model, name: str, bfloat16: bool = False):
        self.model = model
        self.name = name
        self.bfloat16 = bfloat16  # passages only: a single query is no faster in bfloat16
        self.dimensions = model.get_embedding_dimension()
        # The same question comes back (another page, filter or date): embed it once.
        self._query_vector = lru_cache(maxsize=QUERY_CACHE)(self._embed_query)

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        from search.model import embed_passages

        with _precision(self.bfloat16, self.model.device.type):
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


@contextmanager
def _precision(bfloat16: bool, device_type: str):
    if not bfloat16:
        yield
        return
    import torch

    with torch.autocast(device_type, dtype=torch.bfloat16):
        yield


def passages_in_bfloat16(precision: str, model) -> bool:
    """"auto" is bfloat16 where the CPU multiplies it in hardware (AMX): there passages embed
    2.5x faster, within cosine 0.9999 of float32 (bench/results/embed-archive-sample.json).
    Elsewhere bfloat16 is emulated and slower than float32."""
    if precision == "auto":
        return model.device.type == "cpu" and cpu_has_amx_bf16()
    return precision == "bfloat16"


def cpu_has_amx_bf16(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    try:
        lines = cpuinfo.read_text(errors="replace").splitlines()
    except OSError:  # not Linux: float32, which is never the slow choice
        return False
    return any(line.startswith("flags") and "amx_bf16" in line.split() for line in lines)


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
        model = load_embedder(location)
        return ModelEmbedder(model, Path(location).name, passages_in_bfloat16(settings.embedding_precision, model))
    except ModelError as exc:
        raise NetraError(f"The embedding model cannot be loaded: {exc}")
