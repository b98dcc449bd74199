"""The review queue in a real headless Chromium (the app, browser and screenshots of
tests/web/test_e2e_browser.py): an investigator opens the queue from the navigation, filters it
by region, rejects a pair with a reason and undoes it; the page fits a phone; a researcher is
refused. Skipped without chromium and chromedriver, as that module is."""

from __future__ import annotations

import pytest

from test_e2e_browser import _find, _follow, _log_in, _text, _too_wide, _wait, base_url, browser, shot  # noqa: F401

pytestmark = pytest.mark.neo4j

FINDING = ("TEMUAN BAWASLU {region}\n\nBawaslu {region} menemukan bahwa Rini Percobaan mengunggah ajakan memilih "
           "calon Wali Kota nomor urut 2, Bambang Contoh, di akun Facebook miliknya.\n")


@pytest.fixture(scope="module")
def queue(base_url, session_graph, tmp_path_factory):  # noqa: F811 - the fixture imported above
    """Three findings naming Rini Percobaan with nothing else to compare (two in Kota Solok, one in
    Kota Padang), loaded beside the e2e cases: three pairs to review."""
    from ingest.case_pipeline import ingest_cases

    folder = tmp_path_factory.mktemp("review-browser")
    for case, region in (("t101", "Kota Solok"), ("t102", "Kota Solok"), ("t103", "Kota Padang")):
        (folder / f"{case}-temuan.txt").write_text(FINDING.format(region=region), encoding="utf-8")
    assert ingest_cases([str(folder)], session_graph, show_progress=False).count("failed") == 0
    return base_url


def test_investigator_filters_rejects_with_a_reason_and_undoes(browser, queue, shot):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    _log_in(browser, queue, "investigator")
    _follow(browser, "header nav.sections a[href='/review']")
    assert _find(browser, "h1").text == "Tinjauan penggabungan"
    pairs = browser.find_elements(By.CSS_SELECTOR, "article.review-pair")
    assert len(pairs) >= 3 and "Rini Percobaan" in _text(browser)
    sides = pairs[0].find_elements(By.CSS_SELECTOR, "table.review-sides thead th")
    assert [th.text for th in sides[1:]] == ["Catatan A", "Catatan B"]  # both records side by side
    shot("review")

    Select(_find(browser, "#review-region")).select_by_visible_text("Kota Padang")
    _find(browser, "form.review-filter button[type=submit]").click()
    _wait(browser, lambda driver: "region=region" in driver.current_url)
    padang = browser.find_elements(By.CSS_SELECTOR, "article.review-pair")
    assert len(padang) == 2 and "2 pasangan menunggu tinjauan" in _find(browser, "p.count").text

    # Reject the first pair: without a reason the server says why; with one, the pair leaves the queue.
    pair_id = padang[0].get_attribute("id")
    padang[0].find_element(By.CSS_SELECTOR, "button[value=reject]").click()
    _wait(browser, lambda driver: driver.find_elements(By.CSS_SELECTOR, "p[role=alert]"))
    assert "Tuliskan alasan penolakan" in _find(browser, "p[role=alert]").text
    _find(browser, "form.review-decision input[name=reason]").send_keys("guru di dua kota berbeda")
    _find(browser, "form.review-decision button[value=reject]").click()
    _wait(browser, lambda driver: driver.find_elements(By.CSS_SELECTOR, "section.review-decided"))
    assert "Keputusan tercatat" in _find(browser, "section.review-decided").text
    assert "region=region" in browser.current_url, "back to the listing the reviewer was in"
    assert pair_id not in [a.get_attribute("id") for a in browser.find_elements(By.CSS_SELECTOR, "article.review-pair")]
    shot("review-decided")

    _find(browser, "section.review-decided button[value=undo]").click()
    _wait(browser, lambda driver: "Keputusan diurungkan" in driver.find_element(By.CSS_SELECTOR, "body").text)
    assert pair_id in [a.get_attribute("id") for a in browser.find_elements(By.CSS_SELECTOR, "article.review-pair")]


def test_the_queue_fits_a_phone(browser, queue):  # noqa: F811
    _log_in(browser, queue, "investigator")
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        browser.get(f"{queue}/review")
        width = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth];")
        assert width[0] <= width[1] == 390, f"horizontal scroll at 390 px {width}: {_too_wide(browser)}"
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_a_researcher_is_refused(browser, queue):  # noqa: F811
    _log_in(browser, queue, "researcher")
    browser.get(f"{queue}/review")
    assert "Rini Percobaan" not in browser.page_source and "tidak boleh membuka" in _text(browser)
    assert not browser.find_elements("css selector", "header nav.sections a[href='/review']")
