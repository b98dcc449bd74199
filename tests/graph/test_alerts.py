"""Alerts (graph/alerts.py) against the real Neo4j: each pattern on the hand-built graph of
tests/alert_fixtures.py (what it must find and the near misses it must not), the life of an alert
over evaluations (kept, never duplicated, dismissals kept, resolved and reopened), the verdicts,
the list, hostile input, and the evaluation after a case ingest."""

import threading
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from alert_fixtures import (ANI, ANI_NIP, BUDI, DEDI, EKA, EXPECTED, FAJAR, TODAY, write_alert_graph)
from case_fixtures import write_documents
from core.errors import NetraError
from graph.alerts import (MAX_REASON_CHARS, PATTERNS, AlertNotFound, alert_id, dismiss, evaluate_alerts, get_alert,
                          list_alerts, mark_seen)

pytestmark = pytest.mark.neo4j

T0 = datetime(2024, 12, 15, 8, 0, tzinfo=timezone.utc)


@pytest.fixture
def alerts_graph(graph):
    write_alert_graph(graph)
    return graph


def _evaluate(graph, days=30, at=T0, today=TODAY):
    return evaluate_alerts(graph, decision_days=days, today=today, now=at)


def _alerts(graph) -> dict:
    """key -> Alert, every state."""
    return {alert.key: alert for alert in list_alerts(graph, state="all", page_size=200).alerts}


# -- the patterns -------------------------------------------------------------------------------

def test_each_pattern_finds_what_it_should_and_nothing_else(alerts_graph):
    summary = _evaluate(alerts_graph)
    assert summary.found == {"candidate_tie": 3, "repeat_respondent": 1, "stalled_sanction": 2}
    assert summary.new == 6 and summary.resolved == 0 and summary.reopened == 0
    found = _alerts(alerts_graph)
    assert {key: alert.pattern for key, alert in found.items()} == EXPECTED
    assert all(alert.state == "new" and alert.holds and alert.id == alert_id(alert.pattern, key)
               for key, alert in found.items())


def test_a_family_tie_carries_its_evidence_the_election_and_the_cases(alerts_graph):
    _evaluate(alerts_graph)
    alert = _alerts(alerts_graph)[f"{ANI}|{BUDI}"]
    assert alert.subject == {"id": ANI, "label": "Person", "name": "Ani Percobaan"}
    evidence = alert.evidence
    assert evidence["person"]["nip"] == ANI_NIP and evidence["candidate"]["id"] == BUDI
    assert [(t["kind"], t["type"], t["detail"], t["document_id"]) for t in evidence["ties"]] == \
        [("family", "FAMILY_OF", "adik kandung", "casedoc:k1-temuan")]
    tie = evidence["ties"][0]
    assert tie["document_title"] == "Temuan k1" and tie["document_date"] == "2024-10-02"
    assert tie["sentence"].startswith("Ani Percobaan merupakan") and (tie["start"], tie["end"]) == (10, 80)
    assert [e["name"] for e in evidence["elections"]] == ["Pilkada 2024 Kota Uji"]
    assert [c["id"] for c in evidence["cases"]] == ["case:k1", "case:k2"] and evidence["cases_total"] == 2
    # the appointment by Citra, a candidate only in an election Ani is not named in, is left out
    assert evidence["ties_total"] == 1


def test_a_tie_written_from_the_candidate_and_an_employment_tie_are_found(alerts_graph):
    _evaluate(alerts_graph)
    found = _alerts(alerts_graph)
    reverse = found[f"{DEDI}|{BUDI}"].evidence["ties"]
    assert [(t["kind"], t["detail"]) for t in reverse] == [("family", "paman")]
    employment = found[f"{EKA}|{FAJAR}"].evidence
    assert [(t["kind"], t["type"], t["office"], t["sanction_case_id"]) for t in employment["ties"]] == \
        [("employment", "HOLDS_POSITION", "Wali Kota Uji", "case:k4")]
    assert employment["ties"][0]["sentence"] == "Wali Kota Uji Fajar Calonuji menandatangani."
    assert employment["candidate"]["name"] == "Fajar Calonuji"


def test_a_repeat_respondent_lists_each_case_once_with_a_document(alerts_graph):
    _evaluate(alerts_graph)
    evidence = _alerts(alerts_graph)[ANI].evidence
    assert evidence["cases_total"] == 2
    assert [(c["case_id"], c["document_id"], c["elections"]) for c in evidence["cases"]] == [
        ("case:k1", "casedoc:k1-rekomendasi", ["Pilkada 2024 Kota Uji"]),
        ("case:k2", "casedoc:k2-temuan", ["Pilkada 2024 Kota Uji"])]


def test_a_stalled_sanction_is_dated_by_its_document_or_the_register(alerts_graph):
    _evaluate(alerts_graph)
    found = _alerts(alerts_graph)
    k1 = found["case:k1"].evidence
    assert k1["recommended_on"] == "2024-11-01" and k1["days"] == 30
    assert k1["case"]["number"] == "K1/Reg/TM/PW/Kota/2024"
    assert [(s["level"], s["document_id"], s["document_title"]) for s in k1["sanctions"]] == \
        [("sedang", "casedoc:k1-rekomendasi", "Rekomendasi k1")]
    assert [p["id"] for p in k1["respondents"]] == [ANI]
    assert found["case:k5"].evidence["recommended_on"] == "2024-10-01"  # the register's date
    assert found["case:k5"].subject == {"id": "case:k5", "label": "Case", "name": "K5/Reg/TM/PW/Kota/2024"}


def test_the_days_a_sanction_may_wait_are_a_parameter(alerts_graph):
    assert _evaluate(alerts_graph, days=10).found["stalled_sanction"] == 3  # k2 waited 14 days
    assert _evaluate(alerts_graph, days=60, at=T0 + timedelta(seconds=1)).found["stalled_sanction"] == 1  # k5: 75
    with pytest.raises(NetraError, match="1 to 3650"):
        _evaluate(alerts_graph, days=0)


def test_a_date_no_calendar_has_never_raises_an_alert(alerts_graph):
    """k7's "2024-13-45" sorts before any later day as text: it must count as no date at all."""
    summary = _evaluate(alerts_graph, today=date(2030, 1, 1))
    assert summary.found["stalled_sanction"] == 3
    assert {alert.key for alert in list_alerts(alerts_graph, pattern="stalled_sanction").alerts} == \
        {"case:k1", "case:k2", "case:k5"}


def test_the_days_default_to_the_setting(alerts_graph, monkeypatch):
    monkeypatch.setenv("NETRA_ALERT_DECISION_DAYS", "10")
    assert evaluate_alerts(alerts_graph, today=TODAY, now=T0).found["stalled_sanction"] == 3
    monkeypatch.setenv("NETRA_ALERT_DECISION_DAYS", "tiga puluh")
    with pytest.raises(NetraError, match="NETRA_ALERT_DECISION_DAYS"):
        evaluate_alerts(alerts_graph, today=TODAY, now=T0)


# -- the life of an alert --------------------------------------------------------------------------

def test_evaluating_again_duplicates_nothing_and_keeps_the_states(alerts_graph):
    _evaluate(alerts_graph)
    first = _alerts(alerts_graph)
    mark_seen(alerts_graph, first[ANI].id, "penyidik")
    dismiss(alerts_graph, first["case:k1"].id, "penyidik", "  sudah  ditindaklanjuti\n PPK ")
    again = _evaluate(alerts_graph, at=T0 + timedelta(hours=1))
    assert again.new == 0 and again.resolved == 0 and sum(again.found.values()) == 6
    count = alerts_graph.read("MATCH (a:Alert) RETURN count(a) AS n")[0]["n"]
    assert count == 6
    after = _alerts(alerts_graph)
    assert after[ANI].state == "seen" and after[ANI].seen_by == "penyidik"
    assert after["case:k1"].state == "dismissed" and after["case:k1"].reason == "sudah ditindaklanjuti PPK"
    assert after[ANI].first_seen == first[ANI].first_seen and after[ANI].last_seen > first[ANI].last_seen
    assert after[ANI].updated_at == first[ANI].updated_at  # the same evidence


def test_a_finding_that_no_longer_holds_is_resolved_and_new_again_when_it_returns(alerts_graph):
    _evaluate(alerts_graph)
    tie_key = f"{ANI}|{BUDI}"
    dismiss(alerts_graph, _alerts(alerts_graph)["case:k1"].id, "penyidik", "keliru")
    # the tie's document is withdrawn, and a decision comes in for k1
    alerts_graph.write("MATCH (:Person {id: $ani})-[r:FAMILY_OF]->(:Person {id: $budi}) DELETE r", ani=ANI, budi=BUDI)
    alerts_graph.write("MATCH (c:Case {id: 'case:k1'}) CREATE (:Document {id: 'casedoc:k1-keputusan'})"
                       "-[:ABOUT {stage: 'keputusan_ppk'}]->(c)")
    later = T0 + timedelta(days=1)
    summary = _evaluate(alerts_graph, at=later)
    assert summary.resolved == 2 and summary.found["candidate_tie"] == 2
    found = _alerts(alerts_graph)
    assert found[tie_key].state == "resolved" and not found[tie_key].holds
    assert found[tie_key].resolved_at == later.isoformat()
    assert found["case:k1"].state == "dismissed" and not found["case:k1"].holds  # the verdict stays
    assert found["case:k1"].reason == "keliru"
    with pytest.raises(NetraError, match="resolved"):
        mark_seen(alerts_graph, found[tie_key].id, "penyidik")
    # the tie is stated again
    alerts_graph.write("MATCH (a:Person {id: $ani}), (b:Person {id: $budi}) "
                       "CREATE (a)-[:FAMILY_OF {status: 'proven', detail: 'adik kandung', "
                       "document_id: 'casedoc:k2-temuan'}]->(b)",
                       ani=ANI, budi=BUDI)
    summary = _evaluate(alerts_graph, at=later + timedelta(days=1))
    assert summary.reopened == 1 and summary.new == 0
    back = _alerts(alerts_graph)[tie_key]
    assert back.state == "new" and back.holds and back.resolved_at is None
    assert back.first_seen == T0.isoformat() and back.updated_at == (later + timedelta(days=1)).isoformat()


def test_evaluations_at_once_make_each_alert_once(alerts_graph):
    errors = []

    def run(offset):
        try:
            _evaluate(alerts_graph, at=T0 + timedelta(seconds=offset))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    rows = alerts_graph.read("MATCH (a:Alert) RETURN a.key AS key, a.holds AS holds")
    assert sorted(row["key"] for row in rows) == sorted(EXPECTED) and all(row["holds"] for row in rows)


# -- verdicts -------------------------------------------------------------------------------------

def test_seen_and_dismissed_record_who_and_when_and_only_from_the_right_state(alerts_graph):
    _evaluate(alerts_graph)
    target = _alerts(alerts_graph)[ANI].id
    seen = mark_seen(alerts_graph, target, "penyidik", now=T0)
    assert (seen.state, seen.seen_by, seen.seen_at) == ("seen", "penyidik", T0.isoformat())
    with pytest.raises(NetraError, match="is seen; only a new alert"):
        mark_seen(alerts_graph, target, "penyidik")
    with pytest.raises(NetraError, match="reason"):
        dismiss(alerts_graph, target, "penyidik", " \n\t ")
    with pytest.raises(NetraError, match="at most 500"):
        dismiss(alerts_graph, target, "penyidik", "x" * (MAX_REASON_CHARS + 1))
    gone = dismiss(alerts_graph, target, "admin", "dua kasus berbeda, orang yang sama: sudah diketahui")
    assert gone.state == "dismissed" and gone.dismissed_by == "admin" and gone.seen_by == "penyidik"
    with pytest.raises(NetraError, match="is dismissed"):
        dismiss(alerts_graph, target, "admin", "lagi")
    with pytest.raises(AlertNotFound):
        mark_seen(alerts_graph, "alert-000000000000", "penyidik")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(alert=st.text(max_size=300), reason=st.text(min_size=1, max_size=600))
def test_hostile_ids_and_reasons_are_clear_errors_or_stored_as_written(alerts_graph, alert, reason):
    with pytest.raises(AlertNotFound):
        mark_seen(alerts_graph, alert, "penyidik")
    target = alert_id("repeat_respondent", ANI)
    if get_alert(alerts_graph, target) is None:
        _evaluate(alerts_graph)
    alerts_graph.write("MATCH (a:Alert {id: $id}) SET a.state = 'new'", id=target)
    folded = " ".join(reason.split())
    if not folded or len(folded) > MAX_REASON_CHARS:
        with pytest.raises(NetraError):
            dismiss(alerts_graph, target, "penyidik", reason)
    else:
        assert dismiss(alerts_graph, target, "penyidik", reason).reason == folded


# -- the list -------------------------------------------------------------------------------------

def test_the_list_filters_counts_and_pages(alerts_graph):
    _evaluate(alerts_graph)
    mark_seen(alerts_graph, alert_id("repeat_respondent", ANI), "penyidik")
    dismiss(alerts_graph, alert_id("stalled_sanction", "case:k1"), "penyidik", "sudah diputus")
    page = list_alerts(alerts_graph)  # open: new and seen
    assert page.total == 5 and page.state == "open" and page.next is None and len(page.alerts) == 5
    assert page.counts["states"] == {"open": 5, "new": 4, "seen": 1, "dismissed": 1, "resolved": 0, "all": 6}
    assert page.counts["patterns"] == {"candidate_tie": 3, "repeat_respondent": 1, "stalled_sanction": 1}
    ties = list_alerts(alerts_graph, pattern="candidate_tie", page_size=2)
    assert ties.total == 3 and len(ties.alerts) == 2 and ties.next == ties.alerts[-1].cursor
    second = list_alerts(alerts_graph, pattern="candidate_tie", after=ties.next, page_size=2)
    assert len(second.alerts) == 1 and second.next is None and second.after == ties.next
    assert not {a.id for a in second.alerts} & {a.id for a in ties.alerts}
    assert ties.counts["states"]["all"] == 3
    assert [a.key for a in list_alerts(alerts_graph, state="dismissed").alerts] == ["case:k1"]
    assert set(ties.to_json()) >= {"total", "after", "next", "counts", "alerts"}


def test_pages_walk_every_alert_once_newest_first(alerts_graph):
    """Three evaluations a day apart, each finding more: pages of 2 list all, newest first."""
    _evaluate(alerts_graph, days=60)
    _evaluate(alerts_graph, days=30, at=T0 + timedelta(days=1))
    _evaluate(alerts_graph, days=10, at=T0 + timedelta(days=2))
    walked, after = [], None
    while True:
        page = list_alerts(alerts_graph, state="all", after=after, page_size=2)
        walked += page.alerts
        after = page.next
        if after is None:
            break
    keys = [(alert.first_seen, alert.id) for alert in walked]
    assert len(walked) == len(set(keys)) == 7
    assert [seen for seen, _ in keys] == sorted((seen for seen, _ in keys), reverse=True)
    assert walked[0].key == "case:k2"  # found last, with the fewest days


@pytest.mark.parametrize("kwargs, message", [
    ({"pattern": "' OR 1=1 //"}, "pattern must be one of"), ({"state": "baru"}, "state must be one of"),
    ({"after": "2024-12-15T08:00:00+00:00|x' OR 1=1"}, "after must be"), ({"after": "halaman 2"}, "after must be"),
    ({"page_size": 10_000}, "page_size must be 1 to 200")])
def test_bad_filters_are_clear_errors(alerts_graph, kwargs, message):
    with pytest.raises(NetraError, match=message):
        list_alerts(alerts_graph, **kwargs)


def test_patterns_are_named_and_an_empty_graph_raises_none(graph):
    assert PATTERNS == ("candidate_tie", "repeat_respondent", "stalled_sanction")
    summary = _evaluate(graph)
    assert summary.found == dict.fromkeys(PATTERNS, 0) and list_alerts(graph, state="all").total == 0


# -- after an ingest ------------------------------------------------------------------------------

def test_a_case_ingest_evaluates_the_alerts(graph, tmp_path):
    """t001's BKN recommendation (20 November 2024) has had no decision since: an alert; loading
    the PPK's decision resolves it."""
    from ingest.case_pipeline import ingest_cases

    summary = ingest_cases([str(write_documents(tmp_path / "docs"))], graph, show_progress=False)
    assert summary.alerts is not None and summary.alerts.found["stalled_sanction"] == 1
    assert summary.to_json()["alerts"]["new"] == summary.alerts.new
    stalled = list_alerts(graph, pattern="stalled_sanction").alerts
    assert [a.key for a in stalled] == ["case:t001"] and stalled[0].evidence["recommended_on"] == "2024-11-20"
    (tmp_path / "docs" / "t001-keputusan.txt").write_text(
        "KEPUTUSAN WALI KOTA SOLOK\nNomor: 800/12/BKPSDM/2024\n\nMenjatuhkan hukuman disiplin sedang berupa "
        "pemotongan tunjangan kinerja kepada Kurniawan Fiktifsyah.\n\nSolok, 2 Desember 2024\n", encoding="utf-8")
    again = ingest_cases([str(tmp_path / "docs")], graph, show_progress=False)
    assert again.alerts.resolved == 1 and again.alerts.found["stalled_sanction"] == 0
    assert get_alert(graph, stalled[0].id).state == "resolved"
