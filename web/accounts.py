"""Accounts and their roles, kept in NETRA_HOME/accounts.sqlite.

Roles, each allowed what the one before it is:
  public        regulations and aggregated case statistics, no personal data (everyone not logged in)
  researcher    cases, with people pseudonymised and NIP/NIK masked
  investigator  everything, including names, NIPs, traces and full exports
  admin         also accounts and the audit log

Passwords are stored as Werkzeug scrypt hashes. Each account has an `epoch` that changes when
its role or password changes or it is removed, so sessions issued before that stop working.

Each login opens a session here (table `sessions`: a SHA-256 of a random token, the account, its
epoch then and when it expires); the cookie carries the token (Flask-Login's user id, see
web/auth.py). Logging out deletes the row, so a copy of the cookie stops working at once; a role
or password change or removal deletes every session of the account.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from core.errors import NetraError

ROLES = ("public", "researcher", "investigator", "admin")
MIN_PASSWORD_LENGTH = 12
NAME_CHARACTERS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")
# Checked against when a name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("netra-dummy-password")

SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    epoch INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
)
"""
SESSIONS_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    token_sha256 TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    epoch INTEGER NOT NULL,
    expires_at REAL NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
)
"""


class AccountError(NetraError):
    """An account request that cannot be done (unknown role, weak password, no such user...)."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    epoch: int = 0
    # The token of the login session this user object came from ("" outside a session).
    session_token: str = field(default="", compare=False, repr=False)

    def can(self, role: str) -> bool:
        """Whether this user has `role` or a stronger one."""
        return ROLES.index(self.role) >= ROLES.index(role)

    @property
    def is_anonymous(self) -> bool:
        return self.name == ""

    # What Flask-Login asks of a user object.
    @property
    def is_authenticated(self) -> bool:
        return not self.is_anonymous

    @property
    def is_active(self) -> bool:
        return not self.is_anonymous

    def get_id(self) -> str | None:
        """The session token: Flask-Login keeps it in the cookie and gives it back to the loader."""
        return self.session_token or None


ANONYMOUS = User(name="", role="public")


class Accounts:
    def __init__(self, path: Path):
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=10)
        connection.execute(SCHEMA)
        connection.execute(SESSIONS_SCHEMA)
        self.path.chmod(0o600)
        return connection

    def add(self, name: str, password: str, role: str) -> User:
        name = _checked_name(name)
        _check_role(role)
        _check_password(password)
        with closing(self._connect()) as db, db:
            if db.execute("SELECT 1 FROM accounts WHERE name = ?", (name,)).fetchone():
                raise AccountError(f"There is already an account {name!r}.")
            db.execute("INSERT INTO accounts (name, role, password_hash) VALUES (?, ?, ?)",
                       (name, role, generate_password_hash(password)))
        return User(name, role, 1)

    def remove(self, name: str) -> None:
        with closing(self._connect()) as db, db:
            if not db.execute("DELETE FROM accounts WHERE name = ?", (name,)).rowcount:
                raise AccountError(f"There is no account {name!r}.")
            db.execute("DELETE FROM sessions WHERE name = ?", (name,))

    def set_role(self, name: str, role: str) -> User:
        _check_role(role)
        return self._update(name, "role = ?", role)

    def set_password(self, name: str, password: str) -> User:
        _check_password(password)
        return self._update(name, "password_hash = ?", generate_password_hash(password))

    def _update(self, name: str, assignment: str, value: str) -> User:
        with closing(self._connect()) as db, db:
            changed = db.execute(f"UPDATE accounts SET {assignment}, epoch = epoch + 1 WHERE name = ?",
                                 (value, name)).rowcount
            db.execute("DELETE FROM sessions WHERE name = ?", (name,))
        if not changed:
            raise AccountError(f"There is no account {name!r}.")
        return self.get(name)

    def get(self, name: str) -> User | None:
        with closing(self._connect()) as db:
            row = db.execute("SELECT name, role, epoch FROM accounts WHERE name = ?", (name,)).fetchone()
        return User(*row) if row else None

    def verify(self, name: str, password: str) -> User | None:
        """The user if the password is theirs, else None (in about the same time either way)."""
        with closing(self._connect()) as db:
            row = db.execute("SELECT name, role, epoch, password_hash FROM accounts WHERE name = ?",
                             (name.strip().lower(),)).fetchone()
        if row is None:
            check_password_hash(_DUMMY_HASH, password)
            return None
        return User(*row[:3]) if check_password_hash(row[3], password) else None

    # -- login sessions ----------------------------------------------------------------------

    def open_session(self, user: User, lifetime_seconds: float) -> User:
        """A new login session of `user`; the user returned carries its token (its `get_id()`)."""
        token = secrets.token_urlsafe(32)
        now = time.time()
        with closing(self._connect()) as db, db:
            db.execute("DELETE FROM sessions WHERE expires_at <= ?", (now,))
            db.execute("INSERT INTO sessions (token_sha256, name, epoch, expires_at) VALUES (?, ?, ?, ?)",
                       (_digest(token), user.name, user.epoch, now + lifetime_seconds))
        return replace(user, session_token=token)

    def session_user(self, token: str) -> User | None:
        """The user of a live session: not logged out, not expired, the account unchanged since."""
        if not isinstance(token, str) or not token or len(token) > 256:  # a cookie may hold anything
            return None
        with closing(self._connect()) as db:
            row = db.execute("SELECT a.name, a.role, a.epoch FROM sessions s JOIN accounts a ON a.name = s.name "
                             "WHERE s.token_sha256 = ? AND s.epoch = a.epoch AND s.expires_at > ?",
                             (_digest(token), time.time())).fetchone()
        return User(*row, session_token=token) if row else None

    def end_session(self, token: str) -> None:
        """Log a session out: its cookie, wherever copied, no longer opens it."""
        with closing(self._connect()) as db, db:
            db.execute("DELETE FROM sessions WHERE token_sha256 = ?", (_digest(token),))

    def all(self) -> list[tuple[User, str]]:
        """Every account with its creation time, by name."""
        with closing(self._connect()) as db:
            rows = db.execute("SELECT name, role, epoch, created_at FROM accounts ORDER BY name").fetchall()
        return [(User(*row[:3]), row[3]) for row in rows]


def _digest(token: str) -> str:
    """Only a hash of each token is kept: a copy of accounts.sqlite opens no session."""
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()


def _checked_name(name: str) -> str:
    name = name.strip().lower()
    if not name or len(name) > 64 or not set(name) <= NAME_CHARACTERS:
        raise AccountError("An account name is 1 to 64 characters: letters, digits, '.', '_' or '-'.")
    return name


def _check_role(role: str) -> None:
    if role not in ROLES[1:]:
        raise AccountError(f"The role must be one of {', '.join(ROLES[1:])}, not {role!r}. "
                           "(Anyone not logged in is public.)")


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"A password needs at least {MIN_PASSWORD_LENGTH} characters.")
