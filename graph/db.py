"""A thin layer over the official Neo4j driver: one driver per Graph (whoever opens a Graph
closes it), managed transactions, parameterised Cypher only.

Callers pass Cypher text that lives in the `graph` package's query modules together
with a parameter dict; user data never becomes part of the Cypher text.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ConfigurationError, Neo4jError, ServiceUnavailable, SessionExpired

from core.config import Settings, load_settings
from core.errors import DatabaseOutOfMemory, DatabaseUnavailable, NetraError, QueryTimeout
from graph.server import LocalServer


@dataclass(frozen=True)
class Connection:
    uri: str
    user: str
    password: str
    database: str
    local: bool  # the server that Netra runs itself


def connection_for(settings: Settings) -> Connection:
    """Where to connect: NEO4J_URI if set, else the local server of this data directory."""
    if settings.uses_external_server:
        if settings.neo4j_password is None:
            raise NetraError(
                f"NEO4J_URI is set to {settings.neo4j_uri} but no password is given: set NEO4J_PASSWORD "
                "(and NEO4J_USER if it is not 'neo4j')."
            )
        return Connection(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password,
                          settings.neo4j_database, local=False)
    server = LocalServer(settings)
    state = server.running_state()
    if state is None:
        raise DatabaseUnavailable(
            f"The local Neo4j server for {settings.home} is not running. Start it with "
            "`netra db start`, or set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD to use another server."
        )
    return Connection(state.uri, "neo4j", server.password(), settings.neo4j_database, local=True)


class Graph:
    """The graph database as Netra uses it. Close it when done (it is also a context manager)."""

    def __init__(self, connection: Connection):
        self.connection = connection
        try:
            # Server notifications (e.g. "property key does not exist" on an empty graph) are not
            # errors; Netra's tests check its queries instead.
            # A server that is down should be reported in seconds (a web page is waiting), not
            # after the driver's default 30 s of retries.
            self.driver = GraphDatabase.driver(connection.uri, auth=(connection.user, connection.password),
                                               notifications_min_severity="OFF", connection_timeout=5.0,
                                               max_transaction_retry_time=5.0)
        except (ConfigurationError, ValueError) as exc:
            raise NetraError(f"{connection.uri!r} is not a valid Neo4j URI ({exc}). Use e.g. neo4j://host:7687.")
        self.verify()

    def verify(self) -> None:
        where = self.connection.uri
        try:
            self.driver.verify_connectivity()
        except AuthError:
            raise DatabaseUnavailable(
                f"Neo4j at {where} rejected the user name or password. Check NEO4J_USER and "
                "NEO4J_PASSWORD (for the local server, the password is in <NETRA_HOME>/neo4j/password)."
            )
        except (ServiceUnavailable, OSError) as exc:
            hint = ("Start it with `netra db start`." if self.connection.local
                    else "Check NEO4J_URI, that the server runs, and that this machine can reach it.")
            raise DatabaseUnavailable(f"Cannot reach Neo4j at {where}: {exc}. {hint}")

    @classmethod
    def open(cls, settings: Settings | None = None) -> Graph:
        """The graph these settings name (default: the environment's)."""
        return cls(connection_for(settings or load_settings()))

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @contextmanager
    def _session(self, **kwargs) -> Iterator[neo4j.Session]:
        """A session; a server that went away mid-way is a DatabaseUnavailable, not a driver error."""
        try:
            with self.driver.session(database=self.connection.database, **kwargs) as session:
                yield session
        except (ServiceUnavailable, SessionExpired) as exc:
            hint = ("Start it again with `netra db start`." if self.connection.local
                    else "Check that the server at NEO4J_URI runs and is reachable.")
            raise DatabaseUnavailable(f"Lost the connection to Neo4j at {self.connection.uri} ({exc}). {hint}")
        except Neo4jError as exc:
            if "OutOfMemory" not in (exc.code or ""):
                raise
            hint = ("Give the local server more memory: set NETRA_NEO4J_HEAP (e.g. 4g), then "
                    "`netra db stop` and `netra db start`." if self.connection.local
                    else "Raise the server's heap or dbms.memory.transaction.total.max.")
            raise DatabaseOutOfMemory(f"Neo4j ran out of memory for one transaction ({exc.message}). {hint} "
                                      "Nothing of that transaction was written; run the command again.")

    def read(self, cypher: str, **params: Any) -> list[dict]:
        """Run a read query in a managed transaction; rows as dicts."""
        with self._session() as session:
            return session.execute_read(lambda tx: tx.run(cypher, params).data())

    def read_within(self, seconds: float, cypher: str, **params: Any) -> list[dict]:
        """`read` with a transaction timeout: the server stops the query after `seconds` and
        QueryTimeout says so (for queries whose cost depends on what a user asks, e.g. traces)."""
        work = neo4j.unit_of_work(timeout=seconds)(lambda tx: tx.run(cypher, params).data())
        try:
            with self._session() as session:
                return session.execute_read(work)
        except Neo4jError as exc:
            if "TransactionTimedOut" not in (exc.code or ""):  # ...TimedOutClientConfiguration in 5.x
                raise
            raise QueryTimeout(f"The query took longer than {seconds:g} s and was stopped.") from None

    def write(self, cypher: str, **params: Any) -> list[dict]:
        """Run a write query in its own managed transaction (retried on transient errors)."""
        with self._session() as session:
            return session.execute_write(lambda tx: tx.run(cypher, params).data())

    def write_all(self, work: Callable[[neo4j.ManagedTransaction], Any]) -> Any:
        """Run several statements in one transaction: all of them take effect, or none."""
        with self._session() as session:
            return session.execute_write(work)

    def run_autocommit(self, cypher: str, **params: Any) -> list[dict]:
        """For statements that manage their own transactions (CALL {...} IN TRANSACTIONS, schema)."""
        with self._session() as session:
            return session.run(cypher, params).data()
