"""The alerts page (/alerts) and GET /api/v1/alerts (web/alerts.py) on the hand-built graph of
tests/alert_fixtures.py: who may see them, the evidence and its links, filters and pages in both
languages, marking seen and dismissing (CSRF, reason required, audited), and hostile input."""

import json
import re
from dataclasses import replace
from datetime import datetime, timezone
from urllib.parse import quote

import pytest

from case_app_fixtures import page_of

from alert_fixtures import ANI, ANI_NIP, BUDI, EXPECTED, FULL_NAMES, TODAY, write_alert_graph
from conftest import log_in
from graph.alerts import alert_id, evaluate_alerts, get_alert
from graph.db import connection_for
from web import create_app
from web.api import OPENAPI
from web.audit import AuditLog

pytestmark = pytest.mark.neo4j

TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"/")
T0 = datetime(2024, 12, 15, 8, 0, tzinfo=timezone.utc)
ANI_REPEAT = alert_id("repeat_respondent", ANI)
K1_STALLED = alert_id("stalled_sanction", "case:k1")


@pytest.fixture(scope="module")
def settings(server_settings, session_graph, tmp_path_factory):
    """The session's graph with a data directory of this module's own (accounts, audit log)."""
    connection = connection_for(server_settings)
    return replace(server_settings, home=tmp_path_factory.mktemp("alerts-web") / "home", neo4j_uri=connection.uri,
                   neo4j_user=connection.user, neo4j_password=connection.password)


@pytest.fixture(scope="module")
def app(settings):
    return create_app(settings, rate_limits=False)


@pytest.fixture
def fresh(session_graph):
    """The alert graph, evaluated on the fixture's day: every alert new."""
    write_alert_graph(session_graph)
    evaluate_alerts(session_graph, decision_days=30, today=TODAY, now=T0)
    return session_graph


@pytest.fixture(scope="module")
def investigator(app, settings):
    return log_in(app.test_client(), settings, "investigator")


@pytest.fixture(scope="module")
def admin(app, settings):
    return log_in(app.test_client(), settings, "admin")


@pytest.fixture(scope="module")
def researcher(app, settings):
    return log_in(app.test_client(), settings, "researcher")


def _token(client) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page_of(client, "/alerts")).group(1)


def _post(client, url, **form):
    return client.post(url, data={"csrf_token": _token(client), **form})


def _audit(settings, action):
    return [entry for entry in AuditLog.for_settings(settings).entries(limit=200) if entry.action == action]


# -- who may see them -----------------------------------------------------------------------------

def test_anonymous_visitors_and_researchers_are_refused(app, fresh, researcher):
    anonymous = app.test_client()
    assert anonymous.get("/alerts").status_code == 302  # to the login form
    assert "/login" in anonymous.get("/alerts").headers["Location"]
    assert anonymous.get("/api/v1/alerts").status_code == 401
    assert anonymous.post(f"/alerts/{ANI_REPEAT}/seen").status_code == 400  # no CSRF token: refused first
    assert researcher.get("/alerts").status_code == 403
    assert researcher.get("/api/v1/alerts").status_code == 403
    body = researcher.get("/api/v1/alerts").get_data(as_text=True)
    assert not any(name in body for name in FULL_NAMES) and ANI_NIP not in body
    token = re.search(r'name="csrf_token" value="([^"]+)"', page_of(researcher, "/")).group(1)
    assert researcher.post(f"/alerts/{ANI_REPEAT}/seen", data={"csrf_token": token}).status_code == 403
    dismissing = researcher.post(f"/alerts/{ANI_REPEAT}/dismiss", data={"csrf_token": token, "reason": "x"})
    assert dismissing.status_code == 403
    assert get_alert(fresh, ANI_REPEAT).state == "new"


def test_the_nav_links_the_page_for_investigators_only(investigator, researcher, fresh):
    assert 'href="/alerts"' in page_of(investigator, "/alerts")
    assert 'href="/alerts"' not in page_of(researcher, "/")


# -- the page ------------------------------------------------------------------------------------

def test_the_page_lists_open_alerts_with_their_evidence_and_links(investigator, fresh, settings):
    html = page_of(investigator, "/alerts?lang=id")
    assert html.count('<article class="alert alert-new"') == len(EXPECTED)
    assert "6 peringatan, yang terbaru lebih dahulu." in html
    # a family tie: both people, the election, the cases, the sentence and its document
    assert f'href="/entities/{ANI}"' in html and f'href="/entities/{BUDI}"' in html and ANI_NIP in html
    assert 'href="/entities/election:pilkada-2024-kota-uji"' in html and 'href="/cases/case:k2"' in html
    assert "Ani Percobaan merupakan adik kandung calon Budi Calonuji." in html and "Temuan k1" in html
    # the employment tie says which office, and where its PPK was addressed
    assert "calon menjabat Wali Kota Uji, PPK yang dituju sanksinya dalam kasus" in html
    # the stalled sanction: its day and the days it waited
    assert "Sanksi direkomendasikan pada 1 November 2024 dalam kasus" in html and "batas 30 hari" in html
    assert _audit(settings, "view_alerts")


def test_the_page_reads_in_english(investigator, fresh):
    html = page_of(investigator, "/alerts?lang=en")
    assert "<h1>Alerts</h1>" in html and "6 alerts, newest first." in html
    for text in ("Civil servant tied to a candidate in the same election", "Civil servant in two or more cases",
                 "Sanction recommended, no decision", "Mark as seen", "Reason for dismissing", "family",
                 "employment", "Sanction recommended on 1 November 2024 in case"):
        assert text in html, text
    for indonesian in ("Tandai sudah dilihat", "Pemilihan yang sama", "Alasan mengabaikan", "keluarga"):
        assert indonesian not in html, indonesian
    page_of(investigator, "/alerts?lang=id")  # back to Indonesian for the other tests


def test_filters_count_and_page(investigator, fresh):
    html = page_of(investigator, "/alerts?pattern=stalled_sanction")
    assert html.count('<article class="alert') == 2 and "2 peringatan" in html
    assert re.search(r'pattern=stalled_sanction[^"]*" aria-current="true"', html)
    assert "Tidak ada peringatan dengan saringan ini." in page_of(investigator, "/alerts?state=dismissed")


def test_later_pages_start_after_the_last_alert_of_the_page_before(investigator, fresh):
    first = investigator.get("/api/v1/alerts?state=all&page_size=4").get_json()
    assert first["next"] and first["after"] is None and len(first["alerts"]) == 4
    later = investigator.get(f"/api/v1/alerts?state=all&page_size=4&after={quote(first['next'])}").get_json()
    assert len(later["alerts"]) == 2 and later["next"] is None
    assert {a["id"] for a in first["alerts"]} | {a["id"] for a in later["alerts"]} == \
        {alert_id(pattern, key) for key, pattern in EXPECTED.items()}
    html = page_of(investigator, f"/alerts?state=all&after={quote(first['next'])}")
    assert html.count('<article class="alert') == 2 and "Yang terbaru" in html and "Lebih lama" not in html


# -- marking seen and dismissing -------------------------------------------------------------------

def test_mark_seen_goes_back_to_the_list_and_is_audited(investigator, fresh, settings):
    response = _post(investigator, f"/alerts/{ANI_REPEAT}/seen", back_pattern="repeat_respondent", back_state="open")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/alerts?pattern=repeat_respondent&state=open#{ANI_REPEAT}")
    hostile = _post(investigator, f"/alerts/{K1_STALLED}/seen", back_pattern="x", back_after="' OR 1=1")
    assert hostile.headers["Location"].endswith(f"/alerts?state=open#{K1_STALLED}")  # bad filters: the defaults
    alert = get_alert(fresh, ANI_REPEAT)
    assert alert.state == "seen" and alert.seen_by == "test-investigator"
    assert ("test-investigator", ANI_REPEAT, "repeat_respondent") in \
        [(e.actor, e.subject, e.detail) for e in _audit(settings, "alert_seen")]
    html = page_of(investigator, "/alerts")
    assert "dilihat oleh test-investigator" in html
    again = _post(investigator, f"/alerts/{ANI_REPEAT}/seen")
    assert again.status_code == 400 and "sudah diputuskan atau tidak berlaku lagi" in again.get_data(as_text=True)


def test_dismissing_needs_a_reason_and_keeps_it(admin, fresh, settings):
    missing = _post(admin, f"/alerts/{K1_STALLED}/dismiss", reason="   ")
    assert missing.status_code == 400
    assert "Tuliskan alasan mengabaikan peringatan ini." in missing.get_data(as_text=True)
    too_long = _post(admin, f"/alerts/{K1_STALLED}/dismiss", reason="x" * 501)
    assert too_long.status_code == 400 and "paling banyak 500 karakter" in too_long.get_data(as_text=True)
    assert get_alert(fresh, K1_STALLED).state == "new"
    done = _post(admin, f"/alerts/{K1_STALLED}/dismiss", reason="PPK sudah memutus;\n salinan <b>keputusan</b> diminta")
    assert done.status_code == 302
    alert = get_alert(fresh, K1_STALLED)
    assert alert.state == "dismissed" and alert.reason == "PPK sudah memutus; salinan <b>keputusan</b> diminta"
    entry = _audit(settings, "alert_dismiss")[0]
    assert (entry.actor, entry.subject) == ("test-admin", K1_STALLED) and "PPK sudah memutus" in entry.detail
    html = page_of(admin, "/alerts?state=dismissed")
    assert "salinan &lt;b&gt;keputusan&lt;/b&gt; diminta" in html and "<b>keputusan</b>" not in html
    assert 'action="/alerts/%s/dismiss"' % K1_STALLED not in html  # no buttons on a dismissed alert


def test_a_verdict_without_a_csrf_token_or_on_an_unknown_alert_is_refused(investigator, fresh):
    assert investigator.post(f"/alerts/{ANI_REPEAT}/seen").status_code == 400
    assert get_alert(fresh, ANI_REPEAT).state == "new"
    unknown = _post(investigator, "/alerts/alert-000000000000/seen")
    assert unknown.status_code == 404 and "Tidak ada peringatan alert-000000000000." in unknown.get_data(as_text=True)


# -- JSON ----------------------------------------------------------------------------------------

def test_the_api_lists_alerts_as_openapi_says(investigator, fresh):
    body = investigator.get("/api/v1/alerts?state=all&page_size=2").get_json()
    schema = OPENAPI["components"]["schemas"]["Alerts"]
    assert set(schema["required"]) <= set(body) and body["total"] == 6 and body["next"]
    assert len(body["alerts"]) == 2 and body["counts"]["patterns"] == {"candidate_tie": 3, "repeat_respondent": 1,
                                                                         "stalled_sanction": 2}
    item = schema["properties"]["alerts"]["items"]
    for alert in body["alerts"]:
        assert set(item["required"]) <= set(alert) and set(alert) <= set(item["properties"])
    stalled = investigator.get("/api/v1/alerts?pattern=stalled_sanction").get_json()["alerts"]
    assert {a["key"] for a in stalled} == {"case:k1", "case:k5"}
    k1 = next(a for a in stalled if a["key"] == "case:k1")
    assert k1["evidence"]["sanctions"][0]["document_id"] == "casedoc:k1-rekomendasi"
    assert k1["subject"] == {"id": "case:k1", "label": "Case", "name": "K1/Reg/TM/PW/Kota/2024"}
    assert set(OPENAPI["paths"]["/alerts"]["get"]["parameters"][1]["schema"]["enum"]) == \
        {"open", "new", "seen", "dismissed", "resolved", "all"}


@pytest.mark.parametrize("query, name", [("pattern=%27%20OR%201%3D1", "pattern"), ("state=baru", "state"),
                                         ("after=2", "after"), ("after=%27%7C%20OR%201%3D1", "after"),
                                         ("page_size=0", "page_size"), ("page_size=%C2%B2", "page_size"),
                                         ("page_size=999", "page_size"), ("pattern=" + "x" * 400, "pattern")])
def test_bad_filters_are_400s_naming_the_parameter(investigator, fresh, query, name):
    api = investigator.get(f"/api/v1/alerts?{query}")
    assert api.status_code == 400 and api.get_json()["error"]["message"].startswith(name)
    page = investigator.get(f"/alerts?{query}")
    assert page.status_code == 400 and not TRACEBACK.search(page.get_data(as_text=True))


@pytest.mark.parametrize("alert", ["x" * 5000, "') MATCH (n) DETACH DELETE n //", "\u202e\ufeff😀", "%00",
                                   "..%2F..%2Fetc"])
def test_hostile_alert_ids_are_404s(investigator, fresh, alert):
    for action in ("seen", "dismiss"):
        response = _post(investigator, f"/alerts/{quote(alert, safe='%')}/{action}", reason="alasan")
        # 308: Werkzeug merges the "//" of a path into one first
        assert response.status_code in (404, 308), response.get_data(as_text=True)[:300]
        assert not TRACEBACK.search(response.get_data(as_text=True))
    rows = fresh.read("MATCH (a:Alert) RETURN a.state AS state")
    assert len(rows) == len(EXPECTED) and {row["state"] for row in rows} == {"new"}


def test_the_api_shows_investigators_names_unmasked(investigator, fresh):
    text = json.dumps(investigator.get("/api/v1/alerts?state=all").get_json(), ensure_ascii=False)
    assert "Ani Percobaan" in text and ANI_NIP in text
