"""The graph's part in precedent search (search/precedent.py): finding a case by id or register
number, the cases that cite the same provisions or concern the same act, the act of each case and
how many cases each act has (to read the act of a description from its closest cases), and the
provisions' citations that the reasons name."""

from __future__ import annotations

from graph.db import Graph

FIND_CASE = """
MATCH (c:Case)
WHERE c.id = $key OR c.id = 'case:' + $key OR c.number = $key
RETURN c.id AS id ORDER BY c.id LIMIT 1
"""

# Through the legal basis of their sanctions or the citations of their documents.
CASES_CITING = """
UNWIND $provision_ids AS provision_id
MATCH (p:Provision {id: provision_id})
CALL {
  WITH p
  MATCH (p)<-[:CITES]-(:Sanction)<-[:RESULTED_IN]-(c:Case)
  RETURN c.id AS case_id
  UNION
  WITH p
  MATCH (p)<-[ci:CITES]-(:Document)
  WHERE ci.case_id IS NOT NULL
  RETURN ci.case_id AS case_id
}
WITH case_id, collect(DISTINCT p.id) AS shared
WHERE case_id <> $exclude
RETURN case_id, shared ORDER BY size(shared) DESC, case_id LIMIT $limit
"""

CASES_WITH_ACT = """
MATCH (c:Case {act: $act})
WHERE c.id <> $exclude
RETURN c.id AS case_id LIMIT $limit
"""

CASE_ACTS = """
UNWIND $ids AS id
MATCH (c:Case {id: id})
WHERE c.act IS NOT NULL
RETURN c.id AS case_id, c.act AS act
"""

ACT_COUNTS = """
MATCH (c:Case)
WHERE c.act IS NOT NULL
RETURN c.act AS act, count(*) AS cases
"""

PROVISION_CITATIONS = """
UNWIND $ids AS id
MATCH (p:Provision {id: id})
RETURN p.id AS id, coalesce(p.citation, p.id) AS citation
"""


def find_case_id(graph: Graph, key: str) -> str | None:
    """The id of the case `key` names (an id, the id without "case:", or a register number); None
    if there is none."""
    rows = graph.read(FIND_CASE, key=key)
    return rows[0]["id"] if rows else None


def cases_sharing_provisions(graph: Graph, provision_ids: list[str], exclude: str, limit: int = 1000) -> list[dict]:
    """Up to `limit` cases other than `exclude` that cite any of the provisions, those citing the
    most of them first: case_id, shared (the ids cited)."""
    return graph.read(CASES_CITING, provision_ids=provision_ids, exclude=exclude, limit=limit)


def cases_with_act(graph: Graph, act: str, exclude: str, limit: int) -> list[dict]:
    """Up to `limit` cases other than `exclude` about the act `act`: case_id."""
    return graph.read(CASES_WITH_ACT, act=act, exclude=exclude, limit=limit)


def case_acts(graph: Graph, ids: list[str]) -> dict[str, str]:
    """case id -> act, for the cases `ids` that have one."""
    return {row["case_id"]: row["act"] for row in graph.read(CASE_ACTS, ids=ids)}


def act_case_counts(graph: Graph) -> dict[str, int]:
    """act -> how many cases concern it."""
    return {row["act"]: row["cases"] for row in graph.read(ACT_COUNTS)}


def provision_citations(graph: Graph, ids: list[str]) -> list[dict]:
    """id and citation (the id when it has none) of the provisions `ids` that exist."""
    return graph.read(PROVISION_CITATIONS, ids=ids)
