"""What the search engines index about provisions: one `SearchDocument` per provision, at every
level, with the context a reader needs to recognise it (its Pasal's lead-in, BAB heading,
regulation title, Penjelasan). Read from the graph by graph/search_sources.py; the graph is the
single source of truth."""

from __future__ import annotations

from typing import Iterator

from core.refs import ProvisionRef
from graph.db import Graph
from graph.search_sources import provision_rows, section_heading_rows
from search.documents import SearchDocument, normalise_facet


def provision_documents(graph: Graph) -> Iterator[SearchDocument]:
    rows = provision_rows(graph)
    by_id = {row["id"]: row for row in rows}
    headings = {row["id"]: row for row in section_heading_rows(graph)}
    for row in rows:
        texts = [*reversed(row["later_texts"]), row["text"] or "", row["tail"] or ""]
        yield SearchDocument(
            id=row["id"], kind="provision", citation=row["citation"] or row["id"],
            text=" ".join(t for t in texts if t).strip(),
            context=" ".join(_context(row, by_id, headings) + [row["reg_title"] or ""]).strip(),
            elucidation=" ".join(e for e in row["elucidations"] if e and "Cukup jelas" not in e),
            level=row["level"] or "", reg_type=(row["reg_type"] or "").lower(), reg_year=row["reg_year"] or 0,
            ref=_ref_dict(row["id"]), facets=_provision_facets(row),
        )


def _provision_facets(row: dict) -> dict[str, list[str]]:
    values = {"reg_type": row["reg_type"], "reg_year": row["reg_year"], "level": row["level"]}
    return {name: [normalise_facet(value)] for name, value in values.items() if value}


def _context(row: dict, by_id: dict, headings: dict) -> list[str]:
    """Own texts of the provisions above (e.g. "PNS dilarang:", a Lampiran's heading lines, a
    Lampiran BAB's title), then section headings."""
    parts, parent = [], row["parent_id"]
    while parent in by_id:
        parts += [by_id[parent]["heading"] or "", by_id[parent]["text"] or ""]
        parent = by_id[parent]["parent_id"]
    while parent in headings:
        parts.append(headings[parent]["heading"] or "")
        parent = headings[parent]["parent_id"]
    return [part for part in parts if part]


def _ref_dict(provision_id: str) -> dict:
    try:
        return ProvisionRef.from_id(provision_id).to_dict()
    except (ValueError, StopIteration):
        return {}
