"""Test fixtures. Graph tests run against a real Neo4j server that this test session
starts in a temporary data directory and stops at the end; a user's own data directory
and server are never touched."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.config import load_settings
from graph.db import Graph, connection_for
from graph.schema import migrate, wipe
from graph.server import LocalServer

NETRA = str(Path(sys.executable).with_name("netra"))

# Small memory settings: the suite may run two servers at once on a 2-core machine.
TEST_SERVER_ENV = {"NETRA_NEO4J_HEAP": "512m", "NETRA_NEO4J_PAGECACHE": "128m"}


def netra_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment for running `netra` against the data directory `home` only."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NETRA_"))}
    return {**env, **TEST_SERVER_ENV, "NETRA_HOME": str(home), **extra}


def run_netra(*args: str, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([NETRA, *args], env=env, capture_output=True, text=True, timeout=timeout)


def pytest_collection_modifyitems(items):
    """A test that uses the session's Neo4j server (directly or through `graph`) is marked `neo4j`
    whether or not its module says so, so `-m "not neo4j"` (make test-unit) never starts one."""
    for item in items:
        if "server_settings" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session", autouse=True)
def private_config_dir(tmp_path_factory):
    """Per-user files Netra keeps outside its data directory (the audit log's key and head files,
    ~/.config/netra) go to a temporary folder, for the tests and the `netra` they run."""
    folder = tmp_path_factory.mktemp("xdg-config")
    previous = os.environ.get("XDG_CONFIG_HOME")
    os.environ["XDG_CONFIG_HOME"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("XDG_CONFIG_HOME", None)
    else:
        os.environ["XDG_CONFIG_HOME"] = previous


@pytest.fixture(scope="session")
def server_settings(tmp_path_factory):
    """Settings of the session's Neo4j server, started through the real start-up path."""
    home = tmp_path_factory.mktemp("netra-home")
    settings = load_settings(netra_env(home))
    server = LocalServer(settings)
    server.start(progress=lambda message: print(message, file=sys.stderr))
    yield settings
    server.stop()


@pytest.fixture(scope="session")
def session_graph(server_settings):
    graph = Graph(connection_for(server_settings))
    migrate(graph)
    yield graph
    graph.close()


@pytest.fixture
def graph(session_graph):
    """The session's graph, emptied before the test (the schema stays)."""
    wipe(session_graph)
    return session_graph


TEST_PASSWORD = "test-password-123"


def log_in(client, settings, role: str):
    """Log the Flask test client in with an account of `role` (made on first use), through
    the real login form."""
    import re

    from web.accounts import Accounts

    accounts, name = Accounts(settings.home / "accounts.sqlite"), f"test-{role}"
    if accounts.get(name) is None:
        accounts.add(name, TEST_PASSWORD, role)
    form = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    response = client.post("/login", data={"name": name, "password": TEST_PASSWORD, "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client
