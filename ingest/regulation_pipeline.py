"""`netra ingest PATH...`: files, folders and .tar.gz archives of regulations into the graph.

Each document is read, parsed and written in one transaction, so a failure leaves nothing
of it behind; a failing file is reported and the batch goes on. Ingesting the same file again
changes nothing; a changed file replaces that document's contribution.
"""

from __future__ import annotations

import hashlib
import re
import tarfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from core.progress import progress_bar
from graph.db import Graph
from core.errors import DatabaseUnavailable, NetraError
from graph.regulations import (RegulationRecords, documents, mark_settled, pending_citations, settle_pending,
                               unsettled_regulations, write_regulations)
from core.refs import ProvisionRef
from ingest.citations import CITED, CitedProvision, ProvisionCitation, resolve_citation
from ingest.lookup import GraphProvisionIndex
from ingest.regulation import parse_regulation, read_document
from ingest.regulation.model import SourceInfo
from ingest.regulation.records import RECORDS_VERSION, Source, build_records
from ingest.regulation.sources import iter_archive

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".pdf", ".html", ".htm", ".docx")
MAX_FILE_BYTES = 50 * 2**20


@dataclass
class DocumentOutcome:
    path: str
    status: str  # loaded, unchanged, skipped, failed
    regulation: str | None = None
    provisions: int = 0
    citations_resolved: int = 0
    citations_unresolved: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class IngestSummary:
    outcomes: list[DocumentOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def totals(self) -> dict:
        return {
            "documents": len(self.outcomes),
            **{status: self.count(status) for status in ("loaded", "unchanged", "skipped", "failed")},
            "provisions": sum(o.provisions for o in self.outcomes),
            "citations_resolved": sum(o.citations_resolved for o in self.outcomes),
            "citations_unresolved": sum(o.citations_unresolved for o in self.outcomes),
            "warnings": sum(len(o.warnings) for o in self.outcomes),
        }

    def to_json(self) -> dict:
        return {"totals": self.totals, "documents": [asdict(outcome) for outcome in self.outcomes]}


@dataclass
class SourceDocument:
    """One document to ingest, read lazily."""

    path: str
    read: Callable[[], tuple[str, SourceInfo]]
    sort_key: tuple = ()


def find_documents(paths: list[str]) -> Iterator[SourceDocument]:
    """Files, folders (recursively) and .tar.gz archives; base laws before the laws amending them."""
    for given in paths:
        path = Path(given)
        if not path.exists():
            yield SourceDocument(given, _missing(given))
        elif path.is_dir():
            files = [f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES]
            yield from sorted((_file_document(f) for f in files), key=lambda d: d.sort_key)
        elif path.name.endswith((".tar.gz", ".tgz")):
            yield from _archive_documents(path)
        else:
            yield _file_document(path)


def _file_document(path: Path) -> SourceDocument:
    return SourceDocument(str(path), lambda: _read_file(path), _year_key(path.name))


def _read_file(path: Path) -> tuple[str, SourceInfo]:
    size = path.stat().st_size
    if size == 0:
        raise NetraError("the file is empty")
    if size > MAX_FILE_BYTES:
        raise NetraError(f"the file is {size / 2**20:.0f} MiB; regulations over {MAX_FILE_BYTES // 2**20} MiB are refused")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise NetraError(f"unsupported file type {path.suffix!r} (supported: {', '.join(SUPPORTED_SUFFIXES)})")
    return read_document(path)


def _archive_documents(path: Path) -> Iterator[SourceDocument]:
    try:
        for member, text, info in iter_archive(path):
            yield SourceDocument(f"{path}::{member}", lambda text=text, info=info: (text, info))
    except (tarfile.TarError, OSError, EOFError) as exc:
        yield SourceDocument(str(path), _failing(f"cannot read the archive: {exc}"))


def _missing(path: str):
    return _failing(f"no such file or folder: {path}")


def _failing(message: str):
    def read():
        raise NetraError(message)
    return read


def _year_key(name: str) -> tuple:
    """Order files by the year in their name, so a base law is loaded before its amendments."""
    years = re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", name)
    return (int(years[-1]) if years else 9999, name)


def ingest(paths: list[str], graph: Graph, replace: bool = False, show_progress: bool = True) -> IngestSummary:
    return ingest_documents(list(find_documents(paths)), graph, replace, show_progress)


# Documents new to the graph are written this many to a transaction: a whole-archive load is
# bound by round trips to the server, not by rows. A failing batch is retried one by one.
BATCH_DOCUMENTS = 25


def ingest_documents(documents: list[SourceDocument], graph: Graph, replace: bool = False,
                     show_progress: bool = True) -> IngestSummary:
    """Batches are parsed and built in this thread while the previous one is written in another:
    Python and the server each keep a core busy."""
    summary = IngestSummary()
    _settle_unfinished(graph)
    run = _Run(graph, replace)
    with (progress_bar(total=len(documents), desc="Ingesting", unit="doc", disable=not show_progress) as bar,
          ThreadPoolExecutor(max_workers=1, thread_name_prefix="netra-writer") as writer):
        writing = None
        for start in range(0, len(documents), BATCH_DOCUMENTS):
            batch = run.prepare(documents[start:start + BATCH_DOCUMENTS], bar.update)
            if writing is not None:
                summary.outcomes.extend(run.written(writing.result(), following=batch))
            writing = writer.submit(run.write, batch)
        if writing is not None:
            summary.outcomes.extend(writing.result())
    return summary


def ingest_document(source: SourceDocument, graph: Graph, replace: bool = False) -> DocumentOutcome:
    return ingest_documents([source], graph, replace, show_progress=False).outcomes[0]


@dataclass
class _Pending:
    """A parsed document waiting to be written."""

    source: SourceDocument
    outcome: DocumentOutcome
    parsed: object
    text: str
    sha: str
    records: RegulationRecords | None = None

    @property
    def document_id(self) -> str:
        return f"doc:{self.parsed.ref.id}"


@dataclass
class _Batch:
    entries: list[_Pending | DocumentOutcome]  # in input order; failed reads are outcomes
    new: list[_Pending]
    replacing: list[_Pending]

    def outcomes(self) -> list[DocumentOutcome]:
        return [entry.outcome if isinstance(entry, _Pending) else entry for entry in self.entries]


class _Run:
    """One ingest run. `prepare` and `written` run in the caller's thread, `write` in the writer's."""

    def __init__(self, graph: Graph, replace: bool):
        self.graph, self.replace = graph, replace
        # One index for the run: each regulation's provisions are fetched from the graph once,
        # and every document built adds its own.
        self.index = GraphProvisionIndex(graph)
        self.planned: dict[str, dict] = {}  # documents this run loads: id -> sha256, path

    def prepare(self, sources: list[SourceDocument], advance: Callable[[int], object]) -> _Batch:
        entries: list[_Pending | DocumentOutcome] = []
        for source in sources:
            pending, failure = _attempt(source.path, lambda: _read_and_parse(source))
            entries.append(pending or failure)
            advance(1)
        new, replacing = _sort_out([e for e in entries if isinstance(e, _Pending)], self.graph, self.replace,
                                   self.planned)
        for pending in new:
            _build(pending, self.index)
        return _Batch(entries, new, replacing)

    def write(self, batch: _Batch) -> list[DocumentOutcome]:
        _write_new([p for p in batch.new if p.records], self.graph)
        for pending in batch.replacing:
            # A replaced document's old provisions must not linger in the index.
            if _build(pending, GraphProvisionIndex(self.graph)):
                _write(pending, self.graph, replacing=True)
        loaded = [p for p in batch.new + batch.replacing if p.outcome.status == "loaded"]
        if loaded:
            amended = [regulation_id for p in loaded for regulation_id in _amended_ids(p.records)]
            _retry_pending_citations(self.graph, [p.parsed.ref.id for p in loaded] + amended,
                                     written=[p.document_id for p in loaded], amended=amended)
            mark_settled(self.graph, [p.document_id for p in loaded])
        return batch.outcomes()

    def written(self, outcomes: list[DocumentOutcome], following: _Batch) -> list[DocumentOutcome]:
        """The following batch was built meanwhile, with an index that knew the documents just
        written: if one of them failed, it is built again without it."""
        if any(outcome.status == "failed" for outcome in outcomes):
            self.index = GraphProvisionIndex(self.graph)
            for pending in following.new:
                if pending.records:
                    _build(pending, self.index)
        return outcomes


def _read_and_parse(source: SourceDocument) -> _Pending:
    text, info = source.read()
    if not text.strip():
        raise NetraError("the document has no text")
    parsed = parse_regulation(text, info)
    if parsed.ref is None:
        raise NetraError("cannot tell which regulation this is (no type, number and year in its heading)")
    outcome = DocumentOutcome(source.path, "loaded", regulation=parsed.ref.citation, warnings=list(parsed.warnings))
    return _Pending(source, outcome, parsed, text, hashlib.sha256(text.encode("utf-8")).hexdigest())


def _sort_out(parsed: list[_Pending], graph: Graph, replace: bool,
              planned: dict[str, dict]) -> tuple[list[_Pending], list[_Pending]]:
    """Which documents are new, which replace an earlier load; the rest are unchanged or skipped.
    `planned` holds the documents loaded earlier in this run (their batch may still be in flight)."""
    existing = documents(graph, [p.document_id for p in parsed])
    new, replacing = [], []
    for pending in parsed:
        earlier = planned.get(pending.document_id) or existing.get(pending.document_id)
        if earlier and earlier["sha256"] == pending.sha and earlier.get("records_version") == RECORDS_VERSION:
            pending.outcome.status = "unchanged"
        elif earlier and earlier["path"] != pending.source.path and not replace:
            pending.outcome.status = "skipped"
            pending.outcome.warnings.append(f"{pending.parsed.ref.citation} was already loaded from "
                                            f"{earlier['path']}; use --replace to load this source instead")
        elif pending.document_id in planned:
            pending.outcome.status = "skipped"
            pending.outcome.warnings.append(f"{pending.parsed.ref.citation} appears twice in this run")
        else:
            (replacing if earlier else new).append(pending)
            planned[pending.document_id] = {"sha256": pending.sha, "path": pending.source.path,
                                         "records_version": RECORDS_VERSION}
    return new, replacing


def _build(pending: _Pending, index: GraphProvisionIndex) -> bool:
    source = Source(pending.document_id, pending.sha, pending.source.path, pending.parsed.source.format,
                    len(pending.text))
    records, failure = _attempt(pending.source.path, lambda: build_records(pending.parsed, pending.text, source, index))
    if failure:
        pending.outcome = failure
        return False
    pending.records = records
    index.add_amendments(records.versions)
    pending.outcome.provisions = len(records.provisions)
    pending.outcome.citations_resolved = len(records.citations)
    pending.outcome.citations_unresolved = len(records.unresolved)
    return True


def _write_new(batch: list[_Pending], graph: Graph) -> None:
    if len(batch) > 1:
        _, failure = _attempt("a batch", lambda: write_regulations(graph, [p.records for p in batch], replacing=False))
        if not failure:
            return
    for pending in batch:  # one by one, so that a failure stays with the document that caused it
        _write(pending, graph, replacing=False)


def _write(pending: _Pending, graph: Graph, replacing: bool) -> None:
    _, failure = _attempt(pending.source.path, lambda: write_regulations(graph, [pending.records], replacing))
    if failure:
        pending.outcome = failure


def _attempt(path: str, work: Callable[[], object]) -> tuple[object, DocumentOutcome | None]:
    """(result, None), or (None, a failed outcome) when the document is at fault. A lost database
    connection is nobody's document: it stops the whole run."""
    try:
        return work(), None
    except DatabaseUnavailable as exc:
        raise DatabaseUnavailable(f"{exc} Stopped while loading {path}: the documents written before stay, "
                                  "nothing of an unfinished one was written. Run the same command again to go on.")
    except NetraError as exc:
        return None, DocumentOutcome(path, "failed", error=str(exc))
    except UnicodeDecodeError as exc:
        return None, DocumentOutcome(path, "failed", error=f"not valid UTF-8 text ({exc.reason} at byte {exc.start})")
    except Exception as exc:  # a damaged file can break any reader (pypdf, docx, the parser)
        return None, DocumentOutcome(path, "failed", error=f"cannot be read ({type(exc).__name__}: {exc})")


def _amended_ids(records: RegulationRecords) -> list[str]:
    """Citations may have waited for provisions this law inserted into the laws it amends."""
    return [relation["target_id"] for relation in records.relations if relation["type"] == "AMENDS"]


def _settle_unfinished(graph: Graph) -> None:
    """A run cut short after writing a batch may not have retried the citations waiting for it."""
    rows = unsettled_regulations(graph)
    if rows:
        amended = [regulation_id for row in rows for regulation_id in row["amended"]]
        _retry_pending_citations(graph, [row["regulation_id"] for row in rows] + amended, written=[], amended=amended)
        mark_settled(graph, [row["document_id"] for row in rows])


def _retry_pending_citations(graph: Graph, regulation_ids: list[str], written: list[str],
                             amended: list[str]) -> None:
    """Citations written before these regulations were loaded may resolve now. A fresh index:
    what the graph holds now includes provisions other documents inserted into these laws."""
    pending = pending_citations(graph, regulation_ids, written, amended)
    if not pending:
        return
    index = GraphProvisionIndex(graph)
    resolved, still = [], []
    for row in pending:
        citation = row["citation"]
        target = _cited_provision(citation)
        if target is None:
            continue
        stored = ProvisionCitation(start=citation["start"], end=citation["end"], raw=citation["raw"],
                                   cited=(target,), regulation_source=CITED)
        resolution = resolve_citation(stored, index)
        if resolution.resolved:
            for target_id in resolution.ids:
                is_provision = bool(ProvisionRef.from_id(target_id).path())
                resolved.append({"citation_id": citation["id"], "target_id": target_id,
                                 "target_label": "Provision" if is_provision else "Regulation",
                                 "properties": {k: citation.get(k) for k in
                                                ("raw", "start", "end", "document_id", "cited_id",
                                                 "cited_regulation", "uncertain")}})
        else:
            problem = resolution.problems[0]
            still.append({"citation_id": citation["id"], "reason": str(problem.reason), "detail": problem.detail})
    settle_pending(graph, resolved, still)


def _cited_provision(citation: dict) -> CitedProvision | None:
    if not citation.get("cited_id"):
        return None
    ref = ProvisionRef.from_id(citation["cited_id"])
    return CitedProvision(ref.regulation, tuple(ref.path()))
