"""Public reports of suspected violations: checked, stored and triaged.

A report is kept under NETRA_HOME/intake/<report id>/ (readable by the server's user only):
  report.json              what the reporter wrote, their contact details, the suggestions the
                           extraction pipeline made, the processing state and the triage decision
  <report id>-laporan.txt  the report as a case document, ingested only when accepted
  evidence/<n>.bin         uploaded files, checked by content, stored under a made-up name and
                           never served inline (investigators download them as attachments)
and NETRA_HOME/intake/unprocessed/<report id>, an empty file while the report waits for the worker
(web/jobs.py), so that a worker starting again finds what a crash left undone without reading
every report.

Saving a report only checks and writes files: the request answers at once. The worker reads the
uploads, runs the extraction and records its suggestions; `processing` says how far it got
(queued, processing, processed, failed with the reason in `processing_note`). The graph holds a
Case with stage "submitted" and no personal data (made by the worker) until an investigator
accepts the report (then its document goes through the normal case ingest), merges it into an
existing case, or rejects it with a reason. Reporter contact details never enter the graph.

The reporter has no account: the thank-you page gives them the report's number and a receipt code
(`new_receipt_code`), with which /report/status tells them the report's public state and nothing
else (`public_state`). Only a salted scrypt hash of the code is kept (`receipt_hash`), so the
intake folder alone does not let anyone ask about a report.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import re
import secrets
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from io import BytesIO
from pathlib import Path

from core.dates import parse_day
from core.errors import NetraError
from search.masking import NUMBER
from web.i18n import _

MAX_TEXT = 10_000
MAX_FIELD = 300
MAX_FILES = 5
MAX_FILE_BYTES = 5 * 2**20
REPORT_ID = re.compile(r"r\d{8}-[0-9a-f]{8}")
URL = re.compile(r"https?://[^\s<>\"']{1,500}")
PENDING, ACCEPTED, MERGED, REJECTED = "pending", "accepted", "merged", "rejected"
# How far the worker got with a report (web/jobs.py).
QUEUED, PROCESSING, PROCESSED, FAILED = "queued", "processing", "processed", "failed"
UNPROCESSED = "unprocessed"  # the folder of markers of reports the worker has not finished
# What a reporter is told about their report (`public_state`).
RECEIVED, IN_REVIEW, FORWARDED, CLOSED = "received", "in_review", "forwarded", "closed"
# The receipt code: Crockford's base 32 (no I, L, O, which read as 1, 1 and 0, nor U),
# four groups of four symbols, 80 random bits: typed from a printout, and out of reach of guessing
# even without the rate limit.
RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECEIPT_GROUPS, RECEIPT_GROUP_SIZE = 4, 4
RECEIPT_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1"})  # Crockford's reading of look-alikes
MAX_TYPED_RECEIPT = 100  # more than a code with spaces between its symbols: not a code
# scrypt's interactive cost (16 MiB, ~50 ms): the code's entropy, not the cost, is what keeps it
# safe; the cost only makes a stolen intake folder useless for trying codes.
SCRYPT_COST = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
RECEIPT_HASH = re.compile(r"scrypt\$[0-9a-f]{32}\$[0-9a-f]{64}")


class ReportError(NetraError):
    """Something in a report form that must be fixed before it can be sent."""


@dataclass
class Evidence:
    number: int
    original_name: str  # as the reporter's computer called it; shown, never used as a path
    kind: str
    size: int
    sha256: str
    read: str = ""  # PDF, DOCX, text: "read" or "failed" once the worker has tried (images are not read)
    read_note: str = ""  # why it could not be read


@dataclass
class Report:
    id: str
    submitted_at: str
    what: str
    who: str = ""
    where: str = ""
    when: str = ""  # ISO date, if given
    links: list[str] = field(default_factory=list)
    reporter_name: str = ""
    reporter_contact: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    suggestions: dict = field(default_factory=dict)
    triage: str = PENDING
    triage_by: str = ""
    triage_at: str = ""
    triage_note: str = ""  # the reason for a rejection, the case merged into
    processing: str = QUEUED  # queued, processing, processed, failed (web/jobs.py)
    processing_note: str = ""  # why it failed, or the attempt that failed before a retry
    processing_attempts: int = 0
    processed_at: str = ""
    receipt: str = ""  # "scrypt$<salt>$<hash>" of the reporter's receipt code (hex); "" if none was given

    @property
    def case_id(self) -> str:
        return f"case:{self.id}"

    def conduct_text(self) -> str:
        """What the report says was done, and by whom (the position decides which rules apply),
        for the provisions it likely breaks (web/conduct.py)."""
        return f"Terlapor: {self.who}. {self.what}" if self.who else self.what

    def document_text(self) -> str:
        """The report as a case document for the extraction pipeline, in the words a Bawaslu
        laporan uses, so the same rules read it."""
        lines = ["LAPORAN DUGAAN PELANGGARAN NETRALITAS ASN (LAPORAN MASYARAKAT)",
                 f"Diterima melalui formulir daring pada {self.submitted_at[:10]}.", ""]
        if self.when:
            lines.append(f"Waktu kejadian: {self.when}.")
        if self.where:
            lines.append(f"Tempat kejadian: {self.where}.")
        if self.who:
            lines.append(f"Terlapor: {self.who}.")
        lines += ["", "Uraian kejadian:", self.what]
        if self.links:
            lines += ["", "Tautan bukti:", *self.links]
        return "\n".join(lines) + "\n"


def new_report_id() -> str:
    """"r20261207-c3fa901e". The random part starts with a letter: starting with seven digits,
    it joined the date in a run of 15 digits that reads as a NIP ("20261207-1234567..."), and the
    page that tells the reporter the number masked it."""
    while True:
        random_part = secrets.token_hex(4)
        if random_part[0].isalpha():
            return f"r{date.today():%Y%m%d}-{random_part}"


def new_receipt_code() -> str:
    """"7KQM-3HXP-9TRW-ZF2D". Drawn again in the rare case it reads as a NIP (15 or more digits):
    the page that shows it to the reporter would mask it (see `new_report_id`)."""
    while True:
        code = "-".join("".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_GROUP_SIZE))
                        for _ in range(RECEIPT_GROUPS))
        if not NUMBER.search(code):
            return code


def receipt_hash(code: str, salt: bytes | None = None) -> str:
    """What a report keeps of its receipt code: "scrypt$<salt>$<hash>"."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(_typed_code(code).encode(), salt=salt, **SCRYPT_COST)
    return f"scrypt${salt.hex()}${digest.hex()}"


def receipt_matches(report: Report | None, typed: str) -> bool:
    """Whether `typed` is the receipt code of `report` (None: no such report). Spaces, dashes, case
    and look-alike letters (O for 0, I or L for 1) do not matter. The hashes are compared in
    constant time, and a missing report or code costs the same scrypt work as a wrong code, so the
    time of the answer does not tell which report numbers exist."""
    stored = report.receipt if report is not None and RECEIPT_HASH.fullmatch(report.receipt) else None
    salt = bytes.fromhex(stored.split("$")[1]) if stored else bytes(16)
    candidate = receipt_hash(typed if len(typed) <= MAX_TYPED_RECEIPT else "", salt)
    return stored is not None and hmac.compare_digest(candidate, stored)


def _typed_code(text: str) -> str:
    """A code as typed, in the form it was issued in: "7kqm 3hxp-9trw zf2d" -> "7KQM3HXP9TRWZF2D"
    (NFKC first: a phone's full-width "７" is a 7)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).upper() if ch.isalnum()).translate(RECEIPT_TYPOS)


def public_state(report: Report) -> tuple[str, str]:
    """(state, ISO date it began) as the reporter is told it; nothing of the triage note, the case
    or the persons. The triage decision and the worker's progress map to four states:
      received   - stored, waiting for the worker (queued, processing)
      in_review  - read by the worker (processed, or failed: an investigator reads it as it is),
                   waiting in the investigators' triage queue
      forwarded  - accepted as a case, or merged into an existing one: investigated from here on
      closed     - rejected (the reason stays with the investigators)"""
    if report.triage in (ACCEPTED, MERGED):
        return FORWARDED, report.triage_at[:10]
    if report.triage == REJECTED:
        return CLOSED, report.triage_at[:10]
    if report.processing in (PROCESSED, FAILED):
        return IN_REVIEW, (report.processed_at or report.submitted_at)[:10]
    return RECEIVED, report.submitted_at[:10]


def check_form(form: dict[str, str], today: date) -> dict:
    """The form's fields, trimmed and checked; ReportError naming what to fix."""
    what = form.get("what", "").strip()
    if len(what) < 20:
        raise ReportError(_("Ceritakan apa yang terjadi (paling sedikit 20 karakter)."))
    if len(what) > MAX_TEXT:
        raise ReportError(_("Uraian paling panjang {n} karakter.", n=MAX_TEXT))
    fields = {"what": what}
    for name in ("who", "where", "reporter_name", "reporter_contact"):
        value = " ".join(form.get(name, "").split())
        if len(value) > MAX_FIELD:
            raise ReportError(_("Isian {name} paling panjang {n} karakter.", name=name, n=MAX_FIELD))
        fields[name] = value
    fields["when"] = _checked_day(form.get("when", "").strip(), today)
    fields["links"] = URL.findall(form.get("links", ""))[:20]
    return fields


def _checked_day(value: str, today: date) -> str:
    if not value:
        return ""
    day = parse_day(value, lambda bad: ReportError(_("Tanggal kejadian ditulis seperti 2024-10-03.")))
    if day > today or day.year < 2000:
        raise ReportError(_("Tanggal kejadian tidak boleh di masa depan atau sebelum tahun 2000."))
    return day.isoformat()


def file_kind(name: str, data: bytes) -> str:
    """The kind of an uploaded file by its content (and its name must agree); ReportError if it
    is not one Netra accepts."""
    suffix = Path(name).suffix.lower().lstrip(".")
    suffix = "jpg" if suffix == "jpeg" else suffix
    if not data:
        raise ReportError(_("Berkas “{name}” kosong.", name=name))
    if len(data) > MAX_FILE_BYTES:
        raise ReportError(_("Berkas “{name}” lebih dari {n} MiB.", name=name, n=MAX_FILE_BYTES // 2**20))
    kind = _sniff(data)
    if kind is None or kind != suffix:
        raise ReportError(_("Berkas “{name}” bukan PDF, DOCX, PNG, JPG atau teks yang sesuai dengan namanya.", name=name))
    return kind


def _sniff(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if _is_docx(data) else None
    if b"\x00" not in data:
        try:
            data.decode("utf-8")
            return "txt"
        except UnicodeDecodeError:
            return None
    return None


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
            return "word/document.xml" in names and sum(i.file_size for i in archive.infolist()) < 50 * 2**20
    except zipfile.BadZipFile:
        return False


class Intake:
    """The reports on disk."""

    def __init__(self, folder: Path):
        self.folder = folder

    def save(self, report: Report, files: list[tuple[str, bytes]]) -> Report:
        if len(files) > MAX_FILES:
            raise ReportError(_("Paling banyak {n} berkas.", n=MAX_FILES))
        checked = [(name, data, file_kind(name, data)) for name, data in files]  # all checked before writing
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # reporters' contact details
        home = self.folder / report.id
        (home / "evidence").mkdir(parents=True, mode=0o700)
        for number, (name, data, kind) in enumerate(checked, start=1):
            (home / "evidence" / f"{number}.bin").write_bytes(data)
            report.evidence.append(Evidence(number, Path(name.replace("\\", "/")).name[:200], kind, len(data),
                                            hashlib.sha256(data).hexdigest()))
        self.document_path(report).write_text(report.document_text(), encoding="utf-8")
        self.write(report)
        self.mark_unprocessed(report.id)
        return report

    def write(self, report: Report) -> None:
        path = self.folder / report.id / "report.json"
        scratch = path.with_suffix(".tmp")
        scratch.write_text(json.dumps(asdict(report), ensure_ascii=False, indent=1), encoding="utf-8")
        scratch.replace(path)

    def get(self, report_id: str) -> Report | None:
        if not REPORT_ID.fullmatch(report_id):
            return None
        path = self.folder / report_id / "report.json"
        if not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        data["evidence"] = [Evidence(**item) for item in data.get("evidence", [])]
        data.setdefault("processing", PROCESSED)  # saved before reports were queued: processed in the request
        return Report(**data)

    @contextmanager
    def locked(self, report_id: str) -> Iterator[None]:
        """The web process (triage) and the worker both change a report: one at a time (a lock
        on a file in the report's folder; not reentrant: `update(..., lock=False)` inside)."""
        with open(self.folder / report_id / ".lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def update(self, report_id: str, change: Callable[[Report], None], lock: bool = True) -> Report | None:
        """Read the report, apply `change` and write it back, under the report's lock (a
        decision in triage and the worker's results never overwrite each other); `lock=False`
        when the caller holds it."""
        if self.get(report_id) is None:
            return None
        if not lock:
            report = self.get(report_id)
            change(report)
            self.write(report)
            return report
        with self.locked(report_id):
            return self.update(report_id, change, lock=False)

    def mark_unprocessed(self, report_id: str) -> None:
        markers = self.folder / UNPROCESSED
        markers.mkdir(exist_ok=True, mode=0o700)
        (markers / report_id).touch()

    def mark_processed(self, report_id: str) -> None:
        (self.folder / UNPROCESSED / report_id).unlink(missing_ok=True)

    def unprocessed(self, older_than: float = 0, now: float | None = None) -> list[str]:
        """Ids of the reports the worker has not finished (marked more than `older_than` seconds
        before `now`)."""
        markers = self.folder / UNPROCESSED
        if not markers.is_dir():
            return []
        found = []
        for path in markers.iterdir():
            try:
                if REPORT_ID.fullmatch(path.name) and (now is None or path.stat().st_mtime <= now - older_than):
                    found.append(path.name)
            except FileNotFoundError:  # processed meanwhile
                continue
        return sorted(found)

    def all(self) -> list[Report]:
        if not self.folder.is_dir():
            return []
        reports = (self.get(path.name) for path in self.folder.iterdir())
        return sorted((r for r in reports if r), key=lambda r: r.submitted_at, reverse=True)

    def document_path(self, report: Report) -> Path:
        return self.folder / report.id / f"{report.id}-laporan.txt"

    def evidence_path(self, report: Report, number: int) -> Path | None:
        if not any(item.number == number for item in report.evidence):
            return None
        return self.folder / report.id / "evidence" / f"{number}.bin"

    def decide(self, report: Report, decision: str, by: str, note: str = "", lock: bool = True) -> Report:
        def change(stored: Report) -> None:
            stored.triage, stored.triage_by, stored.triage_note = decision, by, note
            stored.triage_at = datetime.now(timezone.utc).isoformat(timespec="seconds")

        return self.update(report.id, change, lock=lock)


def suggestions(extraction) -> dict:
    """What the extraction pipeline found in a report, for the investigator to check."""
    people = [{"name": p.name, "kind": p.kind, "position": p.position, "agency": p.agency, "nip": p.nip}
              for p in extraction.persons]
    acts = sorted({link.detail for link in extraction.links if link.type == "SUPPORTED" and link.detail})
    provisions = sorted({str(ref) for citation in extraction.citations for ref in citation.refs})
    return {"people": [p for p in people if p["kind"] != "Candidate"],
            "candidates": [p for p in people if p["kind"] == "Candidate"],
            "acts": acts, "provisions": provisions,
            "agencies": sorted({a.canonical for a in extraction.agencies}),
            "regions": sorted({r.canonical for r in extraction.regions})}
