"""End to end in a real headless Chromium driven by Selenium: the app served by waitress on a free
127.0.0.1 port, against the session's Neo4j with the hand-written cases of tests/case_fixtures.py.

An investigator logs in through the form, searches, opens the provision, the case applying it,
a person on it (whose network is drawn), and traces the person to a candidate; a researcher sees
pseudonyms; the case page fits a phone's width; the login form and search box are reachable by
Tab. A screenshot of each page is saved under the test's tmp dir (paths printed; `pytest -s`
shows them) and, with NETRA_SAVE_SCREENSHOTS=1, copied to bench/results/screenshots/.

Needs `chromium` and `chromedriver` (Debian: `apt-get install chromium chromium-driver`; `make
test` installs them). Without them the module is skipped, unless CI is set: then it fails.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from case_fixtures import NIP, write_documents
from test_web_cases import _index, _statute
from paths import REPO

pytestmark = pytest.mark.neo4j

SCREENSHOTS = REPO / "bench" / "results" / "screenshots"
PASSWORD = "kata-sandi-peramban-uji"
CANDIDATE = "Bambang Contoh"
WAIT = 20  # seconds for a page or a drawing; the machine is shared


def _chromium() -> tuple[str, str]:
    browser = next(filter(None, map(shutil.which, ["chromium", "chromium-browser", "google-chrome"])), None)
    driver = shutil.which("chromedriver")
    if browser and driver:
        return browser, driver
    reason = ("Chromium and chromedriver are needed for the browser tests: "
              "apt-get install chromium chromium-driver (or run `make test`, which installs them).")
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


# -- the app, the browser, screenshots ----------------------------------------------------------

@pytest.fixture(scope="module")
def base_url(session_graph, server_settings, tmp_path_factory):
    """The app served by waitress in a background thread, over the statute and the case fixtures."""
    from waitress import create_server

    from graph.schema import wipe
    from ingest.case_pipeline import ingest_cases
    from web import create_app
    from web.accounts import Accounts

    _chromium()  # skip before the slow set-up
    wipe(session_graph)
    _statute(session_graph)
    _cite_as_written(session_graph)
    folder = write_documents(tmp_path_factory.mktemp("e2e-cases") / "docs")
    summary = ingest_cases([str(folder)], session_graph, show_progress=False)
    assert summary.count("failed") == 0, summary.to_json()
    _index(session_graph, server_settings)
    accounts = Accounts(server_settings.home / "accounts.sqlite")
    for role in ("investigator", "researcher"):
        if accounts.get(f"e2e-{role}") is None:
            accounts.add(f"e2e-{role}", PASSWORD, role)

    server = create_server(create_app(server_settings, rate_limits=False), host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.task_dispatcher.shutdown()
    server.close()
    thread.join(timeout=5)


def _cite_as_written(graph) -> None:
    """The statute stub's provisions with their citations, as ingest writes them, for the result titles."""
    from core.refs import ProvisionRef

    rows = [{"id": row["id"], "citation": ProvisionRef.from_id(row["id"]).citation}
            for row in graph.read("MATCH (p:Provision) RETURN p.id AS id")]
    graph.write("UNWIND $rows AS row MATCH (p:Provision {id: row.id}) SET p.citation = row.citation", rows=rows)


@pytest.fixture(scope="module")
def browser(base_url):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = _chromium()
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                     "--lang=id"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def shot(browser, tmp_path_factory):
    """shot(name): a PNG of the current page in the tmp dir (and bench/results/screenshots/ when
    NETRA_SAVE_SCREENSHOTS=1)."""
    folder = tmp_path_factory.mktemp("screenshots")
    keep = os.environ.get("NETRA_SAVE_SCREENSHOTS") == "1"

    def save(name: str) -> Path:
        path = folder / f"{name}.png"
        assert browser.save_screenshot(str(path)), path
        print(f"screenshot: {path}")
        if keep:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, SCREENSHOTS / path.name)
        return path

    return save


def _wait(browser, condition):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, WAIT).until(condition)


def _find(browser, css: str):
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, css)


def _follow(browser, css: str):
    """Click the link `css` and wait for the page it leads to."""
    link = _find(browser, css)
    target = link.get_attribute("href")
    link.click()
    _wait(browser, lambda driver: driver.current_url == target and driver.execute_script(
        "return document.readyState") == "complete")


def _log_in(browser, base_url: str, role: str, shot=None) -> None:
    """Through the login form, as a person would: type, press the button, land where asked."""
    from selenium.webdriver.common.by import By

    browser.delete_all_cookies()
    browser.get(f"{base_url}/login?next=/")
    _find(browser, "#login-name").send_keys(f"e2e-{role}")
    _find(browser, "#login-password").send_keys(PASSWORD)
    if shot:
        shot("login")
    _find(browser, "form.login button[type=submit]").click()
    _wait(browser, lambda driver: driver.find_elements(By.CSS_SELECTOR, "form.account"))
    assert f"e2e-{role}" in _find(browser, "form.account").text


def _text(browser) -> str:
    return _find(browser, "body").text


# -- the tests ----------------------------------------------------------------------------------

def _tab_until(browser, element_id: str, limit: int = 25) -> list[str]:
    """Press Tab from the page's first element until `element_id` has the focus; the ids passed."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    # Start the focus order at the top of the page (autofocus would otherwise skip the walk).
    browser.execute_script("document.activeElement.blur(); document.querySelector('a.brand').focus();")
    passed = []
    for _ in range(limit):
        active = browser.execute_script("var e = document.activeElement; return e.id || e.tagName;")
        passed.append(active)
        if active == element_id:
            return passed
        ActionChains(browser).send_keys(Keys.TAB).perform()
    pytest.fail(f"#{element_id} was not reached by Tab; the focus went {passed}")


def test_login_form_and_search_box_are_reachable_by_tab(browser, base_url):
    browser.delete_all_cookies()
    browser.get(f"{base_url}/login")
    _tab_until(browser, "login-name")
    _tab_until(browser, "login-password")
    order = _tab_until(browser, "BUTTON", limit=40)
    assert order.index("login-name") < order.index("login-password")
    assert browser.execute_script("return document.activeElement.closest('form.login') !== null")
    browser.get(base_url + "/")
    _tab_until(browser, "q")
    _tab_until(browser, "mode")


def test_investigator_searches_reads_a_case_and_traces_a_person_to_a_candidate(browser, base_url, shot):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    _log_in(browser, base_url, "investigator", shot)

    # Search from the home page's form, keyword mode, for the provision the sanction cites.
    box = _find(browser, "#q")
    box.clear()
    box.send_keys("Pasal 8 ayat (3) huruf a PP 94/2021")
    Select(_find(browser, "#mode")).select_by_value("keyword")
    _find(browser, "form.search button[type=submit]").click()
    _wait(browser, lambda driver: driver.find_elements(By.CSS_SELECTOR, "ol.results li"))
    assert "mode=keyword" in browser.current_url
    first = _find(browser, "ol.results li.result-provision")
    assert "PP 94/2021" in first.text and "1 kasus menerapkan ketentuan ini" in first.text
    shot("search")

    # The provision, and the cases applying it.
    _follow(browser, "ol.results li.result-provision > a")
    assert "/provisions/pp/2021/94/pasal-8" in browser.current_url
    assert "PP 94/2021" in _find(browser, "h1").text
    cases = _find(browser, "section#cases")
    assert "Kasus yang menerapkan ketentuan ini" in cases.text
    shot("provision")

    # The case: its stages, people, evidence and sanction.
    _follow(browser, "section#cases ul.cases a[href='/cases/case:t001']")
    assert "001/Reg/TM/PW/Kota/03.72/X/2024" in _find(browser, "h1").text
    page = _text(browser)
    assert "Kurniawan Fiktifsyah" in page and NIP in page and CANDIDATE in page
    assert "menyampaikan sambutan dukungan" in page and "Pasal 8 ayat (3) huruf a PP 94/2021" in page
    shot("case")

    # A person on it, with the network drawn.
    _follow(browser, f"article.person h3 a[href='/entities/person:{NIP}']")
    assert "Kurniawan Fiktifsyah" in _find(browser, "h1").text
    drawn = _wait(browser, lambda driver: driver.execute_script(
        "var n = document.getElementById('network');"
        "return n && n.querySelector('canvas') && Number(n.getAttribute('data-rendered-nodes'));"))
    assert drawn >= 3  # the person, the candidate, the case at least
    assert browser.execute_script("return document.querySelector('#network canvas') !== null")
    size = browser.execute_script("var r = document.querySelector('#network canvas').getBoundingClientRect();"
                                  "return [r.width, r.height];")
    assert size[0] > 100 and size[1] > 100, size
    # Tapping a neighbour (the candidate, whose links reach further) draws its links in place.
    browser.execute_script("var cy = document.getElementById('network').cy;"
                           "cy.nodes('[label = \"Person\"][url]').forEach(function (n) { n.emit('tap'); });")
    grown = _wait(browser, lambda driver: (lambda n: n if n > drawn else None)(driver.execute_script(
        "return Number(document.getElementById('network').getAttribute('data-rendered-nodes'));")))
    assert grown > drawn and browser.current_url.endswith(f"/entities/person:{NIP}"), "expanded, not navigated"
    shot("entity")

    # Trace from the person to the candidate, through the form.
    _follow(browser, "header nav.sections a[href='/trace']")
    _find(browser, "#a").send_keys(f"person:{NIP}")
    _find(browser, "#b").send_keys(CANDIDATE)
    hops = _find(browser, "#max_hops")
    hops.clear()
    hops.send_keys("2")
    _find(browser, "form.trace button[type=submit]").click()
    _wait(browser, lambda driver: driver.find_elements(By.CSS_SELECTOR, "ol.paths li.hop"))
    assert "jalur ditemukan" in _find(browser, "p.count").text
    proven = [hop.text for hop in browser.find_elements(By.CSS_SELECTOR, "li.hop.link-proven")]
    assert any(CANDIDATE in hop and "menyampaikan sambutan dukungan" in hop and ", karakter " in hop
               and "casedoc:" not in hop for hop in proven), proven  # the document by its title, not its id
    shot("trace")


def test_case_page_fits_a_phone(browser, base_url, shot):
    _log_in(browser, base_url, "investigator")
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        browser.get(f"{base_url}/cases/case:t001")
        shot("case-phone-390")
        width = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth];")
        # Chrome widens a phone's layout viewport to the widest element instead of scrolling.
        assert width[0] <= width[1] == 390, f"horizontal scroll at 390 px {width}: {_too_wide(browser)}"
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _too_wide(browser) -> list[str]:
    """The innermost elements reaching past 390 px, as tag.class "text", for the failure message."""
    return browser.execute_script("""
        return Array.from(document.querySelectorAll('body *')).filter(function (e) {
            return e.getBoundingClientRect().right > 391 && !Array.from(e.children).some(function (c) {
                return c.getBoundingClientRect().right > 391; });
        }).slice(0, 8).map(function (e) {
            return e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' "' +
                   (e.textContent || '').trim().slice(0, 40) + '" ' + Math.round(e.getBoundingClientRect().right);
        });""")


def test_researcher_sees_pseudonyms_not_names(browser, base_url, shot):
    from selenium.webdriver.common.by import By

    _log_in(browser, base_url, "researcher")
    browser.get(f"{base_url}/cases/case:t001")
    page = _text(browser)
    assert "001/Reg/TM/PW/Kota/03.72/X/2024" in page
    for secret in ("Kurniawan", "Fiktifsyah", NIP, "Bambang Contoh"):
        assert secret not in browser.page_source, secret
    people = [link.get_attribute("href") for link in browser.find_elements(By.CSS_SELECTOR, "article.person h3 a")]
    assert people and all("/entities/person:anon-" in href for href in people), people
    assert "Orang " in page
    shot("case-researcher")


def test_case_page_fills_in_its_searches_after_it(browser, base_url, shot):
    """The case page does not wait for its similar cases and suggested provisions:
    static/load-after.js loads them into their sections."""
    from selenium.webdriver.common.by import By

    _log_in(browser, base_url, "investigator")
    browser.get(f"{base_url}/cases/case:t002")
    listed = _wait(browser, lambda driver: driver.find_elements(By.CSS_SELECTOR, "#similar-cases ol.similar li"))
    assert any(item.find_elements(By.CSS_SELECTOR, "a[href='/cases/case:t001']") for item in listed)
    assert _find(browser, "#similar-cases ul.reasons").text
    _wait(browser, lambda driver: driver.execute_script(
        "return ['similar-cases', 'case-conduct'].every(function (id) {"
        "  var part = document.getElementById(id);"
        "  return !part.hasAttribute('aria-busy') && !part.querySelector('a[href$=\"/suggestions\"]'); });"))
    assert "tidak dapat dimuat" not in _text(browser)
    shot("case-similar")


def test_a_reporter_sends_a_report_and_checks_its_status_with_the_receipt(browser, base_url, shot):
    browser.delete_all_cookies()
    browser.get(f"{base_url}/report")
    _find(browser, "#report-what").send_keys("Seorang kepala sekolah mengajak guru memilih calon bupati nomor 1 "
                                             "dalam rapat dinas.")
    _find(browser, "form.report button[type=submit]").click()
    number = _wait(browser, lambda driver: driver.find_elements("id", "receipt-number"))[0].text
    code = _find(browser, "#receipt-code").text
    shot("report-receipt")
    _follow(browser, "section.receipt a[href='/report/status']")
    _find(browser, "#status-number").send_keys(number)
    _find(browser, "#status-code").send_keys(code.lower().replace("-", " "))  # as a person might type it
    _find(browser, "form.report button[type=submit]").click()
    state = _wait(browser, lambda driver: driver.find_elements("id", "report-state"))[0]
    assert state.get_attribute("data-state") == "received" and "Diterima" in state.text
    assert "kepala sekolah" not in _text(browser)
    shot("report-status")
