"""Sessions (Flask-Login, revoked on the server at logout), Secure cookies off the loopback,
throttled logins per account, rate-limited exports, and what the public is never shown about the
server: the database URI, the data directory, the files regulations were read from.

Through Flask's test client against the test Neo4j server, and `netra serve`'s option handling
through Click's runner with waitress replaced."""

import dataclasses
import os
import re
import sqlite3

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from conftest import TEST_PASSWORD, TEST_SERVER_ENV, log_in
from graph.server import free_port
from paths import FIXTURES, REPO
from web import create_app
from web.accounts import Accounts

pytestmark = pytest.mark.neo4j

REGULATION_FILE = FIXTURES / "regulations" / "uu-97-2099.txt"
REGULATION = "uu/2099/97"
MISSING_CASE = "/api/v1/cases/case:none-such"  # 404 to a researcher, 401 to the public: no data needed
# What a page must not show the public: URIs of a database, and absolute file-system paths (the
# roots a data directory or a corpus lives under; URL paths like /static/ are not file paths).
SERVER_DETAILS = re.compile(r"(?:neo4j|bolt)(?:\+s|\+ssc)?://|(?<![\w.~/:-])/(?:tmp|home|root|work|srv|var|etc|opt|"
                            r"usr|mnt|data)/")


def _token(client, url="/login"):
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def _hidden(body: str, *values: str) -> list[str]:
    """What `body` shows of the server: URIs, absolute paths, or any of `values`."""
    shown = [m.group(0) for m in SERVER_DETAILS.finditer(body)]
    return shown + [value for value in values if value and value in body]


# -- sessions ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def app(server_settings):
    return create_app(server_settings, rate_limits=False)


def test_logout_revokes_the_session_on_the_server_so_a_copied_cookie_stops_working(app, server_settings):
    client = log_in(app.test_client(), server_settings, "researcher")
    copied = client.get_cookie("session").value
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert thief.get(MISSING_CASE).status_code == 404, "the copy works while the session lives"
    assert client.post("/logout", data={"csrf_token": _token(client, "/statistics")}).status_code == 302
    assert client.get(MISSING_CASE).status_code == 401
    replay = app.test_client()
    replay.set_cookie("session", copied)
    assert replay.get(MISSING_CASE).status_code == 401, "the copied cookie must not open the session after logout"
    assert thief.get(MISSING_CASE).status_code == 401


def test_sessions_are_kept_as_hashes_and_end_with_a_password_change(app, server_settings):
    client = log_in(app.test_client(), server_settings, "investigator")
    serializer = app.session_interface.get_signing_serializer(app)
    token = serializer.loads(client.get_cookie("session").value)["_user_id"]
    database = server_settings.home / "accounts.sqlite"
    with sqlite3.connect(database) as db:
        stored = [value for row in db.execute("SELECT * FROM sessions") for value in row]
    assert token not in map(str, stored), "the database holds a hash of the token, never the token"
    Accounts(database).set_password("test-investigator", TEST_PASSWORD)  # same password, new epoch
    assert client.get(MISSING_CASE).status_code == 401


def test_an_expired_session_is_refused(app, server_settings):
    client = log_in(app.test_client(), server_settings, "researcher")
    with sqlite3.connect(server_settings.home / "accounts.sqlite") as db:
        db.execute("UPDATE sessions SET expires_at = 0 WHERE name = 'test-researcher'")
    assert client.get(MISSING_CASE).status_code == 401


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(token=st.one_of(st.text(max_size=300), st.text(alphabet="0123456789abcdef-_", min_size=257, max_size=2500),
                       st.integers(), st.none(), st.lists(st.text(max_size=5), max_size=3)))
def test_a_forged_session_token_opens_nothing(app, token):
    """A cookie signed with the app's own key (the worst case: the key leaked) whose session id is
    anything but a live token is anonymous, never a 500."""
    client = app.test_client()
    client.set_cookie("session", app.session_interface.get_signing_serializer(app).dumps({"_user_id": token,
                                                                                           "_fresh": True}))
    response = client.get(MISSING_CASE)
    assert response.status_code == 401, response.get_data(as_text=True)[:300]


# -- Secure cookies ---------------------------------------------------------------------------

@pytest.mark.parametrize("host, secure_cookies, secure", [
    ("127.0.0.1", None, False), ("localhost", None, False), ("::1", None, False), ("127.0.0.2", None, False),
    ("0.0.0.0", None, True), ("::", None, True), ("192.168.1.20", None, True), ("netra.example.org", None, True),
    ("0.0.0.0", False, False), ("127.0.0.1", True, True),
])
def test_cookies_are_secure_unless_served_on_the_loopback(server_settings, host, secure_cookies, secure):
    app = create_app(server_settings, rate_limits=False, secure_cookies=secure_cookies, host=host)
    assert app.config["SESSION_COOKIE_SECURE"] is secure and app.config["REMEMBER_COOKIE_SECURE"] is secure


def test_the_session_cookie_is_sent_secure_off_the_loopback(server_settings):
    client = create_app(server_settings, rate_limits=False, host="0.0.0.0").test_client()
    accounts = Accounts(server_settings.home / "accounts.sqlite")
    if accounts.get("test-researcher") is None:
        accounts.add("test-researcher", TEST_PASSWORD, "researcher")
    response = client.post("/login", data={"name": "test-researcher", "password": TEST_PASSWORD,
                                           "csrf_token": _token(client)})
    cookie = next(value for value in response.headers.getlist("Set-Cookie") if value.startswith("session="))
    assert "; Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize("arguments, secure", [
    ([], False),
    (["--host", "0.0.0.0"], True),
    (["--host", "0.0.0.0", "--insecure-cookies"], False),
    (["--secure-cookies"], True),
    (["--host", "localhost"], False),
])
def test_serve_makes_cookies_secure_off_the_loopback(server_settings, monkeypatch, arguments, secure):
    from cli.commands import main

    served = {}
    monkeypatch.setattr("waitress.serve", lambda app, **options: served.update(app=app, **options))
    env = {name: None for name in os.environ if name.startswith(("NEO4J_", "NETRA_"))}
    env.update(TEST_SERVER_ENV, NETRA_HOME=str(server_settings.home))
    result = CliRunner().invoke(main, ["serve", "--port", str(free_port()), "--no-worker", *arguments], env=env)
    assert result.exit_code == 0, result.output
    assert served["app"].config["SESSION_COOKIE_SECURE"] is secure
    assert ("Session cookies are Secure" in result.output) is secure


# -- login throttled per account --------------------------------------------------------------

def test_failed_logins_are_throttled_per_account_from_any_address(server_settings):
    accounts = Accounts(server_settings.home / "accounts.sqlite")
    if accounts.get("throttled") is None:
        accounts.add("throttled", "throttled-password", "researcher")
    client = create_app(server_settings).test_client()
    token = _token(client)

    def attempt(name, password, address):
        return client.post("/login", data={"name": name, "password": password, "csrf_token": token},
                           environ_base={"REMOTE_ADDR": address}).status_code

    # One failure from each of 8 addresses: the per-address limit (10) is never reached.
    spellings = ["throttled", "THROTTLED", " throttled ", "Throttled\t", "throttled", "throttled", "throttled", "throttled"]
    statuses = [attempt(name, "wrong-password-1", f"10.0.{i}.1") for i, name in enumerate(spellings)]
    assert statuses[:5] == [401] * 5 and statuses[5:] == [429] * 3, statuses
    assert attempt("throttled", "throttled-password", "10.9.9.9") == 429, "even the right password waits"
    assert attempt("somebody-else", "wrong-password-1", "10.0.0.1") == 401, "other accounts are not locked"
    assert attempt("x" * 10_000, "wrong-password-1", "10.0.0.2") == 401


def test_successful_logins_do_not_count_against_the_account(server_settings):
    client = create_app(server_settings).test_client()
    accounts = Accounts(server_settings.home / "accounts.sqlite")
    if accounts.get("frequent") is None:
        accounts.add("frequent", "frequent-password", "researcher")
    for i in range(7):  # more than the 5 failures allowed, each from its own address
        response = client.post("/login", data={"name": "frequent", "password": "frequent-password",
                                               "csrf_token": _token(client)}, environ_base={"REMOTE_ADDR": f"10.1.{i}.1"})
        assert response.status_code == 302, i


# -- exports are rate limited -----------------------------------------------------------------

def test_exports_are_rate_limited_per_account(server_settings, graph):
    app = create_app(server_settings)
    researcher = log_in(app.test_client(), server_settings, "researcher")
    statuses = [researcher.get("/api/v1/export?format=jsonl", environ_base={"REMOTE_ADDR": f"10.2.{i}.1"}).status_code
                for i in range(11)]
    assert statuses == [200] * 10 + [429], statuses
    refused = researcher.get("/api/v1/export?format=csv", environ_base={"REMOTE_ADDR": "10.3.0.1"})
    assert refused.status_code == 429 and refused.get_json()["error"]["code"] == "too_many_requests"
    assert int(refused.headers["Retry-After"]) >= 1
    other = log_in(app.test_client(), server_settings, "investigator")
    assert other.get("/api/v1/export?format=jsonl").status_code == 200, "another account has its own count"


# -- what the public is not shown -------------------------------------------------------------

def _unreachable(settings, tmp_path, how):
    if how == "external":
        return dataclasses.replace(settings, home=tmp_path / "home", neo4j_uri="bolt://127.0.0.1:1",
                                   neo4j_password="not-the-password")
    return dataclasses.replace(settings, home=tmp_path / "home", neo4j_uri=None)  # no local server there


@pytest.mark.parametrize("how", ["external", "local"])
def test_database_outages_do_not_show_the_public_where_the_database_or_data_is(server_settings, tmp_path, how):
    settings = _unreachable(server_settings, tmp_path, how)
    app = create_app(settings, rate_limits=False)
    client = app.test_client()
    for url in ("/healthz", "/", "/?q=pasal", f"/regulations/{REGULATION}", "/provisions/x", "/statistics",
                "/api/v1/search?q=pasal", f"/api/v1/regulations/{REGULATION}", "/api/v1/statistics"):
        response = client.get(url)
        body = response.get_data(as_text=True)
        assert response.status_code == 503, (url, response.status_code, body[:300])
        assert not _hidden(body, str(settings.home), str(tmp_path), "127.0.0.1:1"), (url, body[:500])
    page = client.get("/").get_data(as_text=True)
    assert "netra db start" in page, "the public still learns what the operator should do"
    assert client.get("/healthz").get_json()["status"] == "unavailable"
    admin = log_in(app.test_client(), settings, "admin")
    error = admin.get("/healthz").get_json()["error"]
    assert ("bolt://127.0.0.1:1" if how == "external" else str(settings.home)) in error, "admins see where"


def test_regulation_pages_do_not_show_the_public_the_source_file_path(server_settings, graph):
    from ingest.regulation_pipeline import ingest

    ingest([str(REGULATION_FILE)], graph, show_progress=False)
    app = create_app(server_settings, rate_limits=False)
    folder = str(REGULATION_FILE.parent)
    for client in (app.test_client(), log_in(app.test_client(), server_settings, "investigator")):
        page = client.get(f"/regulations/{REGULATION}")
        assert page.status_code == 200
        body = page.get_data(as_text=True)
        assert not _hidden(body, folder, str(REPO), str(server_settings.home)), body
        assert REGULATION_FILE.name in body, "the file's name is shown, not where it is"
        document = client.get(f"/api/v1/regulations/{REGULATION}").get_json()["document"]
        assert "path" not in document and document["name"] == REGULATION_FILE.name
        assert not _hidden(str(document), folder, str(REPO))
    admin = log_in(app.test_client(), server_settings, "admin")
    assert str(REGULATION_FILE) in admin.get(f"/regulations/{REGULATION}").get_data(as_text=True)
    assert admin.get(f"/api/v1/regulations/{REGULATION}").get_json()["document"]["path"] == str(REGULATION_FILE)


def test_public_pages_and_api_show_no_server_detail(server_settings, graph):
    from ingest.regulation_pipeline import ingest

    ingest([str(REGULATION_FILE)], graph, show_progress=False)
    provision = graph.read("MATCH (p:Provision {regulation_id: $id}) RETURN p.id AS id LIMIT 1", id=REGULATION)[0]["id"]
    client = create_app(server_settings, rate_limits=False).test_client()
    for url in ("/", "/?q=pasal&mode=keyword", f"/regulations/{REGULATION}", f"/provisions/{provision}", "/statistics",
                "/report", "/login", "/healthz", f"/api/v1/regulations/{REGULATION}",
                f"/api/v1/provisions/{provision}", "/api/v1/search?q=pasal&mode=keyword", "/api/v1/statistics",
                "/regulations/%2Fetc%2Fpasswd", "/provisions/..%2F..%2Fetc%2Fpasswd"):
        response = client.get(url)
        assert response.status_code < 500, url
        body = response.get_data(as_text=True)
        assert not _hidden(body, str(REGULATION_FILE.parent), str(REPO), str(server_settings.home),
                           graph.connection.uri), (url, body[:500])


def test_error_messages_lose_paths_and_uris_for_everyone_but_admins():
    from web.accounts import ANONYMOUS, User
    from web.errors import public_text

    message = ("Cannot reach Neo4j at neo4j://db.internal:7687 (bolt+s://x:1); the index at /srv/netra/index "
               "and ~/models/e5 are missing. No regulation uu/2014/5.")
    for user in (ANONYMOUS, User("r", "researcher"), User("i", "investigator")):
        shown = public_text(message, user)
        assert not _hidden(shown, "db.internal", "/srv/netra", "~/models"), shown
        assert "uu/2014/5" in shown
    assert public_text(message, User("a", "admin")) == message


@hypothesis_settings(max_examples=200, deadline=1000)
@given(st.text(alphabet=st.sampled_from(list("/:~.-+ab1 \t\\@")), max_size=20_000))
def test_scrubbing_error_messages_is_linear_on_hostile_text(message):
    from web.accounts import ANONYMOUS
    from web.errors import public_text

    public_text(message, ANONYMOUS)  # the deadline (1 s for 20,000 characters) is the test


# -- hostile login forms ----------------------------------------------------------------------

@hypothesis_settings(max_examples=80, deadline=None)
@given(name=st.one_of(st.text(max_size=200), st.text(min_size=5000, max_size=20_000), st.just("\x00admin"),
                      st.just("' OR 1=1 --"), st.just("../../etc/passwd")),
       password=st.text(max_size=2000))
def test_hostile_login_forms_are_refused_cleanly(app, name, password):
    client = app.test_client()
    response = client.post("/login", data={"name": name, "password": password, "csrf_token": _token(client)})
    assert response.status_code in (400, 401), (response.status_code, response.get_data(as_text=True)[:300])
    assert client.get(MISSING_CASE).status_code == 401


@pytest.mark.parametrize("token", ["", "x" * 10_000, "\x00", "<script>", "Ig.forged.signature"])
def test_forged_csrf_tokens_are_refused(app, token):
    client = app.test_client()
    _token(client)  # the session has a token of its own
    for data, headers in (({"csrf_token": token}, {}), ({}, {"X-CSRFToken": token}), ({}, {"X-CSRF-Token": token})):
        response = client.post("/login", data={"name": "x", "password": "y", **data}, headers=headers)
        assert response.status_code == 400 and "Formulir kedaluwarsa" in response.get_data(as_text=True), token
