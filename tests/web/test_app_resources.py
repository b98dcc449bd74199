"""Each Flask app owns its graph and search engine, opened from its own settings on first use
and closed by `close()` or when the app goes away."""

from __future__ import annotations

import dataclasses
import gc

import pytest
from neo4j.exceptions import DriverError

from core.errors import DatabaseUnavailable
from graph.db import connection_for
from web import create_app
from web.services import engine, graph


def _resources(app):
    return app.extensions["netra"]


def _external(settings, home, **changes):
    """The same server reached as an external one (NEO4J_URI), from another data directory."""
    local = connection_for(settings)
    return dataclasses.replace(settings, home=home, neo4j_uri=local.uri, neo4j_user=local.user,
                               neo4j_password=local.password, **changes)


def test_two_apps_with_other_settings_use_their_own_graph_and_engine(server_settings, tmp_path):
    first = create_app(server_settings)
    second = create_app(_external(server_settings, tmp_path, keyword_backend="neo4j"))
    with first.app_context():
        first_graph, first_engine = graph(), engine()
        assert graph() is first_graph and engine() is first_engine  # opened once
    with second.app_context():
        second_graph, second_engine = graph(), engine()
    assert first_graph is not second_graph and first_graph.driver is not second_graph.driver
    assert (first_graph.connection.local, second_graph.connection.local) == (True, False)
    assert first_engine.graph is first_graph and second_engine.graph is second_graph
    assert (first_engine.keyword.name, second_engine.keyword.name) == ("whoosh", "neo4j")
    assert first_graph.read("RETURN 1 AS one") == second_graph.read("RETURN 1 AS one") == [{"one": 1}]
    for app in (first, second):
        _resources(app).close()


def test_an_app_for_an_unreachable_server_says_so_and_the_others_go_on(server_settings, tmp_path):
    working = create_app(server_settings)
    unreachable = create_app(dataclasses.replace(_external(server_settings, tmp_path), neo4j_uri="bolt://127.0.0.1:1"))
    with unreachable.app_context(), pytest.raises(DatabaseUnavailable, match="127.0.0.1:1"):
        graph()
    assert unreachable.test_client().get("/api/v1/search?q=kampanye").status_code == 503
    with working.app_context():
        assert graph().read("RETURN 1 AS one") == [{"one": 1}]
    _resources(working).close()


def test_closing_closes_the_driver_and_a_later_use_opens_it_again(server_settings):
    app = create_app(server_settings)
    resources = _resources(app)
    opened = resources.graph
    resources.close()
    with pytest.raises(DriverError):
        opened.read("RETURN 1 AS one")
    again = resources.graph
    assert again is not opened and again.read("RETURN 1 AS one") == [{"one": 1}]
    resources.close()


def test_an_app_that_goes_away_closes_its_driver(server_settings):
    app = create_app(server_settings)
    opened = _resources(app).graph
    del app
    gc.collect()
    with pytest.raises(DriverError):
        opened.read("RETURN 1 AS one")
