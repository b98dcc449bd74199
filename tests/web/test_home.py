"""The home page and the regulation list (web/pages.py): what Netra holds and how to use it, for a
first-time visitor in either language, and the regulations by type and year with their status.
The list's read (graph.regulation_views.regulation_list) runs against the real Neo4j, on a few
regulations written as ingest writes them: one replaced, one amended, one not yet in force, one
only cited (a stub, which the list leaves out), beside the hand-written cases."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import quote_plus, unquote_plus

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from case_fixtures import NIP, write_documents
from conftest import log_in
from graph.regulation_views import regulation_list
from test_web_cases import _index, _statute
from web import create_app
from web.pages import EXAMPLE_QUESTIONS

pytestmark = pytest.mark.neo4j

TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"/")
REGULATIONS = """
UNWIND $rows AS row
CREATE (:Regulation {id: row.id, type: row.type, number: row.number, year: row.year, citation: row.citation,
                     title: row.title, stub: row.stub, in_force_from: date(row.from)})
"""
RELATIONS = """
MATCH (uu20:Regulation {id: 'uu/2023/20'}), (uu5:Regulation {id: 'uu/2014/5'}),
      (uu8:Regulation {id: 'uu/2015/8'}), (uu1:Regulation {id: 'uu/2015/1'})
CREATE (uu20)-[:REPLACES {date: date('2023-10-31'), scope: 'whole'}]->(uu5),
       (uu8)-[:AMENDS {date: date('2015-03-18')}]->(uu1)
"""


def _regulation(id_, citation, title, start, stub=False):
    kind, year, number = id_.split("/")
    return {"id": id_, "type": kind.upper(), "number": number, "year": int(year), "citation": citation,
            "title": title, "stub": stub, "from": start}


ROWS = [_regulation("uu/2014/5", "UU 5/2014", "Aparatur Sipil Negara", "2014-01-15"),
        _regulation("uu/2023/20", "UU 20/2023", "Aparatur Sipil Negara", "2023-10-31"),
        _regulation("uu/2015/1", "UU 1/2015", "Pemilihan Gubernur, Bupati, dan Walikota", "2015-02-02"),
        _regulation("uu/2015/8", "UU 8/2015", "Perubahan atas Undang-Undang Nomor 1 Tahun 2015", "2015-03-18"),
        _regulation("pp/2099/1", "PP 1/2099", "Peraturan <b>masa depan</b>", "2099-01-01"),
        _regulation("uu/1999/43", "UU 43/1999", None, None, stub=True)]


@pytest.fixture(scope="module")
def app(session_graph, server_settings, tmp_path_factory):
    from graph.schema import wipe
    from ingest.case_pipeline import ingest_cases

    wipe(session_graph)
    _statute(session_graph)  # PP 94/2021, in force
    session_graph.write(REGULATIONS, rows=ROWS)
    session_graph.write(RELATIONS)
    folder = write_documents(tmp_path_factory.mktemp("home-cases") / "docs")
    assert ingest_cases([str(folder)], session_graph, show_progress=False).count("failed") == 0
    # The hand-written cases state no date of the act and no act family: as a register would give them.
    session_graph.write("MATCH (c:Case) SET c.act_date = '2024-10-10'")
    session_graph.write("MATCH (c:Case {id: 'case:t001'}) SET c.act = 'social_media'")
    _index(session_graph, server_settings)
    return create_app(server_settings, rate_limits=False)


def _html(client, url, status=200):
    response = client.get(url)
    body = response.get_data(as_text=True)
    assert response.status_code == status, body[:1000]
    assert not TRACEBACK.search(body)
    return body


def _main(page: str) -> str:
    return page[page.index('<main id="main">'):]


# -- the read ----------------------------------------------------------------------------------

def test_the_list_holds_the_loaded_regulations_in_the_order_of_the_hierarchy(app, session_graph):
    listed = regulation_list(session_graph, date(2024, 6, 1))
    assert [r["id"] for r in listed] == ["uu/2023/20", "uu/2015/1", "uu/2015/8", "uu/2014/5", "pp/2099/1", "pp/2021/94"]
    by_id = {r["id"]: r for r in listed}
    assert by_id["uu/2014/5"]["status"] == "revoked" and by_id["uu/2014/5"]["changes"] == [
        {"kind": "revoked", "id": "uu/2023/20", "citation": "UU 20/2023", "date": date(2023, 10, 31)}]
    assert by_id["uu/2015/1"]["status"] == "amended" and by_id["uu/2015/1"]["changes"][0]["citation"] == "UU 8/2015"
    assert by_id["pp/2099/1"]["status"] == "not yet in force" and by_id["pp/2021/94"]["status"] == "in force"


def test_the_list_as_of_an_earlier_day_knows_only_what_had_happened(app, session_graph):
    by_id = {r["id"]: r for r in regulation_list(session_graph, date(2015, 3, 1))}
    assert by_id["uu/2014/5"]["status"] == "in force" and by_id["uu/2014/5"]["changes"] == []
    assert by_id["uu/2015/1"]["status"] == "in force" and by_id["uu/2015/1"]["changes"] == []
    assert by_id["uu/2023/20"]["status"] == "not yet in force"


# -- the regulation list page --------------------------------------------------------------------

def test_the_list_page_shows_each_regulation_with_its_status_and_what_changed_it(app):
    page = _main(_html(app.test_client(), "/regulations?lang=id"))
    assert page.count('<th scope="row"><a href="/regulations/') == 6 and "UU 43/1999" not in page
    assert 'href="/regulations/uu/2014/5">UU 5/2014</a>' in page
    assert "dicabut oleh UU 20/2023 sejak 31 Oktober 2023" in page and "diubah oleh UU 8/2015 sejak 18 Maret 2015" in page
    assert ">belum berlaku<" in page and "Peraturan &lt;b&gt;masa depan&lt;/b&gt;" in page
    english = _main(_html(app.test_client(), "/regulations?lang=en"))
    assert "revoked by UU 20/2023 from 31 October 2023" in english and "<h1>Regulations</h1>" in english


def test_the_list_filters_by_type_and_year(app):
    client = app.test_client()
    page = _main(_html(client, "/regulations?type=uu&year=2015"))
    assert re.findall(r'<th scope="row"><a href="/regulations/([^"]+)"', page) == ["uu/2015/1", "uu/2015/8"]
    assert '<option value="uu" selected>' in page and '<option value="2015" selected>' in page
    assert re.findall(r'<th scope="row"><a href="/regulations/([^"]+)"', _main(_html(client, "/regulations?type=PP"))) \
        == ["pp/2099/1", "pp/2021/94"]
    none = _main(_html(client, "/regulations?year=1990&lang=id"))
    assert "Tidak ada peraturan dengan saringan ini." in none and 'href="/regulations">' in none


def test_a_filter_that_cannot_be_is_a_clear_400(app):
    client = app.test_client()
    assert "type harus salah satu dari uu, pp, bukan “perda”." in _html(client, "/regulations?type=perda&lang=id", 400)
    assert "year must be a four-digit year like 2017, not “20a”." in _html(client, "/regulations?year=20a&lang=en", 400)


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300), st.text(max_size=300))
def test_hostile_filters_never_break_the_list(app, kind, year):
    response = app.test_client().get("/regulations", query_string={"type": kind, "year": year})
    body = response.get_data(as_text=True)
    assert response.status_code in (200, 400) and not TRACEBACK.search(body)
    assert "<script>" not in _main(body) and len(body) < 20_000


# -- the home page -------------------------------------------------------------------------------

def test_the_home_page_tells_a_first_visitor_what_netra_holds_and_how_to_use_it(app):
    page = _main(_html(app.test_client(), "/?lang=id"))
    assert "Apa isi Netra" in page and "simpul" not in page
    # The regulations, browsable by type and year, with their status.
    assert "6 peraturan dimuat: 3 berlaku, 1 diubah, 1 dicabut, 1 belum berlaku." in page
    assert 'href="/regulations?type=uu">Undang-Undang</a> (4)' in page
    assert 'href="/regulations?type=uu&amp;year=2015">2015</a> (2)' in page and 'href="/regulations">' in page
    # Example questions, each a search.
    examples = re.findall(r'<a href="/\?q=([^"]+)" lang="id">([^<]+)</a>', page)
    assert [(unquote_plus(q), text) for q, text in examples] == [(question, question) for question in EXAMPLE_QUESTIONS]
    # The public statistics, and the way to report.
    statistics = page[page.index('id="home-statistics"'):page.index('id="home-report"')]
    assert "3 kasus tercatat, tahun 2024." in statistics and 'href="/statistics"' in statistics  # not "2024–2024"
    assert "Perbuatan yang paling sering: kampanye melalui media sosial (1 kasus)." in statistics
    assert "Hasil: 1 dihentikan, 1 dalam proses, 1 terbukti." in statistics
    assert 'href="/report"' in page and 'href="/report/status"' in page


def test_every_example_question_is_a_search_that_answers(app):
    """(Whether each finds the right rules is a matter of the real corpus: see the report of #19.)"""
    client = app.test_client()
    for question in EXAMPLE_QUESTIONS:
        page = _html(client, f"/?q={quote_plus(question)}&mode=keyword&lang=id")
        assert re.search(r"hasil untuk|Tidak ada hasil untuk", page) and 'id="found-count"' in page, question


def test_the_home_page_reads_in_english(app):
    page = _main(_html(app.test_client(), "/?lang=en"))
    assert "What Netra holds" in page and "Example questions" in page
    assert "(a civil servant shares a regent candidate&#39;s post on social media)" in page
    assert "Pasal 5 PP 94/2021</a></li>" in page  # a citation needs no gloss
    assert "3 cases recorded, in 2024." in page and "Check a report&#39;s status" in page


def test_the_home_page_shows_no_person(app, server_settings):
    for client in (app.test_client(), log_in(app.test_client(), server_settings, "researcher")):
        page = _html(client, "/")
        assert NIP not in page and "Fiktifsyah" not in page and "person:" not in page
