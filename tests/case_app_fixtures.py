"""Fixtures for web tests on the hand-written cases (case_fixtures.py): the session's graph loaded
with them once per module, and settings on that graph with a data directory of the test's own
(intake, queue, accounts, audit). Import them into a test module to use them."""

from dataclasses import replace

import pytest

from case_fixtures import write_documents
from graph.db import connection_for


@pytest.fixture(scope="module")
def loaded(session_graph, tmp_path_factory):
    from graph.schema import wipe
    from ingest.case_pipeline import ingest_cases

    wipe(session_graph)
    folder = write_documents(tmp_path_factory.mktemp("cases") / "docs")
    assert ingest_cases([str(folder)], session_graph, show_progress=False).count("failed") == 0
    return session_graph


@pytest.fixture
def settings(server_settings, loaded, tmp_path):
    connection = connection_for(server_settings)
    return replace(server_settings, home=tmp_path / "home", neo4j_uri=connection.uri,
                   neo4j_user=connection.user, neo4j_password=connection.password)


def json_of(client, url, status=200):
    """The JSON a GET answers, asserting its status (the body shown when it differs)."""
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:1000]
    return response.get_json()


def page_of(client, url, status=200):
    """The HTML a GET answers, asserting its status (the body shown when it differs)."""
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:1000]
    return response.get_data(as_text=True)
