"""Login, roles, CSRF, security headers, rate limits, the audit log, public reports and triage,
through Flask's test client against the test Neo4j server and the hand-written case fixtures."""

import io
import re

import pytest

from case_fixtures import NIP, write_documents
from conftest import log_in
from web import create_app
from web.accounts import Accounts
from web.audit import AuditLog
from web.auth import AUDITED, REQUIRED_ROLE
from web.security import CONTENT_SECURITY_POLICY
from paths import REPO

pytestmark = pytest.mark.neo4j

CASE = "case:t001"
PERSON_NAME = "Kurniawan Fiktifsyah"
REPORT = ("Pada 3 Oktober 2024, Kepala Dinas Pendidikan Kota Solok, Drs. Kurniawan Fiktifsyah, M.Si., "
          "menghadiri deklarasi pasangan calon Wali Kota Solok nomor urut 2 dan mengunggah fotonya di Facebook.")


@pytest.fixture(scope="module")
def app(session_graph, server_settings, tmp_path_factory):
    from graph.schema import wipe
    from ingest.case_pipeline import ingest_cases

    wipe(session_graph)
    folder = write_documents(tmp_path_factory.mktemp("auth-cases") / "docs")
    assert ingest_cases([str(folder)], session_graph, show_progress=False).count("failed") == 0
    return create_app(server_settings, rate_limits=False)  # one address logs in many times here


@pytest.fixture
def anonymous(app):
    return app.test_client()


@pytest.fixture
def as_role(app, server_settings):
    return lambda role: log_in(app.test_client(), server_settings, role)


def _token(client, url="/login"):
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def _audit(settings):
    return AuditLog(settings.home / "audit.sqlite")


# -- who may see what -------------------------------------------------------------------------

def test_every_endpoint_says_which_role_it_needs(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert not endpoints - REQUIRED_ROLE.keys(), "add these endpoints to web.auth.REQUIRED_ROLE"
    assert not REQUIRED_ROLE.keys() - endpoints, "these entries of web.auth.REQUIRED_ROLE name no endpoint"
    assert not AUDITED.keys() - endpoints


def test_the_public_cannot_search_cases(anonymous, as_role):
    for kind in ("case", "all"):
        assert anonymous.get(f"/api/v1/search?q=kampanye&type={kind}&mode=keyword").status_code == 403
        assert anonymous.get(f"/?q=kampanye&type={kind}&mode=keyword").status_code == 403


def test_the_public_sees_law_and_statistics_but_no_case(anonymous):
    assert anonymous.get("/statistics").status_code == 200
    assert anonymous.get("/api/v1/statistics").get_json()["total"] == 3
    page = anonymous.get(f"/cases/{CASE}")
    assert page.status_code == 302 and page.headers["Location"].startswith("/login?next=/cases/")
    api = anonymous.get(f"/api/v1/cases/{CASE}")
    assert api.status_code == 401 and api.get_json()["error"]["code"] == "login_required"
    for url in (f"/entities/{NIP}", f"/api/v1/entities/{NIP}", "/api/v1/trace?a=x&b=y", "/triage",
                "/api/v1/export", "/admin/audit"):
        assert anonymous.get(url).status_code in (302, 401), url


def test_a_researcher_sees_cases_without_names_or_nips(as_role):
    researcher = as_role("researcher")
    body = researcher.get(f"/api/v1/cases/{CASE}").get_data(as_text=True)
    assert NIP not in body and "Fiktifsyah" not in body and "Kurniawan" not in body
    people = researcher.get(f"/api/v1/cases/{CASE}").get_json()["people"]
    pseudonym = next(p["id"] for p in people if p["respondent"])
    assert pseudonym.startswith("person:anon-")
    page = researcher.get(f"/entities/{pseudonym}")
    assert page.status_code == 200 and "Fiktifsyah" not in page.get_data(as_text=True)
    assert researcher.get(f"/entities/person:{NIP}").status_code == 404, "the real id must not open a profile"
    assert researcher.get(f"/entities/{PERSON_NAME}").status_code == 404, "nor a name"
    assert researcher.get("/api/v1/trace?a=x&b=y").status_code == 403


def test_an_investigator_sees_everything(as_role):
    investigator = as_role("investigator")
    body = investigator.get(f"/api/v1/cases/{CASE}").get_data(as_text=True)
    assert NIP in body and PERSON_NAME in body
    assert investigator.get(f"/entities/{NIP}").status_code == 200
    assert investigator.get("/admin/audit").status_code == 403


def test_views_of_cases_and_people_and_exports_are_audited(as_role, server_settings):
    investigator = as_role("investigator")
    investigator.get(f"/cases/{CASE}")
    investigator.get(f"/api/v1/entities/{NIP}")
    investigator.get("/api/v1/export?format=jsonl")
    entries = _audit(server_settings).entries(actor="test-investigator", limit=5)
    assert [(e.action, e.subject) for e in entries[:3]] == [("export", ""), ("view_entity", NIP), ("view_case", CASE)]
    admin = as_role("admin")
    assert "view_case" in admin.get("/admin/audit").get_data(as_text=True)
    assert _audit(server_settings).verify() is None


# -- login, sessions, CSRF --------------------------------------------------------------------

def test_a_wrong_password_is_refused_and_logged(anonymous, server_settings):
    log_in(anonymous.application.test_client(), server_settings, "researcher")  # the account exists
    response = anonymous.post("/login", data={"name": "test-researcher", "password": "wrong-password-1",
                                              "csrf_token": _token(anonymous)})
    assert response.status_code == 401 and "salah" in response.get_data(as_text=True)
    assert _audit(server_settings).entries(limit=1)[0].action == "login_failed"


def test_login_only_redirects_within_the_site(anonymous, server_settings):
    log_in(anonymous.application.test_client(), server_settings, "researcher")
    for target, expected in (("/cases/case:t001", "/cases/case:t001"), ("//evil.example/x", "/"),
                             ("https://evil.example/", "/"), ("/\\evil.example", "/")):
        client = anonymous.application.test_client()
        response = client.post("/login", data={"name": "test-researcher", "password": "test-password-123",
                                               "next": target, "csrf_token": _token(client)})
        assert response.headers["Location"] == expected, target


def test_forms_without_the_csrf_token_are_refused(as_role, anonymous):
    assert anonymous.post("/login", data={"name": "x", "password": "y"}).status_code == 400
    investigator = as_role("investigator")
    assert investigator.post("/logout").status_code == 400
    assert investigator.post("/logout", data={"csrf_token": "forged"}).status_code == 400
    assert investigator.get(f"/api/v1/cases/{CASE}").status_code == 200, "still logged in"
    investigator.post("/logout", data={"csrf_token": _token(investigator, "/statistics")})
    assert investigator.get(f"/api/v1/cases/{CASE}").status_code == 401


def test_a_role_change_ends_the_sessions_of_that_account(as_role, server_settings):
    accounts = Accounts(server_settings.home / "accounts.sqlite")
    accounts.add("temporary", "temporary-password", "investigator")
    client = as_role("researcher")
    form = client.application.test_client()
    form.post("/login", data={"name": "temporary", "password": "temporary-password", "csrf_token": _token(form)})
    assert form.get(f"/api/v1/cases/{CASE}").status_code == 200
    accounts.set_role("temporary", "researcher")
    assert form.get(f"/api/v1/cases/{CASE}").status_code == 401
    accounts.remove("temporary")


def test_the_session_cookie_is_http_only_and_same_site(anonymous, server_settings):
    log_in(anonymous, server_settings, "researcher")
    cookie = anonymous.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax"


# -- headers and rate limits ------------------------------------------------------------------

def test_every_response_carries_the_security_headers(anonymous, as_role):
    response = anonymous.get("/")
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY and "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff" and response.headers["X-Frame-Options"] == "DENY"
    assert as_role("investigator").get(f"/cases/{CASE}").headers["Cache-Control"] == "no-store"


def test_no_template_has_inline_script_or_event_handlers():
    from pathlib import Path

    for template in (REPO / "web" / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", text)
        assert not scripts, f"{template.name}: inline script {scripts}"
        assert not re.search(r"\son[a-z]+\s*=", text), f"{template.name}: inline event handler"


def test_login_attempts_are_rate_limited(server_settings):
    """Per address: 10 in 5 minutes, whichever accounts they name (the per-account limit, 5 failures
    per account, is in test_sessions.py)."""
    client = create_app(server_settings).test_client()
    token = _token(client)
    statuses = [client.post("/login", data={"name": f"nobody-{i}", "password": "wrong-password-1",
                                            "csrf_token": token}).status_code for i in range(11)]
    assert statuses[:10] == [401] * 10 and statuses[10] == 429
    assert 1 <= int(client.post("/login", data={"name": "x", "csrf_token": token}).headers["Retry-After"]) <= 300


# -- public reports and triage ----------------------------------------------------------------

def _submit(client, **extra):
    data = {"csrf_token": _token(client, "/report"), "what": REPORT, "who": f"{PERSON_NAME}, Kadisdik Kota Solok",
            "where": "Kota Solok", "when": "2024-10-03", "links": "https://example.org/post/1",
            "reporter_name": "Warga Fiktif", "reporter_contact": "warga.fiktif@example.org", **extra}
    return client.post("/report", data=data, content_type="multipart/form-data")


def test_a_public_report_becomes_a_submitted_case_without_personal_data(app, anonymous, session_graph, as_role):
    response = _submit(anonymous, evidence=[(io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "bukti.pdf"),
                                            (io.BytesIO("catatan saksi".encode()), "catatan.txt")])
    assert response.status_code == 201
    report_id = re.search(r"r\d{8}-[0-9a-f]{8}", response.get_data(as_text=True)).group(0)
    app.extensions["netra"].queue.drain()  # the worker's part (web/jobs.py, tests/web/test_report_queue.py)
    case = session_graph.read("MATCH (c:Case {id: $id}) RETURN c {.*} AS c", id=f"case:{report_id}")[0]["c"]
    assert case["stage"] == "submitted" and case["triage"] == "pending"
    stored = str(case)
    assert "warga" not in stored.lower() and "Fiktifsyah" not in stored
    investigator = as_role("investigator")
    detail = investigator.get(f"/triage/{report_id}").get_data(as_text=True)
    assert "warga.fiktif@example.org" in detail and PERSON_NAME in detail, "the reporter and the suggestion"
    download = investigator.get(f"/triage/{report_id}/evidence/1")
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.headers["Content-Type"] == "application/octet-stream"
    assert as_role("researcher").get(f"/triage/{report_id}").status_code == 403


@pytest.mark.parametrize("name, data, message", [
    ("evil.exe", b"MZ\x90\x00\x03", "bukan PDF"),
    ("photo.png", b"%PDF-1.4 a pdf named png", "bukan PDF"),
    ("empty.pdf", b"", "kosong"),
    ("../../etc/passwd.txt", b"\x00\x01binary", "bukan PDF"),
])
def test_uploads_are_checked_by_their_content(anonymous, name, data, message):
    response = _submit(anonymous, evidence=[(io.BytesIO(data), name)])
    assert response.status_code == 400 and message in response.get_data(as_text=True)


def test_a_report_form_with_problems_says_what_to_fix(anonymous):
    assert "20 karakter" in _submit(anonymous, what="pendek").get_data(as_text=True)
    assert "masa depan" in _submit(anonymous, when="2999-01-01").get_data(as_text=True)
    too_big = _submit(anonymous, evidence=[(io.BytesIO(b"x" * (27 * 2**20)), "big.txt")])
    assert too_big.status_code == 413


def _report_id(client):
    return re.search(r"r\d{8}-[0-9a-f]{8}", _submit(client).get_data(as_text=True)).group(0)


def test_triage_accepts_merges_or_rejects_with_a_reason(anonymous, as_role, session_graph, server_settings):
    investigator = as_role("investigator")
    accepted, merged, rejected = (_report_id(anonymous) for _ in range(3))

    def decide(report_id, **form):
        return investigator.post(f"/triage/{report_id}", data={"csrf_token": _token(investigator, "/triage"), **form})

    assert decide(accepted, action="accept").status_code == 302
    case = session_graph.read("MATCH (c:Case {id: $id}) RETURN c.stage AS stage, c.triage AS triage",
                              id=f"case:{accepted}")[0]
    assert case == {"stage": "laporan", "triage": "accepted"}
    assert decide(merged, action="merge", case_id="case:nope").status_code == 400
    assert decide(merged, action="merge", case_id="t001").status_code == 302
    documents = session_graph.read("MATCH (d:Document)-[:ABOUT]->(:Case {id: 't001'}) RETURN d.id AS id")
    documents += session_graph.read("MATCH (d:Document)-[:ABOUT]->(:Case {id: 'case:t001'}) RETURN d.id AS id")
    assert any(merged in row["id"] for row in documents)
    assert decide(rejected, action="reject", reason="").status_code == 400
    assert decide(rejected, action="reject", reason="Bukan ASN").status_code == 302
    assert decide(rejected, action="accept").status_code == 400, "decided once"
    actions = [e.action for e in _audit(server_settings).entries(actor="test-investigator", limit=20)]
    assert {"report_accept", "report_merge", "report_reject"} <= set(actions)
