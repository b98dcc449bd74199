"""The review queue in the web app (/review, /review/<pair>, GET /api/v1/review): who may see it,
the ranking with both records side by side, filters and pages, accept, reject with a reason and
undo (each audited, each taking effect on the persons at once), and hostile input.

The corpus: the hand-written cases (tests/case_fixtures.py) and four findings naming people
with nothing else to compare: Rini Percobaan twice in Kota Solok and once in Kota Padang (three
questions), and a bare Kurniawan Fiktifsyah in Kota Solok (a question about the respondent of
case t001, whose cases and links make it the weightiest)."""

import re

import pytest

from case_app_fixtures import json_of, page_of

from case_fixtures import NIP, write_documents
from conftest import log_in
from web import create_app
from web.audit import AuditLog

pytestmark = pytest.mark.neo4j

FINDING = ("TEMUAN BAWASLU {region}\n\nBawaslu {region} menemukan bahwa {name} mengunggah ajakan memilih calon "
           "Wali Kota nomor urut 2, Bambang Contoh, di akun Facebook miliknya.\n")
BARE = {"t101": ("Rini Percobaan", "Kota Solok"), "t102": ("Rini Percobaan", "Kota Solok"),
        "t103": ("Rini Percobaan", "Kota Padang"), "t104": ("Kurniawan Fiktifsyah", "Kota Solok")}
RINI_SOLOK = ("t101-temuan#p1", "t102-temuan#p1")
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"/")
RINI = "MATCH (p:Person) WHERE 'rini percobaan' IN p.name_keys RETURN count(p) AS n"


@pytest.fixture(scope="module")
def app(session_graph, server_settings, tmp_path_factory):
    from graph.schema import wipe
    from ingest.case_pipeline import ingest_cases

    wipe(session_graph)
    folder = write_documents(tmp_path_factory.mktemp("review") / "docs")
    for case, (name, region) in BARE.items():
        (folder / f"{case}-temuan.txt").write_text(FINDING.format(region=region, name=name), encoding="utf-8")
    assert ingest_cases([str(folder)], session_graph, show_progress=False).count("failed") == 0
    return create_app(server_settings, rate_limits=False)


@pytest.fixture(scope="module")
def investigator(app, server_settings):
    return log_in(app.test_client(), server_settings, "investigator")


def _token(client, url="/review"):
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def _pair_id(client, a, b) -> str:
    pairs = json_of(client, "/api/v1/review")["pairs"]
    return next(pair["id"] for pair in pairs if {pair["a"]["id"], pair["b"]["id"]} == {a, b})


def _decide(client, pair_id, **form):
    return client.post(f"/review/{pair_id}", data={"csrf_token": _token(client), "state": "", **form})


def _audit(settings, action):
    return [e for e in AuditLog(settings.home / "audit.sqlite").entries(limit=50) if e.action == action]


# -- who may see it -----------------------------------------------------------------------------

def test_only_investigators_and_admins_see_the_queue(app, server_settings, investigator):
    anonymous = app.test_client()
    page = anonymous.get("/review")
    assert page.status_code == 302 and page.headers["Location"].startswith("/login?next=/review")
    assert anonymous.get("/api/v1/review").status_code == 401
    researcher = log_in(app.test_client(), server_settings, "researcher")
    for url in ("/review", "/api/v1/review", "/review/m-00000000"):
        answer = researcher.get(url)
        assert answer.status_code == 403 and "Percobaan" not in answer.get_data(as_text=True), url
    assert researcher.post("/review/m-00000000", data={"csrf_token": _token(researcher, "/statistics"),
                                                       "action": "accept"}).status_code == 403
    admin = log_in(app.test_client(), server_settings, "admin")
    assert admin.get("/review").status_code == 200 and admin.get("/api/v1/review").status_code == 200
    assert "/review" in page_of(investigator, "/statistics")  # in the navigation


# -- the ranked queue ---------------------------------------------------------------------------

def test_the_queue_is_ranked_by_impact_with_both_records_and_their_evidence(investigator):
    body = json_of(investigator, "/api/v1/review")
    impacts = [pair["impact"] for pair in body["pairs"]]
    assert body["total"] == len(body["pairs"]) >= 4 and impacts == sorted(impacts, reverse=True)
    top = body["pairs"][0]
    assert {top["a"]["name"], top["b"]["name"]} == {"Kurniawan Fiktifsyah"}
    assert top["impact"] == top["impact_cases"] + top["impact_links"] and top["impact_links"] > 0
    known = next(side for side in (top["a"], top["b"]) if side["case"]["id"] == "case:t001")
    assert known["person"]["nip"] == NIP and known["position"] and known["agency"]
    assert known["sentences"] and known["document"]["title"]
    assert (body["page"], body["pages"], body["next"], body["previous"]) == (1, 1, None, None)

    html = page_of(investigator, "/review")
    first = html[html.index('<article class="review-pair"'):html.index("</article>")]
    assert "Kurniawan Fiktifsyah" in first and NIP in first and f"Dampak {top['impact']}" in first
    assert 'href="/cases/case:t104#casedoc:t104-temuan"' in first and "nama sama" in first
    assert 'name="action" value="reject"' in first and 'name="csrf_token"' in first
    assert 'id="quick-q" name="q" type="search" placeholder' in html and "QueueQuery" not in html  # the header's box empty
    english = page_of(investigator, "/review?lang=en")
    assert "Merge review" in english and f"Impact {top['impact']}" in english and "same name" in english
    assert "Reject: two people" in english
    page_of(investigator, "/review?lang=id")  # the language cookie back to Indonesian for the other tests


def test_the_pair_page_shows_every_sentence_and_the_decision_form(investigator):
    pair_id = _pair_id(investigator, *RINI_SOLOK)
    html = page_of(investigator, f"/review/{pair_id}")
    assert html.count("Rini Percobaan") >= 2 and "casedoc:t101-temuan" in html and "casedoc:t102-temuan" in html
    assert 'value="accept"' in html and "Kembali ke antrean" in html
    assert page_of(investigator, "/review/m-nothing", status=404)


def test_filters_and_pages(investigator):
    everything = json_of(investigator, "/api/v1/review")["total"]
    padang = json_of(investigator, "/api/v1/review?region=Kota%20Padang")
    assert padang["total"] == len(padang["pairs"]) == 2 and padang["region"] == "region:kota-padang"
    assert all("t103-temuan#p1" in (pair["a"]["id"], pair["b"]["id"]) for pair in padang["pairs"])
    assert json_of(investigator, "/api/v1/review?region=region:kota-solok")["total"] == everything
    html = page_of(investigator, "/review?region=region:kota-padang")
    assert '<option value="region:kota-padang" selected>' in html and html.count('<article class="review-pair"') == 2
    # Unknown filters and broken cursors are clear errors.
    for url, words in (("/api/v1/review?region=Kota%20Nowhere", "Kota Nowhere"),
                       ("/api/v1/review?election=Pemilu%201955", "Pemilu 1955"),
                       ("/api/v1/review?page=0", "page"), ("/api/v1/review?page=abc", "page"),
                       ("/api/v1/review?after=x", "after"), ("/api/v1/review?before=%00", "before"),
                       ("/api/v1/review?after=000000001|m-1&before=000000001|m-1", "after")):
        error = json_of(investigator, url, status=400)["error"]
        assert error["code"] == "bad_request" and words in error["message"], (url, error)
    assert json_of(investigator, "/api/v1/review?after=999999999|~")["pairs"] == []  # past the end: empty, not an error
    assert json_of(investigator, "/api/v1/review?page=9999")["pairs"] == []


# -- deciding -----------------------------------------------------------------------------------

def test_accept_merges_the_persons_at_once_and_undo_splits_them_again(investigator, server_settings,
                                                                      session_graph):
    pair_id = _pair_id(investigator, *RINI_SOLOK)
    assert session_graph.read(RINI)[0]["n"] == 3
    answer = _decide(investigator, pair_id, action="accept", reason="sama orang, sama kota")
    assert answer.status_code == 302 and answer.headers["Location"] == f"/review?decided={pair_id}"
    assert session_graph.read(RINI)[0]["n"] == 2  # at once: no full re-resolution, no job to wait for
    notice = page_of(investigator, answer.headers["Location"])
    assert "Keputusan tercatat" in notice and 'name="state" value="accepted"' in notice
    queue = json_of(investigator, "/api/v1/review")
    assert pair_id not in [pair["id"] for pair in queue["pairs"]]
    # The two questions about Rini in Padang are one question now: the same two persons.
    assert sum("t103-temuan#p1" in (p["a"]["id"], p["b"]["id"]) for p in queue["pairs"]) == 1
    entry = _audit(server_settings, "merge_accept")[0]
    assert (entry.actor, entry.subject) == ("test-investigator", pair_id) and "sama orang, sama kota" in entry.detail
    decided = page_of(investigator, "/review?show=decided")
    assert pair_id in decided and "Urungkan keputusan" in decided

    undone = investigator.post(f"/review/{pair_id}", data={"csrf_token": _token(investigator), "state": "accepted",
                                                           "action": "undo"})
    assert undone.status_code == 302 and session_graph.read(RINI)[0]["n"] == 3
    assert pair_id in [pair["id"] for pair in json_of(investigator, "/api/v1/review")["pairs"]]
    undo = _audit(server_settings, "merge_undo")[0]
    assert undo.subject == pair_id and "was accepted by test-investigator" in undo.detail


def test_reject_needs_a_reason_and_a_stale_form_changes_nothing(investigator, server_settings, session_graph):
    pair_id = _pair_id(investigator, *RINI_SOLOK)
    waiting = json_of(investigator, "/api/v1/review")["total"]
    refused = _decide(investigator, pair_id, action="reject", reason="   ")
    assert refused.status_code == 400 and "Tuliskan alasan penolakan" in refused.get_data(as_text=True)
    assert json_of(investigator, "/api/v1/review")["total"] == waiting
    assert _decide(investigator, pair_id, action="reject", reason="dua guru berbeda").status_code == 302
    assert session_graph.read(RINI)[0]["n"] == 3
    stale = _decide(investigator, pair_id, action="accept")  # a form shown before the rejection
    assert stale.status_code == 409 and "sudah diputuskan" in stale.get_data(as_text=True)
    assert session_graph.read(RINI)[0]["n"] == 3
    assert "dua guru berbeda" in _audit(server_settings, "merge_reject")[0].detail
    assert investigator.post(f"/review/{pair_id}", data={"csrf_token": _token(investigator), "state": "rejected",
                                                         "action": "undo"}).status_code == 302


@pytest.mark.parametrize("form, status, words", [
    ({"action": "dance"}, 400, "Pilih terima, tolak atau urungkan"),
    ({"action": "undo"}, 400, "belum diputuskan"),
    ({"action": "reject", "reason": "x" * 501}, 400, "paling panjang 500"),
    ({"action": "accept", "region": "Kota Nowhere"}, 400, "Kota Nowhere"),
])
def test_bad_decisions_are_clear_errors(investigator, session_graph, form, status, words):
    pair_id = _pair_id(investigator, *RINI_SOLOK)
    answer = _decide(investigator, pair_id, **form)
    text = answer.get_data(as_text=True)
    assert answer.status_code == status and words in text and not TRACEBACK.search(text)
    assert session_graph.read(RINI)[0]["n"] == 3


def test_forms_need_the_csrf_token(investigator):
    pair_id = _pair_id(investigator, *RINI_SOLOK)
    assert investigator.post(f"/review/{pair_id}", data={"action": "accept", "state": ""}).status_code == 400


@pytest.mark.parametrize("url", [
    "/review?region=" + "x" * 300, "/review?after=" + "9" * 9 + "|" + "\u202e" * 200, "/review?show=everything",
    "/review?decided=%00%01", "/review?decided=a|b|c", "/review/%E2%80%AE'%22%3Cscript%3E", "/review/" + "m" * 2000,
    "/api/v1/review?region=%27)%20OR%201=1%20//", "/api/v1/review?page=" + "9" * 50, "/api/v1/review?page=%C2%B2",
])
def test_hostile_parameters_never_a_stack_trace(investigator, url):
    answer = investigator.get(url)
    assert answer.status_code in (200, 400, 404, 414), (url, answer.status_code)
    assert not TRACEBACK.search(answer.get_data(as_text=True))


def test_the_api_answer_fits_its_openapi_schema(investigator):
    from test_conduct_web import _check

    spec = json_of(investigator, "/api/v1/openapi.json")
    assert {"region", "election", "after", "before", "page"} <= {p["name"] for p in spec["paths"]["/review"]["get"]["parameters"]}
    for url in ("/api/v1/review", "/api/v1/review?region=Kota%20Padang"):
        _check(json_of(investigator, url), {"$ref": "#/components/schemas/ReviewQueue"})
