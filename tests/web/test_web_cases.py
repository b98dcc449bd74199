"""Case, entity and trace pages, their JSON API, the OpenAPI document and the language toggle,
on the small hand-written case fixtures (tests/case_fixtures.py) plus one hostile register row."""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from case_fixtures import NIP, write_documents
from conftest import log_in
from web import create_app

pytestmark = pytest.mark.neo4j

HOSTILE = "<script>alert(1)</script>"
DISMISSED_NIP = "197912012006041002"  # Andi Samaran, case t002: reported, not proven, dismissed
PARTS = {"pp/2021/94": ["pasal-5", "pasal-8", "pasal-80"], "pp/2021/94/pasal-5": ["huruf-n"],
         "pp/2021/94/pasal-5/huruf-n": ["angka-6"], "pp/2021/94/pasal-8": ["ayat-3"],
         "pp/2021/94/pasal-8/ayat-3": ["huruf-a"]}
LABELS = {"pasal": "Pasal {}", "ayat": "({})", "huruf": "{}.", "angka": "{}."}


def _statute(graph):
    """Just enough of PP 94/2021, nested as written, for citations, sanctions and its provision pages."""
    rows = []
    for parent, children in PARTS.items():
        for ordinal, child in enumerate(children):
            kind, label = child.split("-")
            rows.append({"parent": parent, "id": f"{parent}/{child}", "kind": kind, "label": label, "ord": ordinal})
    graph.write("CREATE (:Regulation {id: 'pp/2021/94', type: 'pp', number: '94', year: 2021, stub: false, "
                "citation: 'PP 94/2021', promulgated: '2021-08-31'})")
    graph.write("UNWIND $rows AS row CREATE (:Provision {id: row.id, regulation_id: 'pp/2021/94', kind: row.kind, "
                "label: row.label, parent_id: row.parent, text: 'Teks ' + row.id})", rows=rows)
    graph.write("UNWIND $rows AS row MATCH (parent {id: row.parent}) WHERE parent:Regulation OR parent:Provision "
                "MATCH (child:Provision {id: row.id}) CREATE (parent)-[:HAS_PART {ord: row.ord}]->(child)", rows=rows)


@pytest.fixture(scope="module")
def client(session_graph, server_settings, tmp_path_factory):
    from graph.schema import wipe
    from ingest.case_pipeline import ingest_cases

    wipe(session_graph)
    _statute(session_graph)
    folder = write_documents(tmp_path_factory.mktemp("cases") / "docs")
    row = {"case_id": "x001", "respondent_name": HOSTILE, "outcome": "tidak_terbukti", "region": "Kota Uji",
           "candidate_names": ["Calon Uji Coba"], "act_label": HOSTILE}
    (folder / "register.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    summary = ingest_cases([str(folder)], session_graph, show_progress=False)
    assert summary.count("failed") == 0, summary.to_json()
    _index(session_graph, server_settings)
    return _investigator(create_app(server_settings))


def _investigator(app):
    """A test client logged in as an investigator: cases, people and paths are for accounts, and
    an investigator sees them unmasked."""
    return log_in(app.test_client(), app.config["NETRA_SETTINGS"], "investigator")


def _index(graph, settings):
    """Keyword indexes of the statute and the cases, for search and similar cases."""
    from search.cases import case_documents
    from search.keyword import WhooshIndex
    from search.provisions import provision_documents

    WhooshIndex(settings.whoosh_dir).rebuild(provision_documents(graph))
    WhooshIndex(settings.whoosh_dir.with_name("whoosh-cases"), "case").rebuild(case_documents(graph))


def _html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:2000]
    return response.get_data(as_text=True)


def _rows(html, css_class):
    return re.findall(rf'<tr class="{css_class}">(.*?)</tr>', html, re.S)


# -- case page and API ------------------------------------------------------------------------

def test_case_page_shows_stages_people_evidence_sanction_and_documents(client):
    html = _html(client, "/cases/case:t001")
    assert "001/Reg/TM/PW/Kota/03.72/X/2024" in html and "Kota Solok" in html
    assert "Rekomendasi" in html and "Temuan/laporan" in html and "Keputusan PPK" in html
    assert f"/entities/person:{NIP}" in html and "Kurniawan Fiktifsyah" in html and "Bambang Contoh" in html
    proven = [row for row in _rows(html, "link-proven") if "mendukung" in row]
    assert proven and "menyampaikan sambutan dukungan" in proven[0] and "casedoc:t001-" in proven[0]
    assert re.search(r'title="casedoc:t001-\w+">[A-Z ]+, \d+ \w+ 2024, karakter \d+–\d+', proven[0])
    assert 'href="/provisions/pp/2021/94/pasal-8/ayat-3/huruf-a"' in html
    assert "Pasal 8 ayat (3) huruf a PP 94/2021" in html
    assert 'id="casedoc:t001-temuan"' in html and 'id="casedoc:t001-rekomendasi"' in html
    assert "/provisions/pp/2021/94/pasal-5/huruf-n/angka-6" in html  # cited by the finding


def test_a_dismissed_case_shows_its_links_as_not_proven(client):
    html = _html(client, "/cases/t002")
    assert "dihentikan" in html
    supported = [row for row in _rows(html, "link-not_proven") if "mendukung" in row]
    assert supported and "tidak terbukti" in supported[0] and "link-status-not_proven" in supported[0]
    assert not [row for row in _rows(html, "link-proven") if "mendukung" in row]


def test_case_api(client):
    body = client.get("/api/v1/cases/case:t001").get_json()
    assert body["id"] == "case:t001" and body["outcome"] == "proven" and body["stage"] == "rekomendasi"
    assert [step["step"] for step in body["timeline"]] == ["temuan_laporan", "kajian", "rekomendasi", "keputusan_ppk",
                                                           "sanksi"]
    assert [step["state"] for step in body["timeline"]][:3] == ["done", "done", "current"]
    respondent = next(person for person in body["people"] if person["nip"] == NIP)
    assert respondent["respondent"]
    support = next(link for link in respondent["links"] if link["type"] == "SUPPORTED" and link["status"] == "proven")
    assert support["sentence"] and support["document_id"].startswith("casedoc:t001")
    assert support["end"] > support["start"]
    assert body["sanctions"][0]["provisions"] == [{"id": "pp/2021/94/pasal-8/ayat-3/huruf-a",
                                                   "citation": "Pasal 8 ayat (3) huruf a PP 94/2021"}]
    assert {document["id"] for document in body["documents"]} == {"casedoc:t001-temuan", "casedoc:t001-rekomendasi"}


def test_timeline_of_a_decided_case_names_each_agency_once():
    from graph.case_views import _timeline

    bawaslu = {"type": "FOUND_BY", "id": "agency:bawaslu-kota-solok", "name": "Bawaslu Kota Solok"}
    documents = [{"id": "casedoc:a-temuan", "stage": "temuan"}, {"id": "casedoc:a-keputusan", "stage": "keputusan_ppk"}]
    sanction = {"status": "imposed", "by": {"id": "agency:wali-kota-solok", "name": "Wali Kota Solok"}}
    steps = _timeline("keputusan_ppk", documents, [bawaslu, {**bawaslu, "document_id": "casedoc:a-kajian"}],
                      [sanction])
    assert [(s.step, s.state) for s in steps] == [("temuan_laporan", "done"), ("kajian", "done"),
                                                  ("rekomendasi", "done"), ("keputusan_ppk", "current"),
                                                  ("sanksi", "done")]
    assert steps[0].agencies == [bawaslu] and [d["id"] for d in steps[3].documents] == ["casedoc:a-keputusan"]
    assert steps[4].agencies == [{"type": "SANCTIONED_BY", **sanction["by"]}]


# -- entity page and API ----------------------------------------------------------------------

def test_entity_page_shows_names_positions_cases_links_and_network_data(client):
    html = _html(client, f"/entities/person:{NIP}")
    assert NIP in html and "Kepala Dinas Pendidikan Kota Solok" in html and 'href="/cases/case:t001"' in html
    assert [row for row in _rows(html, "link-proven") if "mendukung" in row and "Bambang Contoh" in row]
    block = re.search(r'<script type="application/json" id="network-data">(.*?)</script>', html, re.S)
    network = json.loads(block.group(1))
    names = {node["name"] for node in network["nodes"]}
    assert "Bambang Contoh" in names and any(edge["type"] == "SUPPORTED" for edge in network["edges"])
    assert next(node for node in network["nodes"] if node["centre"])["id"] == f"person:{NIP}"
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all("src=" in attrs or 'type="application/json"' in attrs for attrs in scripts)
    assert "/static/vendor/cytoscape/cytoscape.min.js" in html and "/static/network.js" in html
    assert client.get("/static/vendor/cytoscape/cytoscape.min.js").status_code == 200


def test_entity_api_has_links_with_status_and_evidence(client):
    body = client.get(f"/api/v1/entities/person:{DISMISSED_NIP}").get_json()
    assert body["label"] == "Person" and body["nip"] == DISMISSED_NIP
    supported = [link for link in body["links"] if link["type"] == "SUPPORTED"]
    assert supported and {link["status"] for link in supported} == {"not_proven"}
    assert all(link["sentence"] and link["document_id"] == "casedoc:t002-kajian" for link in supported)


# -- trace ------------------------------------------------------------------------------------

def test_trace_page_shows_hops_with_status_and_evidence(client):
    html = _html(client, f"/trace?a={NIP}&b=Bambang+Contoh&k=3&max_hops=2")
    assert "jalur ditemukan" in html
    hops = re.findall(r'<li class="hop link-(\w+)">(.*?)</li>', html, re.S)
    direct = [body for status, body in hops if status == "proven" and "mendukung" in body]
    assert direct and "menyampaikan sambutan dukungan" in direct[0]


def test_trace_marks_and_can_leave_out_not_proven_links(client):
    html = _html(client, f"/trace?a={DISMISSED_NIP}&b=Bambang+Contoh&max_hops=1")
    assert re.search(r'<li class="hop link-not_proven">.*?tidak terbukti', html, re.S)
    body = client.get(f"/api/v1/trace?a={DISMISSED_NIP}&b=Bambang+Contoh&max_hops=1").get_json()
    assert body["paths"][0]["hops"][0]["status"] == "not_proven"
    assert client.get(f"/api/v1/trace?a={DISMISSED_NIP}&b=Bambang+Contoh&max_hops=1&exclude_not_proven=1"
                      ).get_json()["paths"] == []
    assert "Tidak ada jalur" in _html(client, f"/trace?a={DISMISSED_NIP}&b=Bambang+Contoh&max_hops=1"
                                              "&exclude_not_proven=1")


def test_trace_form_alone(client):
    html = _html(client, "/trace")
    assert '<form class="trace"' in html and "jalur ditemukan" not in html


@pytest.mark.parametrize("query, status", [
    ("", 400), (f"a={NIP}", 400), (f"a={NIP}&b=Bambang+Contoh&k=abc", 400), (f"a={NIP}&b=Bambang+Contoh&k=0", 400),
    (f"a={NIP}&b=Bambang+Contoh&k=21", 400), (f"a={NIP}&b=Bambang+Contoh&max_hops=7", 400),
    (f"a={NIP}&b=Bambang+Contoh&exclude_not_proven=maybe", 400), (f"a={NIP}&b={NIP}", 400),
    ("a=Andi+Samaran&b=Bambang+Contoh", 400),  # two namesakes
    (f"a=Tidak+Ada+Orang&b={NIP}", 404),
])
def test_trace_errors(client, query, status):
    response = client.get(f"/api/v1/trace?{query}")
    assert response.status_code == status
    assert response.get_json()["error"]["status"] == status and response.get_json()["error"]["message"]
    if query:
        page = client.get(f"/trace?{query}")
        assert page.status_code == status and 'role="alert"' in page.get_data(as_text=True)


# -- unknown ids ------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/cases/case:nope", "/entities/person:nope", "/entities/Tidak%20Ada%20Orang"])
def test_unknown_ids_are_a_404_page(client, url):
    assert "Tidak ditemukan" in _html(client, url, 404)


@pytest.mark.parametrize("url", ["/api/v1/cases/nope", "/api/v1/entities/person:nope"])
def test_unknown_ids_are_a_404_json(client, url):
    response = client.get(url)
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


# -- hostile names ----------------------------------------------------------------------------

def test_hostile_names_are_escaped(client):
    case = _html(client, "/cases/case:x001")
    assert HOSTILE not in case and "&lt;script&gt;alert(1)&lt;/script&gt;" in case
    person = client.get("/api/v1/cases/x001").get_json()["people"]
    hostile = next(p for p in person if p["name"] == HOSTILE)
    entity = _html(client, f"/entities/{hostile['id'].replace('#', '%23')}")
    assert HOSTILE not in entity and "&lt;script&gt;alert(1)&lt;/script&gt;" in entity
    assert "\\u003cscript\\u003e" in entity  # the network's JSON block
    trace = _html(client, f"/trace?a={hostile['id'].replace('#', '%23')}&b=Calon+Uji+Coba&max_hops=2")
    assert HOSTILE not in trace and "&lt;script&gt;" in trace


# -- provisions and search link to cases ------------------------------------------------------

def test_provision_page_lists_cases_applying_it_or_its_parts(client):
    sanction_basis = _html(client, "/provisions/pp/2021/94/pasal-8/ayat-3/huruf-a")
    assert 'id="cases"' in sanction_basis and 'href="/cases/case:t001"' in sanction_basis
    whole = _html(client, "/provisions/pp/2021/94/pasal-5")  # the finding cites its huruf n angka 6
    assert "Kasus yang menerapkan ketentuan ini" in whole and 'href="/cases/case:t001"' in whole
    assert 'id="cases"' not in _html(client, "/provisions/pp/2021/94/pasal-80")


@dataclass
class _Result:
    id: str
    citation: str
    status: str = "in force"
    note: str = ""
    snippet: str = ""
    ref: dict = field(default_factory=dict)
    score: float = 0.0


class _FixedEngine:
    """Stands in for the search engine: the link to cases is the page's business, not the ranking's."""

    graph = None  # facets of provisions come from the results themselves

    def search(self, query, **options):
        return [_Result("pp/2021/94/pasal-8", "Pasal 8 PP 94/2021"),
                _Result("pp/2021/94/pasal-80", "Pasal 80 PP 94/2021")]


def test_search_results_link_to_cases_applying_the_provision(server_settings, client):
    app = create_app(server_settings)
    app.extensions["netra"].engine = _FixedEngine()
    html = _html(_investigator(app), "/?q=hukuman+disiplin+sedang")
    links = re.findall(r'<a class="cases-link" href="([^"]+)">([^<]+)</a>', html)
    assert len(links) == 1 and links[0][1] == "1 kasus menerapkan ketentuan ini"
    assert re.fullmatch(r"/provisions/pp/2021/94/pasal-8\?as_of=[\d-]+#cases", links[0][0])


# -- OpenAPI ----------------------------------------------------------------------------------

def test_openapi_describes_every_api_route(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.") and document["servers"] == [{"url": "/api/v1"}]
    routes = {}
    for rule in client.application.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/"):
            path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
            routes.setdefault(path, set()).update(m.lower() for m in rule.methods - {"HEAD", "OPTIONS"})
    documented = {path: set(item) for path, item in document["paths"].items()}
    assert documented == routes
    for path, item in document["paths"].items():
        for operation in item.values():
            named = {p["name"] for p in operation["parameters"] if p["in"] == "path"}
            assert named == set(re.findall(r"{(\w+)}", path))
            for response in operation["responses"].values():
                for content in response["content"].values():
                    ref = content["schema"].get("$ref", "#/components/schemas/Error")
                    assert ref.rsplit("/", 1)[1] in document["components"]["schemas"]


# -- language ---------------------------------------------------------------------------------

def test_language_toggle_is_kept_in_a_cookie(server_settings, client):
    browser = _investigator(create_app(server_settings))
    indonesian = _html(browser, "/cases/case:t001")
    assert '<html lang="id">' in indonesian and "Pihak yang terlibat" in indonesian
    english = browser.get("/cases/case:t001?lang=en")
    assert "lang=en" in english.headers["Set-Cookie"]
    html = english.get_data(as_text=True)
    assert '<html lang="en">' in html and "People involved" in html and "Pihak yang terlibat" not in html
    assert "supported" in html and "Recommendation" in html
    assert "menyampaikan sambutan dukungan" in html  # evidence stays as written
    assert "People involved" in _html(browser, "/cases/case:t001")  # the cookie remembers
    assert "<h1>Trace links</h1>" in _html(browser, "/trace")
    assert "Not found" in _html(browser, "/cases/case:nope", 404)
    assert "Pihak yang terlibat" in _html(browser, "/cases/case:t001?lang=id")
    assert "Pihak yang terlibat" in _html(browser, "/cases/case:t001?lang=fr")  # unknown: keep the cookie's


# -- search over cases: facets, mixed kinds ---------------------------------------------------

def test_case_search_has_case_facets_whose_links_narrow(client):
    body = client.get("/api/v1/search?q=dukungan+calon&type=case&mode=keyword").get_json()
    assert body["results"] and {r["kind"] for r in body["results"]} == {"case"}
    regions = {value["value"]: value for value in body["facets"]["region"]}
    assert regions["Kota Solok"]["count"] >= 1 and {"election", "act", "sanction", "outcome"} <= set(body["facets"])
    assert {value["value"] for value in body["facets"]["outcome"]} >= {"proven"}
    solok = client.get("/api/v1/search?q=dukungan+calon&type=case&mode=keyword&region=Kota+Solok").get_json()
    assert solok["total"] == regions["Kota Solok"]["count"]
    assert all("Kota Solok" in r["regions"] for r in solok["results"])
    proven = client.get("/api/v1/search?q=dukungan+calon&type=case&mode=keyword&outcome=proven").get_json()
    assert [r["id"] for r in proven["results"]] == ["case:t001"]


def test_mixed_search_shows_both_kinds_and_a_case_filter_keeps_cases_only(client):
    both = client.get("/api/v1/search?q=teks+pasal+dukungan+calon&type=all&mode=keyword&page_size=50").get_json()
    assert {r["kind"] for r in both["results"]} == {"provision", "case"}
    assert [r["score"] for r in both["results"]] == sorted((r["score"] for r in both["results"]), reverse=True)
    cases = client.get("/api/v1/search?q=teks+pasal+dukungan+calon&type=all&mode=keyword&outcome=proven").get_json()
    assert {r["kind"] for r in cases["results"]} == {"case"}
    html = _html(client, "/?q=dukungan+calon&type=case&mode=keyword")
    assert 'href="/cases/case:t001"' in html and "Kota Solok" in html
    assert re.search(r'<li><a href="/\?[^"]*region=Kota\+Solok[^"]*">Kota Solok <span class="facet-count">', html)


# -- similar cases ----------------------------------------------------------------------------

def test_case_page_loads_its_searches_after_it(client, monkeypatch):
    """Similar cases and the provisions a case likely breaks are each a search of their own: the
    case page does not wait for them, it links their pages, which static/load-after.js loads in."""
    import search.conduct
    import search.precedent

    def not_here(*args, **kwargs):
        raise AssertionError("the case page searched")

    monkeypatch.setattr(search.precedent, "precedent_search", not_here)
    monkeypatch.setattr("web.cases.precedent_search", not_here)
    monkeypatch.setattr(search.conduct, "conduct_bundle", not_here)
    html = _html(client, "/cases/case:t002")
    section = html[html.index('<section id="similar">'):]
    section = section[:section.index("</section>")]
    assert 'data-src="/cases/case:t002/similar"' in section and 'href="/cases/case:t002/similar"' in section
    assert 'data-src="/cases/case:t002/suggestions"' in html and 'href="/cases/case:t002/suggestions"' in html
    assert 'src="/static/load-after.js"' in html


def test_similar_cases_page_lists_them_with_reasons(client):
    html = _html(client, "/cases/t002/similar")
    listed = html[html.index('<div id="similar-cases">'):]
    assert 'href="/cases/case:t001"' in listed and '<ul class="reasons"' in listed
    assert "fakta serupa" in listed or "menerapkan ketentuan yang sama" in listed
    assert "similar facts" not in listed and 'href="/cases/case:t002"' in html, "a link back to the case"
    english = _html(client, "/cases/case:t002/similar?lang=en")
    assert "Cases similar to case" in english and ("similar facts" in english or "applies the same" in english)
    _html(client, "/cases/case:t002?lang=id")
    assert client.get("/cases/nope/similar").status_code == 404


def test_similar_cases_page_is_masked_for_a_researcher(client):
    researcher = log_in(client.application.test_client(), client.application.config["NETRA_SETTINGS"], "researcher")
    html = _html(researcher, "/cases/case:t001/similar")
    assert "Kurniawan Fiktifsyah" not in html and NIP not in html
    assert client.application.test_client().get("/cases/case:t001/similar").status_code == 302, "the public: log in"


def test_reasons_read_in_either_language(client):
    from web.cases import reason_text

    with client.application.test_request_context("/?lang=id"):
        client.application.preprocess_request()
        assert reason_text("applies the same Pasal 9 ayat (2) UU 5/2014 and 2 more") == (
            "menerapkan ketentuan yang sama: Pasal 9 ayat (2) UU 5/2014 dan 2 lainnya")
        assert reason_text("cites the same Pasal 9 ayat (2) UU 5/2014") == (  # an earlier version's words
            "menerapkan ketentuan yang sama: Pasal 9 ayat (2) UU 5/2014")
        assert reason_text("same conduct: kampanye melalui media sosial") == (
            "perbuatan yang sama: kampanye melalui media sosial")
        assert reason_text("same sanction level: sedang") == "tingkat sanksi yang sama: sedang"
        assert reason_text("something new") == "something new"
    with client.application.test_request_context("/?lang=en"):
        client.application.preprocess_request()
        assert reason_text("same conduct: kampanye melalui media sosial") == "same conduct: kampanye melalui media sosial"
        assert reason_text("applies the same Pasal 5 PP 94/2021") == "applies the same Pasal 5 PP 94/2021"
        assert reason_text("similar facts (0.42 of the closest)") == "similar facts (0.42 of the closest)"


def test_similar_api_by_case_and_by_description(client):
    body = client.get("/api/v1/similar?case=t002&k=2").get_json()
    assert body["query"] == {"case": "t002", "q": None, "k": 2} and 0 < len(body["results"]) <= 2
    assert "case:t002" not in {r["id"] for r in body["results"]}
    assert all(r["reasons"] and r["score"] > 0 for r in body["results"])
    described = client.get("/api/v1/similar?q=ASN+menyampaikan+sambutan+dukungan+calon+wali+kota").get_json()
    assert described["results"][0]["id"] == "case:t001"
    assert described["conduct"] is None  # these cases were read from documents alone: no act to vote with


@pytest.mark.parametrize("query, status", [("", 400), ("case=t001&q=kampanye", 400), ("case=t001&k=0", 400),
                                           ("case=t001&k=abc", 400), ("case=nope", 404)])
def test_similar_api_errors(client, query, status):
    response = client.get(f"/api/v1/similar?{query}")
    assert response.status_code == status
    assert response.get_json()["error"]["status"] == status and response.get_json()["error"]["message"]


# -- the network and paths APIs ---------------------------------------------------------------

def test_network_api_is_what_the_entity_page_draws(client):
    html = _html(client, f"/entities/person:{NIP}")
    drawn = json.loads(re.search(r'id="network-data">(.*?)</script>', html, re.S).group(1))
    body = client.get(f"/api/v1/entities/person:{NIP}/network").get_json()
    assert body["id"] == f"person:{NIP}" and body["types"] == [] and body["from"] is None
    assert {n["id"] for n in body["nodes"]} == {n["id"] for n in drawn["nodes"]}
    assert {(e["source"], e["target"], e["type"]) for e in body["edges"]} == {
        (e["source"], e["target"], e["type"]) for e in drawn["edges"]}


def test_network_filters_by_link_type_and_date(client):
    everything = client.get(f"/api/v1/entities/person:{NIP}/network").get_json()
    supported = client.get(f"/api/v1/entities/person:{NIP}/network?types=supported").get_json()
    assert supported["types"] == ["SUPPORTED"] and supported["edges"]
    assert {e["type"] for e in supported["edges"]} == {"SUPPORTED"}
    assert len(supported["edges"]) < len(everything["edges"])
    later = client.get(f"/api/v1/entities/person:{NIP}/network?from=2030-01-01").get_json()
    assert later["edges"] == [] and [n["centre"] for n in later["nodes"]] == [True]
    dated = client.get(f"/api/v1/entities/person:{NIP}/network?from=2024-01-01&to=2024-12-31").get_json()
    assert dated["from"] == "2024-01-01" and dated["edges"]
    page = _html(client, f"/entities/person:{NIP}?types=SUPPORTED")
    drawn = json.loads(re.search(r'id="network-data">(.*?)</script>', page, re.S).group(1))
    assert {e["type"] for e in drawn["edges"]} == {"SUPPORTED"}
    assert 'name="types" value="SUPPORTED" checked' in page


@pytest.mark.parametrize("query", ["types=LIKES", "from=kemarin", "to=2024-13-01"])
def test_network_api_errors(client, query):
    response = client.get(f"/api/v1/entities/person:{NIP}/network?{query}")
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "bad_request"
    assert client.get("/api/v1/entities/person:nope/network").status_code == 404


def test_paths_api_is_trace_with_from_and_to(client):
    paths = client.get(f"/api/v1/paths?from={NIP}&to=Bambang+Contoh&k=3&max_hops=2").get_json()
    trace = client.get(f"/api/v1/trace?a={NIP}&b=Bambang+Contoh&k=3&max_hops=2").get_json()
    assert paths == trace and paths["paths"]
    missing = client.get(f"/api/v1/paths?from={NIP}")
    assert missing.status_code == 400 and "from and to" in missing.get_json()["error"]["message"]
    assert client.get(f"/api/v1/paths?from=Tidak+Ada+Orang&to={NIP}").status_code == 404
