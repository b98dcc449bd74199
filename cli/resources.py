"""What a command opens (the graph, the search engine) from the settings, closed when the command ends."""

from __future__ import annotations

import click

from core.config import Settings, load_settings


def open_graph(settings: Settings | None = None):
    """The graph of `settings` (default: the environment's), closed when the running command ends."""
    from graph.db import Graph

    graph = Graph.open(settings)
    click.get_current_context().call_on_close(graph.close)
    return graph


def open_engine(settings: Settings | None = None):
    """The search engine as configured, over a graph closed when the running command ends."""
    from search.factory import build_engine

    settings = settings or load_settings()
    return build_engine(settings, open_graph(settings))
