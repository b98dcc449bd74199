"""`netra db start | stop | status` and their errors, through the real command line.

These start their own servers in fresh data directories, separate from the session's."""

import json
import os
import socket
import stat
import subprocess

import pytest

from conftest import NETRA, netra_env, run_netra
from graph.schema import CURRENT_VERSION
from graph.server import free_port

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def assert_clear_error(result, *phrases):
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr


@pytest.fixture(scope="module")
def lifecycle_env(tmp_path_factory):
    env = netra_env(tmp_path_factory.mktemp("lifecycle"))
    yield env
    run_netra("db", "stop", env=env)


def state_file(env):
    return os.path.join(env["NETRA_HOME"], "neo4j", "run", "netra-server.json")


class TestLifecycle:
    """One server taken through its life; the tests run in this order."""

    def test_first_start_runs_a_server_with_authentication(self, lifecycle_env):
        result = run_netra("db", "start", env=lifecycle_env)
        assert result.returncode == 0, result.stderr
        assert "is running at bolt://127.0.0.1:" in result.stdout
        password_file = os.path.join(lifecycle_env["NETRA_HOME"], "neo4j", "password")
        assert stat.S_IMODE(os.stat(password_file).st_mode) == 0o600
        conf = open(os.path.join(lifecycle_env["NETRA_HOME"], "neo4j", "conf", "neo4j.conf")).read()
        assert "dbms.security.auth_enabled=true" in conf
        assert "server.bolt.listen_address=127.0.0.1:" in conf

    def test_second_start_reports_the_running_server(self, lifecycle_env):
        pid = json.load(open(state_file(lifecycle_env)))["pid"]
        result = run_netra("db", "start", env=lifecycle_env)
        assert result.returncode == 0, result.stderr
        assert "already running" in result.stdout and f"PID {pid}" in result.stdout

    def test_status_shows_uri_pid_version_size_and_counts(self, lifecycle_env):
        result = run_netra("db", "status", env=lifecycle_env)
        assert result.returncode == 0, result.stderr
        for label in ("URI:", "PID:", "Store:", "Version:", "Nodes:", "Relations:"):
            assert label in result.stdout
        assert "Neo4j Kernel 5.26" in result.stdout
        assert f"Schema:     version {CURRENT_VERSION}" in result.stdout

    def test_stop_shuts_the_server_down(self, lifecycle_env):
        pid = json.load(open(state_file(lifecycle_env)))["pid"]
        result = run_netra("db", "stop", env=lifecycle_env)
        assert result.returncode == 0 and f"Stopped Neo4j (PID {pid})" in result.stdout
        assert not os.path.exists(f"/proc/{pid}") or "Z" in open(f"/proc/{pid}/stat").read().split(")")[-1][:3]
        status = run_netra("db", "status", env=lifecycle_env)
        assert status.returncode == 3 and "not running" in status.stdout
        again = run_netra("db", "stop", env=lifecycle_env)
        assert again.returncode == 0 and "was not running" in again.stdout

    def test_a_stale_pid_file_is_cleaned_and_the_server_restarts(self, lifecycle_env):
        dead_pid = 2**22 + 12345  # above the kernel's pid_max: never alive
        with open(state_file(lifecycle_env), "w") as handle:
            json.dump({"pid": dead_pid, "port": free_port(), "version": "5.26", "started_at": 0}, handle)
        result = run_netra("db", "start", env=lifecycle_env)
        assert result.returncode == 0, result.stderr
        assert f"Removed a stale PID file (process {dead_pid}" in result.stdout
        assert "is running at" in result.stdout


def test_start_on_a_taken_port_is_a_clear_error(tmp_path):
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        result = run_netra("db", "start", "--port", str(port), env=netra_env(tmp_path))
    assert_clear_error(result, f"Port {port} on 127.0.0.1 is already in use", "--port")


def test_missing_java_is_a_clear_error(tmp_path):
    result = run_netra("db", "start", env=netra_env(tmp_path, JAVA_HOME=str(tmp_path / "no-jdk")))
    assert_clear_error(result, "Java was not found", "JAVA_HOME")


def test_missing_maven_is_a_clear_error(tmp_path):
    # A fresh download cache forces a download; a PATH with java but no mvn.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    java = os.path.realpath(os.popen("command -v java").read().strip())
    os.symlink(java, bin_dir / "java")
    env = netra_env(tmp_path / "home", PATH=str(bin_dir), NETRA_CACHE=str(tmp_path / "cache"))
    env.pop("JAVA_HOME", None)
    result = run_netra("db", "start", env=env)
    assert_clear_error(result, "Maven (`mvn`) was not found")


def test_a_server_that_fails_to_start_shows_its_log(tmp_path):
    result = run_netra("db", "start", env=netra_env(tmp_path, NETRA_NEO4J_HEAP="4000000g"))
    assert_clear_error(result, "stopped while starting", "console.log")
    assert "heap" in result.stderr.lower() or "reserve" in result.stderr.lower()


def test_wrong_credentials_are_a_clear_error(server_settings, tmp_path):
    env = netra_env(tmp_path, NEO4J_URI=f"bolt://127.0.0.1:{_session_port(server_settings)}",
                    NEO4J_PASSWORD="not-the-password")
    assert_clear_error(run_netra("db", "status", env=env), "rejected the user name or password")


def test_unreachable_external_server_is_a_clear_error(tmp_path):
    env = netra_env(tmp_path, NEO4J_URI=f"bolt://127.0.0.1:{free_port()}", NEO4J_PASSWORD="x")
    assert_clear_error(run_netra("db", "status", env=env), "Cannot reach Neo4j at", "NEO4J_URI")


def test_an_external_uri_is_never_replaced_by_a_local_server(tmp_path):
    env = netra_env(tmp_path, NEO4J_URI="bolt://127.0.0.1:1", NEO4J_PASSWORD="x")
    assert_clear_error(run_netra("db", "start", env=env), "does not run its own")
    assert not (tmp_path / "neo4j").exists()


def _session_port(settings):
    from graph.server import LocalServer

    return LocalServer(settings).running_state().port


def test_an_old_java_is_a_clear_error(tmp_path):
    fake_jdk = tmp_path / "jdk11" / "bin"
    fake_jdk.mkdir(parents=True)
    (fake_jdk / "java").write_text("#!/bin/sh\necho '    java.specification.version = 11' >&2\n")
    (fake_jdk / "java").chmod(0o755)
    result = run_netra("db", "start", env=netra_env(tmp_path / "home", JAVA_HOME=str(tmp_path / "jdk11")))
    assert_clear_error(result, "is Java 11", "needs Java 17 or 21")


def test_shell_runs_cypher_from_standard_input(server_settings):
    env = netra_env(server_settings.home)
    result = subprocess.run([NETRA, "db", "shell"], input="RETURN 40 + 2 AS answer;\nRETURN nonsense(;\n",
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "answer" in result.stdout and "42" in result.stdout
    assert "SyntaxError" in result.stderr and "Traceback" not in result.stderr
