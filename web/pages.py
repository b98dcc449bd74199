"""Server-rendered pages."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from graph.errors import NetraError
from graph.law import provision_view, regulation_view
from graph.schema import counts
from web.services import NotFound, engine, graph, parse_day, parse_k

pages = Blueprint("pages", __name__)


@pages.get("/")
def home():
    query = request.args.get("q", "").strip()
    mode = request.args.get("mode", "hybrid")
    as_of = parse_day(request.args.get("as_of"))
    results = engine().search(query, mode=mode, as_of=as_of, k=parse_k(request.args.get("k"))) if query else []
    return render_template("search.html", query=query, mode=mode, as_of=as_of, results=results,
                           counts=counts(graph()) if not query else None)


@pages.get("/provisions/<path:provision_id>")
def provision(provision_id):
    as_of = parse_day(request.args.get("as_of"))
    view = provision_view(graph(), provision_id, as_of)
    if view is None:
        raise NotFound(f"Tidak ada ketentuan {provision_id}.")
    return render_template("provision.html", view=view)


@pages.get("/regulations/<path:regulation_id>")
def regulation(regulation_id):
    view = regulation_view(graph(), regulation_id, parse_day(request.args.get("as_of")))
    if view is None:
        raise NotFound(f"Tidak ada peraturan {regulation_id}.")
    return render_template("regulation.html", view=view)


@pages.get("/healthz")
def health():
    try:
        graph().verify()
    except NetraError as exc:
        return {"status": "unavailable", "error": str(exc)}, 503
    return {"status": "ok"}
