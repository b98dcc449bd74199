"""What the search engines index about cases: one `SearchDocument` per case, with its facts (the
sentences its documents state about the act, the respondent and the sanction), where and in
which election it happened, its outcome, sanction and the provisions it cites; and the short
summaries results show. Read from the graph by graph/search_sources.py (see graph/cases.py for
the model). Every NIP in a document is written as its digits alone (search.masking.compact_numbers):
one term per number, whatever its spelling, which a masked query can never hold."""

from __future__ import annotations

import re
from typing import Iterable

from graph.db import Graph
from graph.search_sources import case_citation_rows, case_claim_rows, case_rows, case_summary_rows
from search.documents import SearchDocument, normalise_facet
from search.masking import compact_numbers

# Indonesian words for the outcomes, so that "terbukti" finds proven cases by keyword too.
OUTCOME_WORDS = {"proven": "terbukti", "not_proven": "tidak terbukti", "dismissed": "dihentikan",
                 "pending": "dalam proses", "mixed": "sebagian terbukti"}
# A register's "sentence" is its JSON or CSV line; its act label (a claim's detail) says it in words.
REGISTER_PREFIX = "register:"
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
ELECTION_OF_YEAR = re.compile(r"^(?:pilkada|pemilu) (?:19|20)\d\d\b")


def case_documents(graph: Graph, ids: list[str] | None = None) -> list[SearchDocument]:
    """Search documents of the cases `ids` (all cases when None)."""
    claims = _by_case(case_claim_rows(graph, ids))
    cited = {row["case_id"]: row["provisions"] for row in case_citation_rows(graph, ids)}
    return [_case_document(_distinct_lists(row), claims.get(row["id"], []), cited.get(row["id"], []))
            for row in case_rows(graph, ids)]


def case_summaries(graph: Graph, ids: Iterable[str]) -> dict[str, dict]:
    """id -> number, act, year, region, election, outcome, sanction levels: what a result shows."""
    summaries = {}
    for row in case_summary_rows(graph, list(ids)):
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


# The act families of case registers (ingest/registers.py) in the words of the neutrality rules
# (PP 94/2021 Pasal 5 huruf n, SKB 2022): what a precedent's reason names as the shared conduct.
ACT_LABELS = {
    "social_media": "kampanye melalui media sosial",
    "approaching_party": "mendekati partai politik sebagai bakal calon",
    "banners": "memasang spanduk atau alat peraga kampanye",
    "partisan_activity": "ikut kegiatan kampanye atau yang mengarah pada keberpihakan",
    "declaration": "ikut dalam deklarasi bakal pasangan calon",
    "favouring_decision": "membuat keputusan yang menguntungkan calon",
    "state_facilities": "menggunakan fasilitas negara",
    "mobilising_staff": "mengerahkan ASN lain",
    "gifts": "memberikan barang atau uang",
    "support_letter": "memberikan surat dukungan disertai fotokopi KTP",
    "party_membership": "menjadi anggota atau pengurus partai politik",
}


def act_label(act: str | None) -> str:
    """The act in words: "social_media" -> "kampanye melalui media sosial"; an act without a label
    as its code reads ("other act" -> "other act")."""
    return ACT_LABELS.get(act or "", act_words(act))


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
        text=compact_numbers(" ".join(_facts(row, claims, sanctions))),
        context=compact_numbers(" ".join(_context(row, sanctions, provisions.values()))),
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
