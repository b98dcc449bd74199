"""A search as the search page and /api/v1/search show it: one kind of result or both mixed,
narrowed by filters, counted by facet, cut into pages.

The engine ranks at most `RESULT_WINDOW` results per kind (its retrievers look no deeper), so
the window is the result set: `total`, the pages and the facet counts are all over it, and a
facet's count is how many of those results a click on it keeps. Filters are the engine's own
(`SearchEngine.search(filters=...)`, the CLI's `-f NAME=VALUE`), named as URLs name them:
`regulation_type` for a regulation's type, since `type` says which kind of result to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Mapping

from search.cases import act_words, case_summaries
from search.engine import CaseResult
from search.keyword import FILTER_ALIASES

KINDS = ("provision", "case", "all")
PAGE_SIZE = 10
MAX_PAGE_SIZE = 100
RESULT_WINDOW = 50  # per kind: what the engine's retrievers rank (search.engine.CANDIDATES) anyway

# URL parameter -> the engine's filter name, per kind of result.
FILTER_PARAMS = {
    "provision": {("regulation_type" if name == "type" else name): name
                  for name in [*FILTER_ALIASES["provision"], "status"]},
    "case": {name: name for name in FILTER_ALIASES["case"]},
}
# The facets counted, in the order shown.
FACETS = {"provision": ("regulation_type", "year", "status"),
          "case": ("region", "election", "act", "sanction", "outcome")}


@dataclass
class FacetValue:
    value: str  # as the URL parameter carries it
    label: str  # as a reader knows it ("social media", not "social_media")
    count: int
    selected: bool = False

    def to_json(self) -> dict:
        return {"value": self.value, "label": self.label, "count": self.count, "selected": self.selected}


@dataclass
class SearchPage:
    query: str
    kind: str
    filters: dict[str, str]  # URL parameter -> value
    results: list  # this page's SearchResult / CaseResult, best first
    page: int
    page_size: int
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    # What the conduct the query describes likely breaks (search.conduct.ConductBundle), set by
    # the caller for page 1 of a provision search; None otherwise.
    conduct: object | None = None

    @property
    def has_more(self) -> bool:
        return self.page * self.page_size < self.total

    @property
    def first_rank(self) -> int:
        return (self.page - 1) * self.page_size + 1

    def to_json(self) -> dict:
        return {"query": self.query, "type": self.kind, "filters": self.filters, "page": self.page,
                "page_size": self.page_size, "total": self.total, "has_more": self.has_more,
                "facets": {name: [value.to_json() for value in values] for name, values in self.facets.items()},
                "results": [result.to_json() for result in self.results],
                "conduct": self.conduct.to_json() if self.conduct is not None else None}


def kind_of(result) -> str:
    return "case" if isinstance(result, CaseResult) else "provision"


def filter_params(kind: str) -> list[str]:
    """The URL parameters that narrow results of `kind` ("all": those of either kind)."""
    kinds = ("provision", "case") if kind == "all" else (kind,)
    return list(dict.fromkeys(param for k in kinds for param in FILTER_PARAMS[k]))


def faceted_search(engine, query: str, *, kind: str = "provision", filters: Mapping[str, str] | None = None,
                   page: int = 1, page_size: int = PAGE_SIZE, mode: str = "hybrid",
                   as_of: date | None = None, mask=None) -> SearchPage:
    """One page of results with the facets of all of them. `filters`: URL parameter -> value,
    empty values ignored. With `kind` "all", a kind is searched only if every filter applies to
    it: a region narrows to cases, a regulation type to provisions, a year applies to both.
    `mask`: the viewer's (search.masking.Mask), for `SearchEngine.search`."""
    filters = {param: value.strip() for param, value in (filters or {}).items() if value and value.strip()}
    kinds = [k for k in (("provision", "case") if kind == "all" else (kind,))
             if set(filters) <= set(FILTER_PARAMS[k])]
    results = []
    for searched in kinds:
        engine_filters = {FILTER_PARAMS[searched][param]: value for param, value in filters.items()}
        # Only the results up to this page are shown: only their snippets need marking.
        results += engine.search(query, mode=mode, as_of=as_of, k=RESULT_WINDOW, kind=searched,
                                 filters=engine_filters, snippets=page * page_size,
                                 **({"mask": mask} if mask is not None else {}))
    if len(kinds) > 1:
        # Both kinds are ranked by reciprocal-rank fusion, so their scores are on one scale.
        results.sort(key=lambda result: result.score, reverse=True)
    start = (page - 1) * page_size
    return SearchPage(query, kind, filters, results[start:start + page_size], page, page_size, len(results),
                      count_facets(engine.graph, results, kinds, filters))


def count_facets(graph, results: list, kinds: list[str], filters: Mapping[str, str]) -> dict[str, list[FacetValue]]:
    """Facet -> its values among `results`, most frequent first; a selected value is listed even
    when no result has it, so that it can be taken off."""
    counts: dict[str, dict[str, list]] = {name: {} for kind in kinds for name in FACETS[kind]}
    cases = [result.id for result in results if kind_of(result) == "case"]
    summaries = case_summaries(graph, cases) if cases else {}
    for result in results:
        values = _case_values(summaries.get(result.id)) if kind_of(result) == "case" else _provision_values(result)
        for name, (value, label) in ((n, v) for n, found in values.items() for v in found):
            entry = counts[name].setdefault(value, [label, 0])
            entry[1] += 1
    facets = {}
    for name, found in counts.items():
        listed = [FacetValue(value, label, count, _same(filters.get(name), value))
                  for value, (label, count) in found.items()]
        if filters.get(name) and not any(value.selected for value in listed):
            listed.append(FacetValue(filters[name], filters[name], 0, True))
        facets[name] = sorted(listed, key=lambda v: (-v.count, v.label.lower()))
    return facets


def _same(selected: str | None, value: str) -> bool:
    return selected is not None and " ".join(selected.lower().split()) == " ".join(value.lower().split())


def _provision_values(result) -> dict[str, list[tuple[str, str]]]:
    ref = result.ref or {}  # empty when the index is older than the graph
    values = {"status": [(result.status, result.status)]}
    if ref.get("type"):
        values["regulation_type"] = [(str(ref["type"]), str(ref["type"]).upper())]
    if ref.get("year"):
        values["year"] = [(str(ref["year"]), str(ref["year"]))]
    return values


def _case_values(summary: dict | None) -> dict[str, list[tuple[str, str]]]:
    """A case's facet values as the graph stores them (the act's code, not its words): the
    engine's filters compare stored values."""
    if summary is None:
        return {}
    return {"region": [(name, name) for name in summary["regions"]],
            "election": [(name, name) for name in summary["elections"]],
            "act": [(summary["act"], act_words(summary["act"]))] if summary["act"] else [],
            "sanction": [(level, level) for level in dict.fromkeys(summary["sanction_levels"])],
            "outcome": [(summary["outcome"], summary["outcome"])] if summary["outcome"] else []}
