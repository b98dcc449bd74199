"""A fresh local Neo4j for one benchmark, in a data directory of its own (the user's graph is
untouched), with the server's peak resident memory sampled while it runs."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from core.config import Settings, load_settings
from graph.db import Graph, connection_for
from graph.schema import migrate
from graph.server import LocalServer


class PeakRss(threading.Thread):
    """Samples a process's resident memory once a second."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_mib, self.running = pid, 0.0, True

    def run(self):
        while self.running:
            try:
                status = Path(f"/proc/{self.pid}/status").read_text()
            except OSError:
                return
            kib = int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1])
            self.peak_mib = max(self.peak_mib, kib / 1024)
            time.sleep(1)


@dataclass
class BenchServer:
    settings: Settings
    server: LocalServer
    graph: Graph  # connected, schema migrated
    memory: PeakRss  # the server's


@contextmanager
def bench_server(home: str, heap: str, pagecache: str, **environment: str) -> Iterator[BenchServer]:
    """Starts Neo4j with this heap and page cache for data directory `home`; stops it on leaving.
    `environment`: more settings (e.g. NETRA_EMBEDDING_MODEL)."""
    settings = load_settings({"NETRA_HOME": home, "HOME": str(Path.home()), "NETRA_NEO4J_HEAP": heap,
                              "NETRA_NEO4J_PAGECACHE": pagecache, **environment})
    server = LocalServer(settings)
    memory = PeakRss(server.start().state.pid)
    memory.start()
    graph = Graph(connection_for(settings))
    try:
        migrate(graph)
        yield BenchServer(settings, server, graph, memory)
    finally:
        memory.running = False
        graph.close()
        server.stop()
