"""Netra's configuration, read in one place.

Precedence, highest first: environment variables, a `netra.toml` file, defaults.
The file is the one named by NETRA_CONFIG, else `./netra.toml`, else `netra.toml`
at the repository root. Every key in it is optional:

    home = "/srv/netra"            # data directory (NETRA_HOME)
    [neo4j]
    uri = "neo4j://db:7687"        # NEO4J_URI: use this server, never start one
    user = "neo4j"                 # NEO4J_USER
    password = "..."               # NEO4J_PASSWORD
    database = "neo4j"             # NEO4J_DATABASE
    bolt_port = 7687               # NETRA_BOLT_PORT: port for the local server
    heap = "1g"                    # NETRA_NEO4J_HEAP
    pagecache = "512m"             # NETRA_NEO4J_PAGECACHE
    [search]
    keyword_backend = "whoosh"     # NETRA_KEYWORD_BACKEND: whoosh or neo4j
    embedding_model = "intfloat/multilingual-e5-small"  # NETRA_EMBEDDING_MODEL (default: built offline)
    embedding_precision = "auto"   # NETRA_EMBEDDING_PRECISION: auto, float32 or bfloat16 (passages)
    [audit]                        # the audit log's HMAC key and head, kept outside `home`
    key_file = "/etc/netra/audit.key"  # NETRA_AUDIT_KEY_FILE (or the key itself: NETRA_AUDIT_KEY, key)
    head_file = "/var/lib/netra-audit/audit.head"  # NETRA_AUDIT_HEAD_FILE (default: beside the key file)
    [web]
    rate_limit_storage = "memory://"  # NETRA_RATE_LIMIT_STORAGE: redis://host:6379 or memcached://host:11211
                                      # when several server processes must share the counts
    trace_timeout = 10             # NETRA_TRACE_TIMEOUT: seconds a trace or path query may run
    [alerts]
    decision_days = 30             # NETRA_ALERT_DECISION_DAYS: days a recommended sanction may wait for a
                                   # decision before it raises an alert (graph/alerts.py)
    [queue]
    url = "redis://host:6379/0"    # NETRA_QUEUE_URL: the report queue on Redis (huey's RedisHuey) when the
                                   # web processes and workers run on several machines; default: SQLite in home
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import NetraError

REPO_ROOT = Path(__file__).resolve().parent.parent
NEO4J_VERSION = "5.26.30"
EMBEDDING_PRECISIONS = ("auto", "float32", "bfloat16")


@dataclass(frozen=True)
class Settings:
    home: Path
    neo4j_uri: str | None  # None: use the server that Netra runs itself
    neo4j_user: str
    neo4j_password: str | None
    neo4j_database: str
    bolt_port: int | None  # None: reuse the last port, else 7687, else any free one
    neo4j_heap: str
    neo4j_pagecache: str
    cache_dir: Path  # downloads shared by every data directory on this machine
    keyword_backend: str  # "whoosh" (files under home) or "neo4j" (the graph's full-text index)
    embedding_model: str | None  # a model folder or hub id; None: the one Netra builds under home
    embedding_precision: str  # of passages; "auto": bfloat16 where the CPU has AMX, else float32
    config_dir: Path  # $XDG_CONFIG_HOME/netra: per-user files kept outside every data directory
    # The audit log's HMAC key, hex or base64, as the operator gives it; None: read from audit_key_file.
    audit_key: str | None = field(repr=False)
    audit_key_path: Path | None  # None: audit_key_file's default
    audit_head_path: Path | None  # None: beside the key file
    rate_limit_storage: str = "memory://"  # where the web app counts requests (a `limits` storage URI)
    trace_timeout: float = 10.0  # seconds the database may spend on one trace or path query
    queue_url: str | None = None  # the report queue's storage: None for NETRA_HOME/queue.sqlite, or redis://…
    alert_decision_days: int = 30  # days a recommended sanction may wait for a decision before an alert

    @property
    def uses_external_server(self) -> bool:
        return self.neo4j_uri is not None

    @property
    def server_home(self) -> Path:
        return self.home / "neo4j"

    @property
    def whoosh_dir(self) -> Path:
        return self.home / "index" / "whoosh"

    @property
    def embedding_cache(self) -> Path:
        return self.home / "index" / "embeddings.sqlite"

    @property
    def audit_key_file(self) -> Path:
        """The audit log's key file: the one named, else one per data directory in config_dir
        (made on the log's first entry), named after a hash of the data directory's path."""
        return self.audit_key_path or self.config_dir / f"audit-{self._home_tag}.key"

    @property
    def audit_head_file(self) -> Path:
        """Where each new audit entry writes the log's head (sequence number and HMAC)."""
        return self.audit_head_path or self.audit_key_file.with_suffix(".head")

    @property
    def _home_tag(self) -> str:
        return hashlib.sha256(str(self.home.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _config_file(env: dict[str, str]) -> Path | None:
    if "NETRA_CONFIG" in env:
        path = Path(env["NETRA_CONFIG"])
        if not path.is_file():
            raise NetraError(f"NETRA_CONFIG names {path}, which is not a file.")
        return path
    for candidate in (Path.cwd() / "netra.toml", REPO_ROOT / "netra.toml"):
        if candidate.is_file():
            return candidate
    return None


def _read_toml(path: Path | None) -> dict:
    if path is None:
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise NetraError(f"Cannot read the configuration file {path}: {exc}. Fix or remove it.")


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    file = _read_toml(_config_file(env))
    neo4j = file.get("neo4j", {})

    def pick(env_name: str, value, default=None):
        return env.get(env_name) or value or default

    port = pick("NETRA_BOLT_PORT", neo4j.get("bolt_port"))
    try:
        port = int(port) if port is not None else None
    except ValueError:
        raise NetraError(f"The Bolt port must be a number, not {port!r} (NETRA_BOLT_PORT or neo4j.bolt_port).")
    search = file.get("search", {})
    precision = pick("NETRA_EMBEDDING_PRECISION", search.get("embedding_precision"), "auto")
    if precision not in EMBEDDING_PRECISIONS:
        raise NetraError(f"The embedding precision must be one of {', '.join(EMBEDDING_PRECISIONS)}, not {precision!r}"
                         " (NETRA_EMBEDDING_PRECISION or search.embedding_precision).")
    xdg_cache = Path(env.get("XDG_CACHE_HOME") or Path(env.get("HOME") or Path.home()) / ".cache")
    xdg_config = Path(env.get("XDG_CONFIG_HOME") or Path(env.get("HOME") or Path.home()) / ".config")
    audit = file.get("audit", {})
    audit_key_path = pick("NETRA_AUDIT_KEY_FILE", audit.get("key_file"))
    audit_head_path = pick("NETRA_AUDIT_HEAD_FILE", audit.get("head_file"))
    web = file.get("web", {})
    trace_timeout = pick("NETRA_TRACE_TIMEOUT", web.get("trace_timeout"), 10.0)
    try:
        seconds = float(trace_timeout)
    except (TypeError, ValueError):
        seconds = -1.0
    if not 0 < seconds <= 3600:
        raise NetraError(f"The trace timeout must be a number of seconds above 0 and at most 3600, not "
                         f"{trace_timeout!r} (NETRA_TRACE_TIMEOUT or web.trace_timeout).")
    decision_days = pick("NETRA_ALERT_DECISION_DAYS", file.get("alerts", {}).get("decision_days"), 30)
    written = str(decision_days).strip()
    if not (written.isascii() and written.isdigit()) or not 1 <= int(written) <= 3650:
        raise NetraError(f"The days a recommended sanction may wait for a decision must be a whole number from 1 "
                         f"to 3650, not {decision_days!r} (NETRA_ALERT_DECISION_DAYS or alerts.decision_days).")
    return Settings(
        home=Path(pick("NETRA_HOME", file.get("home"), REPO_ROOT / ".netra")).expanduser().resolve(),
        neo4j_uri=pick("NEO4J_URI", neo4j.get("uri")),
        neo4j_user=pick("NEO4J_USER", neo4j.get("user"), "neo4j"),
        neo4j_password=pick("NEO4J_PASSWORD", neo4j.get("password")),
        neo4j_database=pick("NEO4J_DATABASE", neo4j.get("database"), "neo4j"),
        bolt_port=port,
        neo4j_heap=pick("NETRA_NEO4J_HEAP", neo4j.get("heap"), "1g"),
        neo4j_pagecache=pick("NETRA_NEO4J_PAGECACHE", neo4j.get("pagecache"), "512m"),
        cache_dir=Path(pick("NETRA_CACHE", None, xdg_cache / "netra")).expanduser(),
        keyword_backend=pick("NETRA_KEYWORD_BACKEND", search.get("keyword_backend"), "whoosh"),
        embedding_model=pick("NETRA_EMBEDDING_MODEL", search.get("embedding_model")),
        embedding_precision=precision,
        config_dir=xdg_config.expanduser() / "netra",
        audit_key=pick("NETRA_AUDIT_KEY", audit.get("key")),
        audit_key_path=Path(audit_key_path).expanduser().absolute() if audit_key_path else None,
        audit_head_path=Path(audit_head_path).expanduser().absolute() if audit_head_path else None,
        rate_limit_storage=pick("NETRA_RATE_LIMIT_STORAGE", web.get("rate_limit_storage"), "memory://"),
        trace_timeout=seconds,
        queue_url=pick("NETRA_QUEUE_URL", file.get("queue", {}).get("url")),
        alert_decision_days=int(written),
    )
