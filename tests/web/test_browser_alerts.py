"""The alerts page in a real headless Chromium (the app, browser and screenshots of
tests/web/test_e2e_browser.py): an investigator opens it from the menu, filters by pattern and
state, reads an alert's evidence, marks one seen and dismisses one with a reason (the browser
will not send the form without one); the page reads in English and fits a phone; a researcher is
refused. The graph: the hand-written cases plus the alert graph of tests/alert_fixtures.py."""

from __future__ import annotations

import pytest

from alert_fixtures import ANI, BUDI, write_alert_graph
from graph.alerts import alert_id, evaluate_alerts, get_alert
from test_e2e_browser import _find, _follow, _log_in, _text, _too_wide, _wait, base_url, browser, shot  # noqa: F401

pytestmark = pytest.mark.neo4j

TIE = alert_id("candidate_tie", f"{ANI}|{BUDI}")
REPEAT = alert_id("repeat_respondent", ANI)


@pytest.fixture(scope="module")
def alerts_url(base_url, session_graph):
    """The app's /alerts, once the alert graph is written beside the cases and evaluated."""
    write_alert_graph(session_graph, wipe_first=False)
    evaluate_alerts(session_graph)
    return f"{base_url}/alerts"


def _text_of(browser, css: str) -> str:
    """The text of `css`, read in one script: an element looked up before the page reloads goes stale."""
    return browser.execute_script("var e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
                                  css)


def _articles(browser):
    from selenium.webdriver.common.by import By

    return browser.find_elements(By.CSS_SELECTOR, "article.alert")


def test_an_investigator_filters_reads_marks_seen_and_dismisses(browser, base_url, alerts_url, session_graph, shot):
    from selenium.webdriver.common.by import By

    _log_in(browser, base_url, "investigator")
    _follow(browser, "header nav.sections a[href='/alerts']")
    assert _find(browser, "h1").text == "Peringatan" and len(_articles(browser)) >= 5
    shot("alerts")

    # Only the ties to candidates: the family tie, with both people, the election and the sentence.
    _follow(browser, "nav.alert-filters a[href*='pattern=candidate_tie']")
    headings = [article.find_element(By.CSS_SELECTOR, "h2").text for article in _articles(browser)]
    assert headings and all("ASN terkait calon" in heading for heading in headings)
    tie = _find(browser, f"article#{TIE}")
    assert "Ani Percobaan" in tie.text and "Budi Calonuji" in tie.text and "Pilkada 2024 Kota Uji" in tie.text
    assert "merupakan adik kandung calon Budi Calonuji" in tie.text
    assert tie.find_elements(By.CSS_SELECTOR, f"a[href='/entities/{ANI}']")

    # Marked seen: back on the same filtered list, the alert now says so.
    tie.find_element(By.CSS_SELECTOR, "form[action$='/seen'] button").click()
    _wait(browser, lambda driver: "sudah dilihat" in _text_of(driver, f"article#{TIE} .alert-state"))
    assert "pattern=candidate_tie" in browser.current_url
    assert get_alert(session_graph, TIE).state == "seen"

    # Dismissing: the browser keeps the form until a reason is typed.
    browser.get(f"{alerts_url}?pattern=repeat_respondent")
    reason = _find(browser, f"article#{REPEAT} input[name=reason]")
    button = _find(browser, f"article#{REPEAT} form[action$='/dismiss'] button")
    button.click()
    assert browser.execute_script("return arguments[0].validity.valueMissing", reason)
    assert get_alert(session_graph, REPEAT).state == "new"
    reason.send_keys("Dua kasus berbeda, sudah diperiksa bersama.")
    button.click()
    _wait(browser, lambda driver: not driver.find_elements(By.CSS_SELECTOR, f"article#{REPEAT}"))
    _follow(browser, "nav.alert-filters a[href*='state=dismissed']")
    assert "Dua kasus berbeda, sudah diperiksa bersama." in _find(browser, f"article#{REPEAT}").text
    shot("alerts-dismissed")


def test_the_page_reads_in_english_and_fits_a_phone(browser, base_url, alerts_url, shot):
    _log_in(browser, base_url, "investigator")
    browser.get(f"{alerts_url}?lang=en&state=all")
    page = _text(browser)
    assert "Alerts" in _find(browser, "h1").text and "Civil servant in two or more cases" in page
    assert "Tandai sudah dilihat" not in page
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        browser.get(f"{alerts_url}?lang=id&state=all")
        shot("alerts-phone-390")
        width = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth];")
        assert width[0] <= width[1] == 390, f"horizontal scroll at 390 px {width}: {_too_wide(browser)}"
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_a_researcher_is_refused(browser, base_url, alerts_url):
    _log_in(browser, base_url, "researcher")
    browser.get(alerts_url)
    assert "Ani Percobaan" not in browser.page_source and "Budi Calonuji" not in browser.page_source
    assert "tidak boleh membuka halaman ini" in _text(browser)
    assert "href=\"/alerts\"" not in browser.page_source
