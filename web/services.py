"""The graph and the search engine as the web layer uses them: one of each per app."""

from __future__ import annotations

from datetime import date

from flask import current_app

from graph.db import Graph, get_graph
from graph.errors import NetraError


class BadRequest(NetraError):
    """A parameter a person typed is not usable; shown with HTTP 400."""


class NotFound(NetraError):
    """Shown with HTTP 404."""


class Forbidden(NetraError):
    """The viewer's role may not have this; shown with HTTP 403."""


def graph() -> Graph:
    return get_graph(current_app.config["NETRA_SETTINGS"])


def engine():
    engines = current_app.extensions.setdefault("netra", {})
    if "engine" not in engines:
        from web.search_cli import build_engine

        engines["engine"] = build_engine(current_app.config["NETRA_SETTINGS"])
    return engines["engine"]


def parse_day(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"as_of must be a date like 2020-10-01, not {value!r}.")


def parse_k(value: str | None, default: int = 10) -> int:
    try:
        k = int(value) if value else default
    except ValueError:
        raise BadRequest(f"k must be a whole number, not {value!r}.")
    if not 1 <= k <= 100:
        raise BadRequest("k must be between 1 and 100.")
    return k
