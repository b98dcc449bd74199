"""Trace and path queries run with a transaction timeout: a search for paths through hubs (a
region with thousands of cases on each side, 6 hops, no path) is stopped by the database and
answered with a clear error on the page, in the API (503 `query_timeout`) and on the command line;
the same search with the normal timeout completes."""

import dataclasses
import os

import pytest
from click.testing import CliRunner

from conftest import TEST_SERVER_ENV, log_in
from core.errors import QueryTimeout
from graph.trace import trace
from web import create_app

pytestmark = pytest.mark.neo4j

CASES_PER_HUB = 20_000  # a trace at 6 hops takes ~1 s here: the 1 ms timeout is far behind
HUBS = """
UNWIND ['a', 'b'] AS side
CREATE (p:Person {id: 'person:hub-' + side, name: 'Orang Hub ' + side})
CREATE (r:Region {id: 'region:hub-' + side, name: 'Wilayah ' + side})
CREATE (first:Case {id: 'case:hub-' + side + '-0'})-[:IN_REGION]->(r)
CREATE (p)-[:RESPONDENT_IN]->(first)
WITH r, side
UNWIND range(1, $n) AS i
CREATE (:Case {id: 'case:hub-' + side + '-' + i})-[:IN_REGION]->(r)
"""
TINY = 0.001
ENDS = {"a": "person:hub-a", "b": "person:hub-b", "max_hops": "6", "k": "20"}


@pytest.fixture(scope="module")
def hubs(session_graph):
    from graph.schema import wipe

    wipe(session_graph)
    session_graph.write(HUBS, n=CASES_PER_HUB)
    return session_graph


def test_a_trace_past_its_timeout_is_stopped_by_the_database(hubs):
    assert trace(hubs, "person:hub-a", "person:hub-b", k=20, max_hops=6) == [], "no path: the search is complete"
    with pytest.raises(QueryTimeout, match="took longer than 0.001 s"):
        trace(hubs, "person:hub-a", "person:hub-b", k=20, max_hops=6, timeout=TINY)
    assert hubs.read("RETURN 1 AS one") == [{"one": 1}], "the graph answers as before"


def test_read_within_stops_a_slow_query_and_runs_a_quick_one(hubs):
    with pytest.raises(QueryTimeout):
        hubs.read_within(TINY, "UNWIND range(1, 50000000) AS x RETURN count(x) AS n")
    assert hubs.read_within(10, "RETURN $x AS x", x=1) == [{"x": 1}]


@pytest.fixture(scope="module")
def investigator(hubs, server_settings):
    app = create_app(dataclasses.replace(server_settings, trace_timeout=TINY), rate_limits=False)
    return log_in(app.test_client(), server_settings, "investigator")


def test_the_trace_api_answers_503_with_a_message(investigator):
    for url, ends in (("/api/v1/trace", ENDS), ("/api/v1/paths", {"from": ENDS["a"], "to": ENDS["b"], "max_hops": "6"})):
        response = investigator.get(url, query_string=ends)
        assert response.status_code == 503, (url, response.get_data(as_text=True)[:300])
        error = response.get_json()["error"]
        assert error["code"] == "query_timeout" and "longer than 0.001 s" in error["message"], error


def test_the_trace_page_says_the_search_was_stopped(investigator):
    page = investigator.get("/trace", query_string={**ENDS, "lang": "en"})
    assert page.status_code == 503
    body = page.get_data(as_text=True)
    assert "took longer than 0.001 s and was stopped" in body and "Traceback" not in body


def test_the_same_trace_completes_with_the_normal_timeout(hubs, server_settings):
    client = log_in(create_app(server_settings, rate_limits=False).test_client(), server_settings, "investigator")
    response = client.get("/api/v1/trace", query_string=ENDS)
    assert response.status_code == 200 and response.get_json()["paths"] == []


def _env(server_settings, **extra):
    env = {name: None for name in os.environ if name.startswith(("NEO4J_", "NETRA_"))}
    return {**env, **TEST_SERVER_ENV, "NETRA_HOME": str(server_settings.home), **extra}


def test_the_trace_command_says_error_when_stopped(hubs, server_settings, monkeypatch):
    from cli.commands import main

    runner = CliRunner()
    stopped = runner.invoke(main, ["trace", "person:hub-a", "person:hub-b", "--max-hops", "6", "-k", "20",
                                   "--timeout", str(TINY)], env=_env(server_settings))
    assert stopped.exit_code == 1 and "Error: The search for paths took longer than 0.001 s" in stopped.output, \
        stopped.output
    assert "Traceback" not in stopped.output
    # The setting reaches the query (checked without timing: a warm search can end before the
    # server's next timeout check, which made this flaky when it was timed).
    import graph.trace

    asked = []
    monkeypatch.setattr(graph.trace, "trace", lambda *args, **options: asked.append(options["timeout"]) or [])
    by_setting = runner.invoke(main, ["trace", "person:hub-a", "person:hub-b"],
                               env=_env(server_settings, NETRA_TRACE_TIMEOUT=str(TINY)))
    assert by_setting.exit_code == 0 and asked == [TINY], by_setting.output
    monkeypatch.undo()
    done = runner.invoke(main, ["trace", "person:hub-a", "person:hub-b", "--max-hops", "6"], env=_env(server_settings))
    assert done.exit_code == 0 and "No path" in done.output, done.output
