"""The JSON API under /api/v1."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from graph.law import provision_view, regulation_view
from web.services import BadRequest, NotFound, engine, graph, parse_day, parse_k

api = Blueprint("api", __name__)


@api.get("/search")
def search():
    query = request.args.get("q", "")
    if not query.strip():
        raise BadRequest("q is required: a question or a citation.")
    kind = request.args.get("type", "provision")
    if kind != "provision":
        raise BadRequest(f"type must be 'provision', not {kind!r}.")
    results = engine().search(query, mode=request.args.get("mode", "hybrid"),
                              as_of=parse_day(request.args.get("as_of")), k=parse_k(request.args.get("k")))
    return jsonify({"query": query, "results": [r.to_json() for r in results]})


@api.get("/provisions/<path:provision_id>")
def provision(provision_id):
    view = provision_view(graph(), provision_id, parse_day(request.args.get("as_of")))
    if view is None:
        raise NotFound(f"No provision {provision_id}.")
    return jsonify(view)


@api.get("/regulations/<path:regulation_id>")
def regulation(regulation_id):
    view = regulation_view(graph(), regulation_id, parse_day(request.args.get("as_of")))
    if view is None:
        raise NotFound(f"No regulation {regulation_id}.")
    return jsonify(view)
