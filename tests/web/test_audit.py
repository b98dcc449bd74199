"""The audit log is complete and hard to forge: case searches and similar-case requests are on
record with what was asked; the hash chain is keyed (HMAC-SHA256, key outside the data
directory); `netra audit --verify` (the real command) finds entries altered, removed from the
middle or the end, a chain recomputed by someone without the key, and a wrong or missing key;
hostile query text is stored capped and escaped."""

import base64
import dataclasses
import json
import re
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from case_fixtures import write_documents
from conftest import TEST_PASSWORD, log_in, netra_env, run_netra
from core.config import load_settings
from web.audit import (DETAIL_CHARS, GENESIS, KEYED, QUERY_CHARS, UNSAFE, AuditLog, AuditUnavailable, _legacy_hash,
                       query_detail)

HEAD = re.compile(r"\d+:[0-9a-f]{64}")
OTHER_KEY = "ab" * 32


def _settings(home: Path, **env: str):
    return load_settings(netra_env(home, **env))


def _log(home: Path, entries: int = 0, **env: str) -> AuditLog:
    log = AuditLog.for_settings(_settings(home, **env))
    for number in range(entries):
        log.record("ika", "investigator", "view_case", f"case:t{number:03}", f"entry {number}")
    return log


def _netra_audit(home: Path, *args: str, **env: str):
    result = run_netra("audit", *args, env=netra_env(home, **env), timeout=60)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def _tamper(log: AuditLog, *statements: tuple) -> None:
    """What someone who can write the data directory but lacks the key can do: anything to the file."""
    db = sqlite3.connect(log.path)
    db.execute("DROP TRIGGER IF EXISTS entries_no_update")
    db.execute("DROP TRIGGER IF EXISTS entries_no_delete")
    for statement in statements:
        db.execute(*statement) if isinstance(statement, tuple) else db.execute(statement)
    db.commit()
    db.close()


def _rechain_unkeyed(log: AuditLog, start: int = 1) -> None:
    """Recompute every hash from entry `start` on with the only rule an attacker without the key
    has: SHA-256 over the previous hash and the content."""
    db = sqlite3.connect(log.path)
    db.execute("DROP TRIGGER IF EXISTS entries_no_update")
    rows = db.execute("SELECT seq, at, actor, role, action, subject, detail, hash FROM entries ORDER BY seq").fetchall()
    previous = GENESIS
    for seq, *fields, digest in rows:
        if seq >= start:
            digest = _legacy_hash(previous, *fields)
            db.execute("UPDATE entries SET hash = ? WHERE seq = ?", (digest, seq))
        previous = digest
    db.commit()
    db.close()


# -- the key and the head ---------------------------------------------------------------------

def test_a_new_log_is_keyed_with_a_key_file_outside_the_data_directory(tmp_path):
    home = tmp_path / "home"
    log = _log(home, 3)
    settings = _settings(home)
    key_file, head_file = settings.audit_key_file, settings.audit_head_file
    assert key_file.is_file() and not key_file.resolve().is_relative_to(home.resolve())
    assert oct(key_file.stat().st_mode)[-3:] == "600" and oct(head_file.stat().st_mode)[-3:] == "600"
    assert head_file.parent == key_file.parent and head_file.read_text() == f"{log.head()}\n"
    first = log.entries(limit=10)[-1]
    assert first.seq == 1 and first.action == KEYED and first.actor == "netra"
    verified = _netra_audit(home, "--verify")
    assert verified.returncode == 0 and "intact: 4 entries" in verified.stdout and "agrees" in verified.stdout


def test_head_prints_the_last_entry_to_keep_and_expect_head_checks_it(tmp_path):
    home = tmp_path / "home"
    log = _log(home, 2)
    printed = _netra_audit(home, "--head")
    assert printed.returncode == 0 and HEAD.fullmatch(printed.stdout.strip()), printed.stdout
    assert printed.stdout == f"{log.head()}\n" and log.head().seq == 3
    kept = printed.stdout.strip()
    log.record("rina", "researcher", "view_case", "case:t009")
    later = _netra_audit(home, "--verify", "--expect-head", kept)
    assert later.returncode == 0 and "entry 3, which the head you gave names, unchanged" in later.stdout
    assert _netra_audit(home, "--expect-head", kept).returncode == 0, "--expect-head implies --verify"
    replaced = _netra_audit(home, "--verify", "--expect-head", f"3:{'0' * 64}")
    assert replaced.returncode == 1 and "entry 3 is not the one the head you gave names" in replaced.stderr
    for bad in ("3", "x:y", f"3:{'g' * 64}", f"-3:{'0' * 64}"):
        refused = _netra_audit(home, "--verify", "--expect-head", bad)
        assert refused.returncode == 2 and "SEQ:HMAC" in refused.stderr, refused.stderr


def test_the_key_may_be_given_in_hex_or_base64_and_the_head_file_named(tmp_path):
    key = bytes(range(32))
    head_file = tmp_path / "elsewhere" / "netra.head"
    home = tmp_path / "home"
    _log(home, 2, NETRA_AUDIT_KEY=key.hex(), NETRA_AUDIT_HEAD_FILE=str(head_file))
    assert HEAD.fullmatch(head_file.read_text().strip())
    assert not _settings(home).audit_key_file.exists(), "a key given is never written down"
    for text in (key.hex(), key.hex().upper(), base64.b64encode(key).decode(),
                 base64.urlsafe_b64encode(key).decode().rstrip("=")):
        result = _netra_audit(home, "--verify", NETRA_AUDIT_KEY=text, NETRA_AUDIT_HEAD_FILE=str(head_file))
        assert result.returncode == 0 and "agrees" in result.stdout, (text, result.stderr)


def test_a_wrong_or_missing_key_is_a_clear_error(tmp_path):
    home = tmp_path / "home"
    log = _log(home, 3)
    wrong = _netra_audit(home, "--verify", NETRA_AUDIT_KEY=OTHER_KEY)
    assert wrong.returncode == 1 and "is not the one this log was keyed with" in wrong.stderr
    assert _netra_audit(home, "--head", NETRA_AUDIT_KEY=OTHER_KEY).returncode == 1
    for bad in ("not a key!", "abcd", base64.b64encode(b"short").decode()):
        refused = _netra_audit(home, "--verify", NETRA_AUDIT_KEY=bad)
        assert refused.returncode == 1 and "at least 16 bytes" in refused.stderr, refused.stderr
    inside = _netra_audit(home, "--verify", NETRA_AUDIT_KEY_FILE=str(home / "audit.key"))
    assert inside.returncode == 1 and "inside the data directory" in inside.stderr
    key_file = _settings(home).audit_key_file
    key_file.rename(tmp_path / "moved.key")
    missing = _netra_audit(home, "--verify")
    assert missing.returncode == 1 and "does not exist" in missing.stderr and "none is made" in missing.stderr
    assert not key_file.exists(), "no new key replaces the lost one"
    commands = run_netra("users", "add", "rina", "--role", "researcher", "--generate", env=netra_env(home))
    assert commands.returncode == 1 and "does not exist" in commands.stderr and "Traceback" not in commands.stderr
    with pytest.raises(AuditUnavailable) as refused:  # the web app: no entry, so nothing served
        log.record("ika", "investigator", "view_case", "case:t001")
    assert "/" not in str(refused.value) and str(key_file) in refused.value.detail, "no path on a web page"
    assert _netra_audit(home, "--verify", NETRA_AUDIT_KEY_FILE=str(tmp_path / "moved.key")).returncode == 0



def test_the_app_serves_nothing_it_cannot_log_and_shows_no_path(tmp_path):
    """Without its key the app answers 503 to what it would log (a login, a case search), with a
    message that names no file."""
    from web import create_app

    settings = _settings(tmp_path / "home")
    client = log_in(create_app(settings, rate_limits=False).test_client(), settings, "investigator")
    settings.audit_key_file.rename(tmp_path / "moved.key")
    response = client.get("/api/v1/search?q=kampanye&type=case&mode=keyword")
    assert response.status_code == 503, response.get_data(as_text=True)
    message = response.get_json()["error"]["message"]
    assert "netra audit --verify" in message and "/" not in message.replace("netra audit --verify", "")
    assert str(tmp_path) not in response.get_data(as_text=True)
    other = create_app(settings, rate_limits=False).test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', other.get("/login").get_data(as_text=True)).group(1)
    login = other.post("/login", data={"name": "test-investigator", "password": TEST_PASSWORD, "csrf_token": token})
    assert login.status_code == 503 and str(tmp_path) not in login.get_data(as_text=True)


# -- what --verify finds ----------------------------------------------------------------------

def test_an_altered_entry_is_found(tmp_path):
    home = tmp_path / "home"
    log = _log(home, 5)
    _tamper(log, "UPDATE entries SET subject = 'case:other' WHERE seq = 3")
    result = _netra_audit(home, "--verify")
    assert result.returncode == 1 and "entry 3 does not match its HMAC" in result.stderr
    assert log.verify() == 3


def test_an_entry_removed_from_the_middle_is_found_even_renumbered(tmp_path):
    home = tmp_path / "home"
    log = _log(home, 6)
    _tamper(log, "DELETE FROM entries WHERE seq = 4")
    removed = _netra_audit(home, "--verify")
    assert removed.returncode == 1 and "entry 4 missing: removed from the middle" in removed.stderr
    _tamper(log, "UPDATE entries SET seq = seq - 1 WHERE seq > 4")  # close the gap
    renumbered = _netra_audit(home, "--verify")
    assert renumbered.returncode == 1 and "entry 4 does not match its HMAC" in renumbered.stderr


@pytest.mark.parametrize("removed", [1, 3])
def test_entries_removed_from_the_end_are_found(tmp_path, removed):
    home = tmp_path / "home"
    log = _log(home, 6)
    kept = _netra_audit(home, "--head").stdout.strip()
    _tamper(log, ("DELETE FROM entries WHERE seq > ?", (7 - removed,)))
    result = _netra_audit(home, "--verify")
    assert result.returncode == 1, result.stdout
    assert f"entries {8 - removed}-7 were removed from the end" in result.stderr
    # Someone who can also reach the head file: the head kept elsewhere still tells.
    _settings(home).audit_head_file.unlink()
    assert _netra_audit(home, "--verify").returncode == 0, "nothing left to compare with"
    expected = _netra_audit(home, "--verify", "--expect-head", kept)
    assert expected.returncode == 1 and "were removed from the end" in expected.stderr


def test_a_log_cut_short_stays_marked_once_written_to_again(tmp_path):
    home = tmp_path / "home"
    log = _log(home, 6)
    _tamper(log, "DELETE FROM entries WHERE seq > 5")
    log.record("rina", "researcher", "view_case", "case:t001")  # the server goes on
    result = _netra_audit(home, "--verify")
    assert result.returncode == 1 and "did not end where its head file said" in result.stderr
    assert "entries 6-7 were removed" in result.stderr


def test_a_chain_recomputed_without_the_key_is_found(tmp_path):
    home = tmp_path / "home"
    log = _log(home, 5)
    _tamper(log, "UPDATE entries SET actor = 'someone-else' WHERE seq = 3")
    _rechain_unkeyed(log, start=3)
    result = _netra_audit(home, "--verify")
    assert result.returncode == 1 and "entry 3 does not match its HMAC" in result.stderr
    # The whole log rewritten as an old, unkeyed one, without the entry that names the key:
    _tamper(log, f"DELETE FROM entries WHERE action = '{KEYED}'", "UPDATE entries SET seq = seq - 1")
    _rechain_unkeyed(log)
    downgraded = _netra_audit(home, "--verify")
    assert downgraded.returncode == 1 and "did not end where its head file said" in downgraded.stderr


def test_an_old_unkeyed_log_is_sealed_and_stays_checked(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    db = sqlite3.connect(home / "audit.sqlite")  # as the code before keys wrote it
    db.executescript("CREATE TABLE entries (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, "
                     "actor TEXT NOT NULL, role TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL, "
                     "detail TEXT NOT NULL, hash TEXT NOT NULL)")
    previous = GENESIS
    for number in range(3):
        fields = ("2024-11-01T10:00:00+00:00", "ika", "investigator", "view_case", f"case:t00{number}", "")
        previous = _legacy_hash(previous, *fields)
        db.execute("INSERT INTO entries (at, actor, role, action, subject, detail, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (*fields, previous))
    db.commit()
    db.close()
    log = AuditLog.for_settings(_settings(home))
    assert log.check().ok and "No entry is keyed yet" in log.check().notes[-1]
    sealed = _netra_audit(home, "--verify")
    assert sealed.returncode == 0, sealed.stderr
    assert "Entries 1-3 were written before the chain was keyed" in sealed.stdout and "entry 4 seals" in sealed.stdout
    marker = log.entries(limit=1)[0]
    assert marker.action == KEYED and "seals entries 1-3" in marker.detail
    # An old entry changed and the old chain recomputed: the sealing entry no longer matches.
    _tamper(log, "UPDATE entries SET subject = 'case:other' WHERE seq = 2")
    _rechain_unkeyed(log, start=2)
    broken = _netra_audit(home, "--verify")
    assert broken.returncode == 1 and "entry 4 does not match its HMAC" in broken.stderr


def test_unreadable_bytes_in_an_entry_are_reported_not_a_crash(tmp_path):
    home = tmp_path / "home"
    log = _log(home, 3)
    _tamper(log, ("UPDATE entries SET detail = CAST(? AS TEXT) WHERE seq = 2", (b"\xff\xfe\x00bad",)))
    result = _netra_audit(home, "--verify")
    assert result.returncode == 1 and "entry 2 does not match" in result.stderr
    assert _netra_audit(home, "-n", "5").returncode == 0


# -- hostile text -----------------------------------------------------------------------------

HOSTILE = {"long": "pasal " * 20_000, "nul": "kampanye\x00' OR 1=1 --", "surrogates": "a\ud800b\udfffc",
           "terminal": "\x1b[2J\x1b[31mok\r\n\u202egnp.exe", "hundred-thousand": "x" * 100_000}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_query_text_is_stored_capped_and_escaped(tmp_path, name):
    text = HOSTILE[name]
    log = _log(tmp_path / "home")
    log.record("rina", "researcher", "search_cases", "", query_detail(text, [("q", text), ("type", "case"),
                                                                               ("region", text), ("region", "x")]))
    entry = log.entries(limit=1)[0]
    assert not UNSAFE.search(entry.detail) and len(entry.detail) <= DETAIL_CHARS
    stored = json.loads(entry.detail)
    assert stored["type"] == "case" and len(stored["q"]) <= QUERY_CHARS and stored["region"][1] == "x"
    if len(text) > QUERY_CHARS:
        assert stored["q_chars"] == len(text)
    clean = text.encode("utf-8", "replace").decode()[:QUERY_CHARS]
    assert stored["q"].encode("utf-8", "replace").decode() == clean
    assert log.check().ok


ANY_CHARACTER = st.characters(blacklist_categories=())  # surrogates and controls included


def _pairs(text: str) -> str:
    """Two surrogates that make a pair read back from JSON as the one character they encode."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(ANY_CHARACTER, max_size=3_000),
       params=st.lists(st.tuples(st.text(ANY_CHARACTER, max_size=80), st.text(ANY_CHARACTER, max_size=300)),
                       max_size=20))
def test_any_query_is_stored_as_json_whole_and_safe(text, params):
    with tempfile.TemporaryDirectory() as folder:
        log = _log(Path(folder) / "home")
        log.record("rina\x00", "researcher", "search_cases", text[:700], query_detail(text, [("q", text), *params]))
        entry = log.entries(limit=1)[0]
        assert not UNSAFE.search(entry.detail + entry.subject + entry.actor)
        stored = json.loads(entry.detail)  # never cut short: a search's detail stays under the cap
        assert _pairs(stored["q"]) == _pairs(text[:QUERY_CHARS])
        assert log.check().ok


# -- searches and similar cases through the web app ------------------------------------------

@pytest.fixture(scope="module")
def app(session_graph, server_settings, tmp_path_factory):
    """The web app on the hand-written cases with a case keyword index, in a data directory of its own."""
    from graph.schema import wipe
    from ingest.case_pipeline import ingest_cases
    from search.cases import case_documents
    from search.keyword import WhooshIndex
    from search.provisions import provision_documents
    from web import create_app

    tmp = tmp_path_factory.mktemp("audit-web")
    connection = session_graph.connection
    settings = dataclasses.replace(server_settings, home=tmp / "home", neo4j_uri=connection.uri,
                                   neo4j_user=connection.user, neo4j_password=connection.password)
    wipe(session_graph)
    summary = ingest_cases([str(write_documents(tmp / "docs"))], session_graph, show_progress=False)
    assert summary.count("failed") == 0, summary.to_json()
    WhooshIndex(settings.whoosh_dir).rebuild(provision_documents(session_graph))
    WhooshIndex(settings.whoosh_dir.with_name("whoosh-cases"), "case").rebuild(case_documents(session_graph))
    application = create_app(settings, rate_limits=False)
    application.config["AUDIT_TEST_SETTINGS"] = settings
    return application


def _queries(app, actor: str, since: int) -> list[tuple[str, str, dict]]:
    log = AuditLog.for_settings(app.config["AUDIT_TEST_SETTINGS"])
    return [(e.action, e.subject, json.loads(e.detail)) for e in reversed(log.entries(limit=200, actor=actor))
            if e.seq > since and e.action in ("search_cases", "similar_cases")]


def _last_seq(app) -> int:
    head = AuditLog.for_settings(app.config["AUDIT_TEST_SETTINGS"]).head()
    return head.seq if head else 0


@pytest.mark.parametrize("role", ["investigator", "researcher"])
def test_case_searches_and_similar_requests_are_logged_with_their_query(app, role):
    client = log_in(app.test_client(), app.config["AUDIT_TEST_SETTINGS"], role)
    since = _last_seq(app)
    calls = [("/api/v1/search?q=sambutan+dukungan&type=case&mode=keyword&region=Kota+Solok", 200),
             ("/?q=deklarasi+pasangan+calon&type=case&mode=keyword&page=1", 200),
             ("/api/v1/search?q=tim+pemenangan&type=all&mode=keyword", 200),
             ("/api/v1/similar?q=menghadiri+deklarasi+calon&k=3", 200),
             ("/api/v1/similar?case=case:t001&k=2", 200),
             ("/api/v1/search?q=pasal+9&type=provision&mode=keyword", None)]  # law, not case data
    for url, status in calls:
        response = client.get(url)
        assert status is None or response.status_code == status, (url, response.get_data(as_text=True)[:300])
    logged = _queries(app, f"test-{role}", since)
    assert logged == [
        ("search_cases", "", {"q": "sambutan dukungan", "type": "case", "mode": "keyword", "region": "Kota Solok"}),
        ("search_cases", "", {"q": "deklarasi pasangan calon", "type": "case", "mode": "keyword", "page": "1"}),
        ("search_cases", "", {"q": "tim pemenangan", "type": "all", "mode": "keyword"}),
        ("similar_cases", "", {"q": "menghadiri deklarasi calon", "k": "3"}),
        ("similar_cases", "case:t001", {"q": "", "case": "case:t001", "k": "2"}),
    ]
    assert AuditLog.for_settings(app.config["AUDIT_TEST_SETTINGS"]).check().ok


def test_what_a_researcher_typed_is_logged_even_when_refused(app):
    """The researcher's names and NIPs are dropped from the search itself, not from the record."""
    researcher = log_in(app.test_client(), app.config["AUDIT_TEST_SETTINGS"], "researcher")
    since = _last_seq(app)
    assert researcher.get("/api/v1/search?q=Kurniawan+Fiktifsyah&type=case&mode=keyword").status_code == 400
    assert researcher.get("/api/v1/similar?q=197806202005011003").status_code in (200, 400)
    typed = [detail["q"] for _, _, detail in _queries(app, "test-researcher", since)]
    assert typed == ["Kurniawan Fiktifsyah", "197806202005011003"]


def test_the_public_case_search_is_refused_and_not_a_query_on_record(app):
    since = _last_seq(app)
    assert app.test_client().get("/api/v1/search?q=kampanye&type=case").status_code == 403
    assert not _queries(app, "", since)


def test_hostile_queries_through_the_app_are_logged_capped(app):
    investigator = log_in(app.test_client(), app.config["AUDIT_TEST_SETTINGS"], "investigator")
    since = _last_seq(app)
    long = "kampanye " * 222  # 1,998 characters: more than the log keeps, not more than a search reads
    huge = "kampanye " * 12_000  # 108,000: refused before the view (a 400), or logged cut short
    urls = [f"/api/v1/search?type=case&mode=keyword&q={huge.replace(' ', '+')}",
            f"/api/v1/similar?q={huge.replace(' ', '+')}",
            f"/api/v1/search?type=case&mode=keyword&q={long.replace(' ', '+')}",
            f"/api/v1/similar?q={long.replace(' ', '+')}",
            "/api/v1/search?type=case&mode=keyword&q=a%00b%ff%fe%1b[2J", "/api/v1/similar?q=a%00b%ff%fe"]
    for url in urls:
        assert investigator.get(url).status_code in (200, 400), url
    logged = [detail for _, _, detail in _queries(app, "test-investigator", since)]
    assert all(len(d["q"]) <= QUERY_CHARS for d in logged)
    logged = [d for d in logged if d.get("q_chars") != len(huge)]
    assert [d.get("q_chars") for d in logged] == [len(long), len(long), None, None]
    # Bytes that are not UTF-8 reach the view as Werkzeug decodes them (here, kept as %FF%FE).
    assert logged[2]["q"].startswith("a\x00b") and logged[2]["q"].endswith("\x1b[2J")
    assert logged[3]["q"].startswith("a\x00b")
    log = AuditLog.for_settings(app.config["AUDIT_TEST_SETTINGS"])
    assert not any(UNSAFE.search(e.detail) for e in log.entries(limit=6)) and log.check().ok
