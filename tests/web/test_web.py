"""The web app's placeholder pages and `netra serve`."""

import subprocess
import time
import urllib.request

import pytest

from conftest import NETRA, netra_env
from graph.server import free_port
from web import create_app

pytestmark = pytest.mark.neo4j


def test_home_page_counts_the_regulations_it_holds(server_settings, graph):
    graph.write("CREATE (:Regulation {id: 'uu/2014/5'})")
    client = create_app(server_settings).test_client()
    response = client.get("/")
    assert response.status_code == 200
    assert "1 peraturan dimuat" in response.get_data(as_text=True)
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_serve_answers_http_with_a_production_server(server_settings):
    port = free_port()
    env = netra_env(server_settings.home)
    server = subprocess.Popen([NETRA, "serve", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        body, headers = _get_when_up(f"http://127.0.0.1:{port}/")
        assert "Netra" in body
        assert headers.get("Server") == "netra"  # waitress, not Werkzeug's debug server
    finally:
        server.terminate()
        server.wait(timeout=10)


def _get_when_up(url, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode(), response.headers
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
