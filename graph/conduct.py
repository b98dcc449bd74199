"""The graph's part in conduct questions (search/conduct.py): the provisions past cases applied,
what a provision says together with the lead-ins above it, and the provisions that refer to a
provision or to one of its ancestors (a sanction "sebagaimana dimaksud dalam Pasal 5 huruf n"
refers to the prohibition it punishes)."""

from __future__ import annotations

from graph.db import Graph

# Through the legal basis of the cases' sanctions and the citations of their own case documents.
# (A register is about thousands of cases: reading its citations for each was 0.1 s a question.)
PROVISIONS_APPLIED = """
UNWIND $case_ids AS case_id
MATCH (c:Case {id: case_id})
CALL {
  WITH c
  MATCH (c)-[:RESULTED_IN]->(:Sanction)-[:CITES]->(p:Provision)
  RETURN p.id AS provision_id
  UNION
  WITH c
  MATCH (c)<-[:ABOUT]-(:CaseDocument)-[:CITES]->(p:Provision)
  RETURN p.id AS provision_id
}
RETURN case_id, collect(DISTINCT provision_id) AS provisions
"""

# A provision's reading: its own text after the lead-ins of the Pasal, ayat ... above it ("PNS
# dilarang:", "Hukuman disiplin berat ... dijatuhkan bagi PNS yang melanggar ketentuan larangan:").
PROVISION_READINGS = """
UNWIND $ids AS id
MATCH (p:Provision {id: id})
OPTIONAL MATCH (a:Provision)-[:HAS_PART*1..5]->(p)
WITH p, a ORDER BY size(a.id)
RETURN p.id AS id, p.regulation_id AS regulation_id, coalesce(p.text, '') AS text,
       [x IN collect(a.text) WHERE x IS NOT NULL] AS lead_ins
"""

# Who refers to each provision, or to a provision above it ("sebagaimana dimaksud dalam Pasal 71"
# reaches Pasal 71 ayat (1) too), with how many provisions lie under the one referred to (a
# reference to a whole article speaks less of each of its parts) and how many provisions the
# referrer names (one that punishes the breach of Pasal 71 alone is about it more than one that
# lists Pasal 76 ayat (1) and Pasal 71).
REFERRERS = """
UNWIND $ids AS id
MATCH (p:Provision {id: id})
MATCH (a:Provision)-[:HAS_PART*0..5]->(p)
MATCH (s:Provision)-[:REFERS_TO|CITES]->(a)
WHERE s.id <> p.id AND NOT s.id STARTS WITH p.id + '/' AND NOT p.id STARTS WITH s.id + '/'
WITH id, s, min(COUNT { (a)-[:HAS_PART*1..5]->() }) AS covered
RETURN id, collect({id: s.id, covered: covered, refers_to: COUNT { (s)-[:REFERS_TO|CITES]->() }}) AS links
"""

# What each provision refers to, from itself or a part of it (Pasal 14 huruf i "sebagaimana
# dimaksud dalam Pasal 5 huruf n angka 3, angka 4 ..."), with how many provisions lie under each.
REFERENCES = """
UNWIND $ids AS id
MATCH (p:Provision {id: id})
MATCH (p)-[:HAS_PART*0..5]->(d:Provision)-[:REFERS_TO|CITES]->(t:Provision)
WHERE NOT t.id STARTS WITH p.id + '/' AND NOT p.id STARTS WITH t.id + '/'
WITH DISTINCT id, t
RETURN id, collect({id: t.id, covered: COUNT { (t)-[:HAS_PART*1..5]->() }}) AS links
"""

# How many cases applied each provision, along the paths PROVISIONS_APPLIED reads.
CASE_FREQUENCIES = """
MATCH (c:Case)
CALL {
  WITH c
  MATCH (c)-[:RESULTED_IN]->(:Sanction)-[:CITES]->(p:Provision)
  RETURN p
  UNION
  WITH c
  MATCH (c)<-[:ABOUT]-(:CaseDocument)-[:CITES]->(p:Provision)
  RETURN p
}
RETURN p.id AS provision_id, count(DISTINCT c) AS cases
"""
CASE_COUNT = "MATCH (c:Case) RETURN count(c) AS cases"


def provisions_applied(graph: Graph, case_ids: list[str]) -> dict[str, list[str]]:
    """case id -> the ids of the provisions the case applied (its sanctions' basis, its case documents' citations)."""
    return {row["case_id"]: row["provisions"] for row in graph.read(PROVISIONS_APPLIED, case_ids=case_ids)}


def provision_readings(graph: Graph, ids: list[str]) -> dict[str, dict]:
    """id -> regulation_id, text and lead_ins (outermost first) of the provisions that exist."""
    return {row["id"]: row for row in graph.read(PROVISION_READINGS, ids=ids)}


def referrers(graph: Graph, ids: list[str]) -> dict[str, list[dict]]:
    """id -> the provisions that refer to it or to a provision above it (not its own parts):
    {id, covered: how many provisions lie under the one referred to, refers_to: how many it names}."""
    return {row["id"]: row["links"] for row in graph.read(REFERRERS, ids=ids)}


def references(graph: Graph, ids: list[str]) -> dict[str, list[dict]]:
    """id -> the provisions it (or a part of it) refers to, outside itself: {id, covered}."""
    return {row["id"]: row["links"] for row in graph.read(REFERENCES, ids=ids)}


def case_frequencies(graph: Graph) -> tuple[int, dict[str, int]]:
    """(the number of cases, provision id -> the number of cases that applied it)."""
    total = graph.read(CASE_COUNT)[0]["cases"]
    return total, {row["provision_id"]: row["cases"] for row in graph.read(CASE_FREQUENCIES)}
