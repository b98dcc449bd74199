"""Whole-graph backups: `netra backup` and `netra restore`.

A backup is one zip file:

- `manifest.json`: format and version, creation time, Netra, Neo4j and schema versions, node and
  relationship counts (in total, per label, per type), the vector and full-text indexes, and for
  every other member its size and SHA-256;
- `graph/nodes.jsonl`: {"key", "labels", "properties"} per node (every node but Netra's own
  bookkeeping nodes NetraSchema and NetraRestore);
- `graph/relationships.jsonl`: {"type", "start", "end", "properties"} per relationship, `start` and
  `end` being node keys;
- `home/...`: the data directory's search indexes (`index/`: Whoosh folders, embeddings.sqlite),
  the public reports (`intake/`) and the regular files at its top (accounts.sqlite, audit.sqlite,
  secret.key, ...). The Neo4j store,
  the models and the caches are not included: the store is what the graph members replace, the
  rest is rebuilt or downloaded.

Property values that JSON lacks are tagged ({"$datetime": ISO, "zone": name}, {"$date": ...},
{"$localdatetime"}, {"$time"}, {"$localtime"}, {"$duration": [months, days, seconds, nanoseconds]},
{"$point": {"srid", "coords"}}, {"$bytes": base64}) and come back as the same Neo4j types. Properties
under a vector index (embeddings) are written back with db.create.setNodeVectorProperty, as the
semantic indexer stores them.

Consistency: Neo4j's transactions are read-committed, not snapshots, so reading everything in one
read transaction is not enough on its own. The backup also reads the database's bookmark (the last
committed transaction) before and after that transaction; if anything was committed meanwhile the
backup fails instead of writing an archive that may mix two states.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from contextlib import closing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path, PurePosixPath

import neo4j
import pytz
from neo4j.spatial import CartesianPoint, WGS84Point
from neo4j.time import Date, DateTime, Duration, Time

from core.config import Settings
from graph.db import Graph
from graph.jsonl import counted, json_line
from core.errors import NetraError
from graph.schema import CURRENT_VERSION, migrate, schema_version, server_version, wipe

FORMAT_NAME, FORMAT_VERSION = "netra-backup", 1
MANIFEST = "manifest.json"
NODES, RELATIONSHIPS = "graph/nodes.jsonl", "graph/relationships.jsonl"
HOME = "home/"
INDEX_DIR = "index"
INTAKE_DIR = "intake"  # public reports and their evidence (web/intake.py): state, kept private
SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
# The files at the top of the data directory that are state (accounts, audit log, secret key), not
# backups or downloads someone left there.
STATE_SUFFIXES = (*SQLITE_SUFFIXES, ".key", ".log", ".jsonl")
# The audit log is append-only history: one already in the data directory is kept (it holds all the
# archived one does and more), an archived one only fills in for a missing log.
KEPT_IF_PRESENT = {"audit.sqlite"}
RESERVED = {"neo4j", INDEX_DIR, INTAKE_DIR, "cache", "models"}  # folders at the top of the data directory
BATCH = 1000
CHUNK = 1 << 20
IDENTIFIER = re.compile(r"^[^\x00`]+$")

# Netra's own bookkeeping: the schema version (restored by migrate) and an interrupted restore's marker.
SKIPPED = "NOT n:NetraSchema AND NOT n:NetraRestore"
COUNT_NODES = f"MATCH (n) WHERE {SKIPPED} RETURN count(n) AS n"
COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN count(r) AS n"
ALL_NODES = f"MATCH (n) WHERE {SKIPPED} RETURN elementId(n) AS key, labels(n) AS labels, properties(n) AS properties"
ALL_RELATIONSHIPS = """
MATCH (a)-[r]->(b)
RETURN elementId(a) AS start, elementId(b) AS end, type(r) AS type, properties(r) AS properties
"""
SEARCH_INDEXES = """
SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, options
WHERE type IN ['VECTOR', 'FULLTEXT']
RETURN name, type, entityType, labelsOrTypes, properties, options.indexConfig AS config
ORDER BY name
"""

# Restoring: every node carries a temporary label and key until all relationships are linked.
ANY_NODE = "MATCH (n) WHERE NOT n:NetraSchema RETURN labels(n) AS labels LIMIT 1"
RESTORE_KEY_INDEX = "CREATE INDEX netra_restore_key IF NOT EXISTS FOR (n:NetraRestoring) ON (n._restore_key)"
DROP_RESTORE_KEY_INDEX = "DROP INDEX netra_restore_key IF EXISTS"
MARK_RESTORE = """
CREATE (:NetraRestore {id: 'netra', archive: $archive, created: $created, started_at: datetime(),
                       nodes: $nodes, relationships: $relationships})
"""
UNMARK_RESTORE = "MATCH (m:NetraRestore) DELETE m"
CREATE_NODES = """
UNWIND $rows AS row
CREATE (n:NetraRestoring:$(row.labels))
SET n = row.properties, n._restore_key = row.key
WITH n, row
UNWIND row.vectors AS vector
CALL db.create.setNodeVectorProperty(n, vector.property, vector.value)
"""
CREATE_RELATIONSHIPS = """
UNWIND $rows AS row
MATCH (a:NetraRestoring {_restore_key: row.start})
MATCH (b:NetraRestoring {_restore_key: row.end})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.properties
RETURN count(r) AS created
"""
RELEASE_NODES = """
MATCH (n:NetraRestoring)
CALL (n) { REMOVE n:NetraRestoring, n._restore_key } IN TRANSACTIONS OF 10000 ROWS
"""


class BackupError(NetraError):
    """A backup could not be written."""


class ArchiveInvalid(NetraError):
    """The file is not a complete, undamaged Netra backup; nothing was changed."""


class RestoreRefused(NetraError):
    """Restoring would overwrite data; nothing was changed."""


class RestoreFailed(NetraError):
    """A restore stopped part-way: the graph holds part of the archive."""


@dataclass
class Archive:
    """A validated backup: its manifest, checked against every member."""

    path: Path
    manifest: dict

    @property
    def counts(self) -> dict:
        return self.manifest["counts"]

    def home_files(self) -> list[str]:
        return [name for name in self.manifest["files"] if name.startswith(HOME)]


@dataclass
class RestoreSummary:
    nodes: int = 0
    relationships: int = 0
    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# -- values -----------------------------------------------------------------------------------

def encode(value):
    """A Neo4j property value as JSON; types JSON lacks are tagged so that decode restores them."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, DateTime):
        return _encode_datetime(value)
    if isinstance(value, Date):
        return {"$date": value.iso_format()}
    if isinstance(value, Time):
        return {"$time" if value.tzinfo else "$localtime": value.iso_format()}
    if isinstance(value, Duration):
        return {"$duration": [value.months, value.days, value.seconds, value.nanoseconds]}
    if isinstance(value, (CartesianPoint, WGS84Point)):
        return {"$point": {"srid": value.srid, "coords": list(value)}}
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    raise BackupError(f"cannot back up a property value of type {type(value).__name__}")


def _encode_datetime(value: DateTime) -> dict:
    if value.tzinfo is None:
        return {"$localdatetime": value.iso_format()}
    tagged = {"$datetime": value.iso_format()}
    # The driver reads Neo4j's "Z" (what datetime() stores) as pytz.utc, a named zone: kept as an
    # offset so that it is written back as "Z". Other named zones (Asia/Jakarta) keep their name.
    zone = getattr(value.tzinfo, "zone", None)
    if zone and value.tzinfo is not pytz.utc:
        tagged["zone"] = zone
    return tagged


def decode(value):
    if isinstance(value, list):
        return [decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    (tag, payload), = ((k, v) for k, v in value.items() if k.startswith("$"))
    if tag == "$datetime":
        moment = DateTime.from_iso_format(payload)
        if "zone" in value:
            return moment.astimezone(pytz.timezone(value["zone"]))
        offset = moment.utcoffset()
        return moment.replace(tzinfo=timezone(offset))  # an offset, not a named zone (see above)
    decoders = {"$date": Date.from_iso_format, "$localdatetime": DateTime.from_iso_format,
                "$time": Time.from_iso_format, "$localtime": Time.from_iso_format,
                "$duration": lambda p: Duration(months=p[0], days=p[1], seconds=p[2], nanoseconds=p[3]),
                "$point": _point, "$bytes": lambda p: bytearray(base64.b64decode(p))}
    return decoders[tag](payload)


def _point(payload: dict):
    kind = WGS84Point if payload["srid"] in (4326, 4979) else CartesianPoint
    return kind(payload["coords"])


def _encode_properties(properties: dict) -> dict:
    return {key: encode(value) for key, value in sorted(properties.items())}


# -- backup -----------------------------------------------------------------------------------

def backup(graph: Graph, settings: Settings, path: str | Path,
           progress: Callable[[int], object] = lambda n: None) -> Archive:
    """Write the whole graph and the data directory's indexes and state files to the zip `path`.
    The file appears only when complete (it is written next to it under a `.partial` name)."""
    target = Path(path)
    if target.exists():
        raise BackupError(f"{target} already exists; choose another name or delete it first.")
    if not target.parent.is_dir():
        raise BackupError(f"Folder {target.parent} does not exist.")
    partial = target.with_name(target.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            manifest = _write_archive(graph, settings, archive, progress)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return Archive(target, manifest)


def count_records(graph: Graph) -> int:
    """Nodes plus relationships (for a progress bar's total)."""
    return graph.read(COUNT_NODES)[0]["n"] + graph.read(COUNT_RELATIONSHIPS)[0]["n"]


def _write_archive(graph: Graph, settings: Settings, archive: zipfile.ZipFile, progress) -> dict:
    manifest = {"format": FORMAT_NAME, "version": FORMAT_VERSION,
                "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "netra": _netra_version(), "neo4j": server_version(graph), "schema_version": schema_version(graph),
                "indexes": [_index_record(row) for row in graph.read(SEARCH_INDEXES)], "files": {}}
    before = last_commit(graph)
    counts = _write_graph(graph, archive, manifest["files"], progress)
    if last_commit(graph) != before:
        raise BackupError("The graph changed while it was being backed up (an ingest, `netra index` or a web "
                          "user wrote to it), so the archive could mix two states and was not kept. Run the "
                          "backup again when nothing is writing.")
    manifest["counts"] = counts
    for name, source in _home_files(settings.home):
        manifest["files"][HOME + name] = _add_file(archive, HOME + name, source)
    archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True))
    return manifest


def last_commit(graph: Graph) -> frozenset[str]:
    """The bookmark a read transaction returns: it names the database's last committed transaction."""
    with graph._session(default_access_mode=neo4j.READ_ACCESS) as session:
        session.execute_read(lambda tx: tx.run("RETURN 1").consume())
        return frozenset(session.last_bookmarks().raw_values)


def _write_graph(graph: Graph, archive: zipfile.ZipFile, files: dict, progress) -> dict:
    """Nodes and relationships in one read transaction, streamed (the driver fetches rows in batches)."""
    labels, types = Counter(), Counter()
    with graph._session(default_access_mode=neo4j.READ_ACCESS) as session:
        with session.begin_transaction() as tx:
            files[NODES] = _write_member(archive, NODES, (
                _node_line(row, labels) for row in counted(tx.run(ALL_NODES), progress)))
            files[RELATIONSHIPS] = _write_member(archive, RELATIONSHIPS, (
                _relationship_line(row, types) for row in counted(tx.run(ALL_RELATIONSHIPS), progress)))
            tx.commit()
    return {"nodes": files[NODES]["records"], "relationships": files[RELATIONSHIPS]["records"],
            "labels": dict(sorted(labels.items())), "types": dict(sorted(types.items()))}


def _node_line(row, labels: Counter) -> str:
    labels.update(row["labels"])
    return json_line({"key": row["key"], "labels": sorted(row["labels"]),
                      "properties": _encode_properties(row["properties"])}, compact=True)


def _relationship_line(row, types: Counter) -> str:
    types[row["type"]] += 1
    return json_line({"type": row["type"], "start": row["start"], "end": row["end"],
                      "properties": _encode_properties(row["properties"])}, compact=True)


def _write_member(archive: zipfile.ZipFile, name: str, lines: Iterable[str]) -> dict:
    digest, size, records, buffer = hashlib.sha256(), 0, 0, []
    with archive.open(name, "w", force_zip64=True) as member:
        def flush():
            nonlocal size
            data = "".join(buffer).encode("utf-8")
            member.write(data)
            digest.update(data)
            size += len(data)
            buffer.clear()

        for line in lines:
            buffer.append(line + "\n")
            records += 1
            if len(buffer) >= BATCH:
                flush()
        flush()
    return {"sha256": digest.hexdigest(), "bytes": size, "records": records}


def _index_record(row: dict) -> dict:
    return {"name": row["name"], "type": row["type"], "entity": row["entityType"], "on": row["labelsOrTypes"],
            "properties": row["properties"], "config": row["config"]}


def _home_files(home: Path) -> Iterator[tuple[str, Path]]:
    """(name in the archive, file): the search indexes and the state files at the top of the data
    directory. SQLite's -wal/-shm files are not among them: databases are copied through SQLite."""
    index = home / INDEX_DIR
    if index.is_dir():
        for path in sorted(p for p in index.rglob("*") if p.is_file()):
            if path.suffix in STATE_SUFFIXES or path.parent != index:
                yield path.relative_to(home).as_posix(), path
    if home.is_dir():
        for path in sorted(p for p in home.iterdir() if p.is_file() and p.suffix in STATE_SUFFIXES):
            yield path.name, path
    intake = home / INTAKE_DIR
    if intake.is_dir():
        for path in sorted(p for p in intake.rglob("*") if p.is_file()):
            yield path.relative_to(home).as_posix(), path


def _add_file(archive: zipfile.ZipFile, name: str, source: Path) -> dict:
    mode = source.stat().st_mode & 0o777
    if source.suffix in SQLITE_SUFFIXES:
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / source.name
            _sqlite_copy(source, copy)
            return {**_add_plain_file(archive, name, copy), "mode": mode, "content_sha256": _sqlite_digest(copy)}
    return {**_add_plain_file(archive, name, source), "mode": mode}


def _sqlite_copy(source: Path, copy: Path) -> None:
    """A consistent copy of a database that may be open and being written (SQLite's backup API)."""
    try:
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src, closing(sqlite3.connect(copy)) as dst:
            src.backup(dst)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"Cannot copy the SQLite database {source}: {exc}.")


def _sqlite_digest(path: Path) -> str:
    """A SHA-256 of the database's content (its SQL dump), whatever its page layout."""
    digest = hashlib.sha256()
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        for line in db.iterdump():
            digest.update(line.encode())
    return digest.hexdigest()


def _add_plain_file(archive: zipfile.ZipFile, name: str, source: Path) -> dict:
    digest, size = hashlib.sha256(), 0
    with open(source, "rb") as handle, archive.open(name, "w", force_zip64=True) as member:
        while chunk := handle.read(CHUNK):
            member.write(chunk)
            digest.update(chunk)
            size += len(chunk)
    return {"sha256": digest.hexdigest(), "bytes": size}


def _netra_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("netra")
    except PackageNotFoundError:
        return "unknown"


# -- validating an archive --------------------------------------------------------------------

def open_archive(path: str | Path, progress: Callable[[int], object] = lambda n: None) -> Archive:
    """Check the manifest and every member's size, SHA-256 and record count; ArchiveInvalid if any
    check fails. Reads the whole archive once; changes nothing."""
    path = Path(path)
    if not path.is_file():
        raise ArchiveInvalid(f"{path} does not exist or is not a file.")
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = _read_manifest(archive, path)
            for name, expected in manifest["files"].items():
                _check_member(archive, name, expected, path, progress)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ArchiveInvalid(f"{path} is damaged ({exc}); nothing was restored. Use another copy of the backup.")
    return Archive(path, manifest)


def _read_manifest(archive: zipfile.ZipFile, path: Path) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise ArchiveInvalid(f"{path} has no {MANIFEST}: it is not a Netra backup (`netra backup` writes one).")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ArchiveInvalid(f"{path}: {MANIFEST} is not valid JSON ({exc}); the archive is damaged.")
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise ArchiveInvalid(f"{path} is not a Netra backup (its manifest does not say format {FORMAT_NAME!r}).")
    if manifest.get("version") != FORMAT_VERSION:
        raise ArchiveInvalid(f"{path} is a version {manifest.get('version')} backup; this Netra reads version "
                             f"{FORMAT_VERSION}. Use the Netra release that wrote it.")
    if not isinstance(manifest.get("schema_version"), int) or manifest["schema_version"] > CURRENT_VERSION:
        raise ArchiveInvalid(f"{path} comes from a graph with schema version {manifest.get('schema_version')}; "
                             f"this Netra knows up to {CURRENT_VERSION}. Update Netra first.")
    files = manifest.get("files")
    if not isinstance(files, dict) or not {NODES, RELATIONSHIPS} <= files.keys():
        raise ArchiveInvalid(f"{path}: the manifest lists no graph members; the archive is damaged.")
    for name in files:
        _check_name(name, path)
    extra = set(archive.namelist()) - set(files) - {MANIFEST}
    if extra:
        raise ArchiveInvalid(f"{path} holds members its manifest does not list ({', '.join(sorted(extra)[:5])}); "
                             "it was changed after it was written.")
    counts = manifest.get("counts", {})
    if (counts.get("nodes"), counts.get("relationships")) != (files[NODES].get("records"),
                                                              files[RELATIONSHIPS].get("records")):
        raise ArchiveInvalid(f"{path}: the manifest's counts disagree with its members; the archive is damaged.")
    return manifest


def _check_name(name: str, path: Path) -> None:
    """Only the graph members and files under home/ that stay inside the data directory."""
    parts = PurePosixPath(name).parts
    safe = (name in (NODES, RELATIONSHIPS) or
            (name.startswith(HOME) and len(parts) > 1 and ".." not in parts and "\\" not in name
             and "\x00" not in name and not PurePosixPath(name).is_absolute()
             and (parts[1] in (INDEX_DIR, INTAKE_DIR) if len(parts) > 2 else parts[1] not in RESERVED)))
    if not safe:
        raise ArchiveInvalid(f"{path} names a file outside the data directory ({name!r}); refusing it.")


def _check_member(archive: zipfile.ZipFile, name: str, expected: dict, path: Path, progress) -> None:
    try:
        member = archive.open(name)
    except KeyError:
        raise ArchiveInvalid(f"{path} lacks {name}, which its manifest lists; the archive is incomplete.")
    digest, size, lines = hashlib.sha256(), 0, 0
    with member:
        while chunk := member.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            lines += chunk.count(b"\n")
            if name in (NODES, RELATIONSHIPS):
                progress(chunk.count(b"\n"))
    if size != expected.get("bytes") or digest.hexdigest() != expected.get("sha256"):
        raise ArchiveInvalid(f"{path}: {name} does not match its checksum; the archive is damaged. "
                             "Nothing was restored. Use another copy of the backup.")
    if "records" in expected and lines != expected["records"]:
        raise ArchiveInvalid(f"{path}: {name} holds {lines} records, the manifest says {expected['records']}.")


# -- restore ----------------------------------------------------------------------------------

def check_target(graph: Graph, settings: Settings, archive: Archive, force: bool) -> None:
    """RestoreRefused if the graph holds data, or a state file would be replaced, without force."""
    if force:
        return
    rows = graph.read(ANY_NODE)
    if rows and {"NetraRestore", "NetraRestoring"} & set(rows[0]["labels"]):
        raise RestoreRefused("The graph holds an interrupted restore. Run `netra restore --force` to wipe it "
                             "and restore again.")
    if rows:
        raise RestoreRefused(f"The graph at {graph.connection.uri} is not empty. Restoring replaces it: run "
                             "`netra restore --force` to wipe it first (make a backup of it before, if needed).")
    changed = [name for name in archive.home_files() if not name.startswith(HOME + INDEX_DIR + "/")
               and name[len(HOME):] not in KEPT_IF_PRESENT and _differs(settings.home / name[len(HOME):], archive.manifest["files"][name])]
    if changed:
        raise RestoreRefused(f"Restoring would replace {', '.join(n[len(HOME):] for n in changed)} in "
                             f"{settings.home} (different content). Use --force to replace them.")


def _differs(path: Path, expected: dict) -> bool:
    if not path.exists():
        return False
    if "content_sha256" in expected:  # a copy through SQLite holds the same rows in other bytes
        return _sqlite_digest(path) != expected["content_sha256"]
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest() != expected["sha256"]


def restore(graph: Graph, settings: Settings, archive: Archive, force: bool = False,
            progress: Callable[[int], object] = lambda n: None, batch: int = BATCH) -> RestoreSummary:
    """Load a validated archive into the graph (emptied first with force) and its files into the data
    directory. A failure part-way raises RestoreFailed, which says what is left and how to recover."""
    check_target(graph, settings, archive, force)
    if force:
        wipe(graph)
    migrate(graph)
    summary = RestoreSummary()
    counts = archive.counts
    graph.write(MARK_RESTORE, archive=str(archive.path), created=archive.manifest["created"],
                nodes=counts["nodes"], relationships=counts["relationships"])
    try:
        _load_graph(graph, archive, summary, progress, batch)
    except (Exception, KeyboardInterrupt) as exc:
        raise RestoreFailed(
            f"The restore stopped after {summary.nodes} of {counts['nodes']} nodes and {summary.relationships} of "
            f"{counts['relationships']} relationships: {_reason(exc)}. The graph now holds part of the backup "
            "(marked by a NetraRestore node). Fix the cause, then run `netra restore --force "
            f"{archive.path}` to wipe it and restore again; the data directory's files were not changed."
        ) from exc
    summary.files = _restore_files(settings.home, archive)
    if not any(name.startswith(HOME + INDEX_DIR + "/") for name in archive.home_files()):
        summary.notes.append("The backup holds no search index: run `netra index` to build it.")
    return summary


def _reason(exc: BaseException) -> str:
    return "interrupted" if isinstance(exc, KeyboardInterrupt) else (str(exc) or type(exc).__name__)


def _load_graph(graph: Graph, archive: Archive, summary: RestoreSummary, progress, batch: int) -> None:
    vectors = _vector_properties(archive.manifest["indexes"])
    graph.run_autocommit(RESTORE_KEY_INDEX)
    graph.run_autocommit("CALL db.awaitIndexes($timeout)", timeout=300)
    with zipfile.ZipFile(archive.path) as zf:
        for rows in _batches(_records(zf, NODES), batch):
            graph.write(CREATE_NODES, rows=[_node_row(row, vectors) for row in rows])
            summary.nodes += len(rows)
            progress(len(rows))
        for rows in _batches(_records(zf, RELATIONSHIPS), batch):
            created = graph.write(CREATE_RELATIONSHIPS, rows=[_relationship_row(row) for row in rows])[0]["created"]
            if created != len(rows):
                raise RestoreFailed(f"{len(rows) - created} relationships in a batch name nodes the archive "
                                    "does not hold")
            summary.relationships += len(rows)
            progress(len(rows))
    graph.run_autocommit(RELEASE_NODES)
    graph.run_autocommit(DROP_RESTORE_KEY_INDEX)
    _restore_indexes(graph, archive.manifest["indexes"])
    _check_counts(graph, archive.counts)
    graph.write(UNMARK_RESTORE)


def _records(archive: zipfile.ZipFile, name: str) -> Iterator[dict]:
    with archive.open(name) as member:
        for line in io.TextIOWrapper(member, encoding="utf-8", newline="\n"):
            yield json.loads(line)


def _batches(records: Iterable[dict], size: int) -> Iterator[list[dict]]:
    rows = []
    for record in records:
        rows.append(record)
        if len(rows) >= size:
            yield rows
            rows = []
    if rows:
        yield rows


def _vector_properties(indexes: list[dict]) -> dict[str, set[str]]:
    """label -> properties under a node vector index."""
    found: dict[str, set[str]] = {}
    for index in indexes:
        if index["type"] == "VECTOR" and index["entity"] == "NODE":
            for label in index["on"]:
                found.setdefault(label, set()).update(index["properties"])
    return found


def _node_row(record: dict, vectors: dict[str, set[str]]) -> dict:
    properties = {key: decode(value) for key, value in record["properties"].items()}
    vector_keys = {key for label in record["labels"] for key in vectors.get(label, ())} & properties.keys()
    return {"key": record["key"], "labels": record["labels"],
            "properties": {k: v for k, v in properties.items() if k not in vector_keys},
            "vectors": [{"property": key, "value": properties[key]} for key in sorted(vector_keys)]}


def _relationship_row(record: dict) -> dict:
    return {"type": record["type"], "start": record["start"], "end": record["end"],
            "properties": {key: decode(value) for key, value in record["properties"].items()}}


def _restore_indexes(graph: Graph, indexes: list[dict]) -> None:
    """The vector and full-text indexes as they were (the migrations made the rest): one whose name
    exists with another definition is dropped and made again."""
    existing = {index["name"]: index for index in map(_index_record, graph.read(SEARCH_INDEXES))}
    for index in indexes:
        if existing.get(index["name"]) == index:
            continue
        graph.run_autocommit(f"DROP INDEX {_quote(index['name'])} IF EXISTS")
        graph.run_autocommit(_create_index(index), options={"indexConfig": index["config"]})
    graph.run_autocommit("CALL db.awaitIndexes($timeout)", timeout=600)


def _create_index(index: dict) -> str:
    """Index names, labels and properties cannot be parameters: they are quoted as identifiers."""
    kinds = "|".join(_quote(name) for name in index["on"])
    pattern = f"(n:{kinds})" if index["entity"] == "NODE" else f"()-[n:{kinds}]-()"
    properties = [f"n.{_quote(name)}" for name in index["properties"]]
    name = _quote(index["name"])
    if index["type"] == "VECTOR":
        return f"CREATE VECTOR INDEX {name} FOR {pattern} ON {properties[0]} OPTIONS $options"
    return f"CREATE FULLTEXT INDEX {name} FOR {pattern} ON EACH [{', '.join(properties)}] OPTIONS $options"


def _quote(identifier: str) -> str:
    if not isinstance(identifier, str) or not IDENTIFIER.match(identifier):
        raise RestoreFailed(f"the archive names an index, label or property Neo4j cannot use: {identifier!r}")
    return f"`{identifier}`"


def _check_counts(graph: Graph, expected: dict) -> None:
    nodes, relationships = graph.read(COUNT_NODES)[0]["n"], graph.read(COUNT_RELATIONSHIPS)[0]["n"]
    if (nodes, relationships) != (expected["nodes"], expected["relationships"]):
        raise RestoreFailed(f"the graph holds {nodes} nodes and {relationships} relationships after loading, "
                            f"the backup {expected['nodes']} and {expected['relationships']}")


def _restore_files(home: Path, archive: Archive) -> list[str]:
    """The index folder is swapped whole (it describes the restored graph); state files are replaced
    one by one, each through a temporary file, with their permissions."""
    names = archive.home_files()
    home.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive.path) as zf:
        index_names = [n for n in names if n.startswith(HOME + INDEX_DIR + "/")]
        if index_names:
            _swap_index(home, zf, index_names, archive.manifest["files"])
        for name in names:
            if name not in index_names:
                target = home / name[len(HOME):]
                if name[len(HOME):] in KEPT_IF_PRESENT and target.exists():
                    continue
                partial = target.with_name(target.name + ".restoring")
                _extract(zf, name, partial, archive.manifest["files"][name])
                os.replace(partial, target)
    if (home / INTAKE_DIR).is_dir():
        for folder in [home / INTAKE_DIR, *(p for p in (home / INTAKE_DIR).rglob("*") if p.is_dir())]:
            folder.chmod(0o700)
    return [name[len(HOME):] for name in names]


def _swap_index(home: Path, zf: zipfile.ZipFile, names: list[str], files: dict) -> None:
    fresh, old = home / ".index.restoring", home / ".index.replaced"
    for folder in (fresh, old):
        shutil.rmtree(folder, ignore_errors=True)
    for name in names:
        _extract(zf, name, fresh / PurePosixPath(name).relative_to(HOME + INDEX_DIR), files[name])
    index = home / INDEX_DIR
    if index.exists():
        index.rename(old)
    fresh.rename(index)
    shutil.rmtree(old, ignore_errors=True)


def _extract(zf: zipfile.ZipFile, name: str, target: Path, expected: dict) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zf.open(name) as member, open(target, "wb") as out:
        shutil.copyfileobj(member, out, CHUNK)
    os.chmod(target, expected.get("mode", 0o644))
