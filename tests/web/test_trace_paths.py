"""Paths on the crafted resolved layer (tests/trace_fixtures.py) through the three ways in: the
command line, the JSON API (/trace and /paths) and the /trace page agree on the paths and their
order, with hubs allowed, left out, and a date window; the new parameters refuse bad values with a
clear 400 (or an `Error:` and exit code), never a traceback."""

import json
import re

import pytest
from click.testing import CliRunner

from cli.commands import main
from conftest import log_in
from trace_fixtures import (ANI, BUDI, CHAIN_PATH, FAMILY_PATH, HUB_ID, HUB_PATH, SUPPORT_PATH, node_ids,
                            write_trace_graph)
from web import create_app

pytestmark = pytest.mark.neo4j

ENDS = {"a": ANI, "b": BUDI}
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"/")


@pytest.fixture(scope="module")
def crafted(session_graph):
    write_trace_graph(session_graph)
    return session_graph


@pytest.fixture(scope="module")
def client(crafted, server_settings):
    app = create_app(server_settings, rate_limits=False)
    return log_in(app.test_client(), server_settings, "investigator")


@pytest.fixture(scope="module")
def cli_env(crafted, server_settings):
    connection = crafted.connection
    return {"NETRA_HOME": str(server_settings.home), "NEO4J_URI": connection.uri, "NEO4J_USER": connection.user,
            "NEO4J_PASSWORD": connection.password}


def _api(client, options: dict, url="/api/v1/trace") -> list[dict]:
    response = client.get(url, query_string=options)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()["paths"]


def _page(client, options: dict) -> list[tuple[tuple[str, ...], float]]:
    """The paths the page shows, in order: the entities each passes and its score."""
    response = client.get("/trace", query_string=options)
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html[:500]
    shown = []
    for block in html.split("<h2>")[1:]:
        ids = [entity for entity in re.findall(r'href="/entities/([^"]+)"', block)]
        passed = tuple(entity for i, entity in enumerate(ids) if i == 0 or entity != ids[i - 1])
        shown.append((passed, float(re.search(r">skor ([\d.]+)<", block).group(1))))
    return shown


def _cli(cli_env, *args: str):
    return CliRunner().invoke(main, ["trace", *args], env=cli_env)


def _cli_paths(cli_env, *args: str) -> list[dict]:
    result = _cli(cli_env, ANI, BUDI, "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# The same question in each one's words: (API and page options, /paths options, command-line options).
QUESTIONS = {
    "default": ({}, {}, []),
    "more": ({"k": "5", "max_hops": "5"}, {"k": "5", "max_hops": "5"}, ["-k", "5", "--max-hops", "5"]),
    "no hubs": ({"k": "5", "max_hops": "5", "hubs": "exclude"}, {"k": "5", "max_hops": "5", "hubs": "exclude"},
                ["-k", "5", "--max-hops", "5", "--no-hubs"]),
    "higher hub degree": ({"k": "5", "max_hops": "5", "hubs": "exclude", "hub_degree": "1000"},
                          {"k": "5", "max_hops": "5", "hubs": "exclude", "hub_degree": "1000"},
                          ["-k", "5", "--max-hops", "5", "--no-hubs", "--hub-degree", "1000"]),
    "2024": ({"k": "5", "max_hops": "5", "from": "2024-01-01", "to": "2024-12-31"},
             {"k": "5", "max_hops": "5", "date_from": "2024-01-01", "date_to": "2024-12-31"},
             ["-k", "5", "--max-hops", "5", "--from", "2024-01-01", "--to", "2024-12-31"]),
    "until 2023": ({"k": "5", "max_hops": "5", "to": "2023-12-31"},
                   {"k": "5", "max_hops": "5", "date_to": "2023-12-31"},
                   ["-k", "5", "--max-hops", "5", "--to", "2023-12-31"]),
}
EXPECTED = {
    "default": [SUPPORT_PATH, FAMILY_PATH, HUB_PATH],
    "more": [SUPPORT_PATH, FAMILY_PATH, HUB_PATH, CHAIN_PATH],
    "no hubs": [SUPPORT_PATH, FAMILY_PATH, CHAIN_PATH],
    "higher hub degree": [SUPPORT_PATH, FAMILY_PATH, HUB_PATH, CHAIN_PATH],
    "2024": [SUPPORT_PATH, HUB_PATH, CHAIN_PATH],
    "until 2023": [FAMILY_PATH, HUB_PATH, CHAIN_PATH],
}


@pytest.mark.parametrize("question", QUESTIONS)
def test_command_line_api_and_page_agree(client, cli_env, question):
    options, paths_options, cli_options = QUESTIONS[question]
    api = _api(client, {**ENDS, **options})
    assert [node_ids(path) for path in api] == EXPECTED[question]
    paths = client.get("/api/v1/paths", query_string={"from": ANI, "to": BUDI, **paths_options}).get_json()
    trace = client.get("/api/v1/trace", query_string={**ENDS, **options}).get_json()
    assert paths == trace, "the same query and the same paths"
    assert _cli_paths(cli_env, *cli_options) == api
    assert _page(client, {**ENDS, **options}) == [(node_ids(path), path["score"]) for path in api]


def test_the_answer_says_what_it_ranked_by_and_marks_undated_links(client, cli_env):
    body = client.get("/api/v1/trace", query_string={**ENDS, "from": "2024-01-01", "to": "2024-12-31"}).get_json()
    assert body["query"] == {"a": ANI, "b": BUDI, "k": 3, "max_hops": 4, "exclude_not_proven": False,
                             "hubs": "allow", "hub_degree": 100, "date_from": "2024-01-01", "date_to": "2024-12-31"}
    support, hub = body["paths"][:2]
    assert [hop["window"] for hop in support["hops"]] == ["within", "undated"]
    assert set(support["score_parts"]) == {"hops", "hubs", "status"} and hub["hubs"] == [HUB_ID]
    assert hub["hops"][0]["target"]["degree"] > 100 and hub["score"] > support["score"]
    page = client.get("/trace", query_string={**ENDS, "from": "2024-01-01", "to": "2024-12-31"}).get_data(as_text=True)
    assert "tanpa tanggal: tetap dipakai" in page and "Lewat simpul pusat: " + HUB_ID in page
    assert 'name="from" type="date" value="2024-01-01"' in page
    english = client.get("/trace", query_string={**ENDS, "from": "2024-01-01", "lang": "en"}).get_data(as_text=True)
    assert "no date: kept" in english and "Through hubs: " + HUB_ID in english
    text = _cli(cli_env, ANI, BUDI, "--from", "2024-01-01", "--to", "2024-12-31")
    assert text.exit_code == 0 and "links without a date are kept" in text.output and "(no date)" in text.output
    assert f"through hubs: {HUB_ID}" in text.output and re.search(r"Path 1 \(2 hops, score 2\.301\)", text.output)
    assert "--no-hubs" in _cli(cli_env, "--help").output and "--from" in _cli(cli_env, "--help").output


# -- refusals ---------------------------------------------------------------------------------

BAD_OPTIONS = [
    ({"hubs": "maybe"}, "hubs"), ({"hubs": "<script>alert(1)</script>"}, "hubs"), ({"hubs": "1"}, "hubs"),
    ({"hub_degree": "0"}, "hub_degree"), ({"hub_degree": "-1"}, "hub_degree"), ({"hub_degree": "1e3"}, "hub_degree"),
    ({"hub_degree": "²"}, "hub_degree"), ({"hub_degree": "9" * 400}, "hub_degree"),
    ({"hub_degree": "1000001"}, "hub_degree"), ({"hub_degree": "12.5"}, "hub_degree"), ({"k": "²"}, "k"),
    ({"k": "99999999999999999999"}, "k"), ({"max_hops": "٣"}, "max_hops"),
    ({"from": "kemarin"}, "from"), ({"from": "2024-13-01"}, "from"), ({"to": "2024-02-30"}, "to"),
    ({"from": "' OR 1=1 //"}, "from"), ({"to": "99999-01-01"}, "to"),
    ({"from": "2024-12-31", "to": "2024-01-01"}, "from"),
]


@pytest.mark.parametrize("options, named", BAD_OPTIONS, ids=lambda value: str(value)[:30])
def test_bad_options_are_a_clear_400(client, options, named):
    response = client.get("/api/v1/trace", query_string={**ENDS, **options})
    body = response.get_data(as_text=True)
    assert response.status_code == 400 and named in response.get_json()["error"]["message"], body[:300]
    page = client.get("/trace", query_string={**ENDS, **options})
    html = page.get_data(as_text=True)
    assert page.status_code == 400 and 'role="alert"' in html and not TRACEBACK.search(html)
    assert "<script>alert(1)</script>" not in html


@pytest.mark.parametrize("options, named", [
    ({"date_from": "kemarin"}, "date_from"), ({"date_to": "2024-02-30"}, "date_to"),
    ({"date_from": "2024-12-31", "date_to": "2024-01-01"}, "date_from"), ({"hubs": "none"}, "hubs"),
])
def test_bad_options_on_paths_name_its_parameters(client, options, named):
    response = client.get("/api/v1/paths", query_string={"from": ANI, "to": BUDI, **options})
    assert response.status_code == 400 and named in response.get_json()["error"]["message"]


@pytest.mark.parametrize("args, code, said", [
    (["--from", "kemarin"], 2, "not a date"), (["--to", "2024-02-30"], 2, "not a date"),
    (["--from", "2024-12-31", "--to", "2024-01-01"], 1, "is after --to"),
    (["--hub-degree", "0"], 2, "--hub-degree"), (["--hub-degree", "9" * 40], 2, "--hub-degree"),
    (["--hub-degree", "²"], 2, "--hub-degree"), (["--hub-degree", "1e3"], 2, "--hub-degree"),
    (["-k", "99999999999999999999"], 1, "-k must be"), (["--from", "' OR 1=1 //"], 2, "not a date"),
])
def test_bad_options_on_the_command_line(cli_env, args, code, said):
    result = _cli(cli_env, ANI, BUDI, *args)
    assert result.exit_code == code and said in result.output, result.output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
