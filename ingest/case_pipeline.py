"""`netra ingest-cases PATH...`: case documents, case registers and reports into the graph.

Files are read and extracted in batches of BATCH_FILES, and each batch is written in one
transaction (graph/cases.py) while the next one is extracted; a batch that fails is written again
file by file, so a failing file leaves nothing behind and the others go on. An unchanged file is
skipped; a changed one replaces its own contribution. After the batch, persons are resolved across all documents once
(ingest/person_resolution.py), and so are agency names (ingest/agency_resolution.py); last, the alert
patterns are evaluated (graph/alerts.py).

Inputs: case documents (.txt, .pdf, .html, .docx; .md when named; scans as images or image-only
PDF pages, read by OCR, ingest/ocr.py) read by ingest.cases; registers
(.csv, .jsonl) read by ingest.registers; a .txt whose header says `type: Report` is a report (its
agencies, regions, elections, figures and citations, no persons). A generated corpus names its
documents `<case_id>-<kind>.txt`, which is how a document finds its case; otherwise a Bawaslu
register number in the text does, else the document is a case of its own.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import NamedTuple
from pathlib import Path

from core.progress import progress_bar
from graph.alerts import Evaluation, evaluate_alerts
from graph.cases import CaseRecords, stored_documents, write_case_documents
from graph.db import Graph
from graph.persons import unresolved_mention_count
from core.errors import DatabaseUnavailable, NetraError
from ingest.agency_resolution import AgencySummary, agency_names_kept_apart, refresh_agencies
from ingest.cases import ASN, NOT_PROVEN, OFFICIAL, PROVEN, SUPPORTED, CaseExtraction, extract_case_document
from ingest.cases.agencies import resolve_agency, slug
from ingest.cases.case_facts import document_date
from ingest.cases.elections import election_name
from ingest.citations import extract_citations, resolve_citation, split_header
from ingest.person_resolution import ResolutionSummary, refresh_entities, resolve_new_mentions
from ingest.lookup import GraphProvisionIndex
from ingest.ocr import UnreadableDocument
from ingest.reading import DOCUMENT_SUFFIXES, IMAGE_SUFFIXES, REGISTER_SUFFIXES, ReadText, read_text
from ingest.registers import read_register, row_extraction

CASE_RECORDS_VERSION = 4  # bump when the records change, so unchanged files are loaded again
# A register's dates of each step of a case (the columns), kept on its ABOUT link to the case.
REGISTER_STEP_DATES = ("reported_date", "review_date", "gakkumdu_date", "recommendation_date", "decision_date")
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
TITLE_CHARS = 200  # a document without a header is titled by its first line, if no longer
DOC_KINDS = ("temuan", "laporan", "kajian", "gakkumdu", "rekomendasi", "keputusan")
# "<case>-<kind>", and "<case>-laporan-<report id>" for a public report merged into a case.
GENERATED_NAME = re.compile(rf"(?P<case>.+)-(?:{'|'.join(DOC_KINDS)})(?:-r\d{{8}}-[0-9a-f]{{8}})?")
STAGE_RANK = {"temuan": 1, "laporan": 1, "kajian": 2, "gakkumdu": 2, "rekomendasi": 3, "keputusan_ppk": 4,
              "register": 9}
CLOSED = (NOT_PROVEN, "dismissed")
# Which agency handled which stage: (stage, link type, agency kinds).
STAGE_AGENCIES = [("temuan", "FOUND_BY", ("Bawaslu",)), ("laporan", "FOUND_BY", ("Bawaslu",)),
                  ("kajian", "HANDLED_BY", ("Bawaslu",)), ("gakkumdu", "HANDLED_BY", ("Sentra Gakkumdu",)),
                  ("rekomendasi", "RECOMMENDED_BY", ("KASN", "BKN"))]
REGION_LEVELS = ("Provinsi", "Kabupaten", "Kota", "Kecamatan", "Kelurahan", "Nagari", "Desa", "Jorong")
DECREE_HEADING = re.compile(r"^KEPUTUSAN\s+((?:BUPATI|WALI ?KOTA|GUBERNUR|MENTERI)\b[^\n]*)", re.MULTILINE)
RANK = re.compile(r"Pangkat(?:/Gol(?:ongan)?\.?)?\s*:\s*([^\n]+)")
SENTENCE_REACH = 1000  # characters searched either side of a span for its sentence's ends (600 are kept)
FIGURE = re.compile(r"[^.\n]*\b\d[\d.,]*\s*(?:%|persen\b|kasus\b|pelanggaran\b|ASN\b|laporan\b|temuan\b)[^.\n]*")


@dataclass
class CaseOutcome:
    path: str
    status: str  # loaded, unchanged, skipped, failed, unreadable (a scan without readable text; why in warnings)
    document_id: str | None = None
    kind: str | None = None  # CaseDocument, Register, Report
    cases: int = 0
    persons: int = 0  # person mentions
    links: int = 0
    citations_resolved: int = 0
    citations_unresolved: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    ocr_confidence: float | None = None  # a scan: the mean confidence of the words OCR read
    reading: list[str] = field(default_factory=list)  # what reading the file warned of (OCR pages left out)


@dataclass
class CaseIngestSummary:
    outcomes: list[CaseOutcome] = field(default_factory=list)
    resolution: ResolutionSummary | None = None
    resolve_seconds: float = 0.0
    alerts: Evaluation | None = None  # the alert patterns evaluated once everything is written
    agencies: AgencySummary | None = None  # the agency links re-read once everything is written

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def totals(self) -> dict:
        return {"files": len(self.outcomes),
                **{status: self.count(status) for status in ("loaded", "unchanged", "skipped", "failed", "unreadable")},
                "ocr": sum(1 for outcome in self.outcomes if outcome.ocr_confidence is not None),
                **{key: sum(getattr(o, key) for o in self.outcomes)
                   for key in ("cases", "persons", "links", "citations_resolved", "citations_unresolved")}}

    def to_json(self) -> dict:
        return {"totals": self.totals, "resolution": asdict(self.resolution) if self.resolution else None,
                "resolve_seconds": round(self.resolve_seconds, 2),
                "alerts": self.alerts.to_json() if self.alerts else None,
                "agencies": asdict(self.agencies) if self.agencies else None,
                "files": [asdict(outcome) for outcome in self.outcomes]}


# -- finding and reading files ----------------------------------------------------------------

def find_inputs(paths: list[str]) -> list[Path]:
    """Files as given, and folders searched recursively; registers first. A register.csv next to
    a register.jsonl holds the same rows and is left out."""
    found = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file()
                           and f.suffix.lower() in DOCUMENT_SUFFIXES + REGISTER_SUFFIXES)
            found += [f for f in files if not (f.suffix.lower() == ".csv" and f.with_suffix(".jsonl").exists())]
        else:
            found.append(path)
    return sorted(found, key=lambda f: f.suffix.lower() not in REGISTER_SUFFIXES)


# -- a run: files prepared in batches, each batch written in one transaction ----------------

# Files new to the graph are written this many to a transaction: thousands of small documents
# are bound by round trips to the server (and by the writer thread waiting for the GIL that spaCy
# holds). 200 instead of 25: 42 instead of 25 files/s on 1,000 generated cases. A failing batch is
# written again one file at a time.
BATCH_FILES = 200


@dataclass
class _Prepared:
    """One file read, identified and (unless unchanged or skipped) built into records."""

    outcome: CaseOutcome
    records: CaseRecords | None = None


def ingest_cases(paths: list[str], graph: Graph, replace: bool = False, show_progress: bool = True,
                 resolve: str = "full") -> CaseIngestSummary:
    """A batch is read and extracted in this thread while the previous one is written in another:
    Python (spaCy) and the server each keep a core busy. `resolve`: "full" re-resolves every person
    mention afterwards; "incremental" resolves only the new documents' mentions against the persons
    they could be (ingest/person_resolution.py resolve_new_mentions), unless a document replaced an
    earlier version of itself (its persons lost mentions: then the full resolution runs)."""
    if resolve not in ("full", "incremental"):
        raise ValueError(f"resolve must be 'full' or 'incremental', not {resolve!r}")
    summary = CaseIngestSummary()
    files = find_inputs(paths)
    run = _Run(graph, replace, show_progress)
    with (progress_bar(total=len(files), desc="Ingesting cases", unit="file", disable=not show_progress) as bar,
          ThreadPoolExecutor(max_workers=1, thread_name_prefix="netra-case-writer") as writer):
        writing = None
        for start in range(0, len(files), BATCH_FILES):
            batch = run.prepare(files[start:start + BATCH_FILES], bar.update)
            if writing is not None:
                summary.outcomes.extend(writing.result())
            writing = writer.submit(run.write, batch)
        if writing is not None:
            summary.outcomes.extend(writing.result())
    began = time.monotonic()
    if resolve == "incremental" and not run.replaced:
        loaded = [outcome.document_id for outcome in summary.outcomes if outcome.status == "loaded"]
        summary.resolution = resolve_new_mentions(graph, loaded) if loaded else None
    elif summary.count("loaded") or not _resolved_once(graph):
        summary.resolution = refresh_entities(graph, show_progress)
        # Every agency name at once, as every person: slips between names, verdicts, gazetteer edits.
        # The incremental path (a report accepted in triage) leaves that to the next full run.
        summary.agencies = refresh_agencies(graph)
    summary.resolve_seconds = time.monotonic() - began if summary.resolution else 0.0
    summary.alerts = evaluate_alerts(graph)
    return summary


def _resolved_once(graph: Graph) -> bool:
    """False while mentions exist that no Person stands for yet (e.g. after an interrupted run)."""
    return unresolved_mention_count(graph) == 0


class _Run:
    """One ingest run. `prepare` runs in the caller's thread, `write` in the writer's."""

    def __init__(self, graph: Graph, replace: bool, show_progress: bool = False):
        self.graph, self.replace, self.show_progress = graph, replace, show_progress
        self.index = GraphProvisionIndex(graph)  # one per run: each regulation's provisions fetched once
        self.kept_apart = agency_names_kept_apart(graph)  # reviewers' rejections, honoured as files are read
        self.planned: dict[str, dict] = {}  # documents this run writes (their batch may be in flight)
        self.replaced: set[str] = set()  # documents loaded again over an earlier version

    def prepare(self, paths: list[Path], advance: Callable[[int], object]) -> list[_Prepared]:
        unchanged = self._unchanged_scans(paths)
        read = [(None, unchanged[path]) if path in unchanged
                else _attempt(path, lambda: _identify(path, read_text(path, self.show_progress))) for path in paths]
        stored = stored_documents(self.graph, [found.document["id"] for found, _ in read if found])
        prepared = []
        for path, (found, failure) in zip(paths, read):
            if failure:
                prepared.append(_Prepared(failure))
            else:
                built, failure = _attempt(path, lambda: self._build(found, stored))
                prepared.append(built or _Prepared(failure))
            advance(1)
        return prepared

    def _unchanged_scans(self, paths: list[Path]) -> dict[Path, CaseOutcome]:
        """Scans loaded before from the same bytes, found unchanged without OCR (seconds a page)."""
        scans = {path: f"casedoc:{path.stem}" for path in paths
                 if path.suffix.lower() in (".pdf",) + IMAGE_SUFFIXES and path.is_file()}
        stored = stored_documents(self.graph, list(scans.values())) if scans else {}
        found = {}
        for path, document_id in scans.items():
            earlier = stored.get(document_id)
            if earlier and earlier.get("ocr") and earlier["path"] == str(path) \
                    and earlier.get("records_version") == CASE_RECORDS_VERSION \
                    and earlier.get("file_sha256") == _file_sha256(path):
                found[path] = CaseOutcome(str(path), "unchanged", document_id, "CaseDocument",
                                          ocr_confidence=earlier.get("ocr_confidence"))
        return found

    def _build(self, found: _Identified, stored: dict[str, dict]) -> _Prepared:
        document = found.document
        outcome = CaseOutcome(document["path"], "loaded", document["id"], document["kind"],
                              ocr_confidence=document.get("ocr_confidence"), reading=found.reading)
        earlier = self.planned.get(document["id"]) or stored.get(document["id"])
        if earlier and earlier["sha256"] == document["sha256"] \
                and earlier.get("records_version") == CASE_RECORDS_VERSION:
            outcome.status = "unchanged"
            return _Prepared(outcome)
        if earlier and earlier["path"] != document["path"] and not self.replace:
            outcome.status = "skipped"
            outcome.warnings.append(f"{document['id']} was already loaded from {earlier['path']}; "
                                    "use --replace to load this file instead")
            return _Prepared(outcome)
        records = _records(found, outcome, self.index, self.kept_apart)
        self.planned[document["id"]] = document
        if earlier:
            self.replaced.add(document["id"])
        return _Prepared(outcome, records)

    def write(self, batch: list[_Prepared]) -> list[CaseOutcome]:
        pending = [entry for entry in batch if entry.records is not None]
        if len(pending) > 1:
            _, failure = _attempt(Path("a batch"), lambda: write_case_documents(self.graph, [p.records for p in pending]))
            if not failure:
                return [entry.outcome for entry in batch]
        for entry in pending:  # one by one, so that a failure stays with the file that caused it
            _, failure = _attempt(Path(entry.outcome.path), lambda: write_case_documents(self.graph, [entry.records]))
            if failure:
                entry.outcome = failure
        return [entry.outcome for entry in batch]


def _attempt(path: Path, work: Callable[[], object]) -> tuple[object, CaseOutcome | None]:
    """(result, None), or (None, a failed outcome) when the file is at fault. A lost database
    connection is nobody's file: it stops the whole run."""
    try:
        return work(), None
    except DatabaseUnavailable as exc:  # graph.db turns a dropped connection into this
        raise DatabaseUnavailable(f"{exc} Stopped while loading {path}: nothing of an unfinished batch "
                                  "was written. Run the same command again to go on.")
    except UnreadableDocument as exc:  # reported as such, never loaded empty
        return None, CaseOutcome(str(path), "unreadable", warnings=[str(exc)])
    except NetraError as exc:
        return None, CaseOutcome(str(path), "failed", error=str(exc))
    except Exception as exc:  # a damaged file can break any reader (pypdf, docx) or the extractor
        return None, CaseOutcome(str(path), "failed", error=f"cannot be read ({type(exc).__name__}: {exc})")


@dataclass
class _Identified:
    """A file's text and the Document it becomes."""

    path: Path
    text: str
    header: dict
    body_start: int
    document: dict
    reading: list[str]  # warnings from reading the file


def _identify(path: Path, read: ReadText) -> _Identified:
    text = read.text
    header, body_start = split_header(text) if path.suffix.lower() == ".txt" else ({}, 0)
    kind = ("Register" if path.suffix.lower() in REGISTER_SUFFIXES
            else "Report" if header.get("type", "").lower() == "report" else "CaseDocument")
    document_id = {"Register": f"register:{path.parent.name}/{path.name}", "Report": f"report:{path.stem}",
                   "CaseDocument": f"casedoc:{path.stem}"}[kind]
    document = {"id": document_id, "kind": kind, "path": str(path),
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "chars": len(text),
                "format": path.suffix.lower().lstrip("."), "records_version": CASE_RECORDS_VERSION,
                "title": header.get("title") or (_first_line(text[body_start:]) if kind != "Register" else None),
                **({**read.scan.properties(), "file_sha256": _file_sha256(path)} if read.scan else {})}
    return _Identified(path, text, header, body_start, document, read.scan.warnings if read.scan else [])


def _file_sha256(path: Path) -> str:
    """A scan's own hash: its text's hash can only be had by reading it again with OCR."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _first_line(text: str) -> str | None:
    """A document's first line, as its title when its header gives none ("TEMUAN BAWASLU KOTA SOLOK")."""
    line = text.lstrip().partition("\n")[0].strip()
    return line if 0 < len(line) <= TITLE_CHARS else None


def _records(found: _Identified, outcome: CaseOutcome, index: GraphProvisionIndex,
             kept_apart: frozenset = frozenset()) -> CaseRecords:
    """Extract the file and build the rows graph.cases writes; the outcome's counts as it goes."""
    path, text, kind = found.path, found.text, found.document["kind"]
    builder = RecordsBuilder(CaseRecords(found.document), text, index, kept_apart)
    if kind == "Register":
        rows, outcome.warnings = read_register(text, path.suffix.lower())
        for row in rows:
            builder.add_register_row(row_extraction(row, text, found.document["id"]), row.values)
    elif kind == "Report":
        extraction = extract_case_document(text[found.body_start:], found.document["id"])
        builder.add_report(extraction, found.body_start)
        builder.records.document["date"] = document_date(extraction.dates, text[found.body_start:])
    else:
        extraction = extract_case_document(text, path.stem)
        outcome.warnings = list(extraction.problems)
        builder.records.document["date"] = document_date(extraction.dates, text)
        builder.add_case_document(extraction, _case_of_document(path.stem, extraction))
    records = builder.records
    records.document["unresolved_citations"] = list(builder.unresolved_texts)
    outcome.cases, outcome.persons, outcome.links = len(records.cases), len(records.mentions), len(records.claims)
    outcome.citations_resolved, outcome.citations_unresolved = builder.resolved, builder.unresolved
    return records


def _case_of_document(stem: str, extraction: CaseExtraction) -> str:
    generated = GENERATED_NAME.fullmatch(stem)
    if generated:
        return f"case:{generated['case']}"
    if extraction.case_number and "/Reg/" in extraction.case_number:
        return f"case:{extraction.case_number}"
    return f"case:{stem}"


# -- records ---------------------------------------------------------------------------------

class AgencyRef(NamedTuple):
    """An Agency a document names, and what its links keep of how it was named (named_as, named_region)."""

    id: str
    named: dict


class RecordsBuilder:
    """Turns extractions into the rows graph.cases writes; one builder per file."""

    def __init__(self, records: CaseRecords, text: str, index: GraphProvisionIndex,
                 kept_apart: frozenset = frozenset()):
        self.records, self.text, self.index = records, text, index
        self.kept_apart = kept_apart  # {frozenset((Agency id as written, Agency id))} a reviewer rejected
        self.resolved = self.unresolved = 0
        self.unresolved_texts: dict[str, None] = {}  # each text once: a register repeats its legal bases
        self._shared: set[str] = set()

    def add_case_document(self, extraction: CaseExtraction, case_id: str) -> None:
        about = {"stage": extraction.stage, "outcome": extraction.outcome,
                 "rank": STAGE_RANK.get(extraction.stage or "", 0), "number": _register_number(extraction)}
        self._add_case(case_id, about, extraction)
        self._mention_entities(extraction)
        agencies = [(mention, resolved) for mention in extraction.agencies
                    if (resolved := resolve_agency(mention.canonical)) is not None]
        # The case's region: that of the Bawaslu office (or its Panwascam) that found or handled it.
        region = next((resolved.region for _mention, resolved in agencies
                       if resolved.kind == "Bawaslu" and resolved.region), None)
        if region:
            self._case_link(case_id, "IN_REGION", "Region", self._region(region), None)
        if extraction.elections:
            self._case_link(case_id, "IN_ELECTION", "Election",
                            self._election(extraction.elections[0].canonical, region), extraction.elections[0])
        for stage, link_type, kinds in STAGE_AGENCIES:
            if extraction.stage == stage or (stage == "gakkumdu" and "Gakkumdu" in self.text[:200]):
                mention = next((mention for mention, resolved in agencies if resolved.kind in kinds), None)
                agency = self._agency(mention.canonical) if mention else None
                if agency:
                    self._case_link(case_id, link_type, "Agency", agency.id, mention, agency.named)
        decree = DECREE_HEADING.search(self.text[:300])
        ppk = self._agency(decree[1].strip().title()) if decree else None
        self._add_sanction(case_id, extraction, ppk)

    def add_register_row(self, extraction: CaseExtraction, values: dict) -> None:
        case_id = f"case:{values['case_id']}"
        about = {"stage": extraction.stage, "outcome": extraction.outcome, "rank": STAGE_RANK["register"],
                 "number": values.get("case_number"), "source": values.get("source"), "act": values.get("act"),
                 "act_date": values.get("act_date"),
                 **{column: values[column] for column in REGISTER_STEP_DATES
                    if isinstance(values.get(column), str) and ISO_DAY.match(values[column])}}
        self._add_case(case_id, about, extraction, date=values.get("act_date"))
        region = values.get("region")
        if region:
            self._case_link(case_id, "IN_REGION", "Region", self._region(region), None)
            bawaslu = self._agency(f"Bawaslu {region}") if values.get("source") else None
            if bawaslu:
                self._case_link(case_id, "FOUND_BY", "Agency", bawaslu.id, None, bawaslu.named)
        if values.get("election"):
            self._case_link(case_id, "IN_ELECTION", "Election",
                            self._election(values["election"].replace("-", " ").title(), region), None)
        recommending = self._agency(values["recommending_body"]) if values.get("recommending_body") else None
        if recommending:
            self._case_link(case_id, "RECOMMENDED_BY", "Agency", recommending.id, None, recommending.named)
        ppk = self._agency(values["ppk"]) if values.get("ppk") else None
        self._add_sanction(case_id, extraction, ppk if values.get("sanction_imposed") else None)

    def add_report(self, extraction: CaseExtraction, offset: int) -> None:
        """A report: the agencies, regions and elections it names, its figures and citations."""
        self._mention_entities(extraction)
        body = self.text[offset:]
        self.records.document["figures"] = list(dict.fromkeys(
            re.sub(r"\s+", " ", match.group(0)).strip() for match in FIGURE.finditer(body)))[:50]
        self._add_citations([citation.moved(offset) for citation in extraction.citations], None)

    def _mention_entities(self, extraction: CaseExtraction) -> None:
        """(:Document)-[:MENTIONS]->: the agencies, regions and elections a document names."""
        for mention in extraction.agencies:
            agency = self._agency(mention.canonical)
            if agency:
                self.records.mentioned.append({"label": "Agency", "id": agency.id, **agency.named})
        for region in extraction.regions:
            self.records.mentioned.append({"label": "Region", "id": self._region(region.canonical)})
        for election in extraction.elections:
            self.records.mentioned.append({"label": "Election", "id": self._election(election.canonical, None)})

    # -- parts shared by documents and registers

    def _add_case(self, case_id: str, about: dict, extraction: CaseExtraction, date: str | None = None) -> None:
        self.records.cases.append({"id": case_id, "about": {k: v for k, v in about.items() if v is not None}})
        rank = self._rank(extraction)
        for person in extraction.persons:
            first = person.mentions[0] if person.mentions else None
            self.records.mentions.append({
                "id": person.id, "case_id": case_id, "name": person.name, "titles": list(person.titles),
                "adat_title": person.adat_title, "nip": person.nip, "nip_kind": person.nip_kind,
                "kind": person.kind, "position": person.position, "agency": person.agency, "region": person.region,
                "race": person.race, "ballot_number": person.ballot_number, "incumbent": person.incumbent,
                "rank": rank if person.nip else None,
                "start": first.start if first else None, "end": first.end if first else None})
        for link in extraction.links:
            target = self._claim_target(link, extraction)
            if target is None:
                continue  # an agency such as "Dinas" of no region: no particular body
            label, target_id, named = target
            self._claim(link.source, link.type, label, target_id, link.status, link.evidence,
                        link.detail, link.method, case_id, date or self._date_in(extraction, link.evidence), named)
        for person in self._respondents(extraction):
            span = (person.mentions[0].start, person.mentions[0].end) if person.mentions else (0, 0)
            self._claim(person.id, "RESPONDENT_IN", "Case", case_id, _case_status(extraction.outcome), span,
                        None, "rule", case_id, date)
        self._add_citations(extraction.citations, case_id)

    def _claim_target(self, link, extraction: CaseExtraction) -> tuple[str, str, dict | None] | None:
        """(label, id, what an agency link keeps of how it was written) of what a link points at."""
        if link.target_kind == "Person":
            return "PersonMention", link.target, None
        if link.target_kind == "Position":
            return "Position", self._position(link.target), None
        agency = self._agency(link.target, extraction.person(link.source).region)  # where the person works
        return ("Agency", agency.id, agency.named) if agency else None

    def _rank(self, extraction: CaseExtraction) -> str | None:
        return self._stated_rank if extraction.stage == "keputusan_ppk" else None

    @cached_property
    def _stated_rank(self) -> str | None:
        """The rank a decision's form states (searched once: a register's rows share one text)."""
        match = RANK.search(self.text)
        return match[1].strip() if match else None

    def _respondents(self, extraction: CaseExtraction):
        """Whom the case is about: the ASN named, and officials said to have supported a candidate."""
        supporters = {link.source for link in extraction.links if link.type == SUPPORTED}
        return [person for person in extraction.persons
                if person.kind == ASN or (person.kind == OFFICIAL and person.id in supporters)]

    def _claim(self, source: str, link_type: str, label: str, target_id: str, status: str, span: tuple[int, int],
               detail: str | None, method: str, case_id: str, date: str | None, named: dict | None = None) -> None:
        self.records.claims.append({"source_id": source, "target_label": label, "target_id": target_id,
                                    "properties": {"type": link_type, "status": status, "detail": detail,
                                                   "method": method, "case_id": case_id, "date": date,
                                                   "start": span[0], "end": span[1],
                                                   "sentence": self._sentence(span), **(named or {})}})

    def _case_link(self, case_id: str, link_type: str, label: str, target_id: str, mention,
                   named: dict | None = None) -> None:
        span = (mention.start, mention.end) if mention else None
        self.records.case_links.append({"case_id": case_id, "type": link_type, "target_label": label,
                                        "target_id": target_id, "properties": {
                                            "start": span and span[0], "end": span and span[1],
                                            "sentence": self._sentence(span) if span else None, "method": "rule",
                                            **(named or {})}})

    def _add_sanction(self, case_id: str, extraction: CaseExtraction, ppk: AgencyRef | None) -> None:
        sanction = extraction.sanction
        if sanction is None or (sanction.level is None and sanction.type is None):
            return
        provisions = [pid for basis in sanction.legal_basis for citation in extract_citations(basis)
                      for pid in self._resolve(citation)]
        self.records.sanctions.append({
            "id": f"{self.records.document['id']}#{case_id}#sanction", "case_id": case_id,
            "by_agency_id": ppk.id if ppk else None, "by_agency_named": ppk.named if ppk else {},
            "provision_ids": provisions,
            "properties": {"level": sanction.level, "type": sanction.type, "status": sanction.status,
                           "legal_basis": list(sanction.legal_basis), "start": sanction.evidence[0],
                           "end": sanction.evidence[1], "sentence": self._sentence(sanction.evidence)}})

    def _add_citations(self, citations, case_id: str | None) -> None:
        for citation in citations:
            ids = self._resolve(citation)
            for target_id in ids:
                self.records.citations.append({"target_id": target_id, "properties": {
                    "raw": citation.raw, "start": citation.start, "end": citation.end, "case_id": case_id}})
            if not ids:
                self.unresolved_texts[citation.raw] = None

    def _resolve(self, citation) -> list[str]:
        resolution = resolve_citation(citation, self.index)
        if resolution.resolved and resolution.ids:
            self.resolved += 1
            return list(resolution.ids)
        self.unresolved += 1
        return []

    # -- shared nodes: merged by an id made from the name

    def _shared_node(self, label: str, prefix: str, name: str, **properties) -> str:
        node_id = f"{prefix}:{slug(name)}"
        if node_id not in self._shared:
            self._shared.add(node_id)
            self.records.shared.append({"label": label, "id": node_id,
                                        "properties": {"name": name, **properties}})
        return node_id

    def _agency(self, name: str, region: str | None = None) -> AgencyRef | None:
        """The Agency a name written in the document is (ingest.cases.agencies; None if it names
        none), with what its links keep of how it was written: the name, and the region of the
        person employed there when that completed it. The agency refresh reads them again."""
        resolved = resolve_agency(name, region)
        if resolved is None:
            return None
        if frozenset((resolved.own_id, resolved.id)) in self.kept_apart:
            resolved = resolved.as_own()
        node_id = self._shared_node("Agency", "agency", resolved.name, kind=resolved.kind, level=resolved.level,
                                    region=resolved.region)
        return AgencyRef(node_id, {"named_as": name, "named_region": region})

    def _position(self, title: str) -> str:
        return self._shared_node("Position", "position", title)

    def _region(self, name: str) -> str:
        place, _, parent = name.partition(",")
        level = next((word.lower() for word in REGION_LEVELS if place.strip().startswith(word)), None)
        region_id = self._shared_node("Region", "region", name, level=level)
        if parent.strip():
            parent_id = self._region(parent.strip())
            self.records.region_parts.append({"id": region_id, "parent_id": parent_id})
        return region_id

    def _election(self, name: str, region: str | None) -> str:
        return self._shared_node("Election", "election", election_name(name, region))

    # -- evidence

    def _sentence(self, span: tuple[int, int] | None) -> str | None:
        """The sentence (or register line) around a span."""
        if not span:
            return None
        start, end = span
        # Searched near the span only: a register of thousands of rows is one text.
        lower, upper = max(0, start - SENTENCE_REACH), min(len(self.text), end + SENTENCE_REACH)
        stop = self.text.rfind(". ", lower, start)
        left = max(stop + 2 if stop >= 0 else lower, self.text.rfind("\n", lower, start) + 1, lower)
        right_candidates = [i for i in (self.text.find(". ", end, upper), self.text.find("\n", end, upper)) if i >= 0]
        right = min(right_candidates) + 1 if right_candidates else upper
        return re.sub(r"\s+", " ", self.text[min(left, start):max(right, end)]).strip()[:600]

    def _date_in(self, extraction: CaseExtraction, span: tuple[int, int]) -> str | None:
        return next((d.iso for d in extraction.dates if d.role == "event" and span[0] <= d.start < span[1]), None)


def _case_status(outcome: str) -> str:
    return PROVEN if outcome == PROVEN else NOT_PROVEN if outcome in CLOSED else "alleged"


def _register_number(extraction: CaseExtraction) -> str | None:
    number = extraction.case_number
    return number if number and "/Reg/" in number else None


