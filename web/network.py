"""The network an entity page draws (and /api/v1/entities/<id>/network answers), readable at a hub.

An agency can have hundreds of links (Bawaslu Kabupaten Pesisir Selatan in `make run`'s data: 519),
and drawn one node each they make an unreadable column. So the server decides what is drawn one by
one and what as a counted group the page expands on demand, a page of members at a time:
- neighbours that are hubs (more links in the whole graph than `hub_degree`, the measure and
  threshold `netra trace --hub-degree` uses: graph/network.py) are one group per kind when there
  are two or more of that kind ("Simpul pusat: Instansi (3)"); a lone hub is drawn, marked as one;
- the other neighbours of one kind linked by one type and direction (the cases a Bawaslu office
  found) are one group when there are more than GROUP_SIZE of them ("Kasus (412)");
- while more than NETWORK_NODES neighbours would still be drawn one by one, the largest set left
  is grouped too.
`group_page` gives a group's members, strongest status first (`?group=KEY&page=N`).

A group's key names its members: "FOUND_BY:in:Case" (the cases linked to the entity by FOUND_BY,
pointing in), "hubs:Agency" (the agencies that are hubs). A neighbour linked in two ways (found by
and recommended by the same office) is a member of both sets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import url_for

from graph.entities import EntityView, LinkView
from graph.trace import STATUS_RANK
from web.i18n import _, term

GROUP_SIZE = 10  # more neighbours than this in one set (kind, link type, direction) are drawn as a group
NETWORK_NODES = 60  # at most this many neighbours drawn one by one
GROUP_PAGE, MAX_GROUP_PAGE = 50, 200  # members of a group per page: default and most
MAX_GROUP_PAGES = 1_000_000  # the highest page number asked for (past the last one, a page is empty)
LINK_STATUSES = ("proven", "alleged", "not_proven", "none")  # "none": a link no document gives a status
HUBS = "hubs"  # the first part of a hub group's key


@dataclass
class Edge:
    """One neighbour's link of one type and direction, however many documents state it."""

    type: str
    direction: str  # out: the entity -> the neighbour
    status: str  # the strongest any document gives: proven, alleged, not_proven or none
    links: int = 1  # how many documents state it


@dataclass
class Neighbour:
    id: str
    name: str
    label: str
    degree: int  # its links of the traced types in the whole graph (graph/network.py)
    edges: dict[tuple[str, str], Edge] = field(default_factory=dict)  # by (type, direction)

    def keys(self, hub_degree: int) -> dict[str, list[Edge]]:
        """The sets it belongs to, with its edges in each: a hub's all go to its kind's hub set."""
        if self.degree > hub_degree:
            return {f"{HUBS}:{self.label}": list(self.edges.values())}
        return {f"{edge.type}:{edge.direction}:{self.label}": [edge] for edge in self.edges.values()}


def neighbours_of(links: list[LinkView], degrees: dict[str, int]) -> dict[str, Neighbour]:
    """The entity's neighbours in the order its links come, each link type and direction once."""
    neighbours: dict[str, Neighbour] = {}
    for link in links:
        neighbour = neighbours.setdefault(link.other_id, Neighbour(
            link.other_id, link.other_name or link.other_id, link.other_label, degrees.get(link.other_id, 0)))
        status = link.status or "none"
        edge = neighbour.edges.get((link.type, link.direction))
        if edge is None:
            neighbour.edges[(link.type, link.direction)] = Edge(link.type, link.direction, status)
        else:
            edge.links += 1
            edge.status = status if _rank(status) < _rank(edge.status) else edge.status
    return neighbours


def _rank(status: str) -> int:
    """Proven first, then alleged, no status, not proven (graph/trace.py STATUS_RANK)."""
    return STATUS_RANK.get(None if status == "none" else status, STATUS_RANK[None])


def member_sets(neighbours: dict[str, Neighbour], hub_degree: int) -> dict[str, list[str]]:
    """{key: neighbour ids} for every set some neighbour belongs to."""
    sets: dict[str, list[str]] = {}
    for neighbour in neighbours.values():
        for key in neighbour.keys(hub_degree):
            sets.setdefault(key, []).append(neighbour.id)
    return sets


def grouped_keys(sets: dict[str, list[str]]) -> set[str]:
    """The sets drawn as groups (see the module's docstring for the rules)."""
    grouped = {key for key, ids in sets.items()
               if len(ids) > (1 if key.startswith(HUBS + ":") else GROUP_SIZE)}
    while True:
        alone = {node_id for key, ids in sets.items() if key not in grouped for node_id in ids}
        left = [key for key in sets if key not in grouped and len(sets[key]) > 1]
        if len(alone) <= NETWORK_NODES or not left:
            return grouped
        grouped.add(max(left, key=lambda key: (len(sets[key]), key)))


def network_of(view: EntityView, links: list[LinkView], degrees: dict[str, int], hub_degree: int) -> dict:
    """Nodes and edges for the drawing: the entity, the neighbours drawn one by one with an edge per
    link type and direction (its strongest status), and the groups with an edge per link type and
    direction their members have (how many, the strongest status)."""
    neighbours = neighbours_of(links, degrees)
    sets = member_sets(neighbours, hub_degree)
    grouped = grouped_keys(sets)
    nodes = {view.id: _network_node(view.id, view.name, view.label, centre=True)}
    edges: list[dict] = []
    for key, ids in sets.items():
        if key in grouped:
            group = _group_node(view.id, key, len(ids))
            nodes[group["id"]] = group
            edges += _group_edges(view.id, group["id"], key, [neighbours[i] for i in ids], hub_degree)
            continue
        for node_id in ids:
            neighbour = neighbours[node_id]
            nodes.setdefault(node_id, _neighbour_node(neighbour, hub_degree))
            edges += [_edge(view.id, node_id, edge) for edge in neighbour.keys(hub_degree)[key]]
    return {"nodes": list(nodes.values()), "edges": _numbered(edges), "neighbours": len(neighbours),
            "hub_degree": hub_degree, "group_size": GROUP_SIZE}


def group_page(view: EntityView, links: list[LinkView], degrees: dict[str, int], hub_degree: int,
               key: str, page: int, page_size: int) -> dict | None:
    """One page of a set's members (drawn or grouped), strongest status first, then the most
    documents, then by name, with their edges to the entity; None if the entity has no such set."""
    neighbours = neighbours_of(links, degrees)
    ids = member_sets(neighbours, hub_degree).get(key)
    if ids is None:
        return None
    members = sorted((neighbours[i] for i in ids), key=lambda n: _member_order(n, key, hub_degree))
    shown = members[(page - 1) * page_size:page * page_size]
    more = max(0, len(members) - page * page_size)
    return {"id": view.id, "group": key, "total": len(members), "page": page, "page_size": page_size,
            "more": more, "rest_name": _("{kind}: {count} lagi", kind=_set_kind(key), count=more),
            "nodes": [_neighbour_node(member, hub_degree) for member in shown],
            "edges": _numbered([_edge(view.id, member.id, edge)
                                for member in shown for edge in member.keys(hub_degree)[key]])}


def _member_order(neighbour: Neighbour, key: str, hub_degree: int) -> tuple:
    edges = neighbour.keys(hub_degree)[key]
    return (min(_rank(edge.status) for edge in edges), -sum(edge.links for edge in edges),
            neighbour.name.casefold(), neighbour.id)


def _set_kind(key: str) -> str:
    """What a set's members are, in words: "Kasus", "Instansi"."""
    return term(key.rsplit(":", 1)[-1])


def _group_node(centre: str, key: str, size: int) -> dict:
    kind = _set_kind(key)
    hub = key.startswith(HUBS + ":")
    name = _("Simpul pusat: {kind} ({count})", kind=kind, count=size) if hub else f"{kind} ({size})"
    return {"id": f"group:{key}:{centre}", "name": name, "label": "Group", "kind": _("Kelompok"), "centre": False,
            "group": key, "of": centre, "size": size, "member_label": key.rsplit(":", 1)[-1], "hub": hub}


def _group_edges(centre: str, group_id: str, key: str, members: list[Neighbour], hub_degree: int) -> list[dict]:
    """One edge per link type and direction the members have: how many members, the strongest status."""
    merged: dict[tuple[str, str], dict] = {}
    for member in members:
        for edge in member.keys(hub_degree)[key]:
            drawn = merged.get((edge.type, edge.direction))
            if drawn is None:
                drawn = merged[(edge.type, edge.direction)] = {**_edge(centre, group_id, edge), "count": 0,
                                                               "group": key}
            drawn["count"] += 1
            drawn["status"] = edge.status if _rank(edge.status) < _rank(drawn["status"]) else drawn["status"]
    return list(merged.values())


def _edge(centre: str, other: str, edge: Edge) -> dict:
    source, target = (centre, other) if edge.direction == "out" else (other, centre)
    return {"source": source, "target": target, "type": edge.type, "label": term(edge.type),
            "status": edge.status, "count": 1}


def _numbered(edges: list[dict]) -> list[dict]:
    return [{"id": f"e{number}", **edge} for number, edge in enumerate(edges)]


def _neighbour_node(neighbour: Neighbour, hub_degree: int) -> dict:
    return {**_network_node(neighbour.id, neighbour.name, neighbour.label),
            "degree": neighbour.degree, "hub": neighbour.degree > hub_degree}


def _network_node(node_id: str, name: str | None, label: str, centre: bool = False) -> dict:
    node = {"id": node_id, "name": name or node_id, "label": label, "kind": term(label), "centre": centre}
    if label in ("Person", "Agency", "Election") and not centre:
        node["url"] = url_for("case_pages.entity", entity_id=node_id)
    elif label == "Case":
        node["url"] = url_for("case_pages.case", case_id=node_id)
    return node
