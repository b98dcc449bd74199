"""Precedent search: past cases like a given case (or a description of one), ranked by

- facts: how close their documents' facts are (the semantic case index; keyword search over
  the case documents when no embedding model is built),
- provisions: the share of the given case's provisions they cite too (graph),
- act: the same kind of act (graph),
- sanction: the same sanction level (graph),

each result with the reasons that put it there. `similar_cases` is what the CLI and the web
layer call.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.db import Graph
from graph.precedent import cases_sharing_provisions, cases_with_act, find_case_id, provision_citations
from core.errors import NetraError
from ingest.citations import extract_citations, resolve_citation
from ingest.lookup import GraphProvisionIndex
from search.cases import act_words, case_documents, case_summaries
from search.masking import Mask, compact_numbers

# Facts weigh most: two cases citing the same popular article (Pasal 9 ayat (2) UU 5/2014 is in
# most) may share nothing else; the act and the sanction separate close calls.
WEIGHTS = {"facts": 0.4, "provisions": 0.3, "act": 0.2, "sanction": 0.1}
FACT_CANDIDATES = 50
MAX_FACT_CHARS = 2000  # like the engine's query limit: more words add noise, not meaning
SAME_ACT_CANDIDATES = 500
REASON_CITATIONS = 3

@dataclass
class Precedent:
    id: str
    citation: str  # the case number
    score: float
    score_parts: dict
    reasons: list[str]
    summary: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"id": self.id, "kind": "case", "citation": self.citation, "score": round(self.score, 6),
                "score_parts": {k: round(v, 6) for k, v in self.score_parts.items()}, "reasons": self.reasons,
                **self.summary}


@dataclass
class _Probe:
    """What the given case (or text) is compared on."""

    case_id: str  # "" for a description
    facts: str
    provisions: list[str]
    act: str | None = None
    sanction_levels: list[str] = field(default_factory=list)


def similar_cases(graph: Graph, facts_index, case_id: str | None = None, text: str | None = None,
                  k: int = 10, mask: Mask | None = None) -> list[Precedent]:
    """Past cases like the case `case_id` (an id, `c000001`, or a case number) or like `text`.
    `facts_index`: the case semantic index, or a case keyword index; both have `search`.
    `mask` (search/masking.py): the facts are compared without what it hides, so that no case
    comes close for sharing a name or a NIP with the given one."""
    probe = _case_probe(graph, case_id) if case_id else _text_probe(graph, text or "")
    if mask is not None:
        probe.facts = mask.query(probe.facts)
    facts = _fact_scores(facts_index, probe)
    shared = _shared_provisions(graph, probe)
    candidates = set(facts) | set(shared) | _same_act(graph, probe)
    summaries = case_summaries(graph, candidates)
    citations = _citations(graph, {pid for ids in shared.values() for pid in ids})
    ranked = [_precedent(probe, summaries[cid], facts.get(cid, 0.0), shared.get(cid, []), citations)
              for cid in candidates if cid in summaries]
    ranked.sort(key=lambda p: (-p.score, p.id))
    return ranked[:k]


def _case_probe(graph: Graph, key: str) -> _Probe:
    case_id = find_case_id(graph, key.strip())
    if case_id is None:
        raise NetraError(f"No case {key!r}: give a case id (c000001, case:c000001) or a register number.")
    document = case_documents(graph, [case_id])[0]
    summary = case_summaries(graph, [case_id])[case_id]
    return _Probe(case_id, document.text or document.context, document.ref["provisions"], summary["act"],
                  summary["sanction_levels"])


def _text_probe(graph: Graph, text: str) -> _Probe:
    """A description: its facts are its words, its provisions the ones it cites."""
    text = text.strip()
    if not text:
        raise NetraError("Give a case id or describe the case with --text.")
    index = GraphProvisionIndex(graph)
    provisions = [pid for citation in extract_citations(text) for pid in resolve_citation(citation, index).ids]
    return _Probe("", compact_numbers(text), list(dict.fromkeys(provisions)))  # as the case index holds NIPs


def _fact_scores(facts_index, probe: _Probe) -> dict[str, float]:
    """case id -> closeness of facts in [0, 1], relative to the closest case found."""
    if not probe.facts.strip():
        return {}
    stored = getattr(facts_index, "neighbours", None)  # only the semantic index keeps vectors
    found = stored(probe.case_id, k=FACT_CANDIDATES + 1) if probe.case_id and stored else []
    found = found or facts_index.search(probe.facts[:MAX_FACT_CHARS], k=FACT_CANDIDATES + 1)
    hits = [hit for hit in found if hit.id != probe.case_id]
    best = max((hit.score for hit in hits), default=0.0)
    return {hit.id: hit.score / best for hit in hits} if best > 0 else {}


def _shared_provisions(graph: Graph, probe: _Probe) -> dict[str, list[str]]:
    if not probe.provisions:
        return {}
    rows = cases_sharing_provisions(graph, probe.provisions, exclude=probe.case_id)
    return {row["case_id"]: sorted(row["shared"]) for row in rows}


def _same_act(graph: Graph, probe: _Probe) -> set[str]:
    if not probe.act:
        return set()
    rows = cases_with_act(graph, probe.act, exclude=probe.case_id, limit=SAME_ACT_CANDIDATES)
    return {row["case_id"] for row in rows}


def _citations(graph: Graph, provision_ids: set[str]) -> dict[str, str]:
    return {row["id"]: row["citation"] for row in provision_citations(graph, sorted(provision_ids))}


def _precedent(probe: _Probe, summary: dict, facts: float, shared: list[str], citations: dict[str, str]) -> Precedent:
    same_levels = sorted(set(probe.sanction_levels) & set(summary["sanction_levels"]))
    parts = {
        "facts": WEIGHTS["facts"] * facts,
        "provisions": WEIGHTS["provisions"] * len(shared) / len(probe.provisions) if probe.provisions else 0.0,
        "act": WEIGHTS["act"] if probe.act and summary["act"] == probe.act else 0.0,
        "sanction": WEIGHTS["sanction"] if same_levels else 0.0,
    }
    reasons = []
    if facts:
        reasons.append(f"similar facts ({facts:.2f} of the closest)")
    if shared:
        named = [citations.get(pid, pid) for pid in shared[:REASON_CITATIONS]]
        more = f" and {len(shared) - REASON_CITATIONS} more" if len(shared) > REASON_CITATIONS else ""
        reasons.append(f"cites the same {', '.join(named)}{more}")
    if parts["act"]:
        reasons.append(f"same act: {act_words(probe.act)}")
    if same_levels:
        reasons.append(f"same sanction level: {', '.join(same_levels)}")
    shown = {"act": act_words(summary["act"]), "year": summary["year"], "regions": summary["regions"],
             "outcome": summary["outcome"], "sanction_levels": summary["sanction_levels"]}
    return Precedent(summary["id"], summary["number"] or summary["id"].removeprefix("case:"),
                     sum(parts.values()), {name: value for name, value in parts.items() if value}, reasons, shown)
