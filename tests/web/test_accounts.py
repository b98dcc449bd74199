"""Accounts, the audit log and the masking rules, without a server."""

import json
import sqlite3
from dataclasses import dataclass

import pytest

from web.accounts import AccountError, Accounts
from web.audit import AuditLog
from web.privacy import NAME_MASK, NUMBER_MASK, Redactor, name_words

PASSWORD = "correct horse battery"


@pytest.fixture
def accounts(tmp_path):
    return Accounts(tmp_path / "accounts.sqlite")


def test_an_account_logs_in_with_its_password_only(accounts):
    accounts.add("Rina.Peneliti", PASSWORD, "researcher")
    assert accounts.verify("rina.peneliti", PASSWORD).role == "researcher"
    assert accounts.verify("rina.peneliti", PASSWORD + "x") is None
    assert accounts.verify("nobody", PASSWORD) is None


def test_passwords_are_stored_as_slow_hashes(accounts):
    accounts.add("rina", PASSWORD, "researcher")
    stored = sqlite3.connect(accounts.path).execute("SELECT password_hash FROM accounts").fetchone()[0]
    assert PASSWORD not in stored and stored.startswith("scrypt:")
    assert oct(accounts.path.stat().st_mode)[-3:] == "600"


@pytest.mark.parametrize("name, password, role, message", [
    ("rina", "short", "researcher", "at least 12"),
    ("rina", PASSWORD, "public", "role must be one of"),
    ("rina", PASSWORD, "superuser", "role must be one of"),
    ("../etc", PASSWORD, "admin", "letters, digits"),
    ("", PASSWORD, "admin", "letters, digits"),
])
def test_bad_accounts_are_refused_clearly(accounts, name, password, role, message):
    with pytest.raises(AccountError, match=message):
        accounts.add(name, password, role)


def test_a_name_is_taken_once(accounts):
    accounts.add("rina", PASSWORD, "researcher")
    with pytest.raises(AccountError, match="already"):
        accounts.add("RINA", PASSWORD, "admin")


def test_a_role_or_password_change_moves_the_epoch_that_ends_old_sessions(accounts):
    first = accounts.add("rina", PASSWORD, "researcher")
    promoted = accounts.set_role("rina", "investigator")
    assert promoted.role == "investigator" and promoted.epoch == first.epoch + 1
    assert accounts.set_password("rina", PASSWORD + "!").epoch == first.epoch + 2
    accounts.remove("rina")
    assert accounts.get("rina") is None
    with pytest.raises(AccountError, match="no account"):
        accounts.set_role("rina", "admin")


def test_roles_include_the_ones_below(accounts):
    user = accounts.add("ika", PASSWORD, "investigator")
    assert user.can("public") and user.can("researcher") and user.can("investigator")
    assert not user.can("admin")


# -- audit log --------------------------------------------------------------------------------

def test_the_audit_log_keeps_entries_newest_first(tmp_path):
    log = AuditLog(tmp_path / "audit.sqlite")
    log.record("ika", "investigator", "view_case", "case:t001")
    log.record("ika", "investigator", "export", "", "format=jsonl")
    log.record("rina", "researcher", "view_case", "case:t002")
    assert [e.action for e in log.entries()] == ["view_case", "export", "view_case", "audit_keyed"]
    assert [e.subject for e in log.entries(actor="ika")] == ["", "case:t001"]
    assert log.entries(subject="case:t002")[0].actor == "rina"
    assert log.verify() is None


def test_the_audit_log_refuses_updates_and_deletes(tmp_path):
    log = AuditLog(tmp_path / "audit.sqlite")
    log.record("ika", "investigator", "view_case", "case:t001")
    db = sqlite3.connect(log.path)
    for statement in ("UPDATE entries SET actor = 'someone'", "DELETE FROM entries"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute(statement)


def test_an_entry_altered_behind_the_triggers_breaks_the_hash_chain(tmp_path):
    log = AuditLog(tmp_path / "audit.sqlite")
    for number in range(3):
        log.record("ika", "investigator", "view_case", f"case:t00{number}")
    db = sqlite3.connect(log.path)
    db.execute("DROP TRIGGER entries_no_update")
    db.execute("UPDATE entries SET subject = 'case:other' WHERE seq = 3")
    db.commit()
    assert log.verify() == 3


# -- masking rules ----------------------------------------------------------------------------

NIP = "198808132012031145"
REDACTOR = Redactor(b"k" * 32, name_words(["Ridwan Rivai", "Agustina Koto"], ["Koto Tangah"]))


@dataclass
class Person:
    id: str
    name: str
    nip: str
    sentence: str


def test_numbers_that_look_like_nip_or_nik_are_masked_everywhere():
    for text in (f"NIP {NIP}", "NIP 19880813 201203 1 145", "NIK 1371.0112.3456.7890"):
        masked = REDACTOR(text)
        assert NUMBER_MASK in masked and "1145" not in masked and "7890" not in masked
    assert REDACTOR("Pasal 9 ayat (2) UU 5/2014, 2 Oktober 2024") == "Pasal 9 ayat (2) UU 5/2014, 2 Oktober 2024"


def test_a_person_gets_a_stable_pseudonym_and_no_name_or_nip():
    person = Person(f"person:{NIP}", "Ridwan Rivai", NIP, f"Sdr. Ridwan Rivai, S.Ag. (NIP {NIP}) hadir.")
    masked = REDACTOR(person)
    assert masked.id == REDACTOR.pseudonym(person.id) and masked.id.startswith("person:anon-")
    assert NIP not in masked.id and masked.nip == NUMBER_MASK
    assert masked.name.startswith("Orang ") and "Ridwan" not in masked.name
    assert masked.sentence == f"Sdr. {NAME_MASK} {NAME_MASK}, S.Ag. (NIP {NUMBER_MASK}) hadir."
    assert REDACTOR(person) == masked


def test_links_to_a_person_are_pseudonymised_and_agencies_are_kept():
    links = [{"other_id": f"person:{NIP}", "other_name": "Ridwan Rivai", "sentence": "kata Ridwan"},
             {"other_id": "agency:dinas-x", "other_name": "Dinas Koto Tangah", "sentence": "di Koto Tangah"}]
    person_link, agency_link = REDACTOR(links)
    assert person_link["other_name"].startswith("Orang ") and person_link["sentence"] == f"kata {NAME_MASK}"
    assert agency_link["other_name"] == "Dinas Koto Tangah" and agency_link["sentence"] == "di Koto Tangah"


def test_words_shared_with_places_are_kept_unless_a_whole_name_is_made_of_them():
    assert "koto" not in REDACTOR.name_words and "agustina" in REDACTOR.name_words
    words = name_words(["Sari Tanjung", "Ridwan Tanjung"], ["Tanjung Sari", "Kecamatan Tanjung"])
    assert {"sari", "tanjung", "ridwan"} <= words


def test_law_text_is_not_case_data_and_keeps_every_word():
    provision = {"id": "uu/2014/5/pasal-9", "citation": "Pasal 9 UU 5/2014", "text": "Ridwan tidak boleh"}
    assert REDACTOR(provision) == provision
    case_result = {"id": "case:t001", "snippet": "<mark>Ridwan</mark> Rivai hadir", "citation": "001/Reg"}
    assert REDACTOR(case_result)["snippet"] == f"<mark>{NAME_MASK}</mark> {NAME_MASK} hadir"


def test_a_case_search_query_loses_names_and_numbers():
    assert REDACTOR.query(f"Ridwan Rivai {NIP} kampanye").split() == ["kampanye"]


# -- the command line -------------------------------------------------------------------------

def test_users_and_audit_commands(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from cli.commands import main

    monkeypatch.setenv("NETRA_HOME", str(tmp_path))
    run = CliRunner().invoke
    secret = tmp_path / "demo-password"
    added = run(main, ["users", "add", "demo", "--role", "admin", "--generate", "--if-missing", "--password-file", str(secret)])
    assert added.exit_code == 0 and oct(secret.stat().st_mode)[-3:] == "600"
    assert Accounts(tmp_path / "accounts.sqlite").verify("demo", secret.read_text().strip()).role == "admin"
    assert "left as it is" in run(main, ["users", "add", "demo", "--role", "admin", "--generate", "--if-missing"]).output
    weak = run(main, ["users", "add", "bob", "--role", "researcher", "--password-stdin"], input="short\n")
    assert weak.exit_code == 1 and "12 characters" in weak.output and "Traceback" not in weak.output
    assert run(main, ["users", "role", "demo", "investigator"]).exit_code == 0
    assert "investigator" in run(main, ["users", "list"]).output
    assert run(main, ["users", "remove", "nobody"]).exit_code == 1
    log = run(main, ["audit", "--json"]).output.splitlines()
    assert [json.loads(line)["action"] for line in log] == ["user_role", "user_add", "audit_keyed"]
    assert "intact" in run(main, ["audit", "--verify"]).output
