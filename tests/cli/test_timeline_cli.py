"""`netra timeline ENTITY_OR_CASE [--json]` through the real command (`python -m cli` from this
checkout), on the case fixtures plus a register and a report (tests/timeline_fixtures.py)."""

import json
import subprocess
import sys

import pytest

from case_fixtures import NIP
from conftest import netra_env
from paths import REPO
from timeline_fixtures import BAWASLU, ELECTION, load_timeline_corpus

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def env(server_settings, session_graph, tmp_path_factory):
    load_timeline_corpus(session_graph, tmp_path_factory.mktemp("timeline-cli") / "docs")
    return netra_env(server_settings.home)


def _netra(env, *args):
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=300)


def test_case_timeline_is_printed_by_date_with_documents_and_evidence(env):
    result = _netra(env, "timeline", "case:r001")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Timeline of 009/Reg/LP/PW/Kota/03.72/XI/2024 [Case] case:r001:")
    dates = [line.split()[0] for line in lines if line.startswith("  20")]
    assert dates == sorted(dates) and len(dates) > 5
    assert "conduct" in result.stdout and "kampanye melalui media sosial" in result.stdout
    assert "sanction [imposed]" in result.stdout and "Wali Kota Solok" in result.stdout
    assert "register:docs/register.jsonl" in result.stdout and "dated by the register's date" in result.stdout


def test_undated_events_are_last_under_their_own_heading(env):
    result = _netra(env, "timeline", "t001")
    assert result.returncode == 0, result.stderr
    heading = result.stdout.index("Without a date")
    assert result.stdout.index("2024\n") < heading and "TEMUAN BAWASLU KOTA SOLOK" in result.stdout[heading:]
    assert "1 of those shown without a date" in result.stdout.splitlines()[0]


@pytest.mark.parametrize("text, label", [(NIP, "Person"), ("Kurniawan Fiktifsyah", "Person"), (BAWASLU, "Agency"),
                                         ("Pilkada 2024 Kota Solok", "Election"),
                                         ("009/Reg/LP/PW/Kota/03.72/XI/2024", "Case")])
def test_json_for_each_kind(env, text, label):
    result = _netra(env, "timeline", text, "--json")
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["label"] == label and body["events"] and body["total"] == body["shown"]
    dates = [event["date"] for event in body["events"] if event["date"]]
    assert dates == sorted(dates) and all(event["date"] for event in body["events"][:len(dates)])
    if label == "Election":
        assert body["id"] == ELECTION


def test_limit_says_how_many_more(env):
    result = _netra(env, "timeline", "case:r001", "--limit", "2")
    assert result.returncode == 0 and "more events not shown (--limit 2)" in result.stdout
    body = json.loads(_netra(env, "timeline", "case:r001", "--limit", "2", "--json").stdout)
    assert body["shown"] == 2 and body["more"] == body["total"] - 2


@pytest.mark.parametrize("text, message", [
    ("Tidak Ada Orang", "No case, person, agency or election 'Tidak Ada Orang'"),
    ("Andi Samaran", "names 2 things"),
    ("') MATCH (n) DETACH DELETE n //", "No case, person, agency or election"),
    ("x" * 5000, "No case, person, agency or election"),
    ("\u202e\ufeff\U0001F600 pégawai", "No case, person, agency or election"),
    ("   ", "Name a case, person, agency or election"),
])
def test_unknown_ambiguous_and_hostile_input_is_a_clean_error(env, text, message):
    result = _netra(env, "timeline", text)
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr
