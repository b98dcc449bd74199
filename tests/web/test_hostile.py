"""Hostile input on every GET route and the command line: Cypher and Lucene fragments, markup, path
traversal, very long input, NUL bytes and invalid UTF-8 never cause a 500, a traceback, unescaped
markup in a page, or a change to the graph.

Routes come from the app's URL map and query parameters from the web modules' source and the
OpenAPI document, so new routes and parameters are covered without editing this file."""

import dataclasses
import inspect
import re
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from case_fixtures import write_documents
from conftest import log_in
from graph.schema import counts, wipe
from web import create_app
from web.api import OPENAPI
from web.limits import MAX_PARAMETER_CHARS
from bench.regex_worst_case import FAMILIES
from cli.commands import main
from paths import REPO, FIXTURES

pytestmark = pytest.mark.neo4j

WEB = REPO / "web"
REGULATIONS = FIXTURES / "regulations"

PAYLOADS = {
    "cypher-delete": "') MATCH (n) DETACH DELETE n //",
    "cypher-param": "${x}",
    "backtick": "`",
    "cypher-or": "' OR 1=1 WITH 1 AS x MATCH (n) DETACH DELETE n RETURN '",
    "lucene": "AND OR NOT ( ) [ ] { } ~ ^ * ? : \\ /",
    "quote": '"pasal 9',
    "field-wildcard": "title:*",
    "script": "<script>alert(1)</script>",
    "img": '"><img src=x onerror=alert(1)>',
    "traversal": "../../etc/passwd",
    "encoded-traversal": "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "backslash-traversal": "..\\..\\..\\windows\\win.ini",
    "long": "pasal " * 1666 + "abcd",  # 10,000 characters
    "nul": "pasal\x009",
    "unicode": "\u202e\ufeff\U0001F600 pégawai",
}
MARKUP = ("<script>alert(1)</script>", "<img src=x onerror")
# Raw query strings and path segments that are not valid UTF-8 once percent-decoded.
INVALID_UTF8 = "%ff%fe%c3%28"
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"/")

# Known bugs in files this suite may not fix (web/*.py): (endpoint, payload) -> reason.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


def _query_parameters() -> set[str]:
    """Every query parameter a web module reads by name, and every one the OpenAPI document lists."""
    names = set()
    for path in WEB.glob("*.py"):
        names |= set(re.findall(r"args(?:\.get)?[(\[]\s*[\"'](\w+)[\"']", path.read_text(encoding="utf-8")))
    for operation in OPENAPI["paths"].values():
        names |= {p["name"] for p in operation["get"]["parameters"] if p["in"] == "query"}
    return names


PARAMETERS = sorted(_query_parameters())


@pytest.fixture(scope="module")
def app(session_graph, server_settings, tmp_path_factory):
    """The app on a small graph (fixture regulations, hand-written cases, keyword indexes), in a data
    directory of its own, with an admin logged in so that every route is reached."""
    from ingest.case_pipeline import ingest_cases
    from ingest.regulation_pipeline import ingest
    from search.cases import case_documents
    from search.keyword import WhooshIndex
    from search.provisions import provision_documents

    tmp = tmp_path_factory.mktemp("hostile")
    connection = session_graph.connection
    settings = dataclasses.replace(server_settings, home=tmp / "home", neo4j_uri=connection.uri,
                                   neo4j_user=connection.user, neo4j_password=connection.password)
    wipe(session_graph)
    ingest([str(REGULATIONS / "pp-99-2099.txt"), str(REGULATIONS / "uu-97-2099.txt")], session_graph,
           show_progress=False)
    summary = ingest_cases([str(write_documents(tmp / "docs"))], session_graph, show_progress=False)
    assert summary.count("failed") == 0, summary.to_json()
    WhooshIndex(settings.whoosh_dir).rebuild(provision_documents(session_graph))
    WhooshIndex(settings.whoosh_dir.with_name("whoosh-cases"), "case").rebuild(case_documents(session_graph))
    application = _create_app(settings)
    application.config["HOSTILE_SETTINGS"] = settings
    application.config["HOSTILE_COUNTS"] = counts(session_graph)
    return application


def _create_app(settings):
    return create_app(settings, rate_limits=False)  # thousands of requests from one address


@pytest.fixture(scope="module")
def client(app):
    return log_in(app.test_client(), app.config["HOSTILE_SETTINGS"], "admin")


def _get_routes():
    """(endpoint, rule) of every route that answers GET, from an app made only for its URL map
    (in a temporary data directory: making the app may write state files there)."""
    from core.config import load_settings

    with tempfile.TemporaryDirectory() as home:
        app = _create_app(dataclasses.replace(load_settings({}), home=Path(home)))
    return sorted((rule.endpoint, rule.rule) for rule in app.url_map.iter_rules() if "GET" in rule.methods)


ROUTES = _get_routes()
CASES = [pytest.param(endpoint, rule, name, id=f"{endpoint}-{name}",
                      marks=[pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[(endpoint, name)])]
                      if (endpoint, name) in KNOWN_BUGS else [])
         for endpoint, rule in ROUTES for name in [*PAYLOADS, "invalid-utf8"]]


def _parameters_of(app, endpoint: str, rule: str) -> list[str]:
    """Parameters the view's module names, those OpenAPI lists for the route, and `lang`."""
    view = app.view_functions[endpoint]
    source = inspect.getsource(sys.modules[view.__module__])
    api_path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.removeprefix("/api/v1"))
    listed = OPENAPI["paths"].get(api_path, {}).get("get", {}).get("parameters", [])
    named = {p["name"] for p in listed if p["in"] == "query"}
    return sorted({p for p in PARAMETERS if f'"{p}"' in source} | named | {"lang"})


# Values that let a request reach the parameter under test (a search needs a question, a trace two ends).
BASE = {"q": "pasal", "a": "Kurniawan Fiktifsyah", "b": "Bambang Contoh"}


def _urls(app, endpoint: str, rule: str, name: str) -> list[str | tuple[str, bytes]]:
    """The hostile value in every path segment (encoded and raw) and in each query parameter."""
    arguments = re.findall(r"<(?:\w+:)?(\w+)>", rule)
    urls: list = []
    if name == "invalid-utf8":
        path = re.sub(r"<[^>]+>", INVALID_UTF8, rule)
        urls.append(path)
        urls += [(re.sub(r"<[^>]+>", "x", rule), f"{p}={INVALID_UTF8}") for p in _parameters_of(app, endpoint, rule)]
        return urls
    value = PAYLOADS[name]
    if arguments:
        urls.append(re.sub(r"<[^>]+>", lambda _m: quote(value, safe="/"), rule))
        urls.append(re.sub(r"<[^>]+>", lambda _m: quote(value, safe="/%"), rule))  # %2e stays %2e
    base_path = re.sub(r"<[^>]+>", "uu/2099/97", rule)
    for parameter in _parameters_of(app, endpoint, rule):
        query = {**BASE, parameter: value}
        urls.append((base_path, "&".join(f"{k}={quote(v, safe='')}" for k, v in query.items())))
    return urls


@pytest.mark.parametrize("endpoint, rule, name", CASES)
def test_hostile_input_is_answered_safely(app, client, endpoint, rule, name):
    failures = []
    for url in _urls(app, endpoint, rule, name):
        path, query = url if isinstance(url, tuple) else (url, "")
        response = client.get(path, query_string=query)
        body = response.get_data(as_text=True)
        problem = _problem(response, body)
        if problem:
            failures.append(f"{path[:120]}?{query[:120]} -> {response.status_code}: {problem}")
    assert not failures, "\n".join(failures[:10])


# Adversarial texts (the families of bench/regex_worst_case.py: whitespace runs, digits, dots,
# "pasal" repeated, brackets, mixed scripts...). Past the cap, in every query parameter of every
# route: a clear 400 naming the parameter, before any parser reads it. At the cap, in the free
# text that parsers read (a search, a similar-case text, the two ends of a trace): an answer.
SLOW_S = 10.0  # far above any answer; the super-linear patterns took minutes at these sizes
OVER_THE_CAP = ["spaces", "pasal 5 + spaces + x", "digits", "dots", "pasal repeated", "nested brackets",
                "mixed scripts"]
FREE_TEXT = [("/", "q"), ("/", "q&type=case"), ("/api/v1/search", "q"), ("/api/v1/similar", "q"),
             ("/trace", "a"), ("/api/v1/paths", "b")]


def _timed_get(client, path: str, query: dict):
    began = time.monotonic()
    response = client.get(path, query_string=query)
    return response, response.get_data(as_text=True), time.monotonic() - began


@pytest.mark.parametrize("family", OVER_THE_CAP)
def test_adversarial_text_past_the_cap_is_a_clear_400_everywhere(app, client, family):
    failures = []
    for endpoint, rule in ROUTES:
        path = re.sub(r"<[^>]+>", "uu/2099/97", rule)
        for parameter in _parameters_of(app, endpoint, rule):
            response, body, seconds = _timed_get(client, path, {**BASE, parameter: FAMILIES[family](100_000)})
            if response.status_code != 400 or parameter not in body or seconds > SLOW_S:
                failures.append(f"{path}?{parameter}: {response.status_code} in {seconds:.1f} s: {body[:200]}")
    assert not failures, "\n".join(failures[:10])


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_adversarial_text_up_to_the_cap_is_answered(app, client, family):
    failures = []
    for path, parameter in FREE_TEXT:
        parameter, _, extra = parameter.partition("&")
        query = {**BASE, **dict([extra.split("=")] if extra else []), parameter: FAMILIES[family](MAX_PARAMETER_CHARS)}
        response, body, seconds = _timed_get(client, path, query)
        problem = _problem(response, body) or (f"took {seconds:.1f} s" if seconds > SLOW_S else None)
        if problem:
            failures.append(f"{path}?{parameter}: {problem}")
    assert not failures, "\n".join(failures)


def _problem(response, body: str) -> str | None:
    if response.status_code >= 500:
        return "server error " + body[:300]
    if response.status_code in (401, 403):
        return "refused: the request did not reach the route (is the admin still logged in?)"
    if TRACEBACK.search(body):
        return "traceback in the body"
    if response.mimetype == "text/html" and any(markup in body for markup in MARKUP):
        return "unescaped markup"
    return None


# -- the command line -------------------------------------------------------------------------

COMMANDS = [
    ["search", "{}", "--mode", "keyword"],
    ["search", "{}", "--mode", "keyword", "--type", "case"],
    ["search", "pasal", "--mode", "keyword", "-f", "year={}"],
    ["search", "pasal", "--mode", "keyword", "--as-of", "{}"],
    ["show", "{}"],
    ["show", "{}", "--json"],
    ["entity", "{}"],
    ["trace", "{}", "Bambang Contoh"],
    ["trace", "Kurniawan Fiktifsyah", "Bambang Contoh", "--from", "{}", "--to", "{}"],
    ["trace", "Kurniawan Fiktifsyah", "Bambang Contoh", "--hub-degree", "{}"],
    ["similar", "{}"],
    ["similar", "--text", "{}", "--json"],
    ["remove", "{}"],
    ["timeline", "{}"],
    ["timeline", "{}", "--json"],
]


@pytest.fixture(scope="module")
def cli_env(app):
    settings = app.config["HOSTILE_SETTINGS"]
    return {"NETRA_HOME": str(settings.home), "NEO4J_URI": settings.neo4j_uri, "NEO4J_USER": settings.neo4j_user,
            "NEO4J_PASSWORD": settings.neo4j_password}


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: "-".join(w for w in c if w != "{}")[:40])
def test_hostile_input_on_the_command_line(cli_env, command):
    runner = CliRunner()
    failures = []
    for name, value in PAYLOADS.items():
        result = runner.invoke(main, [value if word == "{}" else word.replace("{}", value) for word in command],
                               env=cli_env)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            failures.append(f"{name}: {type(result.exception).__name__}: {result.exception}")
        elif result.exit_code not in (0, 1, 2, 3) or "Traceback" in result.output:
            failures.append(f"{name}: exit {result.exit_code}: {result.output[-300:]}")
    assert not failures, "\n".join(failures)


def test_the_graph_is_unchanged(app, session_graph):
    """Last: nothing above wrote to the graph (`remove` of a hostile document removes nothing)."""
    assert counts(session_graph) == app.config["HOSTILE_COUNTS"]
