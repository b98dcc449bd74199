"""Faults: Neo4j going away under the web app and in the middle of an ingest. Each test runs
its own server (the session's is never stopped) and drives `netra` as a user would."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import NETRA, netra_env, run_netra
from core.config import load_settings
from graph.db import Graph, connection_for
from graph.schema import counts
from graph.server import LocalServer, free_port
from paths import CORE

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]



@pytest.fixture
def own_server(tmp_path):
    env = netra_env(tmp_path / "home")
    server = LocalServer(load_settings(env))
    server.start(progress=lambda message: None)
    yield env, server
    server.stop()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _wait_for(url: str, status: int, timeout: float = 60) -> tuple[int, str]:
    deadline = time.monotonic() + timeout
    while True:
        try:
            answer = _get(url)
            if answer[0] == status or time.monotonic() > deadline:
                return answer
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
        time.sleep(0.5)


def test_web_says_503_while_neo4j_is_down_and_recovers(own_server):
    env, server = own_server
    port = free_port()
    web = subprocess.Popen([NETRA, "serve", "--port", str(port)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        assert _wait_for(f"{base}/", 200)[0] == 200
        server.stop()
        status, page = _get(f"{base}/")
        assert status == 503 and "netra db start" in page and "Traceback" not in page
        status, body = _get(f"{base}/api/v1/regulations/uu/2014/5")
        assert status == 503 and json.loads(body)["error"]["code"] == "database_unavailable"
        assert _get(f"{base}/healthz")[0] == 503

        server.start(progress=lambda message: None)
        status, body = _wait_for(f"{base}/healthz", 200)
        assert status == 200, body
        assert _get(f"{base}/")[0] == 200
    finally:
        web.terminate()
        web.wait(timeout=10)
    assert "Traceback" not in web.stderr.read()


@pytest.mark.skipif(not CORE.is_dir(), reason="../shared/corpus is not beside the repository")
def test_an_ingest_cut_short_by_the_server_completes_on_rerun_without_duplicates(own_server, server_settings, graph):
    env, server = own_server
    ingest = subprocess.Popen([NETRA, "ingest", str(CORE)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    own = Graph(connection_for(load_settings(env)))
    try:
        deadline = time.monotonic() + 240
        while own.read("MATCH (d:Document) RETURN count(d) AS n")[0]["n"] < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        server.stop()
        _, stderr = ingest.communicate(timeout=120)
        assert ingest.returncode != 0
        assert "Run the same command again" in stderr and "Traceback" not in stderr

        server.start(progress=lambda message: None)
        rerun = run_netra("ingest", str(CORE), env=env)
        assert rerun.returncode == 0, rerun.stderr
        interrupted_then_completed = counts(own)
    finally:
        own.close()

    uninterrupted = run_netra("ingest", str(CORE), env=netra_env(server_settings.home))
    assert uninterrupted.returncode == 0, uninterrupted.stderr
    assert interrupted_then_completed == counts(graph)
