"""The graph and the search engine as the web layer uses them: one of each per app, opened on
first use from that app's settings (`AppResources`, kept on `app.extensions["netra"]`)."""

from __future__ import annotations

import threading
import weakref
from datetime import date

from flask import current_app

from core.config import Settings
from core.dates import parse_day as parse_iso_day
from core.errors import NetraError
from graph.db import Graph
from graph.entities import find_entities
from search.engine import SearchEngine
from search.factory import build_engine
from web.i18n import _


class BadRequest(NetraError):
    """A parameter a person typed is not usable; shown with HTTP 400."""


class NotFound(NetraError):
    """Shown with HTTP 404."""


class Forbidden(NetraError):
    """The viewer's role may not have this; shown with HTTP 403."""


class AppResources:
    """One app's graph and search engine, opened on first use from its settings. `close()` closes
    the graph's driver (a later use opens it again); it also happens when the app is collected
    and at interpreter exit."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._lock = threading.Lock()
        self._graph: Graph | None = None
        self._engine: SearchEngine | None = None
        self._queue = None  # web.jobs.ReportQueue, opened on first use
        self._opened: list[Graph] = []  # what close() and the finalizer close
        weakref.finalize(self, _close_all, self._opened)

    @property
    def graph(self) -> Graph:
        if self._graph is None:
            with self._lock:
                if self._graph is None:
                    graph = Graph.open(self.settings)
                    self._opened.append(graph)
                    self._graph = graph
        return self._graph

    @property
    def engine(self) -> SearchEngine:
        if self._engine is None:
            graph = self.graph
            with self._lock:
                if self._engine is None:
                    self._engine = build_engine(self.settings, graph)
        return self._engine

    @engine.setter
    def engine(self, engine) -> None:
        """Another engine (a test's stand-in)."""
        self._engine = engine

    @property
    def queue(self):
        """The queue of public reports for the worker (web/jobs.py); opening it touches no graph."""
        if self._queue is None:
            from web.jobs import ReportQueue

            with self._lock:
                if self._queue is None:
                    self._queue = ReportQueue(self.settings)
        return self._queue

    def close(self) -> None:
        with self._lock:
            self._graph = self._engine = None
            _close_all(self._opened)
            if self._queue is not None:
                self._queue.close()
                self._queue = None


def _close_all(graphs: list[Graph]) -> None:
    while graphs:
        graphs.pop().close()


def resources() -> AppResources:
    return current_app.extensions["netra"]


def graph() -> Graph:
    return resources().graph


def engine() -> SearchEngine:
    return resources().engine


def report_queue():
    """The app's queue of public reports (web/jobs.py ReportQueue)."""
    return resources().queue


def parse_day(value: str | None) -> date:
    return parse_iso_day(value or None, lambda bad: BadRequest(f"as_of must be a date like 2020-10-01, not {bad!r}."),
                         date.today())


def found_entity(text: str, elections: bool = False) -> dict:
    """The one person or agency (with `elections`, or election) `text` names: {id, name, label};
    NotFound if none, BadRequest if several."""
    found = find_entities(graph(), text, elections)
    if not found:
        raise NotFound(_("Tidak ada orang, instansi atau pemilihan “{text}”.", text=text) if elections
                       else _("Tidak ada orang atau instansi “{text}”.", text=text))
    if len(found) > 1:
        listed = "; ".join(f"{row['id']} ({row['name']})" for row in found[:10])
        raise BadRequest(_("“{text}” cocok dengan {n} entitas: {listed}. Berikan id atau NIP.",
                           text=text, n=len(found), listed=listed))
    return found[0]
