"""`trace(graph, a, b)`: the strongest simple paths between two entities, every hop with its evidence.

Paths run over the resolved layer only (persons, agencies, positions, cases, sanctions, regions,
elections, provisions), never through the per-document mentions. Two people linked by the
same claim in three documents are one hop with three pieces of evidence: paths are told apart by
the entities they pass and the link types, and each hop shows its strongest evidence
(proven before alleged before not proven).

**Simple paths only**: no entity appears twice in a path. (Parallel links, the same claim in two
documents, once let the shortest-path search walk A → agency → A → candidate; the check is part of
the pattern the search selects from, so it never uses up one of the k places.)

**Ranking** (`score_path`; lower is stronger):

    score = hops + Σ log10(degree) over the nodes between the ends + Σ STATUS_COST[status] over the hops

A node's degree is how many links of the traced types it has (the same claim in several documents
counts each time). A node with 10 links costs as much as one more hop, a hub with 1,000 (a Bawaslu
office, BKN, a region, an election) three more: a path through a family tie or an appointment
outranks a shorter one through a hub. Each step down in status (proven, alleged, no status, not
proven) costs a quarter of a hop, so of two paths through the same entities the one with proven
links comes first. Ties: fewer hops, then the stronger statuses, then the ids.

Hubs (nodes between the ends with more than `hub_degree` links) are allowed and penalised by
default; `exclude_hubs` keeps every path out of them. The candidates ranked are the shortest
simple paths (`candidates(k)` of them) without hubs and, unless hubs are excluded, as many with
them: a family path one hop longer than a dozen paths through a region is still among them.

**A date window** (`since`, `until`, inclusive): a link whose `date` lies outside is not walked;
a link without a date (case links such as FOUND_BY or IN_REGION never carry one, claims may not)
is kept, and its hop says so (`window: "undated"`).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import date

from graph.db import Graph
from graph.entities import find_entities
from core.errors import NetraError, QueryTimeout

MAX_HOPS = 6
MAX_PATHS = 20
# A node with more links of the traced types than this is a hub (a Bawaslu office, BKN, a region,
# an election): penalised in the ranking, or left out with exclude_hubs.
HUB_DEGREE = 100
MAX_HUB_DEGREE = 1_000_000
# Seconds the database may spend on one trace before it stops it (QueryTimeout): a trace through
# hubs (a region or an election with thousands of cases) at 6 hops is the costliest read a user
# can ask for. NETRA_TRACE_TIMEOUT changes it (core.config.Settings.trace_timeout).
DEFAULT_TIMEOUT = 10.0
TRACE_TYPES = ("SUPPORTED|FAMILY_OF|APPOINTED_BY|RUNNING_MATE_OF|HOLDS_POSITION|EMPLOYED_BY|RESPONDENT_IN|"
               "FOUND_BY|HANDLED_BY|RECOMMENDED_BY|IN_REGION|IN_ELECTION|RESULTED_IN|SANCTIONED_BY|PART_OF")
STATUS_RANK = {"proven": 0, "alleged": 1, None: 2, "not_proven": 3}
# The ranking's cost of a hop's status: a quarter of a hop per step of STATUS_RANK.
STATUS_COST = {status: rank / 4 for status, rank in STATUS_RANK.items()}
ENDPOINT_LABELS = "Person|Agency|Case|Position|Region|Election"


def candidates(k: int) -> int:
    """How many shortest paths each search asks for: parallel links (the same claim in several
    documents) count as different paths, and the ranking may prefer a longer path to shorter ones."""
    return 5 * k + 20


# GQL's SHORTEST k (Neo4j 5.21+). The hop cap, the number of paths and the hub filter are written by
# Netra, never user text; everything a user gives is a parameter. The path's WHERE sits inside the
# parentheses: there it filters the paths SHORTEST selects from (after the pattern, as in `MATCH p =
# SHORTEST k (a)...(b) WHERE ...`, Neo4j 5.26 applies it to the k already selected). Neo4j 5 has no
# ACYCLIC path mode; `x` is the list of nodes after `a`, ending with `b`.
TRACE_PATHS = """
MATCH (a:{endpoints} {{id: $a}}), (b:{endpoints} {{id: $b}})
CALL (a, b) {{
{searches}
}}
RETURN [n IN nodes(p) | n {{.id, name: coalesce(n.name, n.number, n.citation, n.id), label: labels(n)[0],
                            degree: COUNT {{ (n)-[:{types}]-() }}}}] AS nodes,
       [rel IN relationships(p) | {{type: type(rel), from: startNode(rel).id, properties: rel {{.*}}}}] AS rels
"""
SEARCH = """  MATCH p = SHORTEST {n} ((a)(()-[r:{types}]-(x:!PersonMention&!Document)
      WHERE NOT ($exclude_not_proven AND coalesce(r.status, '') = 'not_proven'){window}{hubs}){{1,{hops}}}(b)
    WHERE NOT a IN x AND all(i IN range(0, size(x) - 2) WHERE NOT x[i] IN x[i + 1..]))
  RETURN p"""
# Written in only when asked for: reading every walked link's date made the search through two hubs
# of 20,000 cases (tests/web/test_trace_timeout.py) a third slower.
IN_WINDOW = """
        AND (coalesce(r.date, '') = ''
             OR (($since IS NULL OR left(toString(r.date), 10) >= $since)
                 AND ($until IS NULL OR left(toString(r.date), 10) <= $until)))"""
NO_HUBS = "\n        AND (x = b OR COUNT {{ (x)-[:{types}]-() }} <= $hub_degree)"


@dataclass
class Hop:
    type: str
    direction: str  # "->" when the link points along the path, "<-" against it
    source: dict  # {id, name, label, degree} where the hop starts, as walked
    target: dict
    status: str | None
    detail: str | None
    date: str | None
    document_id: str | None
    start: int | None
    end: int | None
    sentence: str | None
    evidence_count: int  # how many documents state this hop
    window: str | None = None  # with a date window: "within" (dated inside it) or "undated" (kept, date unknown)


@dataclass
class TracePath:
    hops: list[Hop]
    score: float = 0.0  # lower is stronger: see score_path
    score_parts: dict = field(default_factory=dict)  # {hops, hubs, status}: what the score adds up
    hubs: list[str] = field(default_factory=list)  # ids of the nodes between the ends above the hub degree

    @property
    def length(self) -> int:
        return len(self.hops)

    def to_json(self) -> dict:
        return {"length": self.length, "score": self.score, "score_parts": self.score_parts, "hubs": self.hubs,
                "hops": [asdict(hop) for hop in self.hops]}


def resolve_endpoint(graph: Graph, text: str) -> str:
    """The id of the entity `text` names (id, NIP or name); NetraError if none or several."""
    found = find_entities(graph, text)
    if len(found) == 1:
        return found[0]["id"]
    if not found:
        raise NetraError(f"No person or agency {text!r} in the graph.")
    listed = "; ".join(f"{row['id']} ({row['name']})" for row in found[:10])
    raise NetraError(f"{text!r} names {len(found)} entities: {listed}. Give an id or NIP.")


def check_options(k: int, max_hops: int, hub_degree: int, since: date | None, until: date | None) -> None:
    """NetraError naming the option (as the command line calls it) that is out of range."""
    if not 1 <= max_hops <= MAX_HOPS:
        raise NetraError(f"--max-hops must be between 1 and {MAX_HOPS}.")
    if not 1 <= k <= MAX_PATHS:
        raise NetraError(f"-k must be between 1 and {MAX_PATHS}.")
    if not 1 <= hub_degree <= MAX_HUB_DEGREE:
        raise NetraError(f"--hub-degree must be between 1 and {MAX_HUB_DEGREE:,}.")
    if since and until and since > until:
        raise NetraError(f"--from ({since.isoformat()}) is after --to ({until.isoformat()}).")


def trace(graph: Graph, a: str, b: str, k: int = 3, max_hops: int = 4, exclude_not_proven: bool = False,
          exclude_hubs: bool = False, hub_degree: int = HUB_DEGREE, since: date | None = None,
          until: date | None = None, timeout: float = DEFAULT_TIMEOUT) -> list[TracePath]:
    """The k strongest simple paths between entities `a` and `b` (ids, NIPs or names), ranked by
    `score_path`; QueryTimeout when the search runs past `timeout` seconds. See the module's text
    for the options."""
    check_options(k, max_hops, hub_degree, since, until)
    source, target = resolve_endpoint(graph, a), resolve_endpoint(graph, b)
    if source == target:
        raise NetraError("Both ends are the same entity.")
    windowed = bool(since or until)
    searches = [SEARCH.format(n=candidates(k), types=TRACE_TYPES, hops=max_hops, window=IN_WINDOW if windowed else "",
                              hubs=hubs)
                for hubs in [NO_HUBS.format(types=TRACE_TYPES)] + ([] if exclude_hubs else [""])]
    cypher = TRACE_PATHS.format(endpoints=ENDPOINT_LABELS, types=TRACE_TYPES, searches="\n  UNION\n".join(searches))
    try:
        rows = graph.read_within(timeout, cypher, a=source, b=target, exclude_not_proven=exclude_not_proven,
                                 hub_degree=hub_degree, since=since and since.isoformat(),
                                 until=until and until.isoformat())
    except QueryTimeout:
        raise QueryTimeout(f"The search for paths took longer than {timeout:g} s and was stopped. "
                           "Ask for fewer hops or fewer paths, start from less connected entities, "
                           "or leave hubs out (--no-hubs).") from None
    return rank_paths(_distinct_paths(rows, windowed), hub_degree)[:k]


def score_path(path: TracePath, hub_degree: int = HUB_DEGREE) -> TracePath:
    """Sets the path's score, its parts and its hubs (the module's text has the rule)."""
    between = [hop.target for hop in path.hops[:-1]]
    hops = float(path.length)
    hubs = sum(math.log10(max(node.get("degree") or 1, 1)) for node in between)
    status = sum(STATUS_COST.get(hop.status, STATUS_COST[None]) for hop in path.hops)
    path.score_parts = {"hops": hops, "hubs": round(hubs, 3), "status": status}
    path.score = round(hops + hubs + status, 3)
    path.hubs = [node["id"] for node in between if (node.get("degree") or 0) > hub_degree]
    return path


def rank_paths(paths: list[TracePath], hub_degree: int = HUB_DEGREE) -> list[TracePath]:
    """Strongest first: by score, then fewer hops, stronger statuses, and the ids (a stable order)."""
    scored = [score_path(path, hub_degree) for path in paths]
    return sorted(scored, key=lambda path: (path.score, path.length,
                                            sum(STATUS_RANK.get(h.status, 2) for h in path.hops),
                                            [(h.source["id"], h.type, h.target["id"]) for h in path.hops]))


def _distinct_paths(rows: list[dict], windowed: bool = False) -> list[TracePath]:
    """Fold paths that pass the same entities by the same link types into one, best evidence first."""
    folded: dict[tuple, list[list[dict]]] = {}
    nodes_of: dict[tuple, list[dict]] = {}
    for row in rows:
        node_ids = tuple(node["id"] for node in row["nodes"])
        if len(set(node_ids)) < len(node_ids):  # the search allows none; kept out here too
            continue
        key = (node_ids, tuple(rel["type"] for rel in row["rels"]))
        folded.setdefault(key, []).append(row["rels"])
        nodes_of.setdefault(node_ids, row["nodes"])
    paths = []
    for (node_ids, _types), variants in folded.items():
        nodes = nodes_of[node_ids]
        paths.append(TracePath([_hop(nodes[i], nodes[i + 1], [variant[i] for variant in variants], windowed)
                                for i in range(len(node_ids) - 1)]))
    return paths


def _hop(walked_from: dict, walked_to: dict, variants: list[dict], windowed: bool = False) -> Hop:
    distinct = {(rel["properties"].get("document_id"), rel["properties"].get("start")): rel for rel in variants}
    best = min(distinct.values(), key=lambda rel: (STATUS_RANK.get(rel["properties"].get("status"), 2),
                                                   not rel["properties"].get("date")))
    props = best["properties"]
    window = ("within" if props.get("date") else "undated") if windowed else None
    return Hop(best["type"], "->" if best["from"] == walked_from["id"] else "<-", walked_from, walked_to,
               props.get("status"), props.get("detail"), props.get("date"), props.get("document_id"),
               props.get("start"), props.get("end"), props.get("sentence"), len(distinct), window)
