"""Public reports are processed outside the request: a durable queue and the work a worker does.

`POST /report` only checks and stores the report (web/intake.py) and puts its id on this queue;
it answers at once. A worker process (`netra worker`, which `netra serve` starts as a child
process) takes the id off the queue and, with the report's state shown in triage:

1. reads each PDF, DOCX or text upload in a child process limited in time and memory
   (ingest/untrusted.py: PARSE_SECONDS, PARSE_MEMORY); a file that is too slow, too large or
   unreadable is marked failed with the reason, and the rest goes on;
2. runs the case extraction over the report and what its files say (each file's first
   ingest.untrusted.MAX_CHARS characters);
3. adds the provisions past cases of the same acts applied, and makes the report's Case at stage
   "submitted" in the graph (no personal data);
4. stores the suggestions: the report is `processed`. If any of this raises (the database is
   down, say) the task is tried again RETRIES times, RETRY_DELAY seconds apart, then the report
   is `failed` with the reason.

The queue is huey (https://huey.readthedocs.io) with its SQLite storage in NETRA_HOME/queue.sqlite:
a task survives restarts of the web server and of the worker, and any number of web processes on
the machine enqueue into the same file. With `NETRA_QUEUE_URL=redis://…` it is huey's RedisHuey
instead (the `redis` package needed), for web processes and workers on several machines.

A worker that dies in the middle of a task loses that task (huey removes a task from the queue
when it starts it); the report keeps its marker in intake/unprocessed/, and a worker starting
again puts such reports back on the queue (`ReportQueue.recover`). Processing a report twice is
harmless: a processed or failed report is skipped.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timezone

from huey import RedisHuey, SqliteHuey, crontab
from huey.exceptions import ConfigurationError

from core.config import Settings
from core.errors import NetraError
from web.intake import FAILED, PROCESSED, PROCESSING, QUEUED, Intake, Report, suggestions

log = logging.getLogger("netra.worker")

QUEUE_NAME = "netra-reports"
QUEUE_FILE = "queue.sqlite"
TASK_NAME = "process_report"
RETRIES, RETRY_DELAY = 2, 30
RECOVER_AFTER = 120  # seconds a report may sit marked unprocessed without a task before it is queued again
READABLE_EVIDENCE = ("pdf", "docx", "txt")
# Each upload is read within these limits (ingest/untrusted.py); a module setting so that tests
# can make them small.
PARSE_SECONDS = 30
PARSE_MEMORY = 768 * 2**20


class ReportQueue:
    """The queue of reports to process, for one data directory (or one Redis URL)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.huey = _huey(settings)
        self.intake = Intake(settings.home / "intake")
        # A task carries its retry settings: those of the process that queued it.
        self.task = self.huey.task(retries=RETRIES, retry_delay=RETRY_DELAY, context=True, name=TASK_NAME)(self._run)
        # The worker looks for lost reports every 10 minutes as well as when it starts.
        self.huey.periodic_task(crontab(minute="*/10"), name="recover_reports")(self.recover)

    def enqueue(self, report_id: str) -> None:
        self.task(report_id)

    def pending_ids(self) -> set[str]:
        """The report ids waiting on the queue or for a retry."""
        return {task.args[0] for task in [*self.huey.pending(), *self.huey.scheduled()] if task.args}

    def __len__(self) -> int:
        return self.huey.pending_count()

    def recover(self, older_than: float = RECOVER_AFTER) -> list[str]:
        """Put back on the queue the reports a crash left unfinished: marked unprocessed (for more
        than `older_than` seconds: a request may be between storing a report and queueing it),
        but neither waiting on the queue nor processed. Their ids."""
        waiting = self.pending_ids()
        lost = [report_id for report_id in self.intake.unprocessed(older_than=older_than, now=time.time())
                if report_id not in waiting]
        for report_id in lost:
            report = self.intake.get(report_id)
            if report is None or report.processing in (PROCESSED, FAILED):
                self.intake.mark_processed(report_id)
                continue
            log.warning("Report %s was left %s; queued again.", report_id, report.processing)
            self.enqueue(report_id)
        return lost

    def drain(self) -> int:
        """Process what is on the queue now, in this process and thread (tests, `netra worker
        --drain`); retries that wait for their delay are left scheduled. How many tasks ran."""
        count = 0
        while (task := self.huey.dequeue()) is not None:
            self.huey.execute(task)
            count += 1
        return count

    def consumer(self, workers: int = 1):
        """huey's consumer (the worker loop): `run()` it in the main thread of its own process."""
        return self.huey.create_consumer(workers=workers, worker_type="thread", periodic=True,
                                         check_worker_health=True)

    def close(self) -> None:
        close = getattr(self.huey.storage, "close", None)
        if close is not None:
            close()

    def _run(self, report_id: str, task=None) -> None:
        process_report(self.settings, report_id, final=task is None or not task.retries)


def _huey(settings: Settings):
    url = settings.queue_url
    if url and url.startswith(("redis://", "rediss://", "unix://")):
        try:
            return RedisHuey(QUEUE_NAME, url=url, results=False)
        except ConfigurationError as exc:
            raise NetraError(f"NETRA_QUEUE_URL puts the report queue on Redis ({url}), but huey says: {exc}")
    if url:
        raise NetraError(f"NETRA_QUEUE_URL must be a redis:// URL (or unset for SQLite in NETRA_HOME), not {url!r}.")
    settings.home.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(QUEUE_NAME, filename=str(settings.home / QUEUE_FILE), results=False)


# -- the work -------------------------------------------------------------------------------

def process_report(settings: Settings, report_id: str, final: bool = True) -> Report | None:
    """Read the report's uploads within limits, extract, suggest, make its submitted Case, and
    record each step's outcome on the report. On an error the report goes back to `queued`
    (another attempt follows) or, on the `final` attempt, to `failed` with the reason."""
    intake = Intake(settings.home / "intake")
    report = intake.get(report_id)
    if report is None or report.processing in (PROCESSED, FAILED):
        intake.mark_processed(report_id)
        return report

    def started(stored: Report) -> None:
        stored.processing, stored.processing_note = PROCESSING, ""
        stored.processing_attempts += 1

    report = intake.update(report_id, started)
    if report is None:  # removed meanwhile
        return None
    try:
        found, reads = _extract(settings, intake, report)
    except Exception as exc:  # noqa: BLE001 - recorded on the report; huey retries or gives up
        reason = f"{type(exc).__name__}: {exc}" if not isinstance(exc, NetraError) else str(exc)
        log.warning("Report %s: attempt %d failed: %s", report_id, report.processing_attempts, reason)

        def failed(stored: Report) -> None:
            stored.processing = FAILED if final else QUEUED
            stored.processing_note = reason[:1000] if final else \
                f"attempt {stored.processing_attempts} failed ({reason[:500]}); trying again"

        intake.update(report_id, failed)
        if final:
            intake.mark_processed(report_id)
        raise

    def done(stored: Report) -> None:
        stored.suggestions = found
        for item in stored.evidence:
            if item.number in reads:
                item.read, item.read_note = reads[item.number]
        stored.processing, stored.processing_note = PROCESSED, ""
        stored.processed_at = datetime.now(timezone.utc).isoformat(timespec="seconds")

    report = intake.update(report_id, done)
    intake.mark_processed(report_id)
    log.info("Report %s processed.", report_id)
    return report


def _extract(settings: Settings, intake: Intake, report: Report) -> tuple[dict, dict[int, tuple[str, str]]]:
    from graph.db import Graph
    from graph.intake import create_submitted_case, provisions_for_acts
    from ingest.cases import extract_case_document
    from ingest.untrusted import read_untrusted

    texts, reads = [report.document_text()], {}
    for item in report.evidence:
        if item.kind not in READABLE_EVIDENCE:
            continue
        result = read_untrusted(intake.evidence_path(report, item.number), item.kind, seconds=PARSE_SECONDS,
                                memory=PARSE_MEMORY)
        reads[item.number] = ("read", "") if result.error is None else ("failed", result.error)
        if result.text:
            texts.append(result.text)
    extraction = extract_case_document("\n\n".join(texts), report.id)
    found = suggestions(extraction)
    with Graph.open(settings) as graph:
        found["provisions"] = sorted(set(found["provisions"])
                                     | {row["id"] for row in provisions_for_acts(graph, found["acts"])})
        with intake.locked(report.id):  # a decision taken meanwhile is the Case's triage
            decided = intake.get(report.id)
            create_submitted_case(graph, report.case_id, report.submitted_at, found.get("regions", []),
                                  decided.triage, decided.triage_note)
    return found, reads
