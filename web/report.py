"""The public report form (`/report`), the reporter's status page (`/report/status`) and the
investigators' triage queue (`/triage`).

Sending a report checks and stores it and puts it on the worker's queue (web/jobs.py): the request
reads no upload, runs no extraction and touches no graph. The reporter gets the report's number and
a receipt code; with both, /report/status tells them the report's public state (web/intake.py
`public_state`) and its date, nothing else, and the same words for a wrong number as for a wrong
code. Triage shows how far the worker got.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timezone
from pathlib import Path

from flask import (Blueprint, abort, current_app, redirect, render_template, request, send_file,
                   url_for)

from graph.intake import is_case, set_triage
from web.auth import audit, current_user
from web.conduct import suggestions
from web.i18n import _
from web.intake import (ACCEPTED, MERGED, PENDING, REJECTED, Intake, Report, ReportError, check_form,
                        new_receipt_code, new_report_id, public_state, receipt_hash, receipt_matches)
from web.services import BadRequest, NotFound, graph, report_queue

report = Blueprint("report", __name__)
log = logging.getLogger("netra.report")


def intake() -> Intake:
    return Intake(current_app.config["NETRA_SETTINGS"].home / "intake")


# -- the public form --------------------------------------------------------------------------

@report.get("/report", endpoint="form")
def report_form():
    return render_template("report.html", form={}, error=None)


@report.post("/report", endpoint="submit")
def submit():
    try:
        fields = check_form(request.form, date.today())
        files = [(f.filename or "berkas", f.read()) for f in request.files.getlist("evidence") if f.filename]
        code = new_receipt_code()
        saved = intake().save(Report(id=new_report_id(), submitted_at=_now(), receipt=receipt_hash(code), **fields),
                              files)
    except ReportError as exc:
        return render_template("report.html", form=request.form, error=str(exc)), 400
    try:
        report_queue().enqueue(saved.id)
    except Exception:  # noqa: BLE001 - the report is stored and marked unprocessed: the worker finds it
        log.exception("Report %s is stored but could not be queued; the worker will queue it again.", saved.id)
    audit("report_submitted", saved.case_id)
    return _private(render_template("report_sent.html", report_id=saved.id, code=code), 201)


# -- the reporter's status page -----------------------------------------------------------------

@report.get("/report/status", endpoint="status")
def status_form():
    return _private(render_template("report_status.html", number="", state=None, error=None))


@report.post("/report/status", endpoint="check_status")
def check_status():
    """The state of the report with this number and receipt code. A number that does not exist
    and a code that is wrong get the same answer, in the same time (web/intake.py
    `receipt_matches`): the page cannot be used to find out which numbers exist."""
    number = request.form.get("number", "").strip().lower()[:40]
    found = intake().get(number)
    if not receipt_matches(found, request.form.get("code", "")):
        error = _("Nomor laporan atau kode tanda terima tidak cocok. Periksa keduanya seperti tertulis pada "
                  "tanda terima.")
        return _private(render_template("report_status.html", number=number, state=None, error=error), 404)
    state, since = public_state(found)
    return _private(render_template("report_status.html", number=found.id, state=state, since=since, error=None))


def _private(rendered, status: int = 200):
    """A page with a receipt code (or a form for one) is kept by no cache and no browser history."""
    return rendered, status, {"Cache-Control": "no-store"}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# -- triage -----------------------------------------------------------------------------------

@report.get("/triage", endpoint="triage")
def triage_queue():
    reports = intake().all()
    show = request.args.get("show", PENDING)
    listed = reports if show == "all" else [r for r in reports if r.triage == show]
    return render_template("triage.html", reports=listed, show=show, pending=sum(r.triage == PENDING for r in reports))


@report.get("/triage/<report_id>", endpoint="detail")
def detail(report_id):
    found = _report(report_id)
    audit("view_report", found.case_id)
    return render_template("triage_detail.html", report=found, error=None,
                           conduct=suggestions(found.conduct_text(), found.when))


@report.post("/triage/<report_id>", endpoint="decide")
def decide(report_id):
    found = _report(report_id)
    action = request.form.get("action", "")
    # Under the report's lock: the worker, making the report's Case, reads the decision under it too.
    with intake().locked(found.id):
        found = _report(report_id)
        if found.triage != PENDING:
            raise BadRequest(_("Laporan ini sudah diputuskan ({triage}).", triage=found.triage))
        try:
            note = _apply(found, action)
        except BadRequest as exc:
            return render_template("triage_detail.html", report=found, error=str(exc)), 400
        intake().decide(found, {"accept": ACCEPTED, "merge": MERGED, "reject": REJECTED}[action],
                        current_user().name, note, lock=False)
    audit(f"report_{action}", found.case_id, note)
    return redirect(url_for("report.triage"))


def _apply(found: Report, action: str) -> str:
    """Do what the investigator chose; the note for the record. The report's document is ingested
    like any case document, and its persons resolved incrementally: compared with the persons
    they could be, never the whole graph re-resolved (ingest/person_resolution.py)."""
    from ingest.case_pipeline import ingest_cases

    if action == "accept":
        _ingest(ingest_cases, intake().document_path(found))
        set_triage(graph(), found.case_id, ACCEPTED)
        return ""
    if action == "merge":
        target = request.form.get("case_id", "").strip()
        target = target if target.startswith("case:") else f"case:{target}"
        if not is_case(graph(), target):
            raise BadRequest(_("Tidak ada kasus {id}.", id=target))
        document = intake().document_path(found)
        merged = document.with_name(f"{target.removeprefix('case:')}-laporan-{found.id}.txt")
        merged.write_text(document.read_text(encoding="utf-8"), encoding="utf-8")
        _ingest(ingest_cases, merged)
        set_triage(graph(), found.case_id, MERGED, target)
        return target
    if action == "reject":
        reason = " ".join(request.form.get("reason", "").split())[:500]
        if not reason:
            raise BadRequest(_("Tuliskan alasan penolakan."))
        set_triage(graph(), found.case_id, REJECTED, reason)
        return reason
    raise BadRequest(_("Pilih terima, gabungkan atau tolak."))


def _ingest(ingest_cases, path: Path) -> None:
    summary = ingest_cases([str(path)], graph(), show_progress=False, resolve="incremental")
    failed = [outcome for outcome in summary.outcomes if outcome.status == "failed"]
    if failed:
        raise BadRequest(_("Dokumen laporan tidak dapat dimuat: {error}", error=failed[0].error))


@report.get("/triage/<report_id>/evidence/<int:number>", endpoint="evidence")
def evidence(report_id, number):
    """Always a download, never shown inline: an uploaded file is whatever its sender made it."""
    found = _report(report_id)
    path = intake().evidence_path(found, number)
    if path is None:
        abort(404)
    item = next(item for item in found.evidence if item.number == number)
    audit("download_evidence", found.case_id, f"{number} {item.original_name}")
    response = send_file(path, mimetype="application/octet-stream", as_attachment=True,
                         download_name=f"{found.id}-{number}.{item.kind}")
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


def _report(report_id: str) -> Report:
    found = intake().get(report_id)
    if found is None:
        raise NotFound(_("Tidak ada laporan {id}.", id=report_id))
    return found

