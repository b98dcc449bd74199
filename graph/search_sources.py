"""What the search engines index, read from the graph: provisions with what surrounds them
(section headings, later wordings, elucidations), cases with their facts, claims and cited
provisions, and the short case summaries that search results show.

Rows only; search/provisions.py and search/cases.py make search documents of them.
"""

from __future__ import annotations

from graph.db import Graph

# -- provisions -----------------------------------------------------------------------------

PROVISIONS_FOR_SEARCH = """
MATCH (p:Provision)
OPTIONAL MATCH (r:Regulation {id: p.regulation_id})
RETURN p.id AS id, p.parent_id AS parent_id, p.kind AS level, p.citation AS citation,
       p.text AS text, p.tail AS tail, p.heading AS heading, p.valid_from AS valid_from,
       r.type AS reg_type, r.year AS reg_year, r.title AS reg_title,
       [(p)-[:HAS_VERSION]->(v) WHERE v.text IS NOT NULL | v.text] AS later_texts,
       [(e:Elucidation)-[:EXPLAINS]->(p) | e.text] AS elucidations
"""

SECTION_HEADINGS = """
MATCH (s:Section) WHERE s.kind IN ['bab', 'bagian', 'paragraf']
RETURN s.id AS id, s.parent_id AS parent_id, s.heading AS heading
"""


def provision_rows(graph: Graph) -> list[dict]:
    """Every provision (Pasal and their parts, diktum, Lampiran points) with the words closing its
    list (`tail`), its regulation's type, year and title, its later wordings and its elucidations."""
    return graph.read(PROVISIONS_FOR_SEARCH)


def section_heading_rows(graph: Graph) -> list[dict]:
    """Every BAB, Bagian and Paragraf: id, parent_id, heading."""
    return graph.read(SECTION_HEADINGS)


# -- cases ----------------------------------------------------------------------------------

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

# The same for a few cases (similar cases of one, an index update), from the cases: the passes
# over every claim and citation above read 44,000 and 21,000 relationships at 2,000 cases, half a
# second, for one case. A claim belongs to its mention's case, a citation to a document about
# its case (ingest/case_pipeline.py writes both from the case they were read for).
CASE_CLAIMS_OF = """
MATCH (m:PersonMention)-[cl:CLAIMS]->()
WHERE m.case_id IN $ids AND cl.case_id IN $ids
RETURN cl.case_id AS case_id, cl.document_id AS document_id, cl.sentence AS sentence, cl.detail AS detail
"""

CASE_CITATIONS_OF = """
UNWIND $ids AS id
MATCH (:Case {id: id})<-[:ABOUT]-(:Document)-[ci:CITES]->(p:Provision)
WHERE ci.case_id = id
RETURN id AS case_id, collect(DISTINCT p {.id, .citation}) AS provisions
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


def case_rows(graph: Graph, ids: list[str] | None) -> list[dict]:
    """The cases `ids` (all when None) with their regions (and the wider ones they lie in),
    elections, sanctions, the provisions those cite, respondents, and the sentences of their links."""
    return graph.read(CASES_FOR_SEARCH, ids=ids)


def case_claim_rows(graph: Graph, ids: list[str] | None) -> list[dict]:
    """The claims about the cases `ids` (all when None): case_id, document_id, sentence, detail."""
    return graph.read(CASE_CLAIMS if ids is None else CASE_CLAIMS_OF, ids=ids)


def case_citation_rows(graph: Graph, ids: list[str] | None) -> list[dict]:
    """The provisions the documents of the cases `ids` (all when None) cite: case_id, provisions."""
    return graph.read(CASE_CITATIONS if ids is None else CASE_CITATIONS_OF, ids=ids)


def case_summary_rows(graph: Graph, ids: list[str]) -> list[dict]:
    """What a search result shows of the cases `ids`: number, act, dates, stage, outcome, regions,
    elections, sanction levels."""
    return graph.read(CASE_SUMMARIES, ids=ids)
