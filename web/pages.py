"""Server-rendered pages."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from graph.case_views import cases_citing
from graph.errors import NetraError
from graph.law import provision_view, regulation_view
from graph.schema import counts
from web.i18n import _
from web.services import NotFound, engine, graph, parse_day, parse_k

CASES_LISTED = 50

pages = Blueprint("pages", __name__)


@pages.get("/")
def home():
    query = request.args.get("q", "").strip()
    mode = request.args.get("mode", "hybrid")
    as_of = parse_day(request.args.get("as_of"))
    results = engine().search(query, mode=mode, as_of=as_of, k=parse_k(request.args.get("k"))) if query else []
    case_counts = cases_citing(graph(), [r.id for r in results], limit=0) if results else {}
    return render_template("search.html", query=query, mode=mode, as_of=as_of, results=results,
                           case_counts=case_counts, counts=counts(graph()) if not query else None)


@pages.get("/provisions/<path:provision_id>")
def provision(provision_id):
    as_of = parse_day(request.args.get("as_of"))
    view = provision_view(graph(), provision_id, as_of)
    if view is None:
        raise NotFound(_("Tidak ada ketentuan {id}.", id=provision_id))
    cases = cases_citing(graph(), [view["id"]], limit=CASES_LISTED)[view["id"]]
    return render_template("provision.html", view=view, cases=cases)


@pages.get("/regulations/<path:regulation_id>")
def regulation(regulation_id):
    view = regulation_view(graph(), regulation_id, parse_day(request.args.get("as_of")))
    if view is None:
        raise NotFound(_("Tidak ada peraturan {id}.", id=regulation_id))
    return render_template("regulation.html", view=view)


@pages.get("/healthz")
def health():
    try:
        graph().verify()
    except NetraError as exc:
        return {"status": "unavailable", "error": str(exc)}, 503
    return {"status": "ok"}
