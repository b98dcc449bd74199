"""The public statistics page (web/statistics.py): a chart per dimension drawn from the page's JSON
data block, the same numbers in a table after each chart, labels instead of codes in both
languages, and nothing personal, for anyone. The order of each dimension and the chart data
are checked without a database; the page against the hand-written cases (tests/case_fixtures.py)."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from case_app_fixtures import loaded, settings  # noqa: F401 (fixtures)
from case_fixtures import NIP
from conftest import log_in
from core.config import load_settings
from web import create_app
from web.statistics import CHARTED_REGIONS, chart_data, ordered, statistics_summary

CHARTED = ("years", "regions", "acts", "sanction_levels", "outcomes")
DATA_BLOCK = re.compile(r'<script type="application/json" id="statistics-data">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def offline_app(tmp_path_factory):
    """An app that never opens its graph: enough for the language of labels."""
    home = tmp_path_factory.mktemp("statistics-home")
    return create_app(dataclasses.replace(load_settings({}), home=home), rate_limits=False)


# -- order and chart data (no database) --------------------------------------------------------

def test_years_read_in_time_and_sanctions_from_the_lightest_with_unknown_last():
    assert ordered("years", {"2024": 9, "unknown": 5, "2020": 3, "2023": 1}) == \
        [("2020", 3), ("2023", 1), ("2024", 9), ("unknown", 5)]
    assert ordered("sanction_levels", {"sedang": 9, "berat": 2, "PTDH": 1, "ringan": 4, "teguran": 3}) == \
        [("ringan", 4), ("sedang", 9), ("berat", 2), ("PTDH", 1), ("teguran", 3)]
    # Anything else keeps the count order graph.statistics gives it.
    assert ordered("acts", {"gifts": 7, "unknown": 9, "banners": 2}) == [("gifts", 7), ("banners", 2), ("unknown", 9)]


def test_chart_data_labels_codes_in_the_page_language_and_draws_the_busiest_regions(offline_app):
    regions = {f"Kabupaten {n:02d}": 100 - n for n in range(CHARTED_REGIONS + 5)}
    tables = {"years": [("2024", 3)], "regions": ordered("regions", regions), "acts": [("social_media", 2)],
              "sanction_levels": [("sedang", 1)], "outcomes": [("not_proven", 1), ("unknown", 2)]}
    with offline_app.test_request_context("/statistics?lang=en"):
        charts = {chart["id"]: chart for chart in chart_data(tables)}
    assert list(charts) == [f"chart-{name}" for name in CHARTED]
    assert charts["chart-acts"]["categories"] == ["campaigning on social media"] and charts["chart-acts"]["across"]
    assert charts["chart-outcomes"] == {"id": "chart-outcomes", "categories": ["not proven", "unknown"], "counts": [1, 2],
                                        "across": False}
    assert charts["chart-regions"]["categories"] == [f"Kabupaten {n:02d}" for n in range(CHARTED_REGIONS)]
    with offline_app.test_request_context("/statistics?lang=id"):
        assert chart_data(tables)[2]["categories"] == ["kampanye melalui media sosial"]


def test_chart_data_is_no_case_data_to_the_masking(offline_app):
    """Public labels are not masked even when a word of one is a word of someone's name (a
    record with "labels" once read as a node of unknown label: "pengurus [nama] politik")."""
    from web.privacy import Redactor

    with offline_app.test_request_context("/statistics?lang=id"):
        charts = chart_data({"acts": [("party_membership", 3), ("social_media", 2)]})
    assert Redactor(b"k" * 32, frozenset({"partai", "media", "sosial"}))({"charts": charts}) == {"charts": charts}


def test_an_empty_dimension_draws_no_chart_and_the_summary_copes_with_no_cases(offline_app):
    with offline_app.test_request_context("/statistics"):
        assert chart_data({"years": [], "acts": [("gifts", 1)]}) == [
            {"id": "chart-acts", "categories": ["memberikan barang atau uang"], "counts": [1], "across": True}]
    empty = {"total": 0, "years": {}, "regions": {}, "acts": {}, "outcomes": {}, "stages": {}, "sanction_levels": {}}
    assert statistics_summary(empty) == {"total": 0, "first_year": None, "last_year": None, "top_act": None,
                                         "outcomes": []}
    summary = statistics_summary({**empty, "total": 4, "years": {"2024": 3, "unknown": 1, "2019": 1},
                                  "acts": {"unknown": 3, "gifts": 1}, "outcomes": {"proven": 4}})
    assert (summary["first_year"], summary["last_year"], summary["top_act"]) == ("2019", "2024", ("gifts", 1))


def test_the_counts_are_read_again_only_once_they_are_a_minute_old(offline_app, monkeypatch):
    import web.statistics as module

    reads, now = [], [1000.0]
    monkeypatch.setattr(module, "case_statistics", lambda graph: reads.append(1) or {"total": len(reads)})
    monkeypatch.setattr(module, "graph", lambda: None)
    monkeypatch.setattr(module.time, "monotonic", lambda: now[0])
    with offline_app.app_context():
        assert module.public_statistics() == module.public_statistics() == {"total": 1}
        now[0] += module.FRESH_SECONDS
        assert module.public_statistics() == {"total": 2} and len(reads) == 2


# -- the page, on the hand-written cases ----------------------------------------------------------

@pytest.fixture
def app(settings):  # noqa: F811 (the fixture imported above)
    return create_app(settings, rate_limits=False)


def _page(client, url="/statistics"):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:1000]
    return response.get_data(as_text=True)


def _tables(page: str) -> dict[str, list[tuple[str, int]]]:
    tables = {}
    for name, body in re.findall(r'<table class="statistics" id="table-(\w+)">(.*?)</table>', page, re.S):
        tables[name] = [(label, int(count)) for label, count in
                        re.findall(r'<th scope="row">([^<]*)</th><td>(\d+)</td>', body)]
    return tables


@pytest.mark.neo4j
def test_anyone_sees_a_chart_and_a_table_of_the_same_numbers_for_each_dimension(app):
    page = _page(app.test_client())
    charts = {chart["id"]: chart for chart in json.loads(DATA_BLOCK.search(page).group(1))}
    tables = _tables(page)
    for name in CHARTED:
        assert f'<canvas id="chart-{name}" role="img" aria-label="Grafik batang:' in page
        assert list(zip(charts[f"chart-{name}"]["categories"], charts[f"chart-{name}"]["counts"])) == tables[name]
        # The table follows its chart, with a caption and column headers for screen readers.
        assert page.index(f'id="chart-{name}"') < page.index(f'id="table-{name}"')
    assert sum(count for _label, count in tables["outcomes"]) == 3
    assert ("terbukti", 1) in tables["outcomes"] and ("Kota Solok", 2) in tables["regions"]
    assert "<caption" in page and '<th scope="col">Kasus</th>' in page
    assert "vendor/chartjs/chart.umd.js" in page and "statistics.js" in page
    # No code where a label belongs; no inline script (the CSP allows none).
    assert not re.search(r'<th scope="row">(?:not_proven|social_media|keputusan_ppk|unknown)</th>', page)
    assert all('src="' in tag or 'type="application/json"' in tag for tag in re.findall(r"<script[^>]*>", page))


@pytest.mark.neo4j
def test_the_page_reads_in_english(app):
    page = _page(app.test_client(), "/statistics?lang=en")
    assert "<h2 id=\"heading-sanction_levels\">Sanction level</h2>" in page
    assert 'aria-label="Bar chart: cases by year. The numbers are in the table that follows."' in page
    assert ("proven", 1) in _tables(page)["outcomes"]


@pytest.mark.neo4j
def test_statistics_show_no_person_to_anyone(app, settings):  # noqa: F811
    anonymous = app.test_client()
    researcher = log_in(app.test_client(), settings, "researcher")
    for client in (anonymous, researcher):
        page = _page(client)
        for personal in (NIP, "Fiktifsyah", "Samaran", "Bambang Contoh", "person:"):
            assert personal not in page
    assert anonymous.get("/api/v1/statistics").get_json()["total"] == 3
