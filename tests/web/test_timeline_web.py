"""Timelines on the case and entity pages and at /api/v1/cases/<id>/timeline and
/api/v1/entities/<id>/timeline: order, undated events, every kind of entity, roles and masking,
unknown and hostile ids (tests/timeline_fixtures.py)."""

import re
from urllib.parse import quote

import pytest

from case_app_fixtures import json_of, page_of

from case_fixtures import NIP
from conftest import log_in
from timeline_fixtures import BAWASLU, ELECTION, FULL_NAMES, NIPS, REGISTER_NIP, load_timeline_corpus
from web import create_app

pytestmark = pytest.mark.neo4j

TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"/")


@pytest.fixture(scope="module")
def app(session_graph, server_settings, tmp_path_factory):
    load_timeline_corpus(session_graph, tmp_path_factory.mktemp("timeline-web") / "docs")
    return create_app(server_settings, rate_limits=False)


@pytest.fixture(scope="module")
def investigator(app, server_settings):
    return log_in(app.test_client(), server_settings, "investigator")


@pytest.fixture(scope="module")
def researcher(app, server_settings):
    return log_in(app.test_client(), server_settings, "researcher")


def _section(html: str) -> str:
    start = html.index('<section id="timeline"')
    return html[start:html.index("</section>", start)]


def _sorted(events) -> bool:
    dates = [event["date"] for event in events]
    dated = [date for date in dates if date]
    return dates == dated + [None] * (len(dates) - len(dated)) and dated == sorted(dated)


# -- JSON -----------------------------------------------------------------------------------------

def test_case_timeline_json_is_sorted_with_documents_and_evidence(investigator):
    body = json_of(investigator, "/api/v1/cases/case:r001/timeline")
    assert body["id"] == "case:r001" and body["label"] == "Case" and body["total"] == body["shown"] > 5
    assert body["more"] == 0 and body["undated"] == 0 and _sorted(body["events"])
    conduct = body["events"][0]
    assert conduct["type"] == "conduct" and conduct["detail"] == "kampanye melalui media sosial"  # the act in words
    assert all(event["document"]["id"] == "register:docs/register.jsonl" and event["sentence"]
               for event in body["events"])
    assert body["types"]["sanction"] == {"indonesian": "Sanksi", "english": "Sanction"}
    assert body["types"]["SUPPORTED"] == {"indonesian": "mendukung", "english": "supported"}
    assert set(body["types"]) == {event["type"] for event in body["events"]}
    assert json_of(investigator, "/api/v1/cases/r001/timeline") == body  # the id without "case:"


def test_undated_events_are_last_in_the_json(investigator):
    body = json_of(investigator, "/api/v1/cases/t001/timeline")
    assert _sorted(body["events"]) and body["undated"] == 1
    assert body["events"][-1]["type"] == "temuan" and body["events"][-1]["dated_by"] is None
    assert all(event["dated_by"] for event in body["events"][:-1])


@pytest.mark.parametrize("entity, label, expected", [
    (NIP, "Person", {"SUPPORTED", "rekomendasi", "sanction", "temuan"}),
    (f"person:{REGISTER_NIP}", "Person", {"conduct", "laporan", "keputusan_ppk", "sanction"}),
    (BAWASLU, "Agency", {"laporan", "kajian", "temuan", "named_in_report"}),
    ("Bawaslu Kota Solok", "Agency", {"named_in_report"}),
    (ELECTION, "Election", {"conduct", "SUPPORTED", "sanction"}),
    ("Pilkada 2024 Kota Solok", "Election", {"rekomendasi"}),
])
def test_entity_timeline_json_for_each_kind(investigator, entity, label, expected):
    body = json_of(investigator, f"/api/v1/entities/{quote(entity)}/timeline")
    assert body["label"] == label and expected <= {event["type"] for event in body["events"]}
    assert _sorted(body["events"]) and body["total"] == body["shown"]


# -- pages ----------------------------------------------------------------------------------------

def test_case_page_draws_the_timeline_by_year_with_types_documents_and_evidence(investigator):
    section = _section(page_of(investigator, "/cases/case:r001?lang=id"))
    assert '<ol class="time-axis">' in section and '<time datetime="2024">2024</time>' in section
    dates = re.findall(r'<li class="event [^"]+">\s*<p class="event-head">\s*<time datetime="([\d-]+)">', section)
    assert dates == sorted(dates) and len(dates) > 5
    assert "Perbuatan" in section and "Sanksi" in section and "Laporan" in section and "Keputusan PPK" in section
    assert "kampanye melalui media sosial" in section and "tanggal menurut register" in section
    assert "Register kasus" in section  # a register has no title: its kind, not its id, names it
    assert 'href="/api/v1/cases/case:r001/timeline"' in section
    # the register's line is the evidence of every step: shown once, then pointed back to
    assert section.count('<q class="evidence">') == 1 and "Bukti sama dengan peristiwa di atas." in section
    english = _section(page_of(investigator, "/cases/case:r001?lang=en"))
    assert "<h2 id=\"timeline-heading\">Timeline</h2>" in english and "Conduct" in english
    assert "PPK decision" in english and "the register&#39;s date" in english
    page_of(investigator, "/cases/case:r001?lang=id")


def test_undated_events_are_listed_after_the_axis_and_marked(investigator):
    section = _section(page_of(investigator, "/cases/case:t001"))
    undated = section[section.index("Tanpa tanggal"):]
    assert section.index('<ol class="time-axis">') < section.index("Tanpa tanggal")
    assert "TEMUAN BAWASLU KOTA SOLOK" in undated and "tanpa tanggal" in undated
    assert "BADAN KEPEGAWAIAN NEGARA, 20 November 2024" in section  # a document's title and date
    assert 'href="/cases/case:t001#casedoc:t001-rekomendasi"' in section


@pytest.mark.parametrize("entity", [f"person:{NIP}", BAWASLU, ELECTION])
def test_entity_pages_show_the_timeline(investigator, entity):
    html = page_of(investigator, f"/entities/{entity}")
    section = _section(html)
    assert '<ol class="time-axis">' in section and "Kasus " in section  # each event names its case
    assert f'href="/api/v1/entities/{entity}/timeline"' in section


def test_an_election_is_an_entity_page_linked_from_its_cases(investigator):
    html = page_of(investigator, "/cases/case:r001")
    assert f'href="/entities/{ELECTION}">Pilkada 2024 Kota Solok</a>' in html
    page = page_of(investigator, f"/entities/{ELECTION}")
    assert "Pilkada 2024 Kota Solok" in page and "Pemilihan" in page
    assert json_of(investigator, f"/api/v1/entities/{ELECTION}")["label"] == "Election"


# -- roles and masking ----------------------------------------------------------------------------

def test_the_public_gets_no_timeline(app):
    public = app.test_client()
    for url in ("/api/v1/cases/case:t001/timeline", f"/api/v1/entities/{BAWASLU}/timeline"):
        assert public.get(url).status_code == 401
    assert public.get("/cases/case:t001").status_code == 302


def _assert_masked(text: str) -> None:
    assert not [name for name in FULL_NAMES if name.casefold() in text.casefold()]
    assert not [nip for nip in NIPS if any(nip[i:i + 6] in text for i in range(len(nip) - 5))]


def test_a_researcher_gets_masked_names_in_timelines(researcher):
    case = json_of(researcher, "/api/v1/cases/case:t001")
    respondent = next(person for person in case["people"] if person["respondent"])["id"]
    assert respondent.startswith("person:anon-")
    for url in ("/api/v1/cases/case:t001/timeline", "/api/v1/cases/case:r001/timeline",
                f"/api/v1/entities/{respondent}/timeline", f"/api/v1/entities/{BAWASLU}/timeline",
                f"/api/v1/entities/{ELECTION}/timeline"):
        response = researcher.get(url)
        assert response.status_code == 200, url
        _assert_masked(response.get_data(as_text=True))
        people = [part for event in response.get_json()["events"] for part in (event["subject"], event["other"])
                  if part and part["label"] == "Person"]
        assert all(p["id"].startswith("person:anon-") and p["name"].startswith("Orang ") for p in people), url
    body = json_of(researcher, f"/api/v1/entities/{respondent}/timeline")
    assert body["id"] == respondent and body["name"].startswith("Orang ") and body["events"]
    for url in ("/cases/case:t001", "/cases/case:r001", f"/entities/{respondent}", f"/entities/{ELECTION}"):
        _assert_masked(_section(page_of(researcher, url)))


def test_a_researcher_cannot_look_a_person_up_by_nip_or_name(researcher):
    for typed in (NIP, "Kurniawan Fiktifsyah", f"person:{NIP}"):
        response = researcher.get(f"/api/v1/entities/{quote(typed)}/timeline")
        assert response.status_code == 404
        _assert_masked(response.get_data(as_text=True).replace(typed, ""))


# -- unknown and hostile ids ----------------------------------------------------------------------

@pytest.mark.parametrize("url, status", [
    ("/api/v1/cases/nope/timeline", 404), ("/api/v1/cases/case:nope/with/a/slash/timeline", 404),
    ("/api/v1/entities/person:nope/timeline", 404), ("/api/v1/entities/Tidak%20Ada%20Orang/timeline", 404),
    ("/api/v1/entities/Andi%20Samaran/timeline", 400),  # two namesakes
])
def test_unknown_ids_are_a_clear_error(investigator, url, status):
    error = json_of(investigator, url, status)["error"]
    assert error["status"] == status and error["message"]
    if status == 404 and "entities" in url:
        assert "No person, agency or election" in error["message"]
    if status == 404 and "cases" in url:
        assert error["message"].startswith("No case ")


HOSTILE = ["x" * 10_000, "\u202e\ufeff\U0001F600 pégawai", "') MATCH (n) DETACH DELETE n //", "${id}", "`",
           "<script>alert(1)</script>", "case:' OR 1=1 //", "person:anon-' OR 1=1", "election:\u0000", "..%2f..%2f"]


@pytest.mark.parametrize("role", ["investigator", "researcher"])
def test_hostile_ids_never_a_stack_trace(app, server_settings, role, session_graph):
    client = log_in(app.test_client(), server_settings, role)
    before = session_graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    for value in HOSTILE:
        for path in (f"/api/v1/cases/{quote(value)}/timeline", f"/api/v1/entities/{quote(value)}/timeline",
                     f"/cases/{quote(value)}", f"/entities/{quote(value)}"):
            response = client.get(path)
            body = response.get_data(as_text=True)
            assert response.status_code in (400, 404), (path[:80], response.status_code, body[:300])
            assert not TRACEBACK.search(body), path[:80]
            assert response.mimetype == "application/json" or "<script>alert" not in body, path[:80]
    for raw in ("/api/v1/cases/%ff%fe%c3%28/timeline", "/api/v1/entities/%ed%a0%80/timeline"):
        response = client.get(raw)
        assert response.status_code < 500 and not TRACEBACK.search(response.get_data(as_text=True)), raw
    assert session_graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == before


def test_timeline_views_are_audited(app, investigator):
    investigator.get(f"/api/v1/entities/{BAWASLU}/timeline")
    investigator.get("/api/v1/cases/case:t002/timeline")
    entries = app.extensions["netra_audit"].entries(limit=5)
    seen = {(entry.action, entry.subject) for entry in entries}
    assert ("view_entity", BAWASLU) in seen and ("view_case", "case:t002") in seen
