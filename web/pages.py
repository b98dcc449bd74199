"""Server-rendered pages."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from graph.db import get_graph
from graph.errors import NetraError
from graph.schema import counts

pages = Blueprint("pages", __name__)


@pages.get("/")
def home():
    try:
        graph_counts = counts(get_graph(current_app.config["NETRA_SETTINGS"]))
        problem = None
    except NetraError as exc:
        graph_counts, problem = None, str(exc)
    return render_template("home.html", counts=graph_counts, problem=problem), (503 if problem else 200)


@pages.get("/healthz")
def health():
    try:
        get_graph(current_app.config["NETRA_SETTINGS"]).verify()
    except NetraError as exc:
        return {"status": "unavailable", "error": str(exc)}, 503
    return {"status": "ok"}
