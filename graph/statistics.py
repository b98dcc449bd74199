"""Aggregated case statistics: counts only, no case, person or document named. What the
public sees of the case data."""

from __future__ import annotations

from graph.db import Graph

# Publicly reported numbers, so small counts are shown as they are; no breakdown goes below
# one dimension, which keeps any single case from being singled out by combining them.
CASE_STATISTICS = """
MATCH (c:Case) WHERE coalesce(c.stage, '') <> 'submitted'
OPTIONAL MATCH (c)-[:IN_REGION]->(r:Region)
OPTIONAL MATCH (c)-[:RESULTED_IN]->(s:Sanction)
WITH c, collect(DISTINCT r.name)[0] AS region, collect(DISTINCT s.level) AS levels
RETURN count(c) AS total,
       [x IN collect(CASE WHEN c.act_date IS NULL THEN 'unknown' ELSE substring(toString(c.act_date), 0, 4) END) | x] AS years,
       collect(coalesce(region, 'unknown')) AS regions,
       collect(coalesce(c.act, 'unknown')) AS acts,
       collect(coalesce(c.outcome, 'unknown')) AS outcomes,
       collect(coalesce(c.stage, 'unknown')) AS stages,
       reduce(all = [], l IN collect(levels) | all + l) AS sanction_levels
"""
DIMENSIONS = ("years", "regions", "acts", "outcomes", "stages", "sanction_levels")


def case_statistics(graph: Graph) -> dict:
    """{"total": n, "years": {"2024": n, ...}, "regions": {...}, ...}, each dimension by count."""
    row = graph.read(CASE_STATISTICS)[0]
    return {"total": row["total"], **{name: _counted(row[name]) for name in DIMENSIONS}}


def _counted(values: list) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[str(value)] = counts.get(str(value), 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
