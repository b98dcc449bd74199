"""What the search engines index, whatever its kind: a `SearchDocument` (a provision or a case,
with the context a reader needs to recognise it and the facets filters narrow on) and the
helpers for facets. Provisions are read into documents by search/provisions.py, cases by
search/cases.py; where each kind lives in the graph is graph/search_index.py `KINDS`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


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
