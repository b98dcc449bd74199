"""Reading a case document's file into text: the formats Netra accepts, their size limits and
the errors people see. Scans (images, PDF pages without a text layer) are read by OCR
(ingest/ocr.py). Imports no NLP, so that a child process reading an untrusted upload
(ingest/untrusted.py) starts in a fraction of a second."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.errors import NetraError
from ingest.ocr import ScanText, UnreadableDocument, read_image_file, read_pdf_scans
from ingest.regulation.sources import read_document, read_pdf

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
DOCUMENT_SUFFIXES = (".txt", ".pdf", ".html", ".htm", ".docx") + IMAGE_SUFFIXES
REGISTER_SUFFIXES = (".csv", ".jsonl")
MAX_DOCUMENT_BYTES = 10 * 2**20
MAX_IMAGE_BYTES = 50 * 2**20  # an uncompressed A4 page at 300 dpi is 9 MiB in grey, 26 MiB in colour
MAX_REGISTER_BYTES = 500 * 2**20


@dataclass
class ReadText:
    """A file's text, and what OCR read of it (None: the file had its text)."""

    text: str
    scan: ScanText | None = None


def read_text(path: Path, show_progress: bool = False) -> ReadText:
    """The file's text; NetraError saying what is wrong with files that are not readable text,
    ingest.ocr.UnreadableDocument for a scan without any. `show_progress`: a bar over OCR's pages."""
    if not path.exists():
        raise NetraError(f"no such file or folder: {path}")
    suffix = path.suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES + REGISTER_SUFFIXES + (".md",):
        raise NetraError(f"unsupported file type {suffix!r} (case documents: {', '.join(DOCUMENT_SUFFIXES)}; "
                         f"registers: {', '.join(REGISTER_SUFFIXES)})")
    size = path.stat().st_size
    if size == 0:
        raise NetraError("the file is empty")
    limit = (MAX_REGISTER_BYTES if suffix in REGISTER_SUFFIXES else MAX_IMAGE_BYTES if suffix in IMAGE_SUFFIXES
             else MAX_DOCUMENT_BYTES)
    if size > limit:
        raise NetraError(f"the file is {size / 2**20:.0f} MiB; over {limit // 2**20} MiB is refused for this type")
    if suffix in IMAGE_SUFFIXES:
        scan = read_image_file(path, show_progress)
        return ReadText(scan.text, scan)
    if suffix in (".pdf", ".docx", ".html", ".htm", ".md"):
        read = _read_pdf(path, show_progress) if suffix == ".pdf" else ReadText(read_document(path)[0])
        if not read.text.strip():  # a PDF without pages, a DOCX or page without words: never loaded empty
            raise UnreadableDocument(f"{suffix.lstrip('.').upper()} file with no text")
        return read
    return ReadText(decode_text(path.read_bytes()))


def _read_pdf(path: Path, show_progress: bool) -> ReadText:
    """The text layer; its pages without one (a scan) read by OCR."""
    text, info = read_pdf(path)
    scan = read_pdf_scans(path, [text[span.start:span.end] for span in info.pages], show_progress)
    return ReadText(scan.text, scan) if scan else ReadText(text)


def decode_text(data: bytes) -> str:
    """A text file's bytes as text: UTF-16 with its byte-order mark, else UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 says so with its byte-order mark
        return _decoded(data, "utf-16")
    if b"\x00" in data[:8192]:
        raise NetraError("this is a binary file, not text")
    text = _decoded(data, "utf-8-sig")
    if not text.strip():
        raise NetraError("the file has no text")
    return text


def _decoded(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise NetraError(f"the text is not {encoding.upper().removesuffix('-SIG')} (byte {exc.start}); the encoding "
                         "is unknown: save the file as UTF-8")
