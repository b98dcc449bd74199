"""Cases, persons and agencies, and the paths between them: the pages and their JSON API."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from flask import Blueprint, jsonify, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from graph.case_views import CaseView, case_view
from graph.entities import EntityView, LinkView, entity_view, find_entities
from graph.errors import DatabaseUnavailable, NetraError
from graph.trace import MAX_HOPS, MAX_PATHS, STATUS_RANK, TracePath, trace
from web.errors import STATUS
from web.i18n import _, current_language, term
from web.services import BadRequest, NotFound, graph

case_pages = Blueprint("case_pages", __name__)
case_api = Blueprint("case_api", __name__)

# An agency may be linked to thousands of cases: the page shows the first ones, the API all.
LINKS_SHOWN = 500
NETWORK_NODES = 60
TRUE_WORDS, FALSE_WORDS = ("1", "true", "on", "yes"), ("", "0", "false", "off", "no")


# -- reading ----------------------------------------------------------------------------------

def find_case(case_id: str) -> CaseView:
    """The case with node id "case:t001" (or just "t001"); NotFound if there is none."""
    node_id = case_id if case_id.startswith("case:") else f"case:{case_id}"
    view = case_view(graph(), node_id)
    if view is None:
        raise NotFound(_("Tidak ada kasus {id}.", id=case_id))
    return view


def find_entity(entity_id: str) -> EntityView:
    """The person or agency with this id (or NIP, or name); NotFound if none, BadRequest if several."""
    resolve_entity(entity_id)
    return entity_view(graph(), entity_id)


def resolve_entity(text: str) -> str:
    found = find_entities(graph(), text)
    if not found:
        raise NotFound(_("Tidak ada orang atau instansi “{text}”.", text=text))
    if len(found) > 1:
        listed = "; ".join(f"{row['id']} ({row['name']})" for row in found[:10])
        raise BadRequest(_("“{text}” cocok dengan {n} entitas: {listed}. Berikan id atau NIP.",
                           text=text, n=len(found), listed=listed))
    return found[0]["id"]


@dataclass
class TraceQuery:
    a: str
    b: str
    k: int = 3
    max_hops: int = 4
    exclude_not_proven: bool = False


def parse_trace_query(args: MultiDict) -> TraceQuery:
    """The trace parameters as typed; BadRequest for anything out of range."""
    query = TraceQuery(args.get("a", "").strip(), args.get("b", "").strip())
    if not query.a or not query.b:
        raise BadRequest(_("a dan b wajib diisi: dua orang atau instansi (id, NIP atau nama)."))
    query.k = _whole_number(args, "k", query.k, MAX_PATHS)
    query.max_hops = _whole_number(args, "max_hops", query.max_hops, MAX_HOPS)
    flag = args.get("exclude_not_proven", "").lower()
    if flag not in TRUE_WORDS + FALSE_WORDS:
        raise BadRequest(_("exclude_not_proven harus 1 atau 0, bukan “{value}”.", value=flag))
    query.exclude_not_proven = flag in TRUE_WORDS
    return query


def _whole_number(args: MultiDict, name: str, default: int, highest: int) -> int:
    value = args.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or not 1 <= int(value) <= highest:
        raise BadRequest(_("{name} harus bilangan bulat dari 1 sampai {highest}, bukan “{value}”.",
                           name=name, highest=highest, value=value))
    return int(value)


def run_trace(query: TraceQuery) -> list[TracePath]:
    """Unknown ends are 404, ambiguous ones 400, like the entity pages."""
    a, b = resolve_entity(query.a), resolve_entity(query.b)
    return trace(graph(), a, b, k=query.k, max_hops=query.max_hops, exclude_not_proven=query.exclude_not_proven)


# -- pages ------------------------------------------------------------------------------------

@case_pages.get("/cases/<path:case_id>")
def case(case_id):
    return render_template("case.html", view=find_case(case_id))


@case_pages.get("/entities/<path:entity_id>")
def entity(entity_id):
    view = find_entity(entity_id)
    return render_template("entity.html", view=view, links=view.links[:LINKS_SHOWN], network=network_of(view))


@case_pages.get("/trace", endpoint="trace")
def trace_page():
    """The form, and the paths once both ends are given; a bad query is shown on the form."""
    form = TraceQuery(request.args.get("a", ""), request.args.get("b", ""))
    paths, error, status = None, None, 200
    if "a" in request.args or "b" in request.args:
        try:
            form = parse_trace_query(request.args)
            paths = run_trace(form)
        except DatabaseUnavailable:
            raise
        except NetraError as exc:
            error, status = str(exc), _status_of(exc)
    return render_template("trace.html", form=form, paths=paths, error=error,
                           max_paths=MAX_PATHS, max_hops=MAX_HOPS), status


def _status_of(exc: NetraError) -> int:
    return next(status for kind, (status, _code) in STATUS.items() if isinstance(exc, kind))


def network_of(view: EntityView) -> dict:
    """Nodes and edges for the network drawing: the entity, its nearest neighbours, one edge per
    neighbour and link type with the strongest status any document gives it."""
    language = current_language()
    nodes = {view.id: _network_node(view.id, view.name, view.label, language, centre=True)}
    edges: dict[tuple, dict] = {}
    for link in view.links:
        if link.other_id not in nodes:
            if len(nodes) > NETWORK_NODES:
                continue
            nodes[link.other_id] = _network_node(link.other_id, link.other_name, link.other_label, language)
        key = (link.type, link.direction, link.other_id)
        if key not in edges or _stronger(link, edges[key]["status"]):
            source, target = (view.id, link.other_id) if link.direction == "out" else (link.other_id, view.id)
            edges[key] = {"source": source, "target": target, "type": link.type,
                          "label": term(link.type, language), "status": link.status or "none"}
    return {"nodes": list(nodes.values()),
            "edges": [{"id": f"e{number}", **edge} for number, edge in enumerate(edges.values())]}


def _stronger(link: LinkView, status: str) -> bool:
    return STATUS_RANK.get(link.status, 2) < STATUS_RANK.get(None if status == "none" else status, 2)


def _network_node(node_id: str, name: str | None, label: str, language: str, centre: bool = False) -> dict:
    node = {"id": node_id, "name": name or node_id, "label": label, "kind": term(label, language), "centre": centre}
    if label in ("Person", "Agency") and not centre:
        node["url"] = url_for("case_pages.entity", entity_id=node_id)
    elif label == "Case":
        node["url"] = url_for("case_pages.case", case_id=node_id)
    return node


# -- JSON API (registered under /api/v1) -------------------------------------------------------

@case_api.get("/cases/<path:case_id>", endpoint="case")
def case_json(case_id):
    return jsonify(find_case(case_id).to_json())


@case_api.get("/entities/<path:entity_id>", endpoint="entity")
def entity_json(entity_id):
    return jsonify(find_entity(entity_id).to_json())


@case_api.get("/trace", endpoint="trace")
def trace_json():
    query = parse_trace_query(request.args)
    return jsonify({"query": asdict(query), "paths": [path.to_json() for path in run_trace(query)]})
