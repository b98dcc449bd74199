"""What the search engines index: one `SearchDocument` per provision, at every level, with the
context a reader needs to recognise it (its Pasal's lead-in, BAB heading, regulation title,
Penjelasan). Read from the graph; the graph is the single source of truth."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from graph.db import Graph
from graph.refs import ProvisionRef

PROVISIONS_FOR_SEARCH = """
MATCH (p:Provision)
OPTIONAL MATCH (r:Regulation {id: p.regulation_id})
RETURN p.id AS id, p.parent_id AS parent_id, p.kind AS level, p.citation AS citation,
       p.text AS text, p.heading AS heading, p.valid_from AS valid_from,
       r.type AS reg_type, r.year AS reg_year, r.title AS reg_title,
       [(p)-[:HAS_VERSION]->(v) WHERE v.text IS NOT NULL | v.text] AS later_texts,
       [(e:Elucidation)-[:EXPLAINS]->(p) | e.text] AS elucidations
"""

SECTION_HEADINGS = """
MATCH (s:Section) WHERE s.kind IN ['bab', 'bagian', 'paragraf']
RETURN s.id AS id, s.parent_id AS parent_id, s.heading AS heading
"""


@dataclass(frozen=True)
class Kind:
    """Where one kind of search document lives in the graph."""

    label: str
    fulltext_index: str
    vector_index: str


KINDS = {"provision": Kind("Provision", "provision_search", "provision_embedding"),
         "case": Kind("Case", "case_search", "case_embedding")}


@dataclass
class SearchDocument:
    id: str
    kind: str  # "provision" or "case"
    citation: str
    text: str  # provision: every wording it has had, newest first; case: what happened
    context: str  # provision: lead-ins above it, headings, regulation title; case: where, outcome, sanction
    elucidation: str = ""
    level: str = ""
    reg_type: str = ""
    reg_year: int = 0
    ref: dict = field(default_factory=dict)
    # What filters narrow on: name -> normalised values (a case may lie in a Kecamatan and its Kota).
    facets: dict[str, list[str]] = field(default_factory=dict)


def normalise_facet(value) -> str:
    """Filter values compare ignoring case, spacing and commas ("Kecamatan X, Kota Y"): commas
    separate values in Whoosh's keyword fields."""
    return " ".join(re.sub(r"[\s,]+", " ", str(value).lower()).split())


def facet_properties(doc: SearchDocument) -> dict[str, list[str]]:
    """The facets as node properties (`facet_region`, ...) for the Neo4j-side filters."""
    return {f"facet_{name}": values for name, values in doc.facets.items()}


def provision_documents(graph: Graph) -> Iterator[SearchDocument]:
    rows = graph.read(PROVISIONS_FOR_SEARCH)
    by_id = {row["id"]: row for row in rows}
    headings = {row["id"]: row for row in graph.read(SECTION_HEADINGS)}
    for row in rows:
        texts = [*reversed(row["later_texts"]), row["text"] or ""]
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
    """Own texts of the provisions above (e.g. "PNS dilarang:"), then section headings."""
    parts, parent = [], row["parent_id"]
    while parent in by_id:
        parts.append(by_id[parent]["text"] or "")
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
