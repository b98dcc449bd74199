"""`trace(graph, a, b)`: the shortest typed paths between two entities, every hop with its evidence.

Paths run over the resolved layer only (persons, agencies, positions, cases, sanctions, regions,
elections, provisions), never through the per-document mentions. Two people linked by the
same claim in three documents are one hop with three pieces of evidence: paths are told apart by
the entities they pass and the link types, and each hop shows its strongest evidence
(proven before alleged before not proven).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from graph.db import Graph
from graph.entities import find_entities
from core.errors import NetraError, QueryTimeout

MAX_HOPS = 6
MAX_PATHS = 20
# Seconds the database may spend on one trace before it stops it (QueryTimeout): a trace through
# hubs (a region or an election with thousands of cases) at 6 hops is the costliest read a user
# can ask for. NETRA_TRACE_TIMEOUT changes it (core.config.Settings.trace_timeout).
DEFAULT_TIMEOUT = 10.0
TRACE_TYPES = ("SUPPORTED|FAMILY_OF|APPOINTED_BY|RUNNING_MATE_OF|HOLDS_POSITION|EMPLOYED_BY|RESPONDENT_IN|"
               "FOUND_BY|HANDLED_BY|RECOMMENDED_BY|IN_REGION|IN_ELECTION|RESULTED_IN|SANCTIONED_BY|PART_OF")
STATUS_RANK = {"proven": 0, "alleged": 1, None: 2, "not_proven": 3}
ENDPOINT_LABELS = "Person|Agency|Case|Position|Region|Election"

# GQL's SHORTEST k (Neo4j 5.21+). The hop cap and k are integers Netra checked, not user text;
# parallel links (the same claim in several documents) count as different paths, so more are
# asked for than shown and folded together afterwards.
SHORTEST_PATHS = """
MATCH (a:{endpoints} {{id: $a}}), (b:{endpoints} {{id: $b}})
MATCH p = SHORTEST {k} (a)(()-[r:{types}]-(x:!PersonMention&!Document)
                           WHERE NOT ($exclude_not_proven AND coalesce(r.status, '') = 'not_proven')){{1,{hops}}}(b)
RETURN [n IN nodes(p) | n {{.id, name: coalesce(n.name, n.number, n.citation, n.id), label: labels(n)[0]}}] AS nodes,
       [rel IN relationships(p) | {{type: type(rel), from: startNode(rel).id, properties: rel {{.*}}}}] AS rels
"""


@dataclass
class Hop:
    type: str
    direction: str  # "->" when the link points along the path, "<-" against it
    source: dict  # {id, name, label} where the hop starts, as walked
    target: dict
    status: str | None
    detail: str | None
    date: str | None
    document_id: str | None
    start: int | None
    end: int | None
    sentence: str | None
    evidence_count: int  # how many documents state this hop


@dataclass
class TracePath:
    hops: list[Hop]

    @property
    def length(self) -> int:
        return len(self.hops)

    def to_json(self) -> dict:
        return {"length": self.length, "hops": [asdict(hop) for hop in self.hops]}


def resolve_endpoint(graph: Graph, text: str) -> str:
    """The id of the entity `text` names (id, NIP or name); NetraError if none or several."""
    found = find_entities(graph, text)
    if len(found) == 1:
        return found[0]["id"]
    if not found:
        raise NetraError(f"No person or agency {text!r} in the graph.")
    listed = "; ".join(f"{row['id']} ({row['name']})" for row in found[:10])
    raise NetraError(f"{text!r} names {len(found)} entities: {listed}. Give an id or NIP.")


def trace(graph: Graph, a: str, b: str, k: int = 3, max_hops: int = 4,
          exclude_not_proven: bool = False, timeout: float = DEFAULT_TIMEOUT) -> list[TracePath]:
    """The k shortest distinct paths between entities `a` and `b` (ids, NIPs or names); QueryTimeout
    when the path search runs past `timeout` seconds."""
    if not 1 <= max_hops <= MAX_HOPS:
        raise NetraError(f"--max-hops must be between 1 and {MAX_HOPS}.")
    if not 1 <= k <= MAX_PATHS:
        raise NetraError(f"-k must be between 1 and {MAX_PATHS}.")
    source, target = resolve_endpoint(graph, a), resolve_endpoint(graph, b)
    if source == target:
        raise NetraError("Both ends are the same entity.")
    cypher = SHORTEST_PATHS.format(endpoints=ENDPOINT_LABELS, k=k * 5, types=TRACE_TYPES, hops=max_hops)
    try:
        rows = graph.read_within(timeout, cypher, a=source, b=target, exclude_not_proven=exclude_not_proven)
    except QueryTimeout:
        raise QueryTimeout(f"The search for paths took longer than {timeout:g} s and was stopped. "
                           "Ask for fewer hops or fewer paths, or start from less connected entities.") from None
    return _distinct_paths(rows)[:k]


def _distinct_paths(rows: list[dict]) -> list[TracePath]:
    """Fold paths that pass the same entities by the same link types into one, best evidence first."""
    folded: dict[tuple, list[list[dict]]] = {}
    for row in rows:
        key = (tuple(node["id"] for node in row["nodes"]), tuple(rel["type"] for rel in row["rels"]))
        folded.setdefault(key, []).append(row["rels"])
    paths = []
    for (node_ids, _types), variants in folded.items():
        nodes = next(row["nodes"] for row in rows if tuple(n["id"] for n in row["nodes"]) == node_ids)
        hops = [_hop(nodes[i], nodes[i + 1], [variant[i] for variant in variants]) for i in range(len(node_ids) - 1)]
        paths.append(TracePath(hops))
    return sorted(paths, key=lambda path: (path.length, sum(STATUS_RANK.get(h.status, 2) for h in path.hops)))


def _hop(walked_from: dict, walked_to: dict, candidates: list[dict]) -> Hop:
    distinct = {(rel["properties"].get("document_id"), rel["properties"].get("start")): rel for rel in candidates}
    best = min(distinct.values(), key=lambda rel: STATUS_RANK.get(rel["properties"].get("status"), 2))
    props = best["properties"]
    return Hop(best["type"], "->" if best["from"] == walked_from["id"] else "<-", walked_from, walked_to,
               props.get("status"), props.get("detail"), props.get("date"), props.get("document_id"),
               props.get("start"), props.get("end"), props.get("sentence"), len(distinct))
