"""Public reports in the graph: a Case at stage "submitted" per report, its triage state, and
the provisions past cases applied to the same acts (suggestions for the investigator).

A submitted case holds no personal data: the report itself stays in the intake folder until an
investigator accepts it and its document is ingested like any other case document.
"""

from __future__ import annotations

from graph.db import Graph

CREATE_SUBMITTED = """
MERGE (c:Case {id: $id})
ON CREATE SET c.stage = 'submitted', c.outcome = 'pending', c.source = 'laporan_publik',
              c.submitted_at = datetime($submitted_at), c.triage = $triage, c.triage_note = $note,
              c.documents = 0
WITH c
OPTIONAL MATCH (r:Region) WHERE r.name IN $regions
FOREACH (region IN CASE WHEN r IS NULL THEN [] ELSE [r] END | MERGE (c)-[:IN_REGION]->(region))
"""

SET_TRIAGE = """
MATCH (c:Case {id: $id})
SET c.triage = $triage, c.triage_note = $note, c.triage_at = datetime()
"""

PROVISIONS_FOR_ACTS = """
MATCH (c:Case)-[:RESULTED_IN]->(:Sanction)-[:CITES]->(p:Provision)
WHERE c.act IN $acts
RETURN p.id AS id, count(DISTINCT c) AS cases
ORDER BY cases DESC, id
LIMIT $limit
"""

CASE_EXISTS = "MATCH (c:Case {id: $id}) WHERE c.stage <> 'submitted' RETURN c.id AS id"


def create_submitted_case(graph: Graph, case_id: str, submitted_at: str, regions: list[str],
                          triage: str = "pending", note: str = "") -> None:
    """The report's Case, unless it exists (an investigator accepted the report before the worker
    got to it); `triage` is the decision already taken, if any."""
    graph.write(CREATE_SUBMITTED, id=case_id, submitted_at=submitted_at, regions=regions, triage=triage,
                note=note or None)


def set_triage(graph: Graph, case_id: str, triage: str, note: str = "") -> None:
    graph.write(SET_TRIAGE, id=case_id, triage=triage, note=note)


def provisions_for_acts(graph: Graph, acts: list[str], limit: int = 5) -> list[dict]:
    """The provisions most often cited by sanctions in past cases of these acts."""
    return graph.read(PROVISIONS_FOR_ACTS, acts=acts, limit=limit) if acts else []


def is_case(graph: Graph, case_id: str) -> bool:
    """Whether a case (past the submitted stage) has this id."""
    return bool(graph.read(CASE_EXISTS, id=case_id))
