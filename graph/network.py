"""Degrees for the network drawing (web/network.py): how many links a node has in the whole graph.

A node's degree is what graph/trace.py ranks paths by: its links of the traced types, the same
claim in several documents counted each time. The entity page collapses neighbours with more than
the trace's `hub_degree` (a Bawaslu office, BKN, a region, an election) into a group, so the
drawing and `netra trace --hub-degree` call the same nodes hubs.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.db import Graph
from graph.trace import TRACE_TYPES

# The labels an entity's links reach whose nodes can have many links; each becomes Cypher text,
# so only these are asked about (a node of another label counts as degree 0, never a hub).
DEGREE_LABELS = ("Person", "Agency", "Case", "Position", "Region", "Election", "Sanction", "Provision")

# COUNT of a pattern that names only the relationship types is read from the node's degree store,
# not by walking its links: a hub of 20,000 cases costs as little as a person with two.
DEGREES = """
UNWIND $ids AS id
MATCH (n:{label} {{id: id}})
RETURN n.id AS id, COUNT {{ (n)-[:{types}]-() }} AS degree
"""


def link_degrees(graph: Graph, nodes: Iterable[tuple[str, str]]) -> dict[str, int]:
    """{id: degree} for (id, label) pairs; ids of other labels, or not in the graph, are left out."""
    by_label: dict[str, list[str]] = {}
    for node_id, label in nodes:
        if label in DEGREE_LABELS:
            by_label.setdefault(label, []).append(node_id)
    degrees: dict[str, int] = {}
    for label, ids in by_label.items():
        rows = graph.read(DEGREES.format(label=label, types=TRACE_TYPES), ids=sorted(set(ids)))
        degrees.update((row["id"], row["degree"]) for row in rows)
    return degrees
