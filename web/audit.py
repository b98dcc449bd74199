"""The audit log: who viewed, searched or exported which person or case, every login, account
change, merge review decision and report triage. Kept in NETRA_HOME/audit.sqlite.

Append-only three times over:
- triggers refuse UPDATE and DELETE;
- each entry carries an HMAC-SHA256, keyed with a key kept outside the data directory, of its
  sequence number, its content and the previous entry's HMAC: an entry altered, removed or
  renumbered behind SQLite's back breaks the chain, and whoever lacks the key cannot forge a
  new one (`netra audit --verify`);
- each new entry writes the log's head (its sequence number and HMAC) to a head file beside the
  key, also outside the data directory, and `--verify` compares it (and a head the operator kept,
  `--expect-head`) with the log: entries removed from the end are found too.

Logs written before the chain was keyed hold plain SHA-256 entries (which anyone who can write the
file could recompute). The first keyed entry, `audit_keyed`, seals them: its HMAC covers the last
of their hashes, so they can no longer change unnoticed either. A new log starts with that entry.

The key is `settings.audit_key` (NETRA_AUDIT_KEY) or read from `settings.audit_key_file`
(NETRA_AUDIT_KEY_FILE; by default one per data directory in ~/.config/netra, made with mode 0600
when the log gets its first keyed entry, never once the log is keyed). Without the right key
nothing is appended (`AuditUnavailable`): what would be logged is not served.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import getpass
import hashlib
import hmac
import json
import os
import re
import secrets
import sqlite3
import threading
from contextlib import closing
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from core.config import Settings, load_settings
from core.errors import NetraError

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
CREATE INDEX IF NOT EXISTS entries_action ON entries (action, seq);
"""
GENESIS = "0" * 64
CHAIN_VERSION = "netra-audit-2"  # in every HMAC, so no other message of this key can pass for an entry
SYSTEM_ACTOR, SYSTEM_ROLE = "netra", "system"
KEYED = "audit_keyed"  # the first keyed entry: names the key, seals any unkeyed entries before it
HEAD_MISMATCH = "audit_head_mismatch"  # the log did not end where the head file said: entries were removed
HEAD_MISSING = "audit_head_missing"  # a keyed log without its head file: a new one was started
MIN_KEY_BYTES = 16
KEY_BYTES = 32
# What one entry may hold: longer values are cut, with the number of characters cut off. Search
# queries keep their first QUERY_CHARS characters (web/query_audit.py), each other parameter
# PARAM_CHARS, and at most PARAMS parameters, which keeps a search's detail under DETAIL_CHARS.
FIELD_CHARS = 500
DETAIL_CHARS = 20_000
QUERY_CHARS = 1_000
PARAM_CHARS = 100
PARAM_NAME_CHARS = 40
PARAMS = 12
SHOWN_PROBLEMS = 20
# Characters that could hide or rewrite what an admin reads in a terminal or a page: controls
# (NUL, escape, newline...), lone surrogates (not text), line separators and bidirectional overrides.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]")
HEAD_PATTERN = re.compile(r"(\d+):([0-9a-f]{64})")
# One writer at a time in this process: each entry's HMAC depends on the one before.
_write_lock = threading.Lock()


class AuditUnavailable(NetraError):
    """Nothing can be appended to (or checked in) the audit log: HTTP 503 (web/errors.py). The
    message says so without paths (web pages show it); `detail` says why and what to do (the
    command line shows it)."""

    def __init__(self, detail: str):
        super().__init__("The audit log cannot be written, so nothing it would record is served. "
                         "An administrator can see why with `netra audit --verify`.")
        self.detail = detail


@dataclass(frozen=True)
class Entry:
    seq: int
    at: str
    actor: str  # account name; "cli:<os user>" for commands; "" for anonymous visitors; "netra" for the log itself
    role: str
    action: str  # e.g. view_case, search_cases, similar_cases, export, login, merge_accept, report_triage
    subject: str  # the case, person or account concerned
    detail: str
    hash: str  # HMAC-SHA256 (hex); SHA-256 for entries sealed by audit_keyed

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Head:
    """The last entry's sequence number and HMAC, written `SEQ:HMAC`."""
    seq: int
    mac: str

    def __str__(self) -> str:
        return f"{self.seq}:{self.mac}"

    @classmethod
    def parse(cls, text: str) -> Head | None:
        found = HEAD_PATTERN.fullmatch(text.strip().lower())
        return cls(int(found.group(1)), found.group(2)) if found else None


@dataclass
class Verification:
    entries: int = 0
    head: Head | None = None
    unkeyed: int = 0  # entries before audit_keyed, checked with the old unkeyed rule
    keyed_at: int | None = None  # the audit_keyed entry
    problems: list[tuple[int, str]] = field(default_factory=list)  # (first entry concerned, what)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_bad(self) -> int | None:
        return min(seq for seq, _ in self.problems) if self.problems else None

    def report(self) -> str:
        lines = [f"- {message}" for _, message in sorted(self.problems)[:SHOWN_PROBLEMS]]
        if len(self.problems) > SHOWN_PROBLEMS:
            lines.append(f"- and {len(self.problems) - SHOWN_PROBLEMS} more entries that do not match")
        return "\n".join(lines)


class AuditLog:
    """The log at `path`, keyed as `settings` say; without settings, as the environment and
    netra.toml say for the data directory that holds `path`."""

    def __init__(self, path: Path, settings: Settings | None = None):
        self.path = path
        self._settings = settings

    @classmethod
    def for_settings(cls, settings: Settings) -> AuditLog:
        return cls(settings.home / "audit.sqlite", settings)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = dataclasses.replace(load_settings(), home=self.path.parent)
        return self._settings

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            # An entry written behind Netra's back may hold bytes that are not UTF-8: it then
            # fails its check instead of stopping the reading.
            connection.text_factory = lambda data: data.decode("utf-8", "replace")
            connection.executescript(SCHEMA)
            self.path.chmod(0o600)
        except (OSError, sqlite3.Error) as exc:
            raise AuditUnavailable(f"Cannot open the audit log {self.path}: {exc}.") from exc
        return connection

    # -- writing ---------------------------------------------------------------------------

    def record(self, actor: str, role: str, action: str, subject: str = "", detail: str = "") -> None:
        self._append([(actor, role, action, subject, detail)])

    def seal(self) -> None:
        """Give a log that has no keyed entry yet (an old one, or none at all) its audit_keyed
        entry now rather than with the next entry; a keyed log is left as it is."""
        self._append([], seal_only=True)

    def _append(self, wanted: list[tuple[str, str, str, str, str]], seal_only: bool = False) -> None:
        at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with _write_lock, closing(self._connect()) as db:
            head_file, old_head_text, head_written = self.settings.audit_head_file, None, False
            try:
                db.execute("BEGIN IMMEDIATE")  # other processes (the CLI) append to the same file
                signer = self._signer(db, create=True)
                last = _last(db)
                rows = []
                if signer.keyed_at is None:
                    rows.append(_clean(SYSTEM_ACTOR, SYSTEM_ROLE, KEYED, "", signer.seal_note(last)))
                    # A head file, but no keyed entry: the keyed ones were removed or rewritten.
                    rows.extend(_head_rows(db, last, head_file, keyed=False))
                elif not seal_only:
                    rows.extend(_head_rows(db, last, head_file, keyed=True))
                if not rows and not wanted:
                    db.execute("ROLLBACK")
                    return
                rows.extend(_clean(*fields) for fields in wanted)
                previous, seq = (last.mac, last.seq) if last else (GENESIS, 0)
                for fields in rows:
                    seq += 1
                    previous = signer.mac(seq, previous, at, *fields)
                    db.execute("INSERT INTO entries (seq, at, actor, role, action, subject, detail, hash) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (seq, at, *fields, previous))
                old_head_text = _read_text(head_file)
                _write_head(head_file, Head(seq, previous), self.settings.home)
                head_written = True
                db.execute("COMMIT")
            except BaseException as exc:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                if head_written:
                    _restore_head(head_file, old_head_text)
                if isinstance(exc, sqlite3.Error):
                    raise AuditUnavailable(f"Cannot append to the audit log {self.path}: {exc}.") from exc
                raise

    # -- the key -----------------------------------------------------------------------------

    def _signer(self, db: sqlite3.Connection, create: bool) -> _Signer:
        marker = db.execute("SELECT seq, detail FROM entries WHERE action = ? ORDER BY seq LIMIT 1",
                            (KEYED,)).fetchone()
        key, source = _load_key(self.settings, create=create and marker is None,
                                keyed_at=marker[0] if marker else None)
        signer = _Signer(key, marker[0] if marker else None)
        if marker is not None:
            named = re.match(r"key ([0-9a-f]{16})", _text(marker[1]))
            if named is None or named.group(1) != signer.key_id:
                raise AuditUnavailable(
                    f"The audit key from {source} (key id {signer.key_id}) is not the one this log was keyed "
                    f"with (entry {marker[0]} names key id {named.group(1) if named else 'none'}). Give the key "
                    "the log was keyed with (NETRA_AUDIT_KEY or NETRA_AUDIT_KEY_FILE); if you are sure this is "
                    f"that key, entry {marker[0]} was altered.")
        return signer

    # -- reading -----------------------------------------------------------------------------

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

    def head(self) -> Head | None:
        with closing(self._connect()) as db:
            return _last(db)

    def verify(self) -> int | None:
        """The sequence number of the first entry that does not match, or is missing, or None."""
        return self.check().first_bad

    def check(self, expect_head: Head | None = None) -> Verification:
        """Every entry against its hash chain, then the head file's head and `expect_head` against
        the log. Needs the key once the log has keyed entries."""
        result = Verification()
        try:
            with closing(self._connect()) as db:
                walk = _Walk(self._signer(db, create=False) if _has_marker(db) else None, result)
                for row in db.execute(_ROWS, (-2**63,)):
                    walk.feed(row)
                # The rest under the write lock, so that no entry is half-written while the head
                # file is read (a writer writes the head file just before it commits).
                db.execute("BEGIN IMMEDIATE")
                try:
                    for row in db.execute(_ROWS, (walk.last.seq if walk.last else -2**63,)).fetchall():
                        walk.feed(row)
                    head_file = self.settings.audit_head_file
                    kept = _read_head(head_file)
                    if kept is None and head_file.exists():
                        result.problems.append((walk.next_seq, f"the head file {head_file} cannot be read"))
                    elif kept is None:
                        if result.keyed_at is not None:
                            result.notes.append(f"There is no head file at {head_file} (each new entry writes it).")
                    else:
                        _compare_head(db, kept, result, f"the head file {head_file}")
                    if expect_head is not None:
                        _compare_head(db, expect_head, result, "the head you gave")
                finally:
                    db.execute("ROLLBACK")
        except sqlite3.Error as exc:
            raise AuditUnavailable(f"Cannot read the audit log {self.path}: {exc}.") from exc
        if result.entries and result.keyed_at is None:
            result.notes.append("No entry is keyed yet: the chain is the old unkeyed one, which anyone who can "
                                "write the file could recompute. The next entry written seals it.")
        return result


_ROWS = "SELECT seq, at, actor, role, action, subject, detail, hash FROM entries WHERE seq > ? ORDER BY seq"


class _Signer:
    def __init__(self, key: bytes, keyed_at: int | None):
        self.key, self.keyed_at = key, keyed_at
        self.key_id = hmac.new(key, b"netra audit key id", hashlib.sha256).hexdigest()[:16]

    def mac(self, seq: int, previous: str, *fields: str) -> str:
        message = json.dumps([CHAIN_VERSION, seq, previous, *fields], ensure_ascii=False)
        return hmac.new(self.key, message.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()

    def seal_note(self, last: Head | None) -> str:
        if last is None:
            return f"key {self.key_id}; a new log"
        return (f"key {self.key_id}; seals entries 1-{last.seq}, written with the unkeyed SHA-256 chain "
                f"(last hash {last.mac})")


class _Walk:
    """Checks entries one after the other, in order."""

    def __init__(self, signer: _Signer | None, result: Verification):
        self.signer, self.result = signer, result
        result.keyed_at = signer.keyed_at if signer else None
        self.previous, self.next_seq, self.last = GENESIS, 1, None

    def feed(self, row: tuple) -> None:
        seq, at, *fields, digest = row
        seq = seq if isinstance(seq, int) else -1
        fields, digest = [_text(value) for value in (at, *fields)], _text(digest)
        result = self.result
        if seq != self.next_seq:
            missing = f"entry {self.next_seq}" if seq == self.next_seq + 1 else f"entries {self.next_seq}-{seq - 1}"
            result.problems.append((self.next_seq, f"{missing} missing: removed from the middle of the log"
                                    if seq > self.next_seq else f"entry number {seq} out of order"))
        keyed = self.signer is not None and seq >= self.signer.keyed_at
        if keyed:
            expected = self.signer.mac(seq, self.previous, *fields)
        else:
            expected = _legacy_hash(self.previous, *fields)
            result.unkeyed += 1
        if not hmac.compare_digest(expected, digest):
            rule = "HMAC" if keyed else "unkeyed hash"
            result.problems.append((seq, f"entry {seq} does not match its {rule}: it was altered, or the entry "
                                         "before it was removed or altered"))
        elif fields[3] == HEAD_MISMATCH and keyed:
            result.problems.append((seq, f"entry {seq} ({fields[0]}) records that the log did not end where its "
                                         f"head file said: {fields[5]}"))
        elif fields[3] == HEAD_MISSING and keyed:
            result.notes.append(f"Entry {seq} ({fields[0]}): {fields[5]}.")
        self.previous, self.next_seq, self.last = digest, seq + 1, Head(seq, digest)
        result.entries += 1
        result.head = self.last


def _compare_head(db: sqlite3.Connection, kept: Head, result: Verification, what: str) -> None:
    last = result.head
    if last is None or kept.seq > last.seq:
        ends = f"entry {last.seq}" if last else "no entry"
        result.problems.append((last.seq + 1 if last else 1,
                                f"the log ends at {ends}, but {what} says it reached entry {kept.seq}: "
                                f"entries {(last.seq + 1) if last else 1}-{kept.seq} were removed from the end"))
    elif _stored_mac(db, kept.seq) != kept.mac:
        result.problems.append((kept.seq, f"entry {kept.seq} is not the one {what} names ({kept}): "
                                          "the entries up to it were replaced"))
    elif kept.seq == last.seq:
        result.notes.append(f"{what[0].upper()}{what[1:]} agrees: the log ends at entry {kept.seq}.")
    else:
        result.notes.append(f"The log holds entry {kept.seq}, which {what} names, unchanged, and "
                            f"{last.seq - kept.seq} entries after it.")


def _head_rows(db: sqlite3.Connection, last: Head | None, head_file: Path, keyed: bool) -> list[tuple]:
    """An entry recording that the log does not end where its head file says (or, for a keyed
    log, that the head file is gone), written before anything else is appended and the head file
    moves on."""
    kept = _read_head(head_file)
    if kept is None and head_file.exists():
        return [_clean(SYSTEM_ACTOR, SYSTEM_ROLE, HEAD_MISMATCH, "",
                       f"the head file could not be read; the log ended at {_describe(last)}")]
    if kept is None:
        return [_clean(SYSTEM_ACTOR, SYSTEM_ROLE, HEAD_MISSING, "",
                       f"no head file; the log ended at {_describe(last)}; a new head file was started")] \
            if keyed else []
    if _stored_mac(db, kept.seq) == kept.mac:
        return []  # the head, or an entry before it (written while the head file could not be)
    return [_clean(SYSTEM_ACTOR, SYSTEM_ROLE, HEAD_MISMATCH, "", _mismatch_note(kept, last))]


def _mismatch_note(kept: Head, last: Head | None) -> str:
    if last is None or kept.seq > last.seq:
        return (f"the head file said entry {kept.seq} ({kept.mac[:16]}…), the log ended at {_describe(last)}: "
                f"entries {(last.seq + 1) if last else 1}-{kept.seq} were removed")
    return (f"the head file said entry {kept.seq} ({kept.mac[:16]}…), which the log holds with another "
            f"HMAC; the log ended at {_describe(last)}: entries were replaced")


def _describe(head: Head | None) -> str:
    return f"entry {head.seq} ({head.mac[:16]}…)" if head else "no entry"


def _has_marker(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM entries WHERE action = ? LIMIT 1", (KEYED,)).fetchone() is not None


def _last(db: sqlite3.Connection) -> Head | None:
    row = db.execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
    return Head(row[0], _text(row[1])) if row else None


def _stored_mac(db: sqlite3.Connection, seq: int) -> str | None:
    row = db.execute("SELECT hash FROM entries WHERE seq = ?", (seq,)).fetchone()
    return _text(row[0]) if row else None


def _text(value) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _legacy_hash(previous: str, *fields: str) -> str:
    """The chain before keys: SHA-256 over the previous hash and the content, no sequence number."""
    return hashlib.sha256(json.dumps([previous, *fields], ensure_ascii=False)
                          .encode("utf-8", "surrogatepass")).hexdigest()


# -- what goes into an entry ----------------------------------------------------------------

def safe_text(value: object, limit: int) -> str:
    """`value` as text an admin can read safely: at most `limit` characters of it (then how many
    were cut), every control character, lone surrogate and direction override written as a
    \\uXXXX escape."""
    text = _text(value)
    if len(text) > limit:
        text = f"{text[:limit]}…[{len(text) - limit} more characters]"
    return UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def _clean(actor, role, action, subject, detail) -> tuple[str, str, str, str, str]:
    return (*(safe_text(value, FIELD_CHARS) for value in (actor, role, action, subject)),
            safe_text(detail, DETAIL_CHARS))


def query_detail(text: str, params: list[tuple[str, str]]) -> str:
    """A search's detail: JSON with the query text `q` (its first QUERY_CHARS characters, and
    `q_chars`, its length, when longer) and the other parameters as sent (filters, mode, page...),
    each cut to PARAM_CHARS, at most PARAMS of them."""
    detail: dict[str, object] = {"q": text[:QUERY_CHARS]}
    if len(text) > QUERY_CHARS:
        detail["q_chars"] = len(text)
    others = [(name, value) for name, value in params if name != "q"]
    for name, value in others[:PARAMS]:
        name, value = name[:PARAM_NAME_CHARS], value[:PARAM_CHARS]
        if name in detail:  # a parameter sent several times
            held = detail[name]
            detail[name] = [*held, value] if isinstance(held, list) else [held, value]
        else:
            detail[name] = value
    if len(others) > PARAMS:
        detail["params_dropped"] = len(others) - PARAMS
    return json.dumps(detail, ensure_ascii=False)


# -- key and head files ---------------------------------------------------------------------

def _load_key(settings: Settings, create: bool, keyed_at: int | None) -> tuple[bytes, str]:
    """The key and where it came from (for messages)."""
    home = settings.home.resolve()
    if settings.audit_key:
        return _parse_key(settings.audit_key, "NETRA_AUDIT_KEY"), "NETRA_AUDIT_KEY"
    path = settings.audit_key_file
    _outside(home, path, "key file", "NETRA_AUDIT_KEY_FILE")
    _outside(home, settings.audit_head_file, "head file", "NETRA_AUDIT_HEAD_FILE")
    try:
        return _parse_key(path.read_text(encoding="ascii"), str(path)), str(path)
    except FileNotFoundError:
        if keyed_at is not None:
            raise AuditUnavailable(
                f"The audit log is keyed (entry {keyed_at}), but its key file {path} does not exist. Put the "
                "key back there (`netra backup` does not hold it), or name where it is with NETRA_AUDIT_KEY_FILE "
                "or NETRA_AUDIT_KEY. A new key would not verify the entries written so far, so none is made.")
        if not create:
            raise AuditUnavailable(f"There is no audit key file at {path} yet.")
        return _create_key(path), str(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise AuditUnavailable(f"Cannot read the audit key file {path}: {exc}.") from exc


def _outside(home: Path, path: Path, what: str, variable: str) -> None:
    if path.resolve().is_relative_to(home):
        raise AuditUnavailable(f"The audit {what} {path} is inside the data directory {home}, where whoever alters "
                               f"the log could alter it too. Set {variable} to a path outside it.")


def _parse_key(text: str, source: str) -> bytes:
    text = text.strip()
    key = None
    if re.fullmatch(r"(?:[0-9a-fA-F]{2})+", text):
        key = bytes.fromhex(text)
    else:
        try:
            key = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_" if re.search("[-_]", text) else None,
                                   validate=True)
        except (binascii.Error, ValueError):
            key = None
    if not key or len(key) < MIN_KEY_BYTES:
        raise AuditUnavailable(f"The audit key from {source} must be at least {MIN_KEY_BYTES} bytes written in hex "
                               f"or base64 (make one with `python3 -c 'import secrets; print(secrets.token_hex(32))'`).")
    return key


def _create_key(path: Path) -> bytes:
    key = secrets.token_bytes(KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it meanwhile
        return _parse_key(path.read_text(encoding="ascii"), str(path))
    except OSError as exc:
        raise AuditUnavailable(f"Cannot create the audit key file {path}: {exc}. Set NETRA_AUDIT_KEY_FILE to a "
                               "writable path outside the data directory, or give the key as NETRA_AUDIT_KEY.")
    with os.fdopen(descriptor, "w", encoding="ascii") as stream:
        stream.write(key.hex() + "\n")
    return key


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _read_head(path: Path) -> Head | None:
    text = _read_text(path)
    return Head.parse(text) if text is not None else None


def _write_head(path: Path, head: Head, home: Path) -> None:
    _outside(home.resolve(), path, "head file", "NETRA_AUDIT_HEAD_FILE")
    try:
        _write_private(path, f"{head}\n")
    except OSError as exc:
        raise AuditUnavailable(f"Cannot write the audit head file {path}: {exc}. Set NETRA_AUDIT_HEAD_FILE to a "
                               "writable path outside the data directory.") from exc


def _restore_head(path: Path, text: str | None) -> None:
    try:
        if text is None:
            path.unlink(missing_ok=True)
        else:
            _write_private(path, text)
    except OSError:
        pass  # the next entry records the difference


def _write_private(path: Path, text: str) -> None:
    """Replaces `path` whole (mode 0600), so a reader never sees half a head."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    scratch = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    descriptor = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(scratch, path)


def cli_audit(action: str, subject: str = "", detail: str = "") -> None:
    """An entry for something done at the command line, by whoever runs it (who has the data
    directory, and so acts as admin)."""
    try:
        AuditLog.for_settings(load_settings()).record(f"cli:{getpass.getuser()}", "admin", action, subject, detail)
    except AuditUnavailable as exc:
        raise NetraError(exc.detail) from exc
