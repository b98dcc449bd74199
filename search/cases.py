"""What the search engines index about cases: one `SearchDocument` per case, with its facts (the
sentences its documents state about the act, the respondent and the sanction), where and in
which election it happened, its outcome, sanction and the provisions it cites; and the short
summaries results show. Read from the graph (see graph/cases.py for the model)."""

from __future__ import annotations

import re
from typing import Iterable

from graph.db import Graph
from search.documents import SearchDocument, normalise_facet

# `$ids` null: every case. Region names up the PART_OF chain too, so "Kota Solok" finds a
# case in one of its Kecamatan.
CASES_FOR_SEARCH = """
MATCH (c:Case)
WHERE $ids IS NULL OR c.id IN $ids
RETURN c.id AS id, c.number AS number, c.stage AS stage, c.outcome AS outcome, c.act AS act,
       c.act_date AS act_date,
       [(c)-[:IN_REGION]->(r:Region) | r.name] AS regions,
       [(c)-[:IN_REGION]->(:Region)-[:PART_OF*1..3]->(r:Region) | r.name] AS wider_regions,
       [(c)-[:IN_ELECTION]->(e:Election) | e.name] AS elections,
       [(c)-[:RESULTED_IN]->(s:Sanction) | s {.level, .type, .sentence, .document_id}] AS sanctions,
       [(c)-[:RESULTED_IN]->(:Sanction)-[:CITES]->(p:Provision) | p {.id, .citation}] AS sanction_provisions,
       [(c)<-[:CLAIMS {type: 'RESPONDENT_IN'}]-(m:PersonMention) | m {.position, .agency}] AS respondents,
       [(c)-[l:FOUND_BY|HANDLED_BY|RECOMMENDED_BY|IN_REGION|IN_ELECTION]->() WHERE l.sentence IS NOT NULL
        | l.sentence] AS link_sentences
"""

# Claims carry the case they belong to as a property (a register's claims span many cases), so
# one pass over the claims serves every case.
CASE_CLAIMS = """
MATCH (:PersonMention)-[cl:CLAIMS]->()
WHERE cl.case_id IS NOT NULL AND ($ids IS NULL OR cl.case_id IN $ids)
RETURN cl.case_id AS case_id, cl.document_id AS document_id, cl.sentence AS sentence, cl.detail AS detail
"""

CASE_CITATIONS = """
MATCH (:Document)-[ci:CITES]->(p:Provision)
WHERE ci.case_id IS NOT NULL AND ($ids IS NULL OR ci.case_id IN $ids)
RETURN ci.case_id AS case_id, collect(DISTINCT p {.id, .citation}) AS provisions
"""

CASE_SUMMARIES = """
UNWIND $ids AS id
MATCH (c:Case {id: id})
RETURN c.id AS id, c.number AS number, c.act AS act, c.act_date AS act_date, c.stage AS stage,
       c.outcome AS outcome,
       [(c)-[:IN_REGION]->(r:Region) | r.name] AS regions,
       [(c)-[:IN_ELECTION]->(e:Election) | e.name] AS elections,
       [(c)-[:RESULTED_IN]->(s:Sanction) WHERE s.level IS NOT NULL | s.level] AS sanction_levels
"""

# Indonesian words for the outcomes, so that "terbukti" finds proven cases by keyword too.
OUTCOME_WORDS = {"proven": "terbukti", "not_proven": "tidak terbukti", "dismissed": "dihentikan",
                 "pending": "dalam proses", "mixed": "sebagian terbukti"}
# A register's "sentence" is its JSON or CSV line; its act label (a claim's detail) says it in words.
REGISTER_PREFIX = "register:"
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
ELECTION_OF_YEAR = re.compile(r"^(?:pilkada|pemilu) (?:19|20)\d\d\b")


def case_documents(graph: Graph, ids: list[str] | None = None) -> list[SearchDocument]:
    """Search documents of the cases `ids` (all cases when None)."""
    claims = _by_case(graph.read(CASE_CLAIMS, ids=ids))
    cited = {row["case_id"]: row["provisions"] for row in graph.read(CASE_CITATIONS, ids=ids)}
    return [_case_document(_distinct_lists(row), claims.get(row["id"], []), cited.get(row["id"], []))
            for row in graph.read(CASES_FOR_SEARCH, ids=ids)]


def case_summaries(graph: Graph, ids: Iterable[str]) -> dict[str, dict]:
    """id -> number, act, year, region, election, outcome, sanction levels: what a result shows."""
    summaries = {}
    for row in graph.read(CASE_SUMMARIES, ids=list(ids)):
        summaries[row["id"]] = {**_distinct_lists(row), "year": _year(row)}
    return summaries


def _distinct_lists(row: dict) -> dict:
    """Each document links its case to the region, election and sanction it states: say each once."""
    return {key: _distinct(value) if isinstance(value, list) else value for key, value in row.items()}


def _distinct(values: list) -> list:
    seen = {}
    for value in values:
        seen.setdefault(tuple(sorted(value.items())) if isinstance(value, dict) else value, value)
    return list(seen.values())


def act_words(act: str | None) -> str:
    """ "approaching_party" -> "approaching party"."""
    return (act or "").replace("_", " ")


def _by_case(rows: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["case_id"], []).append(row)
    return grouped


def _case_document(row: dict, claims: list[dict], cited: list[dict]) -> SearchDocument:
    provisions = {p["id"]: p for p in cited + row["sanction_provisions"]}
    sanctions = [s for s in row["sanctions"] if s["level"] or s["type"]]
    return SearchDocument(
        id=row["id"], kind="case", citation=row["number"] or row["id"].removeprefix("case:"),
        text=" ".join(_facts(row, claims, sanctions)),
        context=" ".join(_context(row, sanctions, provisions.values())),
        ref={"provisions": sorted(provisions)}, facets=_facets(row, sanctions),
    )


def _facts(row: dict, claims: list[dict], sanctions: list[dict]) -> list[str]:
    """The sentences about what happened, each once, documents' own words first."""
    stated = [c["sentence"] for c in claims if not _from_register(c)]
    labels = [c["detail"] for c in claims if _from_register(c)]
    sanctioned = [s["sentence"] for s in sanctions if not _from_register(s)]
    sentences = stated + labels + sanctioned + row["link_sentences"]
    return list(dict.fromkeys(s.strip() for s in sentences if s and s.strip()))


def _from_register(item: dict) -> bool:
    return (item["document_id"] or "").startswith(REGISTER_PREFIX)


def _context(row: dict, sanctions: list[dict], provisions: Iterable[dict]) -> list[str]:
    respondents = [" ".join(filter(None, (r["position"], r["agency"]))) for r in row["respondents"]]
    return [part for part in [
        act_words(row["act"]), *row["regions"], *row["elections"], *respondents,
        OUTCOME_WORDS.get(row["outcome"] or "", ""),
        *(f"hukuman disiplin {s['level'] or ''} {s['type'] or ''}".strip() for s in sanctions),
        *(p["citation"] or p["id"] for p in provisions),
    ] if part]


def _facets(row: dict, sanctions: list[dict]) -> dict[str, list[str]]:
    year = _year(row)
    values = {
        "region": row["regions"] + row["wider_regions"],
        "election": [name for election in row["elections"] for name in _election_names(election)],
        "year": [year] if year else [],
        "act": [row["act"]] if row["act"] else [],
        "sanction": [s["level"] for s in sanctions if s["level"]],
        "outcome": [row["outcome"]] if row["outcome"] else [],
    }
    return {name: list(dict.fromkeys(normalise_facet(v) for v in found)) for name, found in values.items() if found}


def _election_names(name: str) -> list[str]:
    """ "Pilkada 2024 Kota Padang" is also "Pilkada 2024": all regional elections of that year."""
    general = ELECTION_OF_YEAR.match(normalise_facet(name))
    return [name, general.group(0)] if general else [name]


def _year(row: dict) -> str | None:
    """The year of the act; else of the election; else the one in the register number."""
    for text in (row.get("act_date"), *row.get("elections", []), row.get("number")):
        found = YEAR.search(text or "")
        if found:
            return found.group(0)
    return None
