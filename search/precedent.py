"""Precedent search: past cases like a given case (or a description of one), ranked by

- act: the same kind of conduct. A case's act is in the graph; a description's is read from the
  cases closest to its words (see `_read_conduct`): each act's share of their votes,
- facts: how close their documents' facts are (the semantic case index; keyword search over
  the case documents when no embedding model is built),
- provisions: the share of the given case's provisions they apply too (graph),
- sanction: the same sanction level (graph),

each result with the reasons that put it there, in words: the conduct, the provisions and the
sanction level shared, and how close the facts are. `similar_cases` is what the CLI and the web
layer call; `precedent_search` also says what conduct a description was read as.

A description is compared on what it says was done, not on whom, where and when: a case
document's names, offices, places, dates, numbers and citations (ingest.cases.read_conduct) would
otherwise make the cases of the same region or office look closest, whatever they were about.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.errors import NetraError
from graph.db import Graph
from graph.precedent import (act_case_counts, case_acts, cases_sharing_provisions, cases_with_act, find_case_id,
                             provision_citations)
from ingest.citations import extract_citations, resolve_citation
from ingest.lookup import GraphProvisionIndex
from search.cases import act_label, act_words, case_documents, case_summaries
from search.documents import normalise_facet
from search.masking import Mask, compact_numbers

# The act weighs most: a precedent is a case of the same conduct. Facts order the cases of one
# act and decide when a description's act is uncertain; two cases citing the same popular article
# (Pasal 9 ayat (2) UU 5/2014 is in most) may share nothing else; the sanction separates close calls.
WEIGHTS = {"act": 0.4, "facts": 0.3, "provisions": 0.2, "sanction": 0.1}
FACT_CANDIDATES = 50
CONDUCT_NEIGHBOURS = 50  # the closest cases whose acts vote on a description's act
# A vote is divided by its act's number of cases to this power: an act with ten times the cases
# has more of them close to any words by chance alone.
PRIOR_POWER = 0.5
MAX_FACT_CHARS = 2000  # like the engine's query limit: more words add noise, not meaning
MAX_DESCRIPTION_CHARS = 50_000  # a case document is a few thousand characters
SAME_ACT_CANDIDATES = 500
SHARED_PROVISION_CANDIDATES = 300
REASON_CITATIONS = 3


@dataclass
class Precedent:
    id: str
    citation: str  # the case number
    score: float
    score_parts: dict
    reasons: list[str]
    summary: dict = field(default_factory=dict)
    act: str | None = None  # the act's code (summary["act"] is its words)

    def to_json(self) -> dict:
        return {"id": self.id, "kind": "case", "citation": self.citation, "score": round(self.score, 6),
                "score_parts": {k: round(v, 6) for k, v in self.score_parts.items()}, "reasons": self.reasons,
                **self.summary, "act_code": self.act}


@dataclass
class Conduct:
    """The act a search compares on: a case's own, or the one a description was read as."""

    act: str
    from_description: bool
    share: float = 1.0  # of the closest cases' votes (1 for a case's own act)
    votes: dict[str, float] = field(default_factory=dict)  # act -> share, largest first (descriptions)
    words: str = ""  # what the description was compared on

    @property
    def label(self) -> str:
        return act_label(self.act)

    def to_json(self) -> dict:
        return {"act": self.act, "label": self.label, "from_description": self.from_description,
                "share": round(self.share, 4), "votes": {act: round(share, 4) for act, share in self.votes.items()},
                "words": self.words}


@dataclass
class PrecedentSearch:
    conduct: Conduct | None  # None: a description in which no conduct could be read
    results: list[Precedent]


@dataclass
class _Probe:
    """What the given case (or text) is compared on."""

    case_id: str  # "" for a description
    facts: str
    provisions: list[str]
    act: str | None = None
    sanction_levels: list[str] = field(default_factory=list)
    act_shares: dict[str, float] = field(default_factory=dict)  # a description's acts, read from its neighbours


def similar_cases(graph: Graph, facts_index, case_id: str | None = None, text: str | None = None,
                  k: int = 10, mask: Mask | None = None, conduct_index=None) -> list[Precedent]:
    """Past cases like the case `case_id` (an id, `c000001`, or a case number) or like `text`.
    `facts_index`: the case semantic index, or a case keyword index; both have `search`.
    `conduct_index`: the index whose closest cases tell a description's act (the case keyword
    index, best at words of conduct; default `facts_index`).
    `mask` (search/masking.py): the facts are compared without what it hides, so that no case
    comes close for sharing a name or a NIP with the given one."""
    return precedent_search(graph, facts_index, case_id, text, k, mask, conduct_index).results


def precedent_search(graph: Graph, facts_index, case_id: str | None = None, text: str | None = None,
                     k: int = 10, mask: Mask | None = None, conduct_index=None) -> PrecedentSearch:
    """`similar_cases`, with the conduct the cases were compared on."""
    probe = _case_probe(graph, case_id) if case_id else _text_probe(graph, text or "")
    if mask is not None:
        probe.facts = mask.query(probe.facts)
    query = probe.facts[:MAX_FACT_CHARS]
    conduct_index = conduct_index if conduct_index is not None else facts_index
    conduct_hits = None
    if not probe.case_id:
        try:
            conduct_hits = _search(conduct_index, query, CONDUCT_NEIGHBOURS)
        except NetraError:  # e.g. a keyword index not built yet: the facts index reads the conduct
            if conduct_index is facts_index:
                raise
            conduct_index = facts_index
            conduct_hits = _search(facts_index, query, CONDUCT_NEIGHBOURS)
        _read_conduct(graph, probe, conduct_hits)
    facts = _fact_scores(facts_index, probe, query, conduct_hits if conduct_index is facts_index else None)
    shared = _shared_provisions(graph, probe)
    candidates = set(facts) | set(shared) | (_same_act(graph, probe) if probe.case_id else set())
    summaries = case_summaries(graph, candidates)
    citations = _citations(graph, {pid for ids in shared.values() for pid in ids})
    ranked = [_precedent(probe, summaries[cid], facts.get(cid, 0.0), shared.get(cid, []), citations)
              for cid in candidates if cid in summaries]
    ranked.sort(key=lambda p: (-p.score, p.id))
    return PrecedentSearch(_conduct(probe), ranked[:k])


def _case_probe(graph: Graph, key: str) -> _Probe:
    case_id = find_case_id(graph, key.strip())
    if case_id is None:
        raise NetraError(f"No case {key!r}: give a case id (c000001, case:c000001) or a register number.")
    document = case_documents(graph, [case_id])[0]
    summary = case_summaries(graph, [case_id])[case_id]
    return _Probe(case_id, document.text or document.context, document.ref["provisions"], summary["act"],
                  _levels(summary["sanction_levels"]))


def _text_probe(graph: Graph, text: str) -> _Probe:
    """A description: its facts are the words that say what was done, its provisions the ones it
    cites, its sanction level the one it recommends or imposes."""
    from ingest.cases import read_conduct  # loads spaCy (seconds): only for descriptions

    text = text.strip()
    if not text:
        raise NetraError("Give a case id or describe the case with --text.")
    if len(text) > MAX_DESCRIPTION_CHARS:
        raise NetraError(f"The description has {len(text):,} characters; describe the case in at most "
                         f"{MAX_DESCRIPTION_CHARS:,} (one case document, not a collection).")
    index = GraphProvisionIndex(graph)
    provisions = [pid for citation in extract_citations(text) for pid in resolve_citation(citation, index).ids]
    reading = read_conduct(text)
    return _Probe("", compact_numbers(reading.words), list(dict.fromkeys(provisions)),  # as the case index holds NIPs
                  sanction_levels=[reading.sanction_level] if reading.sanction_level else [])


def _search(index, query: str, k: int, filters: dict[str, str] | None = None) -> list:
    return index.search(query, k=k, filters=filters) if query.strip() else []


def _read_conduct(graph: Graph, probe: _Probe, hits: list) -> None:
    """A description's act: the acts of the cases closest to its words vote, each as close as it
    is (the closest 1, the last 0), each act's votes divided by its number of cases to PRIOR_POWER."""
    acts = case_acts(graph, [hit.id for hit in hits]) if hits else {}
    voters = [(hit, acts[hit.id]) for hit in hits if hit.id in acts]
    if not voters:
        return
    closeness = _spread([hit.score for hit, _act in voters], cut=len(hits) >= CONDUCT_NEIGHBOURS)
    cases = act_case_counts(graph)
    votes: dict[str, float] = {}
    for weight, (_hit, act) in zip(closeness, voters):
        votes[act] = votes.get(act, 0.0) + weight / max(cases.get(act, 1), 1) ** PRIOR_POWER
    total = sum(votes.values())
    if total <= 0:
        return
    probe.act_shares = dict(sorted(((act, vote / total) for act, vote in votes.items()), key=lambda kv: (-kv[1], kv[0])))
    probe.act = next(iter(probe.act_shares))


def _spread(scores: list[float], cut: bool) -> list[float]:
    """Scores as [0, 1], the best 1. `cut`: the search returned as many cases as it was asked
    for, so the worst of them is the cut-off, 0 (semantic scores of close texts differ in the third
    decimal: relative to the best, all would read 1.00). Otherwise every case that matched at all
    is there, and a score counts relative to the best."""
    if not scores:
        return []
    low, high = (min(scores) if cut else min(0.0, min(scores))), max(scores)
    return [(score - low) / (high - low) if high > low else 1.0 for score in scores]


def _fact_scores(facts_index, probe: _Probe, query: str, found: list | None = None) -> dict[str, float]:
    """case id -> closeness of facts in [0, 1] among the cases found (the closest 1). For a
    description, also the closest cases of the act it was read as, so that the cases of that act
    shown are the closest ones."""
    if not query.strip():
        return {}
    stored = getattr(facts_index, "neighbours", None)  # only the semantic index keeps vectors
    if probe.case_id:
        found = stored(probe.case_id, k=FACT_CANDIDATES + 1) if stored else []
        found = found or facts_index.search(query, k=FACT_CANDIDATES + 1)
        cut = len(found) >= FACT_CANDIDATES + 1
    else:
        found = found if found is not None else _search(facts_index, query, FACT_CANDIDATES)
        cut = len(found) >= FACT_CANDIDATES
        if probe.act:
            found = found + _search(facts_index, query, FACT_CANDIDATES, {"act": normalise_facet(probe.act)})
    best: dict[str, float] = {}
    for hit in found:
        if hit.id != probe.case_id:
            best[hit.id] = max(hit.score, best.get(hit.id, hit.score))
    return dict(zip(best, _spread(list(best.values()), cut)))


def _shared_provisions(graph: Graph, probe: _Probe) -> dict[str, list[str]]:
    if not probe.provisions:
        return {}
    rows = cases_sharing_provisions(graph, probe.provisions, exclude=probe.case_id, limit=SHARED_PROVISION_CANDIDATES)
    return {row["case_id"]: sorted(row["shared"]) for row in rows}


def _same_act(graph: Graph, probe: _Probe) -> set[str]:
    if not probe.act:
        return set()
    rows = cases_with_act(graph, probe.act, exclude=probe.case_id, limit=SAME_ACT_CANDIDATES)
    return {row["case_id"] for row in rows}


def _citations(graph: Graph, provision_ids: set[str]) -> dict[str, str]:
    return {row["id"]: row["citation"] for row in provision_citations(graph, sorted(provision_ids))}


def _levels(levels: list[str]) -> list[str]:
    return [level.lower() for level in levels if level]


def _conduct(probe: _Probe) -> Conduct | None:
    if not probe.act:
        return None
    if probe.case_id:
        return Conduct(probe.act, from_description=False)
    return Conduct(probe.act, True, probe.act_shares[probe.act], probe.act_shares, probe.facts)


def _precedent(probe: _Probe, summary: dict, facts: float, shared: list[str], citations: dict[str, str]) -> Precedent:
    """A past case's score, in parts, and the reasons, in words: the conduct shared first, then
    the provisions and the sanction level, then how close the facts are."""
    same_levels = sorted(set(probe.sanction_levels) & set(_levels(summary["sanction_levels"])))
    act = summary["act"]
    if probe.case_id:
        act_share = 1.0 if probe.act and act == probe.act else 0.0
    else:
        act_share = probe.act_shares.get(act, 0.0) if act else 0.0
    parts = {
        "act": WEIGHTS["act"] * act_share,
        "facts": WEIGHTS["facts"] * facts,
        "provisions": WEIGHTS["provisions"] * len(shared) / len(probe.provisions) if probe.provisions else 0.0,
        "sanction": WEIGHTS["sanction"] if same_levels else 0.0,
    }
    reasons = []
    if probe.act and act == probe.act:
        reasons.append(f"same conduct: {act_label(act)}")
    if shared:
        named = [citations.get(pid, pid) for pid in shared[:REASON_CITATIONS]]
        more = f" and {len(shared) - REASON_CITATIONS} more" if len(shared) > REASON_CITATIONS else ""
        reasons.append(f"applies the same {', '.join(named)}{more}")
    if same_levels:
        reasons.append(f"same sanction level: {', '.join(same_levels)}")
    if facts >= 0.005:
        reasons.append(f"similar facts ({facts:.2f} of the closest)")
    shown = {"act": act_words(act), "year": summary["year"], "regions": summary["regions"],
             "outcome": summary["outcome"], "sanction_levels": summary["sanction_levels"]}
    return Precedent(summary["id"], summary["number"] or summary["id"].removeprefix("case:"),
                     sum(parts.values()), {name: value for name, value in parts.items() if value}, reasons, shown, act)
