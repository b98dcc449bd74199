"""The network at a hub in headless Chromium: a Bawaslu office with 500 cases (tests/network_fixtures.py)
draws as itself and a counted group laid out by fcose, with its legend; a tap on the group draws a
page of its members, the next tap the next page; the filter form redraws the drawing and the links
table without reloading; the drawing downloads as PNG and SVG named after the entity.

The browser, the login and the waits are test_e2e_browser.py's; this module serves the app over its
own graph (its `base_url` is the one the imported `browser` fixture uses here).
"""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ElementTree
from urllib.parse import quote

import pytest

from network_fixtures import CANDIDATES, HUB, HUB_CASES, load_hub_graph
from test_e2e_browser import PASSWORD, _chromium, _find, _log_in, _wait, browser, shot  # noqa: F401 (fixtures)

pytestmark = pytest.mark.neo4j

PAGE = 50  # members drawn per tap on a group (network.js GROUP_PAGE)


@pytest.fixture(scope="module")
def base_url(session_graph, server_settings, tmp_path_factory):
    """The app served by waitress in a background thread, over the hub register."""
    from waitress import create_server

    from web import create_app
    from web.accounts import Accounts

    _chromium()  # skip before the slow set-up
    load_hub_graph(session_graph, tmp_path_factory.mktemp("hub-browser") / "docs")
    accounts = Accounts(server_settings.home / "accounts.sqlite")
    if accounts.get("e2e-investigator") is None:
        accounts.add("e2e-investigator", PASSWORD, "investigator")
    server = create_server(create_app(server_settings, rate_limits=False), host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.task_dispatcher.shutdown()
    server.close()
    thread.join(timeout=5)


def _drawn(browser) -> dict:
    """What the drawing holds: node and group counts, the layout, the nodes' spread (width, height)."""
    return browser.execute_script("""
        var n = document.getElementById('network'), cy = n.cy, box = cy.nodes().boundingBox();
        return {nodes: cy.nodes().length, groups: cy.nodes('.group').length, layout: n.getAttribute('data-layout'),
                rendered: Number(n.getAttribute('data-rendered-nodes')), width: box.w, height: box.h,
                group_names: cy.nodes('.group').map(function (g) { return g.data('name'); })};""")


def _wait_for_nodes(browser, test) -> dict:
    """What is drawn, once network.js has laid it out and `test` holds of it."""
    def ready(driver):
        if not driver.execute_script("var n = document.getElementById('network');"
                                     "return Boolean(n && n.cy && n.getAttribute('data-layout'));"):
            return None
        drawn = _drawn(driver)
        return drawn if test(drawn) else None
    return _wait(browser, ready)


def _tap_group(browser) -> None:
    browser.execute_script("document.getElementById('network').cy.nodes('.group')[0].emit('tap');")


def test_a_hub_draws_as_a_group_that_opens_a_page_at_a_time(browser, base_url, shot):
    _log_in(browser, base_url, "investigator")
    browser.get(f"{base_url}/entities/{HUB}")
    drawn = _wait_for_nodes(browser, lambda d: d["rendered"] == d["nodes"])
    assert (drawn["nodes"], drawn["groups"], drawn["layout"]) == (2, 1, "fcose")
    assert drawn["group_names"] == [f"Kasus ({HUB_CASES})"]
    assert _find(browser, "#network-legend").is_displayed() and _find(browser, "#network-png").is_displayed()
    assert "terbukti" in _find(browser, "#network-legend").text.lower()
    shot("network-hub")

    _tap_group(browser)
    drawn = _wait_for_nodes(browser, lambda d: d["nodes"] == 2 + PAGE)
    assert drawn["group_names"] == [f"Kasus: {HUB_CASES - PAGE} lagi"]
    _tap_group(browser)
    drawn = _wait_for_nodes(browser, lambda d: d["nodes"] == 2 + 2 * PAGE)
    # Laid out in two dimensions, not a column of hundreds of nodes.
    assert 0.25 < drawn["width"] / drawn["height"] < 4, drawn
    shot("network-hub-opened")


def test_filters_redraw_the_drawing_and_the_table_without_reloading(browser, base_url, shot):
    _log_in(browser, base_url, "investigator")
    browser.get(f"{base_url}/entities/{quote(CANDIDATES[0])}")
    everything = _wait_for_nodes(browser, lambda d: d["groups"] >= 1)
    supporters = browser.execute_script(
        "return document.getElementById('network').cy.nodes('.group').map(function (g) { return g.data('size'); });")
    rows = len(browser.find_elements("css selector", "#links tr[class^=link-]"))
    browser.execute_script("window.stayed = true;")  # gone if the page reloads

    _find(browser, "input[name=status][value=proven]").click()
    _wait(browser, lambda driver: "status=proven" in driver.current_url)
    _wait(browser, lambda driver: driver.execute_script(
        "return document.getElementById('network-status').textContent === '';"))
    filtered = browser.execute_script(
        "return document.getElementById('network').cy.nodes('.group').map(function (g) { return g.data('size'); });")
    assert browser.execute_script("return window.stayed === true;"), "the page reloaded"
    assert filtered and sum(filtered) < sum(supporters), (filtered, supporters)
    statuses = {row.get_attribute("class") for row in browser.find_elements("css selector", "#links tr[class^=link-]")}
    assert statuses == {"link-proven"}
    assert len(browser.find_elements("css selector", "#links tr[class^=link-]")) < rows
    assert "cocok dengan saringan" in _find(browser, "#links").text
    assert everything["layout"] == _drawn(browser)["layout"] == "fcose"
    shot("network-filtered")


def test_the_drawing_downloads_as_png_and_svg_named_after_the_entity(browser, base_url, tmp_path):
    _log_in(browser, base_url, "investigator")
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    browser.get(f"{base_url}/entities/{HUB}")
    _wait_for_nodes(browser, lambda d: d["nodes"] == 2)
    _find(browser, "#network-png").click()
    _find(browser, "#network-svg").click()
    png, svg = tmp_path / "bawaslu-kabupaten-pesisir-uji.png", tmp_path / "bawaslu-kabupaten-pesisir-uji.svg"
    _wait(browser, lambda driver: png.exists() and svg.exists() and png.stat().st_size and svg.stat().st_size)
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    root = ElementTree.fromstring(svg.read_text(encoding="utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = " ".join(element.text for element in root.iter("{http://www.w3.org/2000/svg}tspan"))
    assert f"Kasus ({HUB_CASES})" in texts and "Bawaslu Kabupaten Pesisir Uji" in texts
    assert len(list(root.iter("{http://www.w3.org/2000/svg}line"))) == 1
