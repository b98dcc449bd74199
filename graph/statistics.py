"""Aggregated case statistics: counts only, no case, person or document named. What the
public sees of the case data."""

from __future__ import annotations

from graph.db import Graph

# Publicly reported numbers, so small counts are shown as they are; no breakdown goes below
# one dimension, which keeps any single case from being singled out by combining them.
# Each dimension is counted in the database, one subquery each: shipping every case's values to
# Python and joining the sanction lists there took twice as long at 2,000 cases.
# A case counts once in each dimension (in its first region), except sanction levels: once per level it got.
CASE_STATISTICS = """
CALL { MATCH (c:Case) WHERE coalesce(c.stage, '') <> 'submitted'
       WITH CASE WHEN c.act_date IS NULL THEN 'unknown' ELSE substring(toString(c.act_date), 0, 4) END AS value,
            count(*) AS n
       RETURN collect([value, n]) AS years }
CALL { MATCH (c:Case) WHERE coalesce(c.stage, '') <> 'submitted'
       WITH coalesce(head([(c)-[:IN_REGION]->(r:Region) | r.name]), 'unknown') AS value, count(*) AS n
       RETURN collect([value, n]) AS regions }
CALL { MATCH (c:Case) WHERE coalesce(c.stage, '') <> 'submitted'
       WITH coalesce(c.act, 'unknown') AS value, count(*) AS n
       RETURN collect([value, n]) AS acts }
CALL { MATCH (c:Case) WHERE coalesce(c.stage, '') <> 'submitted'
       WITH coalesce(c.outcome, 'unknown') AS value, count(*) AS n
       RETURN collect([value, n]) AS outcomes }
CALL { MATCH (c:Case) WHERE coalesce(c.stage, '') <> 'submitted'
       WITH coalesce(c.stage, 'unknown') AS value, count(*) AS n
       RETURN collect([value, n]) AS stages }
CALL { MATCH (c:Case)-[:RESULTED_IN]->(s:Sanction)
       WHERE coalesce(c.stage, '') <> 'submitted' AND s.level IS NOT NULL
       WITH DISTINCT c, s.level AS value
       WITH value, count(*) AS n
       RETURN collect([value, n]) AS sanction_levels }
RETURN years, regions, acts, outcomes, stages, sanction_levels
"""
DIMENSIONS = ("years", "regions", "acts", "outcomes", "stages", "sanction_levels")


def case_statistics(graph: Graph) -> dict:
    """{"total": n, "years": {"2024": n, ...}, "regions": {...}, ...}, each dimension by count."""
    row = graph.read(CASE_STATISTICS)[0]
    counted = {name: _by_count(row[name]) for name in DIMENSIONS}
    return {"total": sum(counted["stages"].values()), **counted}


def _by_count(pairs: list) -> dict[str, int]:
    """[[value, count], ...] -> {value: count}, most frequent first, then by value."""
    return dict(sorted(((str(value), count) for value, count in pairs), key=lambda item: (-item[1], item[0])))
