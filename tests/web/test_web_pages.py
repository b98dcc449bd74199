"""Pages and the JSON API on the core corpus, through Flask's test client."""

import re
from html import unescape as html_unescape
from pathlib import Path

import pytest

from web import create_app
from web.pages import wording_diff
from paths import CORE

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def client(session_graph, server_settings):
    if not CORE.is_dir():
        pytest.skip("../shared/corpus is not beside the repository")
    from graph.schema import wipe
    from ingest.regulation_pipeline import ingest
    from search.keyword import WhooshIndex
    from search.provisions import provision_documents

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
    assert "dicabut oleh PP 94/2021" in html and "/provisions/pp/2010/53/pasal-4" in html
    assert "revoked" not in re.sub(r"<[^>]+>", " ", html), "the relations in the page's language"
    english = client.get("/regulations/pp/2010/53?as_of=2024-01-01&lang=en").get_data(as_text=True)
    client.get("/?lang=id")
    assert "revoked by PP 94/2021" in english and "dicabut" not in english


def test_a_search_result_says_what_its_status_rests_on_in_the_page_language(client):
    """Not "diubah: amended by UU 10/2016 from 2016-07-01" on an Indonesian page (issue 19)."""
    query = "/?q=Pasal+71+ayat+(1)+UU+1/2015&mode=keyword&as_of=2020-10-01"
    indonesian = html_unescape(client.get(query).get_data(as_text=True))
    english = html_unescape(client.get(query + "&lang=en").get_data(as_text=True))
    client.get("/?lang=id")
    assert "diubah oleh UU 10/2016 sejak 1 Juli 2016" in indonesian and "amended by" not in indonesian
    assert "amended by UU 10/2016 from 1 July 2016" in english
    first = client.get("/api/v1/search?q=Pasal+71+ayat+(1)+UU+1/2015&mode=keyword&as_of=2020-10-01").get_json()
    result = first["results"][0]
    assert result["note"] == "amended by UU 10/2016 from 2016-07-01"
    assert result["change"] == {"kind": "amended", "citation": "UU 10/2016", "date": "2016-07-01"}
    revoked = client.get("/api/v1/provisions/pp/2010/53/pasal-4?as_of=2024-01-01").get_json()
    assert revoked["status"] == "revoked" and revoked["change"]["citation"] == "PP 94/2021"


def test_regulation_page_of_a_decree_lists_the_points_of_its_lampiran(client):
    """The SKB 2022's rules are points of its annex: its page lists them, each linked (issue 18)."""
    html = html_unescape(client.get("/regulations/skb/2022/2").get_data(as_text=True))
    assert "/provisions/skb/2022/2/lampiran/angka-6" in html and "/provisions/skb/2022/2/lampiran\"" in html
    assert "Membuat posting, comment, share, like" in html and "Menjadi anggota dan/atau pengurus partai politik." in html


def test_provision_page_of_a_lampiran_point_shows_its_parts_and_closing_words(client):
    html = html_unescape(client.get("/provisions/skb/2022/2/lampiran/angka-3").get_data(as_text=True))
    assert "angka 3 Lampiran SKB 2/2022" in html and "Melakukan pendekatan kepada:" in html
    assert "/provisions/skb/2022/2/lampiran/angka-3/huruf-b" in html
    assert html.index("/angka-3/huruf-b") < html.index("Dengan tidak dalam status cuti")
    assert 'href="/provisions/skb/2022/2/lampiran?' in html  # the breadcrumb links the Lampiran
    point = client.get("/api/v1/provisions/skb/2022/2/lampiran/angka-7/huruf-a").get_json()
    assert point["citation"] == "angka 7 huruf a Lampiran SKB 2/2022"
    assert point["ref"] == {"type": "SKB", "number": "2", "year": 2022, "lampiran": "", "angka": "7", "huruf": "a"}


def test_keyword_search_finds_a_lampiran_point(client):
    html = html_unescape(client.get("/?q=memasang+spanduk+baliho+alat+peraga&mode=keyword").get_data(as_text=True))
    assert "/provisions/skb/2022/2/lampiran/angka-1" in html and "angka 1 Lampiran SKB 2/2022" in html


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


# -- facets, kinds, pages ---------------------------------------------------------------------

def test_api_search_pages_through_one_result_set(client):
    first = client.get("/api/v1/search?q=kampanye&mode=keyword&page_size=5").get_json()
    second = client.get("/api/v1/search?q=kampanye&mode=keyword&page_size=5&page=2").get_json()
    assert (first["page"], first["page_size"], second["page"]) == (1, 5, 2)
    assert first["total"] == second["total"] > 5 and first["has_more"]
    assert len(first["results"]) == 5 and not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}
    assert client.get("/api/v1/search?q=kampanye&mode=keyword&k=3").get_json()["page_size"] == 3  # k, as before


def test_api_search_facets_count_the_results_and_narrow_them(client):
    body = client.get("/api/v1/search?q=kampanye&mode=keyword").get_json()
    types = body["facets"]["regulation_type"]
    assert {"regulation_type", "year", "status"} <= set(body["facets"]) and types
    assert sum(value["count"] for value in types) == body["total"]
    chosen = types[-1]
    narrowed = client.get(f"/api/v1/search?q=kampanye&mode=keyword&regulation_type={chosen['value']}"
                          "&page_size=100").get_json()
    assert narrowed["filters"] == {"regulation_type": chosen["value"]}
    assert {r["ref"]["type"] for r in narrowed["results"]} == {chosen["label"]}
    assert [v for v in narrowed["facets"]["regulation_type"] if v["selected"]][0]["value"] == chosen["value"]
    year = body["facets"]["year"][0]
    by_year = client.get(f"/api/v1/search?q=kampanye&mode=keyword&year={year['value']}&page_size=100").get_json()
    assert {r["ref"]["year"] for r in by_year["results"]} == {int(year["value"])}


def test_search_page_has_facet_links_and_next_previous_pages(client):
    html = client.get("/?q=kampanye&mode=keyword&page_size=5").get_data(as_text=True)
    assert '<nav class="facets"' in html and "Jenis peraturan" in html and "Status" in html
    facet_links = re.findall(r'<li><a href="(/\?[^"]*regulation_type=[^"]+)">', html)
    assert facet_links and all("q=kampanye" in link and "page=" not in link for link in facet_links)
    following = re.search(r'<a rel="next" href="([^"]+)">', html).group(1).replace("&amp;", "&")
    assert "page=2" in following and "page_size=5" in following
    second = client.get(following).get_data(as_text=True)
    assert '<ol class="results" start="6">' in second and 'rel="prev"' in second and "Halaman 2" in second
    narrowed = client.get(facet_links[0].replace("&amp;", "&")).get_data(as_text=True)
    assert 'class="selected" aria-current="true"' in narrowed and "hapus saringan" in narrowed
    english = client.get("/?q=kampanye&mode=keyword&lang=en").get_data(as_text=True)
    assert "Regulation type" in english and "Narrow the results" in english
    client.get("/?lang=id")


@pytest.mark.parametrize("query", ["page=0", "page=abc", "page_size=101", "type=person", "k=0"])
def test_search_parameters_out_of_range(client, query):
    response = client.get(f"/api/v1/search?q=kampanye&{query}")
    assert response.status_code == 400 and response.get_json()["error"]["message"]
    assert client.get(f"/?q=kampanye&{query}").status_code == 400


# -- versions ---------------------------------------------------------------------------------

def test_wording_diff_marks_words_removed_and_added():
    assert wording_diff("PNS dilarang ikut kampanye.", "PNS dan TNI dilarang ikut kampanye pemilihan.") == [
        ("same", "PNS"), ("ins", " dan TNI"), ("same", " dilarang ikut kampanye"), ("ins", " pemilihan"),
        ("same", ".")]
    assert wording_diff("a b", "") == [("del", "a b")]


def test_provision_page_shows_an_amendment_as_a_diff(client):
    view = client.get("/api/v1/provisions/uu/2015/1/pasal-71/ayat-1?as_of=2020-10-01").get_json()
    old, new = view["versions"][0]["text"], view["versions"][-1]["text"]
    html = client.get("/provisions/uu/2015/1/pasal-71/ayat-1?as_of=2020-10-01").get_data(as_text=True)
    section = html[html.index('<section id="changes">'):]
    section = section[:section.index("</section>")]
    assert "<ins>" in section and "UU 10/2016" in section
    diff = section.split('<p class="text diff">')[1].split("</p>")[0]
    as_new = re.sub(r"<del>.*?</del>|</?ins>", "", diff, flags=re.S)
    as_old = re.sub(r"<ins>.*?</ins>|</?del>", "", diff, flags=re.S)
    assert (html_unescape(as_old), html_unescape(as_new)) == (old, new) and old != new


def test_a_provision_never_amended_has_no_diff(client):
    assert 'id="changes"' not in client.get("/provisions/uu/2014/5/pasal-9/ayat-2").get_data(as_text=True)
