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

# The references around each provision, one read for both ways:
# - "in": who refers to it or to a provision above it ("sebagaimana dimaksud dalam Pasal 71" reaches
#   Pasal 71 ayat (1) too);
# - "out": what it, or a part of it, refers to (Pasal 14 huruf i "sebagaimana dimaksud dalam Pasal 5
#   huruf n angka 3, angka 4 ...").
# Each with how many provisions lie under the one referred to (a reference to a whole article
# speaks less of each of its parts) and how many provisions the other names (one that punishes
# the breach of Pasal 71 alone is about it more than one that lists Pasal 76 ayat (1) and Pasal 71).
LINKS = """
UNWIND $ids AS id
MATCH (p:Provision {id: id})
CALL {
  WITH p
  MATCH (a:Provision)-[:HAS_PART*0..5]->(p)
  MATCH (s:Provision)-[:REFERS_TO|CITES]->(a)
  WHERE s.id <> p.id AND NOT s.id STARTS WITH p.id + '/' AND NOT p.id STARTS WITH s.id + '/'
  RETURN 'in' AS direction, s AS other, COUNT { (a)-[:HAS_PART*1..5]->() } AS covered
  UNION
  WITH p
  MATCH (p)-[:HAS_PART*0..5]->(:Provision)-[:REFERS_TO|CITES]->(t:Provision)
  WHERE NOT t.id STARTS WITH p.id + '/' AND NOT p.id STARTS WITH t.id + '/'
  RETURN 'out' AS direction, t AS other, COUNT { (t)-[:HAS_PART*1..5]->() } AS covered
}
WITH id, direction, other, min(covered) AS covered
RETURN id, direction,
       collect({id: other.id, covered: covered, refers_to: COUNT { (other)-[:REFERS_TO|CITES]->() }}) AS links
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


def links(graph: Graph, ids: list[str]) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """(id -> the provisions that refer to it or to a provision above it, id -> the provisions it or
    a part of it refers to), neither within itself: {id, covered: how many provisions lie under the
    one referred to, refers_to: how many the other names}."""
    found: dict[str, dict[str, list[dict]]] = {"in": {}, "out": {}}
    for row in graph.read(LINKS, ids=ids):
        found[row["direction"]][row["id"]] = row["links"]
    return found["in"], found["out"]


def case_frequencies(graph: Graph) -> tuple[int, dict[str, int]]:
    """(the number of cases, provision id -> the number of cases that applied it)."""
    total = graph.read(CASE_COUNT)[0]["cases"]
    return total, {row["provision_id"]: row["cases"] for row in graph.read(CASE_FREQUENCIES)}
