"""Public reports: the request stores and queues, a worker (web/jobs.py, `netra worker`) reads the
uploads within limits and extracts. Against the test session's Neo4j server and the hand-written
case fixtures; each test has its own data directory (intake folder and queue file)."""

from __future__ import annotations

import io
import re
import signal
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pytest

from case_app_fixtures import loaded, settings  # noqa: F401 (fixtures)
from crafted_files import MEMORY_BOMB_PDF, READABLE_PDF, SLOW_PDF
from conftest import NETRA, log_in, netra_env
from web import create_app, jobs
from web.intake import FAILED, PROCESSED, QUEUED, Intake
from web.jobs import ReportQueue

pytestmark = pytest.mark.neo4j

PERSON_NAME = "Kurniawan Fiktifsyah"
REPORT = ("Pada 3 Oktober 2024, Kepala Dinas Pendidikan Kota Solok, Drs. Kurniawan Fiktifsyah, M.Si., "
          "menghadiri deklarasi pasangan calon Wali Kota Solok nomor urut 2 dan mengunggah fotonya di Facebook.")


@pytest.fixture
def app(settings):
    return create_app(settings, rate_limits=False)


def _token(client, url="/report"):
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def _submit(client, evidence=(), **extra) -> str:
    data = {"csrf_token": _token(client), "what": REPORT, "who": f"{PERSON_NAME}, Kadisdik Kota Solok",
            "where": "Kota Solok", "when": "2024-10-03", "reporter_contact": "warga.fiktif@example.org",
            "evidence": [(io.BytesIO(content), name) for name, content in evidence], **extra}
    response = client.post("/report", data=data, content_type="multipart/form-data")
    assert response.status_code == 201, response.get_data(as_text=True)[:500]
    found = re.search(r"r\d{8}-[0-9a-f]{8}", response.get_data(as_text=True))
    assert found, response.get_data(as_text=True)[:3000]
    return found.group(0)


def _case(graph, report_id):
    rows = graph.read("MATCH (c:Case {id: $id}) RETURN c {.*} AS c", id=f"case:{report_id}")
    return rows[0]["c"] if rows else None


# -- the request ------------------------------------------------------------------------------

def test_sending_a_report_stores_and_queues_it_without_reading_extracting_or_the_graph(app, settings, loaded,
                                                                                      monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("heavy work inside the request")

    import ingest.cases
    import ingest.untrusted

    monkeypatch.setattr(ingest.untrusted, "read_untrusted", forbidden)
    monkeypatch.setattr(ingest.cases, "extract_case_document", forbidden)
    monkeypatch.setattr(jobs, "process_report", forbidden)
    report_id = _submit(app.test_client(), evidence=[("bukti.pdf", READABLE_PDF), ("catatan.txt", b"catatan saksi")])

    stored = Intake(settings.home / "intake").get(report_id)
    assert stored.processing == QUEUED and stored.suggestions == {} and len(stored.evidence) == 2
    assert (settings.home / "intake" / "unprocessed" / report_id).exists()
    assert ReportQueue(settings).pending_ids() == {report_id}
    assert app.extensions["netra"]._graph is None, "the request never opened the graph"
    assert _case(loaded, report_id) is None, "the worker makes the Case"


def test_the_triage_list_shows_each_reports_state(app, settings, server_settings):
    queued = _submit(app.test_client())
    Intake(settings.home / "intake").update(queued, lambda r: setattr(r, "processing", FAILED)
                                            or setattr(r, "processing_note", "Cannot reach Neo4j"))
    investigator = log_in(app.test_client(), settings, "investigator")
    page = investigator.get("/triage?show=all").get_data(as_text=True)
    assert "gagal: Cannot reach Neo4j" in page
    assert "failed: Cannot reach Neo4j" in investigator.get("/triage?show=all&lang=en").get_data(as_text=True)


# -- the worker -------------------------------------------------------------------------------

def test_the_worker_processes_a_queued_report_end_to_end(app, settings, loaded):
    report_id = _submit(app.test_client(), evidence=[("bukti.pdf", READABLE_PDF), ("catatan.txt", b"catatan saksi"),
                                                     ("foto.png", b"\x89PNG\r\n\x1a\n....")])
    queue = ReportQueue(settings)
    assert queue.drain() == 1 and len(queue) == 0

    report = Intake(settings.home / "intake").get(report_id)
    assert report.processing == PROCESSED and report.processing_attempts == 1 and report.processed_at
    assert [(item.kind, item.read) for item in report.evidence] == [("pdf", "read"), ("txt", "read"), ("png", "")]
    assert PERSON_NAME in {person["name"] for person in report.suggestions["people"]}
    assert not (settings.home / "intake" / "unprocessed" / report_id).exists()
    case = _case(loaded, report_id)
    assert case["stage"] == "submitted" and case["triage"] == "pending"
    assert "Fiktifsyah" not in str(case) and "warga" not in str(case).lower(), "no personal data in the graph"

    detail = log_in(app.test_client(), settings, "investigator").get(f"/triage/{report_id}").get_data(as_text=True)
    assert "sudah diproses" in detail and PERSON_NAME in detail and "terbaca" in detail
    assert queue.drain() == 0, "nothing left"


def test_a_file_that_cannot_be_read_is_failed_with_its_reason_and_the_rest_is_processed(app, settings):
    report_id = _submit(app.test_client(), evidence=[("rusak.pdf", b"%PDF-1.4\nnot really a pdf\n"),
                                                     ("catatan.txt", b"catatan saksi")])
    ReportQueue(settings).drain()
    report = Intake(settings.home / "intake").get(report_id)
    assert report.processing == PROCESSED
    broken, text = report.evidence
    assert broken.read == "failed" and broken.read_note, broken
    assert text.read == "read"
    detail = log_in(app.test_client(), settings, "investigator").get(f"/triage/{report_id}").get_data(as_text=True)
    assert "tidak terbaca" in detail and broken.read_note[:30] in detail


def test_files_over_the_time_or_memory_limit_are_failed_and_the_worker_goes_on(app, settings, monkeypatch):
    client, queue, intake = app.test_client(), ReportQueue(settings), Intake(settings.home / "intake")
    monkeypatch.setattr(jobs, "PARSE_MEMORY", 96 * 2**20)
    large = _submit(client, evidence=[("besar.pdf", MEMORY_BOMB_PDF), ("bukti.pdf", READABLE_PDF)])
    assert queue.drain() == 1
    bomb, readable = intake.get(large).evidence
    assert bomb.read == "failed" and "more than 96 MiB of memory" in bomb.read_note, bomb
    assert readable.read == "read", "the same limits leave an ordinary PDF readable"

    monkeypatch.setattr(jobs, "PARSE_MEMORY", 768 * 2**20)
    monkeypatch.setattr(jobs, "PARSE_SECONDS", 2)
    slow = _submit(client, evidence=[("lambat.pdf", SLOW_PDF)])
    after = _submit(client, evidence=[("bukti.pdf", READABLE_PDF)])
    began = time.monotonic()
    assert queue.drain() == 2
    assert time.monotonic() - began < 120
    (stuck,) = intake.get(slow).evidence
    assert stuck.read == "failed" and "longer than 2 s" in stuck.read_note, stuck
    assert [intake.get(i).processing for i in (large, slow, after)] == [PROCESSED] * 3, "the worker went on"
    assert intake.get(after).evidence[0].read == "read"


def test_a_report_that_keeps_failing_is_retried_then_failed_with_the_reason(app, settings, monkeypatch):
    monkeypatch.setattr(jobs, "RETRY_DELAY", 0)  # retries go straight back on the queue
    report_id = _submit(app.test_client())
    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        raise RuntimeError("the extractor broke")

    import ingest.cases

    monkeypatch.setattr(ingest.cases, "extract_case_document", broken)
    assert ReportQueue(settings).drain() == 1 + jobs.RETRIES
    report = Intake(settings.home / "intake").get(report_id)
    assert len(calls) == 3 and report.processing_attempts == 3
    assert report.processing == FAILED and "the extractor broke" in report.processing_note
    assert not (settings.home / "intake" / "unprocessed" / report_id).exists()


def test_a_report_retried_after_a_passing_failure_is_processed(app, settings, monkeypatch):
    monkeypatch.setattr(jobs, "RETRY_DELAY", 0)
    report_id = _submit(app.test_client())
    import ingest.cases

    real, calls = ingest.cases.extract_case_document, []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise ConnectionError("database restarting")
        return real(*args, **kwargs)

    monkeypatch.setattr(ingest.cases, "extract_case_document", flaky)
    ReportQueue(settings).drain()
    report = Intake(settings.home / "intake").get(report_id)
    assert report.processing == PROCESSED and report.processing_attempts == 2


def test_the_queue_survives_a_restart(app, settings):
    report_id = _submit(app.test_client())
    app.extensions["netra"].close()  # the web server stops
    restarted = ReportQueue(settings)  # a new huey on the same file
    assert restarted.pending_ids() == {report_id} and len(restarted) == 1
    assert restarted.drain() == 1
    assert Intake(settings.home / "intake").get(report_id).processing == PROCESSED


def test_reports_a_crash_left_unfinished_are_queued_again(app, settings):
    intake = Intake(settings.home / "intake")
    lost = _submit(app.test_client())
    queue = ReportQueue(settings)
    queue.huey.flush()  # as if the worker had died holding the task, or the request before queueing it
    intake.update(lost, lambda report: setattr(report, "processing", "processing"))
    assert queue.recover() == [], "not yet: a request may be between storing and queueing"
    assert queue.recover(older_than=0) == [lost] and queue.pending_ids() == {lost}
    assert queue.recover(older_than=0) == [], "queued once"
    queue.drain()
    assert intake.get(lost).processing == PROCESSED


def test_a_decision_taken_before_the_worker_runs_is_the_cases_triage(app, settings, loaded):
    report_id = _submit(app.test_client())
    investigator = log_in(app.test_client(), settings, "investigator")
    response = investigator.post(f"/triage/{report_id}", data={"csrf_token": _token(investigator, "/triage"),
                                                               "action": "reject", "reason": "Bukan ASN"})
    assert response.status_code == 302
    ReportQueue(settings).drain()
    assert _case(loaded, report_id)["triage"] == "rejected"
    report = Intake(settings.home / "intake").get(report_id)
    assert report.triage == "rejected" and report.processing == PROCESSED, "neither overwrote the other"


def test_accepting_a_report_resolves_its_persons_against_the_graph_not_in_full(app, settings, loaded, monkeypatch):
    import ingest.case_pipeline

    def full(*args, **kwargs):
        raise AssertionError("the whole graph re-resolved inside a request")

    monkeypatch.setattr(ingest.case_pipeline, "refresh_entities", full)
    report_id = _submit(app.test_client())
    investigator = log_in(app.test_client(), settings, "investigator")
    response = investigator.post(f"/triage/{report_id}", data={"csrf_token": _token(investigator, "/triage"),
                                                               "action": "accept"})
    assert response.status_code == 302
    person = loaded.read("MATCH (m:PersonMention {document_id: $doc})-[:MENTION_OF]->(p:Person) "
                         "WHERE m.name CONTAINS 'Kurniawan' RETURN p.id AS id",
                         doc=f"casedoc:{report_id}-laporan")
    assert person == [{"id": "person:197806202005011003"}], "joined the existing person by name and position"


def test_the_queue_is_on_redis_only_when_a_redis_url_is_given(settings):
    from core.errors import NetraError

    with pytest.raises(NetraError, match="NETRA_QUEUE_URL must be a redis://"):
        ReportQueue(replace(settings, queue_url="amqp://broker"))
    try:
        import redis  # noqa: F401
    except ImportError:
        with pytest.raises(NetraError, match="redis"):
            ReportQueue(replace(settings, queue_url="redis://127.0.0.1:6379/0"))
    assert type(ReportQueue(settings).huey).__name__ == "SqliteHuey"
    assert (settings.home / "queue.sqlite").exists()


# -- the worker process -----------------------------------------------------------------------

def _worker_env(settings) -> dict[str, str]:
    return netra_env(settings.home, NEO4J_URI=settings.neo4j_uri, NEO4J_PASSWORD=settings.neo4j_password,
                     NEO4J_USER=settings.neo4j_user)


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


@pytest.mark.slow
def test_netra_worker_drains_the_queue_and_stops_on_ctrl_c(app, settings):
    ids = [_submit(app.test_client(), evidence=[("bukti.pdf", READABLE_PDF)]) for _ in range(2)]
    intake = Intake(settings.home / "intake")
    worker = subprocess.Popen([NETRA, "worker"], env=_worker_env(settings), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        assert _wait_for(lambda: all(intake.get(i).processing == PROCESSED for i in ids), 240), \
            [intake.get(i).processing for i in ids]
        assert intake.get(ids[0]).evidence[0].read == "read"
    finally:
        worker.send_signal(signal.SIGINT)
        output = worker.communicate(timeout=60)[0]
    assert worker.returncode == 0, output
    assert "2 reports queued" in output


@pytest.mark.slow
def test_netra_serve_starts_the_worker_and_stops_it(settings):
    from graph.server import free_port

    port = free_port()
    serve = subprocess.Popen([NETRA, "serve", "--port", str(port)], env=_worker_env(settings),
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert _wait_for(lambda: _children(serve.pid), 60), "a worker child"
        worker_pid = _children(serve.pid)[0]
        assert "worker" in Path(f"/proc/{worker_pid}/cmdline").read_bytes().decode().replace("\0", " ")
    finally:
        serve.send_signal(signal.SIGINT)
        output = serve.communicate(timeout=60)[0]
    assert "Report worker started" in output, output
    assert _wait_for(lambda: not Path(f"/proc/{worker_pid}").exists() or _zombie(worker_pid), 30), \
        "the worker stopped with the server"


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except FileNotFoundError:
        return True


def test_the_reporter_always_sees_the_report_number(app, monkeypatch):
    """A random part of digits only made the number read as a NIP, and the page masked it."""
    import web.intake

    draws = iter(["12345678", "1234567a", "00000000", "c1234567"])
    monkeypatch.setattr(web.intake.secrets, "token_hex", lambda n: next(draws))
    assert _submit(app.test_client()).endswith("-c1234567")
