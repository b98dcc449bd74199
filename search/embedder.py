"""The configured embedding model behind the small interface `search.semantic` needs."""

from __future__ import annotations

from pathlib import Path

from graph.config import Settings
from graph.errors import NetraError


class ModelEmbedder:
    def __init__(self, model, name: str):
        self.model = model
        self.name = name
        self.dimensions = model.get_embedding_dimension()

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        from search.model import embed_passages

        return embed_passages(texts, model=self.model).tolist()

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        from search.model import embed_queries

        return embed_queries(texts, model=self.model).tolist()


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
