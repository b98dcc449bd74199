"""Pages and the JSON API on the core corpus, through Flask's test client."""

from pathlib import Path

import pytest

from web import create_app

pytestmark = pytest.mark.neo4j
CORE = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "core"


@pytest.fixture(scope="module")
def client(session_graph, server_settings):
    if not CORE.is_dir():
        pytest.skip("../shared/corpus is not beside the repository")
    from graph.schema import wipe
    from ingest.pipeline import ingest
    from search.documents import provision_documents
    from search.keyword import WhooshIndex

    wipe(session_graph)
    ingest([str(CORE)], session_graph, show_progress=False)
    WhooshIndex(server_settings.whoosh_dir).rebuild(provision_documents(session_graph))
    return create_app(server_settings).test_client()


def test_search_page_lists_results_with_links(client):
    page = client.get("/?q=pasal+14+huruf+i+pp+disiplin+pns&mode=keyword")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "/provisions/pp/2021/94/pasal-14/huruf-i" in html and "Pasal 14 huruf i PP 94/2021" in html


def test_search_page_escapes_what_people_type(client):
    html = client.get("/?q=%3Cscript%3Ealert(1)%3C/script%3E&mode=keyword").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_provision_page_shows_the_wording_of_the_date(client):
    old = client.get("/provisions/uu/2015/1/pasal-71?as_of=2016-01-01").get_data(as_text=True)
    new = client.get("/provisions/uu/2015/1/pasal-71?as_of=2020-10-01").get_data(as_text=True)
    assert "selama masa Kampanye" in old and "anggota TNI/POLRI" in new
    assert "UU 10/2016" in new and "Riwayat" in new


def test_regulation_page_shows_relations_and_contents(client):
    html = client.get("/regulations/pp/2010/53?as_of=2024-01-01").get_data(as_text=True)
    assert "revoked" in html and "PP 94/2021" in html and "/provisions/pp/2010/53/pasal-4" in html


def test_api_search_matches_the_cli_shape(client):
    body = client.get("/api/v1/search?q=Pasal+9+ayat+(2)+UU+ASN&mode=keyword&k=3").get_json()
    first = body["results"][0]
    assert first["id"] == "uu/2014/5/pasal-9/ayat-2"
    assert first["ref"] == {"type": "UU", "number": "5", "year": 2014, "pasal": "9", "ayat": "2"}
    assert {"citation", "snippet", "score", "score_parts"} <= set(first)


def test_api_provision_and_regulation(client):
    provision = client.get("/api/v1/provisions/uu/2015/1/pasal-71/ayat-1?as_of=2020-10-01").get_json()
    assert provision["status"] == "amended" and provision["versions"][-1]["source"] == "uu/2016/10"
    regulation = client.get("/api/v1/regulations/uu/2014/5").get_json()
    assert regulation["citation"] == "UU 5/2014" and regulation["children"]


@pytest.mark.parametrize("url, status", [
    ("/api/v1/search", 400), ("/api/v1/search?q=kampanye&k=abc", 400), ("/api/v1/search?q=kampanye&k=1000", 400),
    ("/api/v1/search?q=kampanye&as_of=kemarin", 400), ("/api/v1/search?q=kampanye&mode=fuzzy", 400),
    ("/api/v1/search?q=kampanye&type=person", 400), ("/api/v1/provisions/uu/2014/5/pasal-999", 404),
    ("/api/v1/regulations/uu/1900/1", 404), ("/api/v1/nothing-here", 404),
])
def test_api_errors_are_json_with_status(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    error = response.get_json()["error"]
    assert error["status"] == status and error["message"]


def test_pages_404_is_a_page(client):
    response = client.get("/provisions/uu/2014/5/pasal-999")
    assert response.status_code == 404 and "Tidak ditemukan" in response.get_data(as_text=True)
