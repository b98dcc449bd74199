"""`netra alerts` through the real command (`python -m cli` from this checkout), on the alert graph
of tests/alert_fixtures.py: list, evaluate, seen, dismiss (audited), and clear errors."""

import json
import subprocess
import sys

import pytest

from alert_fixtures import ANI, EXPECTED, write_alert_graph
from conftest import netra_env
from graph.alerts import alert_id, get_alert
from paths import REPO
from web.audit import AuditLog

pytestmark = pytest.mark.neo4j

REPEAT = alert_id("repeat_respondent", ANI)


@pytest.fixture(scope="module")
def env(server_settings, session_graph, tmp_path_factory):
    write_alert_graph(session_graph)
    return netra_env(server_settings.home)


def _netra(env, *args):
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=300)


def test_evaluate_then_list_seen_and_dismiss(env, session_graph, server_settings):
    evaluated = _netra(env, "alerts", "--evaluate", "--days", "30", "--state", "all", "--json")
    assert evaluated.returncode == 0, evaluated.stderr
    assert evaluated.stderr.startswith("Evaluated in ")  # the summary; stdout is the JSON alone
    body = json.loads(evaluated.stdout)
    # the real calendar: k2's recommendation (2024-12-01) has waited more than 30 days too
    assert {alert["key"] for alert in body["alerts"]} == set(EXPECTED) | {"case:k2"}

    listed = _netra(env, "alerts", "--pattern", "repeat_respondent")
    assert listed.returncode == 0, listed.stderr
    assert f"{REPEAT}  [new]  civil servant in two or more cases" in listed.stdout
    assert "Ani Percobaan [person:ani] NIP 198501012010012001, respondent in 2 cases:" in listed.stdout
    assert "casedoc:k1-rekomendasi" in listed.stdout

    seen = _netra(env, "alerts", "seen", REPEAT)
    assert seen.returncode == 0 and get_alert(session_graph, REPEAT).state == "seen"
    again = _netra(env, "alerts", "seen", REPEAT)
    assert again.returncode == 1 and "Error: " in again.stderr and "Traceback" not in again.stderr
    dismissed = _netra(env, "alerts", "dismiss", REPEAT, "--reason", "sudah diperiksa")
    assert dismissed.returncode == 0, dismissed.stderr
    alert = get_alert(session_graph, REPEAT)
    assert alert.state == "dismissed" and alert.reason == "sudah diperiksa" and alert.dismissed_by.startswith("cli:")
    actions = [entry.action for entry in AuditLog.for_settings(server_settings).entries(limit=20)]
    assert "alert_seen" in actions and "alert_dismiss" in actions


@pytest.mark.parametrize("args, message", [
    (("alerts", "dismiss", "alert-000000000000", "--reason", "x"), "No alert"),
    (("alerts", "dismiss", REPEAT, "--reason", "   "), "reason"),
    (("alerts", "--days", "10"), "--days applies to --evaluate only"),
    (("alerts", "--state", "baru"), "Invalid value for '--state'"),
    (("alerts", "seen", "') MATCH (n) DETACH DELETE n //"), "No alert"),
])
def test_bad_input_is_a_clear_error(env, args, message):
    result = _netra(env, *args)
    assert result.returncode in (1, 2) and message in result.stderr and "Traceback" not in result.stderr
