"""The audit log: who viewed or exported which person or case, every login, account change,
merge review decision and report triage. Kept in NETRA_HOME/audit.sqlite.

Append-only twice over: triggers refuse UPDATE and DELETE, and each entry carries a SHA-256 of
its content and the previous entry's hash, so an entry edited or removed behind SQLite's back
shows up in `verify()` (`netra audit --verify`).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import sqlite3
import threading
from contextlib import closing
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from core.config import load_settings

SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS entries_no_update BEFORE UPDATE ON entries
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS entries_no_delete BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""
GENESIS = "0" * 64
# One writer at a time in this process: each entry's hash depends on the one before.
_write_lock = threading.Lock()


@dataclass(frozen=True)
class Entry:
    seq: int
    at: str
    actor: str  # account name; "cli:<os user>" for commands; "" for anonymous visitors
    role: str
    action: str  # e.g. view_case, view_person, export, login, merge_accept, report_triage
    subject: str  # the case, person or account concerned
    detail: str
    hash: str

    def to_json(self) -> dict:
        return asdict(self)


class AuditLog:
    def __init__(self, path: Path):
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        connection.executescript(SCHEMA)
        self.path.chmod(0o600)
        return connection

    def record(self, actor: str, role: str, action: str, subject: str = "", detail: str = "") -> None:
        at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with _write_lock, closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")  # other processes (the CLI) append to the same file
            row = db.execute("SELECT hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
            digest = _hash(row[0] if row else GENESIS, at, actor, role, action, subject, detail)
            db.execute("INSERT INTO entries (at, actor, role, action, subject, detail, hash) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)", (at, actor, role, action, subject, detail, digest))
            db.execute("COMMIT")

    def entries(self, limit: int = 100, before: int | None = None, actor: str | None = None,
                subject: str | None = None) -> list[Entry]:
        """The newest entries first; `before` pages back from a sequence number."""
        clauses, values = [], []
        for clause, value in (("seq < ?", before), ("actor = ?", actor), ("subject = ?", subject)):
            if value is not None:
                clauses.append(clause)
                values.append(value)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        with closing(self._connect()) as db:
            rows = db.execute(f"SELECT seq, at, actor, role, action, subject, detail, hash FROM entries {where} "
                              "ORDER BY seq DESC LIMIT ?", (*values, limit)).fetchall()
        return [Entry(*row) for row in rows]

    def verify(self) -> int | None:
        """The sequence number of the first entry that does not match its hash chain, or None."""
        previous = GENESIS
        with closing(self._connect()) as db:
            for seq, at, actor, role, action, subject, detail, digest in db.execute(
                    "SELECT seq, at, actor, role, action, subject, detail, hash FROM entries ORDER BY seq"):
                if _hash(previous, at, actor, role, action, subject, detail) != digest:
                    return seq
                previous = digest
        return None


def _hash(previous: str, *fields: str) -> str:
    return hashlib.sha256(json.dumps([previous, *fields], ensure_ascii=False).encode()).hexdigest()


def cli_audit(action: str, subject: str = "", detail: str = "") -> None:
    """An entry for something done at the command line, by whoever runs it (who has the data
    directory, and so acts as admin)."""
    AuditLog(load_settings().home / "audit.sqlite").record(f"cli:{getpass.getuser()}", "admin", action, subject, detail)
