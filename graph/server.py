"""The Neo4j Community server that Netra runs for itself when no NEO4J_URI is given.

The server's jars come from Maven Central (once per machine, cached under
`Settings.cache_dir`); its configuration, data, logs, password and PID live under
`<NETRA_HOME>/neo4j`. We start the server's entry point as one JVM that we own,
without Neo4j's shell scripts (see ../shared/notes/neo4j-local.md).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from core.config import NEO4J_VERSION, Settings
from core.errors import NetraError

POM = Path(__file__).with_name("neo4j-server.pom.xml")
READY_TIMEOUT_S = 180
STOP_TIMEOUT_S = 60
DEFAULT_BOLT_PORT = 7687
JVM_FLAGS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",  # vector index population stalls without it
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
]


@dataclass
class ServerState:
    """What a running server left in `run/netra-server.json`."""

    pid: int
    port: int
    version: str
    started_at: float

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"


@dataclass
class StartResult:
    state: ServerState
    already_running: bool
    seconds: float
    fetched: bool  # the jars were downloaded by this start
    notes: list[str]


class LocalServer:
    """Paths and lifecycle of the server under one data directory."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.home = settings.server_home
        self.conf_dir = self.home / "conf"
        self.run_dir = self.home / "run"
        self.logs_dir = self.home / "logs"
        self.data_dir = self.home / "data"
        self.state_file = self.run_dir / "netra-server.json"
        # Kept across stops: clients (a running web app) reconnect to the same address.
        self.last_port_file = self.run_dir / "last-port"
        self.password_file = self.home / "password"
        self.console_log = self.logs_dir / "console.log"
        self.lib_dir = settings.cache_dir / f"neo4j-{NEO4J_VERSION}" / "lib"

    # -- state -------------------------------------------------------------

    def read_state(self) -> ServerState | None:
        try:
            return ServerState(**json.loads(self.state_file.read_text()))
        except (FileNotFoundError, ValueError, TypeError):
            return None

    def running_state(self) -> ServerState | None:
        """The state of a live server of this data directory; a stale state file is removed."""
        state = self.read_state()
        if state is None:
            return None
        if self._is_our_process(state.pid):
            return state
        self.state_file.unlink(missing_ok=True)
        return None

    def password(self) -> str:
        try:
            return self.password_file.read_text().strip()
        except FileNotFoundError:
            raise NetraError(
                f"No password file at {self.password_file}: the local Neo4j server has never been "
                "started for this data directory. Run `netra db start`."
            )

    def _is_our_process(self, pid: int) -> bool:
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            return False
        return b"org.neo4j.server.CommunityEntryPoint" in cmdline and (
            f"--home-dir={self.home}".encode() in cmdline
        )

    # -- start -------------------------------------------------------------

    def start(self, port: int | None = None, progress=print) -> StartResult:
        began = time.monotonic()
        self.run_dir.mkdir(parents=True, exist_ok=True)
        with _file_lock(self.run_dir / "start.lock"):
            notes = []
            stale = self.read_state()
            state = self.running_state()
            if state is not None:
                return StartResult(state, True, time.monotonic() - began, False, notes)
            if stale is not None:
                notes.append(f"Removed a stale PID file (process {stale.pid} is not running).")
            java = find_java()
            fetched = not self.lib_dir.is_dir()
            if fetched:
                fetch_neo4j(self.lib_dir, progress=progress)
            port = self._choose_port(port or self.settings.bolt_port, self._last_port())
            self.last_port_file.write_text(str(port))
            self._write_config(port)
            self._ensure_password(java)
            pid = self._launch(java)
            state = ServerState(pid=pid, port=port, version=NEO4J_VERSION, started_at=time.time())
            self.state_file.write_text(json.dumps(asdict(state)))
            try:
                self._wait_until_ready(state)
            except BaseException:
                self._kill(pid)
                self.state_file.unlink(missing_ok=True)
                raise
            return StartResult(state, False, time.monotonic() - began, fetched, notes)

    def _last_port(self) -> int | None:
        try:
            return int(self.last_port_file.read_text())
        except (OSError, ValueError):
            return None

    def _choose_port(self, requested: int | None, previous: int | None) -> int:
        if requested is not None:
            if not port_is_free(requested):
                raise NetraError(
                    f"Port {requested} on 127.0.0.1 is already in use by another program, so the "
                    "local Neo4j server cannot listen there. Stop that program, or choose another "
                    "port with `netra db start --port N` (or NETRA_BOLT_PORT); leave it unset to "
                    "let Netra pick a free port."
                )
            return requested
        for candidate in (previous, DEFAULT_BOLT_PORT):
            if candidate and port_is_free(candidate):
                return candidate
        return free_port()

    def _write_config(self, port: int) -> None:
        for folder in ("conf", "data", "logs", "run", "import", "plugins"):
            (self.home / folder).mkdir(parents=True, exist_ok=True)
        settings = {
            "server.default_listen_address": "127.0.0.1",
            "server.bolt.enabled": "true",
            "server.bolt.listen_address": f"127.0.0.1:{port}",
            "server.bolt.advertised_address": f"127.0.0.1:{port}",
            "server.http.enabled": "false",
            "server.https.enabled": "false",
            "server.memory.pagecache.size": self.settings.neo4j_pagecache,
            "dbms.security.auth_enabled": "true",
            "dbms.usage_report.enabled": "false",
            # Keep only recent transaction logs: bulk ingests otherwise leave gigabytes behind.
            "db.tx_log.rotation.retention_policy": "256M size",
            # Transaction timeouts (trace and path queries, graph.db.Graph.read_within) are
            # enforced by a monitor that wakes every 2 s by default: check ten times a second.
            "db.transaction.monitor.check.interval": "100ms",
            **{f"server.directories.{d}": str(self.home / d) for d in ("data", "logs", "run", "import", "plugins")},
        }
        lines = ["# Written by `netra db start` on every start; edits are overwritten."]
        lines += [f"{key}={value}" for key, value in settings.items()]
        (self.conf_dir / "neo4j.conf").write_text("\n".join(lines) + "\n")

    def _ensure_password(self, java: str) -> None:
        if self.password_file.exists():
            return
        if (self.data_dir / "dbms" / "auth.ini").exists() or (self.data_dir / "databases").exists():
            raise NetraError(
                f"The local database at {self.data_dir} exists but its password file "
                f"{self.password_file} is missing, so Netra cannot log in. Restore the file, or "
                f"delete {self.home} to start with an empty database."
            )
        password = "n" + secrets.token_urlsafe(24)  # never a leading "-": the admin command would read an option
        result = subprocess.run(
            [java, "-cp", f"{self.lib_dir}/*", "org.neo4j.server.startup.Neo4jAdminCommand",
             "dbms", "set-initial-password", password],
            env={**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.conf_dir)},
            capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise NetraError(f"Could not set the initial Neo4j password:\n{_tail(result.stdout + result.stderr)}")
        fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(password + "\n")

    def _launch(self, java: str) -> int:
        heap = self.settings.neo4j_heap
        command = [
            java, f"-Xms{heap}", f"-Xmx{heap}", *JVM_FLAGS,
            "-cp", f"{self.lib_dir}/*", "org.neo4j.server.CommunityEntryPoint",
            f"--home-dir={self.home}", f"--config-dir={self.conf_dir}", "--console-mode",
        ]
        with open(self.console_log, "ab") as log:
            log.write(f"\n--- netra db start {time.strftime('%Y-%m-%d %H:%M:%S')} ---\n".encode())
            # A new session: the server outlives this command and ignores the terminal's Ctrl-C.
            process = subprocess.Popen(
                command, cwd=self.home, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                start_new_session=True,
            )
        return process.pid

    def _wait_until_ready(self, state: ServerState) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if not _pid_alive(state.pid):
                raise NetraError(
                    "The local Neo4j server stopped while starting. The last lines of its log "
                    f"({self.console_log}):\n{_tail(self.console_log.read_text(errors='replace'))}"
                )
            if try_connect(state.uri, "neo4j", self.password()):
                return
            time.sleep(0.5)
        raise NetraError(
            f"The local Neo4j server did not answer on {state.uri} within {READY_TIMEOUT_S} s. "
            f"The last lines of its log ({self.console_log}):\n"
            f"{_tail(self.console_log.read_text(errors='replace'))}"
        )

    # -- stop --------------------------------------------------------------

    def stop(self) -> ServerState | None:
        """Stop the server; None when none was running."""
        state = self.running_state()
        if state is None:
            return None
        os.kill(state.pid, signal.SIGTERM)
        if not _wait_for_exit(state.pid, STOP_TIMEOUT_S):
            self._kill(state.pid)
        self.state_file.unlink(missing_ok=True)
        return state

    def _kill(self, pid: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        _wait_for_exit(pid, 10)

    def store_size_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.data_dir.rglob("*") if f.is_file())


# -- Java and Maven ------------------------------------------------------------


def find_java() -> str:
    """The java executable (JAVA_HOME first), checked to be Java 17 or newer."""
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not java or not Path(java).exists():
        raise NetraError(
            "Java was not found. The local Neo4j 5.26 server needs Java 17 or 21: install it "
            "(Debian: `apt-get install openjdk-17-jre-headless`) or set JAVA_HOME. Alternatively "
            "point Netra at an existing server with NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD."
        )
    result = subprocess.run([java, "-XshowSettings:properties", "-version"], capture_output=True, text=True)
    match = re.search(r"java\.specification\.version = (\d+)", result.stderr)
    major = int(match.group(1)) if match else 0
    if major < 17:
        raise NetraError(
            f"{java} is Java {major or 'of an unknown version'}; the local Neo4j 5.26 server needs "
            "Java 17 or 21. Install one and put it first on PATH or set JAVA_HOME."
        )
    return java


def fetch_neo4j(lib_dir: Path, progress=print, maven_repo: Path | None = None) -> None:
    """Download the server's runtime classpath from Maven Central into lib_dir."""
    mvn = shutil.which("mvn")
    if not mvn:
        raise NetraError(
            "Maven (`mvn`) was not found. Netra downloads the Neo4j server from Maven Central "
            "with it the first time: install Maven (Debian: `apt-get install maven`), or point "
            "Netra at an existing server with NEO4J_URI."
        )
    progress(f"Downloading Neo4j {NEO4J_VERSION} from Maven Central (once per machine, about 125 MB)...")
    partial = lib_dir.with_name(lib_dir.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    command = [
        mvn, "-q", "-B", "-f", str(POM), f"-Dneo4j.version={NEO4J_VERSION}",
        "dependency:copy-dependencies", "-DincludeScope=runtime", f"-DoutputDirectory={partial}",
    ]
    if maven_repo is not None:
        command.append(f"-Dmaven.repo.local={maven_repo}")
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 or not any(partial.glob("neo4j-server-*.jar")):
        shutil.rmtree(partial, ignore_errors=True)
        raise NetraError(
            "Maven could not download the Neo4j server from Maven Central. Check the network or "
            "Maven's proxy settings (~/.m2/settings.xml), then run `netra db start` again. "
            f"Maven said:\n{_tail(result.stdout + result.stderr)}"
        )
    shutil.rmtree(lib_dir, ignore_errors=True)
    partial.rename(lib_dir)  # only a complete download is ever seen as the cache


# -- small helpers -----------------------------------------------------------------


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As the server binds: a port our own stopped server left in TIME_WAIT is free again.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A child we launched and nobody reaped is a zombie: dead for our purposes.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def _wait_for_exit(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # reap it if it is our child
        if not _pid_alive(pid):
            return True
        time.sleep(0.2)
    return False


def _tail(text: str, lines: int = 20) -> str:
    return "\n".join("    " + line for line in text.strip().splitlines()[-lines:])


@contextlib.contextmanager
def _file_lock(path: Path):
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def try_connect(uri: str, user: str, password: str) -> bool:
    """True once the server answers; False while it is still starting."""
    # The driver is imported only when needed: `netra db stop` and status have no use for it.
    from neo4j import GraphDatabase
    from neo4j.exceptions import Neo4jError, ServiceUnavailable

    try:
        with GraphDatabase.driver(uri, auth=(user, password), connection_timeout=2) as driver:
            driver.verify_connectivity()
        return True
    except (ServiceUnavailable, OSError):
        return False
    except Neo4jError as exc:  # the auth subsystem may still be initialising
        if "not yet" in str(exc).lower() or "unavailable" in str(exc).lower():
            return False
        raise
