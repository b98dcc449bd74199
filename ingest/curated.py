"""Relations between regulations from the curated file `corpus/regulation-relations.toml`."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

from core.config import REPO_ROOT
from graph.db import Graph
from core.errors import NetraError
from core.refs import RegulationRef
from graph.regulations import document, write_curated_relations
from ingest.citations import RegulationCitation, extract_citations

RELATIONS_FILE = REPO_ROOT / "corpus" / "regulation-relations.toml"
DOCUMENT_ID = "doc:curated/regulation-relations"


def load_curated_relations(graph: Graph, path: Path = RELATIONS_FILE) -> int:
    """Write the file's relations (replacing earlier ones); the number written, 0 if unchanged."""
    raw = path.read_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    existing = document(graph, DOCUMENT_ID)
    if existing and existing["sha256"] == sha:
        return 0
    rows = [_row(entry, path) for entry in tomllib.loads(raw.decode("utf-8")).get("relation", [])]
    doc = {"id": DOCUMENT_ID, "sha256": sha, "path": str(path), "format": "toml", "kind": "curated"}
    write_curated_relations(graph, doc, rows)
    return len(rows)


def _row(entry: dict, path: Path) -> dict:
    source, target = _regulation(entry["from"], path), _regulation(entry["to"], path)
    return {"type": entry["type"], "from_id": source.id, "to_id": target.id,
            "from_props": _props(source), "to_props": _props(target),
            "properties": {"date": entry.get("date"), "scope": entry.get("scope", "whole"),
                           "source": entry.get("source", ""), "curated": True}}


def _regulation(text: str, path: Path) -> RegulationRef:
    found = [c for c in extract_citations(text) if isinstance(c, RegulationCitation) and c.regulation]
    if not found:
        raise NetraError(f"{path}: {text!r} is not a regulation citation such as \"UU 5/2014\".")
    return found[0].regulation


def _props(regulation: RegulationRef) -> dict:
    return {"type": regulation.type, "number": regulation.number, "year": regulation.year,
            "citation": regulation.citation}
