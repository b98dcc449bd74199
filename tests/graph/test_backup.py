"""`netra backup` / `netra restore`: backup -> wipe -> restore gives back every node, relationship
and property (types included: dates, zoned date-times, durations, points, lists, embeddings) and
the data directory's index and state files; a damaged archive changes nothing; a restore that
stops part-way says so and can be redone."""

import dataclasses
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from case_fixtures import write_documents
from conftest import netra_env, run_netra
from graph.backup import (NODES, ArchiveInvalid, BackupError, RestoreFailed, RestoreRefused, backup, check_target,
                          open_archive, restore)
from graph.entities import review_queue
from graph.schema import counts, wipe
from ingest.case_pipeline import ingest_cases
from casegen import generate_corpus
from ingest.person_resolution import record_verdict
from ingest.regulation_pipeline import ingest
from search.keyword import WhooshIndex
from search.provisions import provision_documents
from search.semantic import SemanticIndex
from embedders import BagOfWordsEmbedder
from paths import FIXTURES

pytestmark = pytest.mark.neo4j

REGULATIONS = FIXTURES / "regulations"

# Every property type Neo4j stores, as Cypher writes them (the driver cannot tell a zone named
# Asia/Jakarta from its offset, nor "Z" from "UTC"; valueType and toString below can).
PROBE = """
CREATE (p:Probe:Extra {id: 'probe', zoned: datetime('2024-10-01T10:00:00.123456789[Asia/Jakarta]'),
        offset: datetime('2024-10-01T10:00:00+07:00'), utc: datetime('2024-10-01T03:00:00Z'),
        local_dt: localdatetime('2024-10-01T10:00:00.5'), day: date('2024-10-01'), at: time('10:00:00+07:00'),
        local_t: localtime('10:00:00.000000001'), span: duration('P1Y2M3DT4H5M6.000000007S'),
        flat: point({x: 1.5, y: -2.0}), globe: point({longitude: 100.35, latitude: -0.95, height: 3.0}),
        ints: [1, -2, 9007199254740993], floats: [0.1, 1e-300, -0.0], words: ['a', 'é', ''], flags: [true, false],
        days: [date('2024-01-01'), date('2024-12-31')], big: 9223372036854775807, ratio: 0.30000000000000004,
        empty: [], text: 'baris\\nbaru "kutip" `backtick` \\u0000 nul'})
WITH p MATCH (q:Provision) WITH p, q ORDER BY q.id LIMIT 1
CREATE (p)-[:PROBES {since: datetime('2024-10-01T10:00:00[Asia/Jakarta]'), weight: 0.5, tags: ['x']}]->(q)
"""

SNAPSHOT_NODES = """
MATCH (n) WHERE NOT n:NetraSchema
RETURN elementId(n) AS key, labels(n) AS labels, properties(n) AS properties,
       [k IN keys(n) | [k, valueType(n[k]), CASE WHEN valueType(n[k]) STARTS WITH 'LIST' THEN null
                                                 ELSE toString(n[k]) END]] AS types
"""
SNAPSHOT_RELATIONSHIPS = """
MATCH (a)-[r]->(b)
RETURN elementId(a) AS start, elementId(b) AS end, type(r) AS type, properties(r) AS properties,
       [k IN keys(r) | [k, valueType(r[k]), CASE WHEN valueType(r[k]) STARTS WITH 'LIST' THEN null
                                                 ELSE toString(r[k]) END]] AS types
"""


def _signature(row) -> str:
    return repr((sorted(row.get("labels", [])), sorted(row["properties"].items()), sorted(map(tuple, row["types"]))))


def snapshot(graph) -> tuple[list[str], list[str]]:
    """Every node and relationship with every property's value (repr: type and time zone included),
    Cypher type and Cypher text, independent of element ids."""
    nodes = {row["key"]: _signature(row) for row in graph.read(SNAPSHOT_NODES)}
    relationships = [repr((nodes[row["start"]], row["type"], _signature(row), nodes[row["end"]]))
                     for row in graph.read(SNAPSHOT_RELATIONSHIPS)]
    return sorted(nodes.values()), sorted(relationships)


def home_state(home: Path) -> dict[str, object]:
    """The files a backup keeps: SQLite databases by content, the rest by bytes; with permissions."""
    state = {}
    for path in sorted(p for p in home.rglob("*") if p.is_file()):
        if path.suffix == ".sqlite":
            with sqlite3.connect(path) as db:
                content = list(db.iterdump())
        else:
            content = path.read_bytes()
        state[path.relative_to(home).as_posix()] = (content, path.stat().st_mode & 0o777)
    return state


@pytest.fixture(scope="module")
def built(session_graph, server_settings, tmp_path_factory):
    """Regulations from tests/fixtures, generated and hand-written cases with a reviewer's verdict, an
    embedding per provision under a vector index, a Whoosh index, state files, and a probe node with
    every property type. Returns (settings whose home is a fresh data directory, its snapshot)."""
    graph, tmp = session_graph, tmp_path_factory.mktemp("backup")
    wipe(graph)
    ingest([str(REGULATIONS / name) for name in ("pp-99-2099.txt", "uu-97-2099.txt", "uu-96-2099.txt")],
           graph, show_progress=False)
    generate_corpus(tmp / "generated", cases=3, seed=5)
    folder = write_documents(tmp / "docs")
    for case in ("t101", "t102"):  # the same bare name twice: a pair to review, then a verdict
        (folder / f"{case}-temuan.txt").write_text(
            "TEMUAN BAWASLU KOTA SOLOK\n\nBawaslu Kota Solok menemukan bahwa Rini Percobaan mengunggah ajakan "
            "memilih calon Wali Kota Solok nomor urut 2, Bambang Contoh, di akun Facebook miliknya.\n",
            encoding="utf-8")
    summary = ingest_cases([str(tmp / "generated"), str(folder)], graph, show_progress=False)
    assert summary.count("failed") == 0, summary.to_json()
    record_verdict(graph, review_queue(graph)[0].id, "rejected")
    home = tmp / "home"
    settings = dataclasses.replace(server_settings, home=home)
    documents = list(provision_documents(graph))
    SemanticIndex(graph, BagOfWordsEmbedder(), settings.embedding_cache).rebuild(documents, show_progress=False)
    WhooshIndex(settings.whoosh_dir).rebuild(documents)
    _state_files(home)
    graph.write(PROBE)
    return settings, snapshot(graph), home_state(home)


def _state_files(home: Path) -> None:
    with sqlite3.connect(home / "accounts.sqlite") as db:
        db.execute("CREATE TABLE account (name TEXT PRIMARY KEY, hash TEXT)")
        db.execute("INSERT INTO account VALUES ('admin', 'scrypt$x')")
    (home / "secret.key").write_text("ab" * 32)
    (home / "secret.key").chmod(0o600)
    (home / "notes.txt").write_text("not state: not backed up")
    report = home / "intake" / "r20241003-0a1b2c3d"
    (report / "evidence").mkdir(parents=True)
    (report / "report.json").write_text('{"reporter_contact": "warga.fiktif@example.org"}')
    (report / "evidence" / "1.bin").write_bytes(b"%PDF-1.4 evidence")


@pytest.fixture
def rebuilt(built, session_graph):
    """The built graph, rebuilt if an earlier test replaced it."""
    settings, before, files = built
    if snapshot(session_graph) != before:
        pytest.fail("an earlier test left the graph changed")
    return session_graph, settings, before, files


def test_round_trip_restores_every_node_relationship_property_and_file(rebuilt, tmp_path):
    graph, settings, before, files = rebuilt
    labels = {row["label"] for row in graph.read("MATCH (n) UNWIND labels(n) AS label RETURN DISTINCT label")}
    assert {"Regulation", "Provision", "Case", "Person", "PersonMention", "MergeDecision", "Probe"} <= labels
    assert any("embedding" in node for node in before[0])
    # a provision with words of its own (a Pasal made only of ayat has no text to search for)
    question = next(doc.text for doc in provision_documents(graph) if len(doc.text.split()) >= 4)
    found = [hit.id for hit in WhooshIndex(settings.whoosh_dir).search(question, k=3)]
    archive = backup(graph, settings, tmp_path / "netra.zip")
    assert archive.counts["nodes"] == len(before[0]) and archive.counts["relationships"] == len(before[1])
    assert {"home/accounts.sqlite", "home/secret.key", "home/index/embeddings.sqlite"} <= set(archive.manifest["files"])
    assert "home/notes.txt" not in archive.manifest["files"]
    assert "home/intake/r20241003-0a1b2c3d/evidence/1.bin" in archive.manifest["files"], "public reports are state"
    assert any(name.startswith("home/index/whoosh/") for name in archive.manifest["files"])

    wipe(graph)
    graph.run_autocommit("DROP INDEX provision_embedding")
    shutil.rmtree(settings.home / "index")
    for name in ("accounts.sqlite", "secret.key"):
        (settings.home / name).unlink()
    shutil.rmtree(settings.home / "intake")
    summary = restore(graph, settings, open_archive(archive.path), batch=7)  # many small transactions

    assert (summary.nodes, summary.relationships) == (len(before[0]), len(before[1]))
    assert snapshot(graph) == before
    assert home_state(settings.home) == files
    assert not graph.read("MATCH (n) WHERE n:NetraRestoring OR n:NetraRestore OR n._restore_key IS NOT NULL "
                          "RETURN n LIMIT 1")
    assert not graph.read("SHOW INDEXES YIELD name WHERE name = 'netra_restore_key' RETURN name")
    hits = SemanticIndex(graph, BagOfWordsEmbedder(), settings.embedding_cache).search("pegawai", k=3)
    assert hits  # the vector index is back, with the dimensions it had
    assert found and [hit.id for hit in WhooshIndex(settings.whoosh_dir).search(question, k=3)] == found


def test_restore_refuses_a_graph_with_data_unless_forced(rebuilt, tmp_path):
    graph, settings, before, _files = rebuilt
    archive = open_archive(backup(graph, settings, tmp_path / "netra.zip").path)
    with pytest.raises(RestoreRefused, match="not empty"):
        restore(graph, settings, archive)
    assert snapshot(graph) == before
    wipe(graph)
    (settings.home / "secret.key").write_text("cd" * 32)
    with pytest.raises(RestoreRefused, match="secret.key"):  # an empty graph, but a state file would change
        restore(graph, settings, archive)
    assert counts(graph)["nodes"] == 0
    graph.write("CREATE (:Regulation {id: 'uu/2099/1'})")
    restore(graph, settings, archive, force=True)
    assert snapshot(graph) == before
    assert (settings.home / "secret.key").read_text() == "ab" * 32


def _damage(path: Path, out: Path, member: str) -> Path:
    """A copy of the archive whose `member` has one byte changed (its manifest still names the old checksum)."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == member:
                data = data[:100] + bytes([data[100] ^ 1]) + data[101:]
            target.writestr(item, data)
    return out


def test_a_damaged_archive_is_refused_before_anything_changes(rebuilt, tmp_path, server_settings):
    graph, settings, before, files = rebuilt
    good = backup(graph, settings, tmp_path / "netra.zip").path
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    flipped = tmp_path / "flipped.zip"  # a byte changed in the middle of the compressed data: CRC fails
    raw = bytearray(good.read_bytes())
    raw[len(raw) // 3] ^= 0xFF
    flipped.write_bytes(bytes(raw))
    cases = {_damage(good, tmp_path / "edited.zip", NODES): "does not match its checksum",
             truncated: "damaged", flipped: "damaged|checksum|not a Netra backup",
             _text(tmp_path / "notes.zip", "hello"): "damaged"}
    for path, message in cases.items():
        with pytest.raises(ArchiveInvalid, match=message):
            open_archive(path)
    result = run_netra("restore", "--force", "--quiet", str(tmp_path / "edited.zip"),
                       env=netra_env(server_settings.home))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "checksum" in result.stderr and "Nothing was restored" in result.stderr
    assert snapshot(graph) == before and home_state(settings.home) == files


def _text(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_an_archive_naming_files_outside_the_data_directory_is_refused(rebuilt, tmp_path):
    graph, settings, _before, _files = rebuilt
    good = backup(graph, settings, tmp_path / "netra.zip").path
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(evil, "w") as target:
        manifest = json.loads(source.read("manifest.json"))
        for item in source.infolist():
            if item.filename != "manifest.json":
                target.writestr(item, source.read(item.filename))
        manifest["files"]["home/../../etc/cron.d/x"] = {"sha256": "0", "bytes": 1}
        target.writestr("manifest.json", json.dumps(manifest))
    with pytest.raises(ArchiveInvalid, match="outside the data directory"):
        open_archive(evil)


def test_a_backup_during_writes_is_not_kept(rebuilt, tmp_path):
    graph, settings, before, _files = rebuilt
    writes = iter(range(1))

    def write_once(_n):
        for _ in writes:
            graph.write("CREATE (:Regulation {id: 'uu/2099/2'})")

    with pytest.raises(BackupError, match="changed while it was being backed up"):
        backup(graph, settings, tmp_path / "netra.zip", progress=write_once)
    assert not list(tmp_path.iterdir())
    graph.write("MATCH (r:Regulation {id: 'uu/2099/2'}) DETACH DELETE r")
    assert snapshot(graph) == before


def test_a_restore_that_stops_part_way_says_so_and_can_be_redone(rebuilt, tmp_path):
    graph, settings, before, _files = rebuilt
    archive = open_archive(backup(graph, settings, tmp_path / "netra.zip").path)
    wipe(graph)
    shutil.rmtree(settings.home / "index")
    loaded = []

    def fail_midway(n):
        loaded.append(n)
        if len(loaded) == 3:
            raise OSError("disk full")

    with pytest.raises(RestoreFailed, match=r"stopped after 21 of \d+ nodes.*disk full.*--force"):
        restore(graph, settings, archive, progress=fail_midway, batch=7)
    assert not (settings.home / "index").exists()  # files are restored only after the graph
    with pytest.raises(RestoreRefused, match="interrupted restore"):
        check_target(graph, settings, archive, force=False)
    restore(graph, settings, archive, force=True)
    assert snapshot(graph) == before


def test_cli_backup_and_restore(rebuilt, tmp_path, server_settings):
    graph, _settings, before, _files = rebuilt
    env = netra_env(server_settings.home)
    out = tmp_path / "cli.zip"
    result = run_netra("backup", "--quiet", str(out), env=env)
    assert result.returncode == 0, result.stderr
    assert f"Backed up {len(before[0])} nodes, {len(before[1])} relationships" in result.stdout
    again = run_netra("backup", "--quiet", str(out), env=env)
    assert again.returncode == 1 and "already exists" in again.stderr
    refused = run_netra("restore", "--quiet", str(out), env=env)
    assert refused.returncode == 1 and "not empty" in refused.stderr and "Traceback" not in refused.stderr
    wipe(graph)
    restored = run_netra("restore", "--quiet", str(out), env=env)
    assert restored.returncode == 0, restored.stderr
    assert snapshot(graph) == before
