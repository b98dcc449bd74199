"""The statistics charts and the home page in a real headless Chromium (the app, data, browser and
screenshots of tests/web/test_e2e_browser.py): Chart.js draws a chart for each dimension under
the page's Content-Security-Policy, with its table beside it; the home page leads a first-time
visitor to the regulations, a search and the statistics."""

from __future__ import annotations

import pytest

from test_e2e_browser import _find, _follow, _text, _wait, base_url, browser, shot  # noqa: F401 (fixtures)

pytestmark = pytest.mark.neo4j

CHARTS = ("years", "regions", "acts", "sanction_levels", "outcomes")
# How many pixels of a chart's canvas are painted: Chart.js drew bars and axes, not an empty box.
PAINTED = """
var canvas = document.getElementById(arguments[0]);
if (!canvas || !window.Chart || !window.Chart.getChart(canvas)) { return 0; }
var data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data, painted = 0;
for (var i = 3; i < data.length; i += 4) { if (data[i] > 0) { painted++; } }
return painted;
"""


def test_the_statistics_page_draws_a_chart_and_keeps_a_table_for_each_dimension(browser, base_url, shot):  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.delete_all_cookies()
    browser.get(f"{base_url}/statistics?lang=id")
    for name in CHARTS:
        _wait(browser, lambda driver: driver.execute_script(PAINTED, f"chart-{name}") > 500)
        canvas = _find(browser, f"#chart-{name}")
        assert canvas.size["width"] > 200 and canvas.size["height"] > 100
        assert canvas.get_attribute("role") == "img" and "tabel berikut" in canvas.get_attribute("aria-label")
        rows = browser.find_elements(By.CSS_SELECTOR, f"#table-{name} tbody tr")
        assert rows, name
    outcomes = _find(browser, "#table-outcomes").text
    assert "terbukti" in outcomes and "not_proven" not in outcomes
    shot("statistics")
    # The same page in English, drawn the same way.
    browser.get(f"{base_url}/statistics?lang=en")
    _wait(browser, lambda driver: driver.execute_script(PAINTED, "chart-acts") > 500)
    assert "Sanction level" in _text(browser)
    browser.get(f"{base_url}/statistics?lang=id")


def test_a_first_visitor_finds_the_regulations_a_search_and_the_statistics_from_home(browser, base_url, shot):  # noqa: F811
    browser.delete_all_cookies()
    browser.get(f"{base_url}/?lang=id")
    home = _text(browser)
    for heading in ("Apa isi Netra", "Contoh pertanyaan", "Peraturan", "Statistik kasus", "Melihat ASN yang tidak netral?"):
        assert heading in home
    assert "3 kasus tercatat" in home and "simpul" not in home
    shot("home")
    _follow(browser, 'a[href="/regulations"]')
    assert "PP 94/2021" in _find(browser, "table.regulations").text
    shot("regulations")
    browser.back()
    _follow(browser, "ul.examples li:first-child a")
    _wait(browser, lambda driver: driver.find_elements("css selector", "#found-count"))
    assert _find(browser, "#q").get_attribute("value").startswith("PNS membagikan")
    browser.back()
    _follow(browser, 'section[aria-labelledby="home-statistics"] a[href="/statistics"]')
    _wait(browser, lambda driver: driver.execute_script(PAINTED, "chart-outcomes") > 500)
