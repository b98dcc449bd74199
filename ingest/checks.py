"""`netra check-citations FILE`: every citation in a document, resolved against the graph."""

from __future__ import annotations

from pathlib import Path

from graph.db import Graph
from core.errors import NetraError
from ingest.citations import extract_citations, resolve_citation
from ingest.citations.documents import split_header
from ingest.lookup import GraphProvisionIndex
from ingest.regulation import parse_regulation, read_document
from ingest.regulation.records import Source, build_records


def check_file(path: str | Path, graph: Graph) -> list[dict]:
    """One row per cited provision: span, raw text, and targets or the reason it did not resolve.
    Spans count characters of the file's text (after the header block, if it has one)."""
    try:
        text, info = read_document(path)
    except UnicodeDecodeError:
        raise NetraError(f"{path} is not UTF-8 text.")
    parsed = parse_regulation(text, info) if info.regulation or _looks_like_regulation(text) else None
    if parsed is not None and parsed.ref is not None:
        return _regulation_rows(parsed, text, graph)
    return _plain_rows(text, graph)


def _looks_like_regulation(text: str) -> bool:
    return "Pasal 1" in text[:20000] and "Menimbang" in text[:20000]


def _regulation_rows(parsed, text: str, graph: Graph) -> list[dict]:
    records = build_records(parsed, text, Source("check", "", "", "", len(text)), GraphProvisionIndex(graph))
    rows = [{"start": c["properties"]["start"], "end": c["properties"]["end"], "raw": c["properties"]["raw"],
             "resolved": True, "targets": [c["target_id"]], "reason": None, "detail": None}
            for c in records.citations]
    rows += [{"start": u["properties"]["start"], "end": u["properties"]["end"], "raw": u["properties"]["raw"],
              "resolved": False, "targets": [], "reason": u["properties"]["reason"], "detail": u["properties"]["detail"]}
             for u in records.unresolved]
    return sorted(rows, key=lambda row: row["start"])


def _plain_rows(text: str, graph: Graph) -> list[dict]:
    _, body_start = split_header(text)
    index = GraphProvisionIndex(graph)
    rows = []
    for citation in extract_citations(text[body_start:]):
        citation = citation.moved(body_start)
        resolution = resolve_citation(citation, index)
        if resolution.ids:
            rows.append({"start": citation.start, "end": citation.end, "raw": citation.raw, "resolved": True,
                         "targets": list(resolution.ids), "reason": None, "detail": None})
        for problem in resolution.problems:
            rows.append({"start": citation.start, "end": citation.end, "raw": citation.raw, "resolved": False,
                         "targets": [], "reason": str(problem.reason), "detail": problem.detail})
    return rows
