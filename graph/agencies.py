"""Agencies across documents, written: the statements ingest/agency_resolution.py re-reads and
rearranges agency links with.

Every link to an Agency that a document wrote carries the name it was written with
(`named_as`, and `named_region`: the region of the person employed there, when that completed the
name); ingest.cases.agencies decides which Agency each name is. A refresh reads those names,
moves links whose name now belongs to another Agency (a reviewer kept a name apart from its body,
two spellings were found to be one, the gazetteer changed), deletes Agencies left without links,
and records its merges:

    (:MergeDecision {subject: 'agency', a, b, a_name, b_name, decision, confidence, evidence,
                     decided_by, links, region, verdict})

`a` and `b` are Agency ids (`a` the one merged away); reviewers' verdicts are kept across
refreshes, the rules' own decisions are made again each time.
"""

from __future__ import annotations

from graph.db import Graph

AGENCY = "agency"  # a MergeDecision's subject

# Links of every type (claims, case links, sanctions, mentions, persons' EMPLOYED_BY), by the name
# they were written with; an Agency without links is listed once, with none.
AGENCY_LINK_NAMES = """
MATCH (a:Agency)
OPTIONAL MATCH (a)<-[r]-()
RETURN a.id AS id, a.name AS name, r.named_as AS named_as, r.named_region AS named_region, count(r) AS links
"""

AGENCY_VERDICTS = """
MATCH (d:MergeDecision {subject: $agency}) WHERE d.verdict IS NOT NULL
RETURN d.a AS a, d.b AS b, d.verdict AS verdict
"""

OPEN_AGENCY_DECISIONS = "MATCH (d:MergeDecision {subject: $agency}) WHERE d.verdict IS NULL RETURN d.id AS id"

UPSERT_AGENCIES = """
UNWIND $rows AS row
MERGE (a:Agency {id: row.id})
SET a += row.properties
"""

# A link is moved as it is: same type, same properties, another end. Links written before names
# were kept on them match a move whose named_as is null.
MOVE_LINKS = """
UNWIND $moves AS move
CALL (move) {
  MATCH (old:Agency {id: move.from})<-[r]-(source)
  WHERE coalesce(r.named_as, '') = coalesce(move.named_as, '')
    AND coalesce(r.named_region, '') = coalesce(move.named_region, '')
  MATCH (new:Agency {id: move.to})
  CREATE (source)-[moved:$(type(r))]->(new)
  SET moved = properties(r)
  DELETE r
} IN TRANSACTIONS OF 500 ROWS
"""

DELETE_ORPHAN_AGENCIES = "MATCH (a:Agency) WHERE NOT EXISTS { (a)--() } DELETE a"

DELETE_OPEN_DECISIONS = "MATCH (d:MergeDecision {subject: $agency}) WHERE d.verdict IS NULL DELETE d"

# A decision a reviewer gave a verdict on keeps its decision and who decided it.
UPSERT_DECISIONS = """
UNWIND $rows AS row
MERGE (d:MergeDecision {id: row.id})
SET d.subject = row.subject, d.a = row.a, d.b = row.b, d.a_name = row.a_name, d.b_name = row.b_name,
    d.confidence = row.confidence, d.evidence = row.evidence, d.links = row.links, d.region = row.region,
    d.decision = CASE WHEN d.verdict IS NULL THEN row.decision ELSE d.decision END,
    d.decided_by = CASE WHEN d.verdict IS NULL THEN row.decided_by ELSE d.decided_by END
"""


def agency_link_names(graph: Graph) -> list[dict]:
    """{id, name, named_as, named_region, links} for each Agency and name its links were written with."""
    return graph.read(AGENCY_LINK_NAMES)


def agency_verdicts(graph: Graph) -> list[dict]:
    """The reviewers' verdicts (a, b, verdict) on agency decisions."""
    return graph.read(AGENCY_VERDICTS, agency=AGENCY)


def open_agency_decisions(graph: Graph) -> list[str]:
    """Ids of the agency decisions no reviewer has given a verdict on."""
    return [row["id"] for row in graph.read(OPEN_AGENCY_DECISIONS, agency=AGENCY)]


def rearrange_agencies(graph: Graph, agencies: list[dict], moves: list[dict], decisions: list[dict]) -> None:
    """Write the Agencies ({id, properties}), move the links ({from, to, named_as, named_region}),
    delete the Agencies left without links, and replace the rules' agency decisions with
    `decisions` (rows of MergeDecision properties). Each step is its own transaction (moves in
    batches): a refresh cut short is simply run again."""
    for start in range(0, len(agencies), 5000):
        graph.write(UPSERT_AGENCIES, rows=agencies[start:start + 5000])
    if moves:
        graph.run_autocommit(MOVE_LINKS, moves=moves)
    graph.write(DELETE_ORPHAN_AGENCIES)
    graph.write(DELETE_OPEN_DECISIONS, agency=AGENCY)
    for start in range(0, len(decisions), 5000):
        graph.write(UPSERT_DECISIONS, rows=decisions[start:start + 5000])
