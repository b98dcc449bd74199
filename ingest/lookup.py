"""The provisions the citation resolver may point at: this document's own, plus those of
every other regulation in the graph, fetched once per regulation when first asked about."""

from __future__ import annotations

import re
from functools import lru_cache

from graph.db import Graph
from core.errors import NetraError
from core.refs import ProvisionRef, RegulationRef
from graph.regulations import amended_targets, provision_ids, regulation_ids
from ingest.citations import (CITED, CitedProvision, InMemoryProvisionIndex, ProvisionCitation,
                              extract_citations, resolve_citation)


class GraphProvisionIndex(InMemoryProvisionIndex):
    def __init__(self, graph: Graph):
        self._graph = graph
        self._fetched: set[str] = set()
        self._amendments: dict[str, dict[str, str]] = {}
        # Most cited regulations are not in the corpus: knowing which are spares a query for each.
        self._loaded, self._stubs = regulation_ids(graph)
        super().__init__(())

    def add(self, ids) -> None:
        ids = list(ids)
        for regulation in {_regulation_of(i) for i in ids}:
            self._fetch(regulation)  # what the graph already has of it comes first
            if regulation.id in self._stubs:  # provisions amending laws inserted before it came
                self._stubs.discard(regulation.id)
                super().add(provision_ids(self._graph, [regulation.id]))
        super().add(ids)

    def add_amendments(self, versions: list[dict]) -> None:
        """The wordings an amending law built in this run gives: "Pasal 71 UU 10/2016" resolves
        before UU 10/2016 is written."""
        for row in versions:
            version = row["version"]
            if version["kind"] != "revoke":
                suffix = row["target_id"][len(version["regulation_id"]):]
                self._amendments.setdefault(version["introduced_by"], {})[suffix] = row["target_id"]

    def _fetch(self, regulation: RegulationRef) -> None:
        if regulation.id in self._fetched:
            return
        self._fetched.add(regulation.id)
        if regulation.id in self._loaded:
            super().add([regulation.id, *provision_ids(self._graph, [regulation.id])])

    def has_regulation(self, regulation: RegulationRef) -> bool:
        self._fetch(regulation)
        return super().has_regulation(regulation)

    def find(self, ref: ProvisionRef) -> list[str]:
        self._fetch(ref.regulation)
        return super().find(ref) or self._as_amended(ref)

    def _as_amended(self, ref: ProvisionRef) -> list[str]:
        """ "Pasal 71 ayat (2) UU 10/2016" means the base law's Pasal 71 ayat (2) in the wording
        UU 10/2016 gave it: amending laws have no Pasal 71 of their own."""
        if ref.pasal is None:
            return []
        if ref.regulation.id not in self._amendments:
            self._amendments[ref.regulation.id] = amended_targets(self._graph, ref.regulation.id)
        target = self._amendments[ref.regulation.id].get(ref.id[len(ref.regulation.id):])
        return [target] if target else []

    def children(self, provision_id: str) -> list[str]:
        self._fetch(_regulation_of(provision_id))
        return super().children(provision_id)

    def descendants(self, provision_id: str) -> list[str]:
        self._fetch(_regulation_of(provision_id))
        return super().descendants(provision_id)


@lru_cache(maxsize=100_000)
def _regulation_of(provision_id: str) -> RegulationRef:
    """Cached: the resolver asks for the children of the same provisions over and over."""
    return ProvisionRef.from_id(provision_id).regulation


def find_cited(graph: Graph, text: str) -> str:
    """The id of the regulation or provision that `text` cites ("Pasal 87 ayat (4) UU 5/2014",
    "uu/2014/5/pasal-87"). Raises NetraError with the resolver's reason when there is none."""
    text = text.strip()
    if re.fullmatch(r"[a-z.-]+/\d{4}/[\w.-]+(/[a-z]+(-[\w.-]+)?)*", text):
        citation = text
        try:
            ref = ProvisionRef.from_id(text)
        except ValueError:
            raise NetraError(f"{text!r} is not a Netra id such as uu/2014/5/pasal-87/ayat-4 or "
                             "skb/2022/2/lampiran/angka-6.")
        cited = [ProvisionCitation(start=0, end=len(text), raw=text, regulation_source=CITED,
                                   cited=(CitedProvision(ref.regulation, tuple(ref.path())),))]
    else:
        cited = extract_citations(text)
        citation = text
    if not cited:
        raise NetraError(f"{citation!r} does not read as a citation. Try e.g. \"Pasal 87 ayat (4) UU 5/2014\".")
    resolution = resolve_citation(cited[0], GraphProvisionIndex(graph))
    if not resolution.resolved:
        problem = resolution.problems[0]
        raise NetraError(f"{citation!r} is not in the graph: {problem.detail} ({problem.reason}).")
    return resolution.ids[0]


def cited_regulation_id(text: str) -> str:
    """The id of the regulation `text` names ("UU 5/2014", "uu/2014/5"), whether loaded or not."""
    text = text.strip()
    if re.fullmatch(r"[a-z.-]+/\d{4}/[\w.-]+", text):
        return text
    for citation in extract_citations(text):
        for provision in citation.provisions:
            if provision.regulation is not None:
                return provision.regulation.id
    raise NetraError(f"{text!r} does not name a regulation. Try e.g. \"UU 5/2014\" or uu/2014/5.")
