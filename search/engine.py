"""Search over provisions: a citation fast path, keyword and semantic retrieval fused by
reciprocal rank, then graph-aware adjustments (law in force on a date, one result per
provision family). Search over cases: the same retrievers over case documents, fused the same
way. Filters narrow every retriever alike. The web layer and the CLI call `SearchEngine.search`."""

from __future__ import annotations

import html
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from graph.asof import AMENDED, IN_FORCE, NOT_YET, REVOKED
from graph.db import Graph
from core.errors import NetraError
from core.refs import ProvisionRef
from ingest.citations import extract_citations, resolve_citation
from ingest.lookup import GraphProvisionIndex
from search.analysis import expand_informal
from search.cases import act_words, case_summaries
from search.conduct import CaseEvidence, conduct_date, linked_evidence, reads_like_a_case
from search.keyword import KeywordHit, KeywordIndex, facet_filters
from search.masking import Mask, compact_numbers
from search.snippets import plain_snippet, with_lead_ins
from graph.regulation_views import provision_statuses, status_note

MODES = ("keyword", "semantic", "hybrid")
KINDS = ("provision", "case")
STATUSES = (IN_FORCE, AMENDED, REVOKED, NOT_YET)
# Reciprocal-rank fusion's constant. The textbook 60 suits fusing many long runs; here two lists
# of 50 are fused and then summed per Pasal (_collapse), and with 60 the 50th hit still weighs
# 55% of the first, so a Pasal with many middling hits beat the one each retriever put first.
# With 5 the 10th weighs 40%. Pasal-level MRR of hybrid search for k = 2, 3, 5, 10, 60: dev
# queries 0.73, 0.73, 0.75, 0.71, 0.61; held-out queries (bench/queries) 0.72, 0.70, 0.65,
# 0.61, 0.56. Any k from 2 to 5 does about as well on both sets together.
RRF_K = 5
CANDIDATES = 50  # per retriever, before fusion and collapsing
NOT_IN_FORCE_PENALTY = 0.5
FAMILY_SHARE = 0.5  # of the first other hit of a Pasal; each further one counts half as much
MAX_QUERY_CHARS = 2000
CITATION_WEIGHT = 10.0  # a provision the question cites outranks everything


@dataclass
class SearchResult:
    id: str
    citation: str
    ref: dict
    snippet: str  # HTML: escaped text, matches in <mark>
    score: float
    score_parts: dict = field(default_factory=dict)
    status: str = IN_FORCE
    note: str = ""  # e.g. "amended by UU 10/2016 from 2016-07-01"
    change: dict | None = None  # the note's parts: {kind, citation, date} (graph.regulation_views.status_change)

    def to_json(self) -> dict:
        return {"id": self.id, "kind": "provision", "ref": self.ref, "citation": self.citation,
                "snippet": self.snippet, "score": round(self.score, 6),
                "score_parts": {k: round(v, 6) for k, v in self.score_parts.items()},
                "status": self.status, "note": self.note, "change": self.change}


@dataclass
class CaseResult:
    id: str
    citation: str  # the case number (the id when it has none)
    snippet: str  # HTML: escaped text, matches in <mark>
    score: float
    score_parts: dict = field(default_factory=dict)
    summary: dict = field(default_factory=dict)  # act, year, regions, elections, outcome, sanction_levels

    def to_json(self) -> dict:
        return {"id": self.id, "kind": "case", "citation": self.citation, "snippet": self.snippet,
                "score": round(self.score, 6), "score_parts": {k: round(v, 6) for k, v in self.score_parts.items()},
                **self.summary}


class SearchEngine:
    def __init__(self, graph: Graph, keyword: KeywordIndex, semantic=None, case_keyword: KeywordIndex | None = None,
                 case_semantic=None):
        self.graph = graph
        self.keyword = keyword
        self.semantic = semantic  # search.semantic.SemanticIndex, when an embedding model is available
        self.case_keyword = case_keyword  # the same, over case documents
        self.case_semantic = case_semantic
        self._pool = ThreadPoolExecutor(max_workers=3, thread_name_prefix="netra-search")
        self._case_evidence: CaseEvidence | None = None

    def search(self, query: str, mode: str = "hybrid", as_of: date | None = None, k: int = 10,
               kind: str = "provision", filters: dict[str, str] | None = None, mask: Mask | None = None,
               snippets: int | None = None) -> list:
        """Provisions (`SearchResult`) or cases (`CaseResult`). `filters`: name -> value, for
        provisions type, year, level, status; for cases region, election, year, act, sanction, outcome.
        `mask`: for a viewer who sees personal data masked (search/masking.py): a case query loses
        whatever could match a masked value, before every retriever, and every snippet is cut
        from masked text and marked after. `snippets`: how many of the results (the first) get
        the query's words marked; the others show their start (a page shows 10 of 50)."""
        query = (query or "").strip()
        if not query:
            raise NetraError("Type a question or a citation to search for.")
        if mode not in MODES:
            raise NetraError(f"Unknown search mode {mode!r}; use one of {', '.join(MODES)}.")
        if kind not in KINDS:
            raise NetraError(f"Unknown kind {kind!r}; search one of {', '.join(KINDS)}.")
        query = query[:MAX_QUERY_CHARS]  # longer input adds noise, not meaning
        if kind == "case":
            return self._search_cases(query, mode, k, facet_filters("case", filters), mask, snippets)
        filters = dict(filters or {})
        status = _status_filter(filters.pop("status", None))
        return self._search_provisions(query, mode, self.judged_on(query, as_of), k,
                                       facet_filters("provision", filters), status, mask, snippets)

    @staticmethod
    def judged_on(query: str, as_of: date | None = None) -> date:
        """The day whose law answers `query`: `as_of` when given, else the date of the conduct
        the question names ("pada tahun 2019"), else today."""
        return as_of or conduct_date(query) or date.today()

    def _search_provisions(self, query: str, mode: str, as_of: date, k: int, facets: dict[str, str],
                           status: str | None, mask: Mask | None = None,
                           snippets: int | None = None) -> list[SearchResult]:
        mode = self._available_mode(mode, self.semantic)
        plain = expand_informal(query)
        retrievers = {
            "citation": lambda: [hit for hit in self._cited(query) if _passes(_provision_facets(hit.id), facets)],
            **self._retrievers(mode, plain, facets, self.keyword, self.semantic)}
        with_cases = mode == "hybrid" and self.case_semantic is not None and self.case_semantic.is_built()
        if with_cases:
            # After the provisions' semantic search, in the same worker: it embeds the question
            # once, and the cases' search finds the vector cached (side by side, both embedded it).
            semantic = retrievers["semantic"]
            retrievers["semantic"] = lambda: (semantic(), self._cases_evidence()(plain))
        lists = self._retrieved(retrievers)
        weights = {}
        if with_cases:
            lists["semantic"], (hits, closest_case) = lists["semantic"]
            closest_provision = max((hit.score for hit in lists["semantic"]), default=0.0)
            weights["cases"] = reads_like_a_case(closest_case, closest_provision)
            lists["cases"] = [hit for hit in hits if _passes(_provision_facets(hit.id), facets)]
        fused = _fuse(lists, weights)
        collapsed = _collapse(fused)
        if mode == "hybrid":
            collapsed = self._linked(collapsed, query, facets)
        # The status is known only after the as-of check: with a status filter, check them all.
        results = self._adjusted(collapsed if status else collapsed[: k * 2], as_of)
        results = [r for r in results if status is None or r.status == status]
        results.sort(key=lambda r: r.score, reverse=True)
        results = _highlighted(results[:k], self.keyword, plain, mode, mask, snippets, case_data=False)
        with_lead_ins(self.graph, results[:snippets])
        return results

    def _search_cases(self, query: str, mode: str, k: int, facets: dict[str, str],
                      mask: Mask | None = None, snippets: int | None = None) -> list[CaseResult]:
        if self.case_keyword is None:
            raise NetraError("Case search needs the case index: run `netra index`.")
        mode = self._available_mode(mode, self.case_semantic)
        # The case index holds each NIP as its digits alone (search.cases): so is the query read.
        plain = compact_numbers(expand_informal(query))
        if mask is not None:
            plain = mask.query(plain)
            if not plain.strip():
                return []
        fused = _fuse(self._retrieved(self._retrievers(mode, plain, facets, self.case_keyword, self.case_semantic)))[:k]
        summaries = case_summaries(self.graph, [hit.id for hit in fused])
        results = [_case_result(hit, summaries[hit.id]) for hit in fused if hit.id in summaries]
        return _highlighted(results, self.case_keyword, plain, mode, mask, snippets, case_data=True)

    @staticmethod
    def _retrievers(mode: str, plain: str, facets: dict[str, str], keyword, semantic) -> dict:
        retrievers = {}
        if mode in ("keyword", "hybrid"):
            retrievers["keyword"] = lambda: keyword.search(plain, k=CANDIDATES, filters=facets)
        if mode in ("semantic", "hybrid"):
            retrievers["semantic"] = lambda: semantic.search(plain, k=CANDIDATES, filters=facets)
        return retrievers

    def _retrieved(self, retrievers: dict) -> dict[str, list[KeywordHit]]:
        """Each retriever's hits, in the order given (fusion breaks ties by it). They run side by
        side: embedding the query (torch) and the graph's reads wait outside Python's lock
        while the keyword index scores in it."""
        if len(retrievers) == 1:
            return {name: run() for name, run in retrievers.items()}
        running = {name: self._pool.submit(run) for name, run in retrievers.items()}
        return {name: future.result() for name, future in running.items()}

    @staticmethod
    def _available_mode(mode: str, semantic) -> str:
        """Without an embedding model or its index, hybrid falls back to keyword; semantic alone cannot."""
        if mode != "keyword" and (semantic is None or not semantic.is_built()):
            if mode == "semantic":
                raise NetraError("Semantic search needs the embedding model and its index: run `netra index`.")
            return "keyword"
        return mode

    def case_retriever(self):
        """What precedent search compares facts with: the cases' semantic index once built, else keywords."""
        if self.case_semantic is not None and self.case_semantic.is_built():
            return self.case_semantic
        return self.case_keyword

    def _cases_evidence(self) -> CaseEvidence:
        if self._case_evidence is None or self._case_evidence.case_index is not self.case_semantic:
            self._case_evidence = CaseEvidence(self.graph, self.case_semantic)
        return self._case_evidence

    def _linked(self, hits: list["_Fused"], query: str, facets: dict[str, str]) -> list["_Fused"]:
        """The results with the support of the provisions linked to the first of them by
        reference (search/conduct.py): a result's Pasal gains the best link into it once; a
        linked provision not yet among the results joins them."""
        families = {_pasal_key(hit.id): hit for hit in hits}
        for link in linked_evidence(self.graph, [(hit.id, hit.score) for hit in hits], query):
            if not _passes(_provision_facets(link.target), facets):
                continue
            family = families.get(_pasal_key(link.target))
            if family is None:
                families[_pasal_key(link.target)] = _Fused(link.target, link.support, {"linked": link.support})
            elif link.support > family.parts.get("linked", 0.0) and family.id != link.source:
                family.score += link.support - family.parts.get("linked", 0.0)
                family.parts["linked"] = link.support
        return sorted(families.values(), key=lambda f: f.score, reverse=True)

    def _cited(self, query: str) -> list[KeywordHit]:
        """A query that is (or contains) a citation puts that provision first."""
        citations = extract_citations(query)
        if not citations:
            return []  # most questions cite nothing: spare the graph index's read
        index = GraphProvisionIndex(self.graph)
        hits = []
        for citation in citations:
            for provision_id in resolve_citation(citation, index).ids:
                if _reference(provision_id).path():  # a provision, not a whole regulation
                    hits.append(KeywordHit(provision_id, 1.0))
        return hits

    def _adjusted(self, hits: list["_Fused"], as_of: date) -> list[SearchResult]:
        """Each hit as a result, its score halved when not in force on `as_of`."""
        views = provision_statuses(self.graph, [hit.id for hit in hits], as_of)
        return [_result(hit, views.get(hit.id)) for hit in hits]


def _result(hit: "_Fused", view: dict | None) -> SearchResult:
    if view is None:  # the index is older than the graph
        return SearchResult(hit.id, hit.id, {}, hit.snippet, 0.0, hit.parts, "unknown")
    score, parts = hit.score, dict(hit.parts)
    if view["status"] in (REVOKED, NOT_YET):
        parts["not_in_force"] = -score * (1 - NOT_IN_FORCE_PENALTY)
        score *= NOT_IN_FORCE_PENALTY
    return SearchResult(hit.id, view["citation"], view["ref"], hit.snippet or html.escape(plain_snippet(view["text"] or "")),
                        score, parts, view["status"], status_note(view), view["change"])


def _highlighted(results: list, keyword: KeywordIndex, query: str, mode: str, mask: Mask | None = None,
                 snippets: int | None = None, case_data: bool = False) -> list:
    """The question's words marked in the snippets of the results shown (semantic search has no
    words to mark). With `mask`, every snippet is cut from text whose numbers are masked, then
    marked: marking first split a NIP (`<mark>19911021</mark> 202102 1 588`) so that the mask no
    longer knew it. Names (case data) are masked in the snippet after: a masked query marks no
    word of a name, and marks hold whole words, so none is split."""
    ids = [result.id for result in results[:snippets]]
    if not results or (mask is None and (mode == "semantic" or not ids)):
        return results
    if mask is None:
        marked = keyword.highlights(query, ids)
    else:
        numbers = lambda text: mask.text(text, names=False, parts=case_data)  # noqa: E731
        marked = keyword.highlights("" if mode == "semantic" else query, ids, redact=numbers) if ids else {}
    for result in results:
        if result.id in marked:
            result.snippet = marked[result.id]
        elif mask is not None:  # not in the keyword index (or it keeps no text): its start
            result.snippet = html.escape(numbers(html.unescape(result.snippet)))
        if mask is not None and case_data:
            result.snippet = mask.text(result.snippet, html=True)
    return results


def _status_filter(value: str | None) -> str | None:
    """ "in-force", "In force", "not_yet" -> the status names results carry."""
    if not value or not value.strip():
        return None
    words = " ".join(value.lower().replace("-", " ").replace("_", " ").split())
    status = next((s for s in STATUSES if s == words or s.startswith(words + " ")), None)
    if status is None:
        raise NetraError(f"Unknown status {value!r}; use one of {', '.join(STATUSES)}.")
    return status


def _provision_facets(provision_id: str) -> dict[str, str]:
    """A provision's type, year and level from its id (uu/2014/5/pasal-87/ayat-4), for cited
    provisions, which come from the citation resolver rather than an index."""
    parts = provision_id.split("/")
    ref = _reference(provision_id)
    reg_type = ref.regulation.type.lower() if ref else parts[0]  # "permen-mendagri/..." is a Permen
    return {"reg_type": reg_type, "reg_year": parts[1] if len(parts) > 1 else "", "level": parts[-1].split("-")[0]}


def _passes(facets: dict[str, str], filters: dict[str, str]) -> bool:
    return all(facets.get(name) == value for name, value in filters.items())


def _case_result(hit: "_Fused", summary: dict) -> CaseResult:
    shown = {"act": act_words(summary["act"]), "year": summary["year"], "regions": summary["regions"],
             "elections": summary["elections"], "stage": summary["stage"], "outcome": summary["outcome"],
             "sanction_levels": summary["sanction_levels"]}
    return CaseResult(hit.id, summary["number"] or hit.id.removeprefix("case:"), hit.snippet, hit.score,
                      dict(hit.parts), shown)


@dataclass
class _Fused:
    id: str
    score: float
    parts: dict
    snippet: str = ""
    absorbed: int = 0  # other hits of the same Pasal folded into this one


def _fuse(lists: dict[str, list[KeywordHit]], weights: dict[str, float] | None = None) -> list[_Fused]:
    """Reciprocal-rank fusion, each list counting its weight: a citation match outranks
    everything; others count 1 unless `weights` says otherwise."""
    weights = {"citation": CITATION_WEIGHT, **(weights or {})}
    fused: dict[str, _Fused] = {}
    for name, hits in lists.items():
        weight = weights.get(name, 1.0)
        for rank, hit in enumerate(hits, start=1):
            entry = fused.setdefault(hit.id, _Fused(hit.id, 0.0, {}))
            part = weight / (RRF_K + rank)
            entry.parts[name] = entry.parts.get(name, 0.0) + part
            entry.score += part
            entry.snippet = entry.snippet or hit.snippet
    return sorted(fused.values(), key=lambda f: f.score, reverse=True)


def _collapse(hits: list[_Fused]) -> list[_Fused]:
    """One result per Pasal: its best hit stands for it (or a more specific one that matched
    nearly as well on its own), and the other hits in the Pasal add support. Sibling ayat and
    huruf share their Pasal's lead-in as context, so they tend to match for the same reason:
    each further one adds half as much as the one before (hits come best first)."""
    kept: dict[str, _Fused] = {}
    for hit in hits:
        family = kept.get(_pasal_key(hit.id))
        if family is None:
            kept[_pasal_key(hit.id)] = _Fused(hit.id, hit.score, dict(hit.parts), hit.snippet)
            continue
        family.absorbed += 1
        support = hit.score * FAMILY_SHARE ** family.absorbed
        family.score += support
        family.parts["family"] = family.parts.get("family", 0.0) + support
        if hit.id.startswith(family.id + "/") and hit.score >= family.score * 0.5:
            family.id, family.snippet = hit.id, hit.snippet or family.snippet
    return sorted(kept.values(), key=lambda f: f.score, reverse=True)


def _pasal_key(provision_id: str) -> str:
    """ "uu/2014/5/pasal-87/ayat-4" -> "uu/2014/5/pasal-87", "skb/2022/2/lampiran/angka-7/huruf-a"
    -> "skb/2022/2/lampiran/angka-7": the top unit (core/refs.py); ids that are none stand alone."""
    return pasal_of(provision_id)


def pasal_of(provision_id: str) -> str:
    """The id of the provision's top unit: its Pasal, its diktum, or a Lampiran's top point. An id
    no ProvisionRef reads (the enacting law's own `.../penetapan/pasal-1/ayat-2`) is cut after its Pasal."""
    ref = _reference(provision_id)
    if ref is not None:
        return ref.top_unit.id
    head, marker, rest = provision_id.partition("/pasal-")
    return f"{head}{marker}{rest.split('/')[0]}" if marker else provision_id


@lru_cache(maxsize=65_536)  # every hit of every query is collapsed by it
def _reference(provision_id: str) -> ProvisionRef | None:
    try:
        return ProvisionRef.from_id(provision_id)
    except (ValueError, StopIteration):  # an id of no regulation type Netra knows
        return None
