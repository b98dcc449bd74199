"""The manifest a built model folder carries, and the check that the folder is still whole.

The manifest lists every file with its size. Checking sizes is instant and catches a
missing, truncated or half-copied file; a same-size corruption surfaces when the weights
are loaded (see `load_embedder`).
"""

from __future__ import annotations

import json
from pathlib import Path

from search.model.errors import ModelFolderError

MANIFEST = "netra_model.json"
WEIGHTS = "model.safetensors"
REQUIRED_DIRS = ("1_Pooling", "2_Normalize")


def write_manifest(folder: Path, provenance: dict) -> None:
    files = {str(path.relative_to(folder)): path.stat().st_size for path in _files(folder)}
    (folder / MANIFEST).write_text(json.dumps({**provenance, "files": files}, indent=2) + "\n")


def has_manifest(folder: Path) -> bool:
    return (folder / MANIFEST).is_file()


def check_folder(folder: Path) -> dict:
    """The folder's manifest, after checking every file it lists is there at its size."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
        files = manifest["files"]
    except FileNotFoundError:
        raise ModelFolderError(f"{folder} is not a built model folder (no {MANIFEST})") from None
    except (ValueError, KeyError, TypeError):
        raise ModelFolderError(f"{folder / MANIFEST} is damaged") from None
    for name, size in files.items():
        path = folder / name
        if not path.is_file():
            raise ModelFolderError(f"{path} is missing")
        if path.stat().st_size != size:
            raise ModelFolderError(f"{path} is {path.stat().st_size} bytes, expected {size}: truncated or corrupted")
    for name in REQUIRED_DIRS:
        if not (folder / name).is_dir():
            raise ModelFolderError(f"{folder / name} is missing")
    return manifest


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file() and path.name != MANIFEST)
