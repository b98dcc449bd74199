"""`netra ingest PATH...`: files, folders and .tar.gz archives of regulations into the graph.

Each document is read, parsed and written in one transaction, so a failure leaves nothing
of it behind; a failing file is reported and the batch goes on. Ingesting the same file again
changes nothing; a changed file replaces that document's contribution.
"""

from __future__ import annotations

import hashlib
import re
import tarfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from neo4j.exceptions import ServiceUnavailable, SessionExpired
from tqdm import tqdm

from graph.db import Graph
from graph.errors import DatabaseUnavailable, NetraError
from graph.regulations import document, pending_citations, settle_pending, write_regulation
from graph.refs import ProvisionRef
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


def ingest_documents(documents: list[SourceDocument], graph: Graph, replace: bool = False,
                     show_progress: bool = True) -> IngestSummary:
    summary = IngestSummary()
    # One index for the batch: each regulation's provisions are fetched from the graph once.
    index = GraphProvisionIndex(graph)
    for source in tqdm(documents, desc="Ingesting", unit="doc", disable=not show_progress):
        outcome = ingest_document(source, graph, replace, index)
        if outcome.status == "failed":
            index = GraphProvisionIndex(graph)  # it may hold ids of the document that failed
        summary.outcomes.append(outcome)
    return summary


def ingest_document(source: SourceDocument, graph: Graph, replace: bool = False,
                    index: GraphProvisionIndex | None = None) -> DocumentOutcome:
    try:
        text, info = source.read()
        return _load(source.path, text, info, graph, replace, index)
    except DatabaseUnavailable:
        raise
    except (ServiceUnavailable, SessionExpired) as exc:
        raise DatabaseUnavailable(f"Lost the connection to Neo4j while loading {source.path}: {exc}. "
                                  "Nothing of that document was written; run the same command again.")
    except NetraError as exc:
        return DocumentOutcome(source.path, "failed", error=str(exc))
    except UnicodeDecodeError as exc:
        return DocumentOutcome(source.path, "failed", error=f"not valid UTF-8 text ({exc.reason} at byte {exc.start})")
    except Exception as exc:  # a damaged file can break any reader (pypdf, docx, the parser)
        return DocumentOutcome(source.path, "failed", error=f"cannot be read ({type(exc).__name__}: {exc})")


def _load(path: str, text: str, info: SourceInfo, graph: Graph, replace: bool,
          index: GraphProvisionIndex | None) -> DocumentOutcome:
    if not text.strip():
        raise NetraError("the document has no text")
    parsed = parse_regulation(text, info)
    if parsed.ref is None:
        raise NetraError("cannot tell which regulation this is (no type, number and year in its heading)")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    document_id = f"doc:{parsed.ref.id}"
    outcome = DocumentOutcome(path, "loaded", regulation=parsed.ref.citation, warnings=list(parsed.warnings))
    existing = document(graph, document_id)
    if existing and existing["sha256"] == sha and existing.get("records_version") == RECORDS_VERSION:
        outcome.status = "unchanged"
        return outcome
    if existing and existing["path"] != path and not replace:
        outcome.status = "skipped"
        outcome.warnings.append(f"{parsed.ref.citation} was already loaded from {existing['path']}; "
                                "use --replace to load this source instead")
        return outcome
    if index is None or existing is not None:
        index = GraphProvisionIndex(graph)  # a replaced document's old provisions must not linger
    records = build_records(parsed, text, Source(document_id, sha, path, info.format, len(text)), index)
    write_regulation(graph, records, replacing=existing is not None)
    # Citations that waited for this law, or for provisions it inserted into the laws it amends.
    amended = [relation["target_id"] for relation in records.relations if relation["type"] == "AMENDS"]
    _retry_pending_citations(graph, [parsed.ref.id, *amended])
    outcome.provisions = len(records.provisions)
    outcome.citations_resolved = len(records.citations)
    outcome.citations_unresolved = len(records.unresolved)
    return outcome


def _retry_pending_citations(graph: Graph, regulation_ids: list[str]) -> None:
    """Citations written before these regulations were loaded may resolve now."""
    pending = pending_citations(graph, regulation_ids)
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
                resolved.append({"citation_id": citation["id"], "target_id": target_id,
                                 "target_label": "Provision" if "/pasal-" in target_id else "Regulation",
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
