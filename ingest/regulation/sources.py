"""Read a regulation from a file into plain text plus what is known about it (`SourceInfo`).

Formats: the corpus's core `.txt` files (a `key: value` header, a `---` line, then the text),
the archive's Markdown (`uu/2014/5.md`, read straight from the `.tar.gz`), PDF with a text
layer, HTML pages of legal portals, and DOCX. Every reader returns the text that offsets in
the parse refer to. Metadata found in a header or path wins over what the text's own heading
says; the heading fills the gaps.
"""

from __future__ import annotations

import re
import tarfile
import zipfile
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Iterator

from core.errors import NetraError
from core.refs import REGULATION_TYPES, RegulationRef

from .metadata import TextMetadata, metadata_from_path, metadata_from_text, title_from_citation
from .model import PageSpan, SourceInfo

# What a header's `type` may say: a type code or the type's name, in any case.
TYPE_NAMES = {**{code: code for code in REGULATION_TYPES},
              **{name.upper(): code for code, name in REGULATION_TYPES.items()}}


def read_document(path: str | Path) -> tuple[str, SourceInfo]:
    """Dispatch on the file suffix."""
    path = Path(path)
    readers = {".txt": read_core_text, ".md": read_markdown_file, ".pdf": read_pdf,
               ".html": read_html, ".htm": read_html, ".docx": read_docx}
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise ValueError(f"no reader for {path.suffix!r} files: {path}")
    return reader(path)


# -- plain text with a header block (corpus/core) ---------------------------------------------

def read_core_text(path: str | Path) -> tuple[str, SourceInfo]:
    raw = Path(path).read_text(encoding="utf-8")
    header, text = split_header(raw)
    known = TextMetadata()
    if header:
        known = _metadata_from_header(header)
    info = _source_info(str(path), "txt" if header else "text", text, known)
    info.header = header
    info.first_line = raw[:len(raw) - len(text)].count("\n") + 1
    return text, info


def split_header(raw: str) -> tuple[dict[str, str], str]:
    """({key: value}, text after the `---` line); no header -> ({}, raw)."""
    match = re.match(r"((?:[a-z_]+:[^\n]*\n)+)---\n", raw)
    if not match:
        return {}, raw
    header = dict(line.split(":", 1) for line in match[1].splitlines())
    return {key.strip(): value.strip() for key, value in header.items()}, raw[match.end():]


def _metadata_from_header(header: dict[str, str]) -> TextMetadata:
    """The header decides: `type` (a code, "SKB", or a name, "Surat Edaran"), the first `number`
    ("2 Tahun 2022 (MenPANRB); 800-5474 Tahun 2022 (Mendagri); ..." is 2), `year`, `issuer`."""
    known = TextMetadata(title=title_from_citation(header.get("title", "")), issuer=header.get("issuer", ""))
    type_code = TYPE_NAMES.get(" ".join(header.get("type", "").upper().split()), "")
    number = re.match(r"[\w/.-]+", header.get("number", ""))
    year = re.match(r"\d{4}", header.get("year", ""))
    if type_code and number and year:
        known.type, known.number, known.year = type_code, number[0], int(year[0])
    return known


# -- Markdown from the archive ----------------------------------------------------------------

def read_markdown_file(path: str | Path) -> tuple[str, SourceInfo]:
    path = Path(path)
    member = "/".join(path.parts[-3:])
    return read_markdown(path.read_text(encoding="utf-8"), str(path), member)


def read_markdown(markdown: str, origin: str, member: str = "") -> tuple[str, SourceInfo]:
    """Strip converter markup; metadata from the member path ("uu/2014/5.md") and heading."""
    text = strip_markdown(markdown)
    return text, _source_info(origin, "markdown", text, metadata_from_path(member))


def strip_markdown(markdown: str) -> str:
    # The converter marks line breaks with "__", italics with "_..._", headings with "#" and
    # some OCR'd words with a leading "^" ("Cukup ^jelas").
    text = re.sub(r"[ \t]*__[ \t]*", "\n", markdown)
    text = re.sub(r"\^(?=\S)", "", text)
    text = re.sub(r"(?<![\w_])_(\S(?:[^_\n]*?\S)?)_(?![\w_])", r"\1", text)
    text = re.sub(r"^#+[ \t]*", "", text, flags=re.M)
    text = text.replace("**", "")
    return re.sub(r"\n{3,}", "\n\n", text)


def iter_archive(archive_path: str | Path) -> Iterator[tuple[str, str, SourceInfo]]:
    """(member name, text, info) for every Markdown file of the archive, in archive order."""
    for member, markdown in iter_archive_markdown(archive_path):
        text, info = read_markdown(markdown, f"{archive_path}::{member}", member)
        yield member, text, info


def iter_archive_markdown(archive_path: str | Path) -> Iterator[tuple[str, str]]:
    """(member name, raw Markdown) for every Markdown file of the archive, in archive order."""
    with tarfile.open(archive_path) as archive:
        for member in archive:
            if member.isfile() and member.name.endswith(".md"):
                yield member.name, archive.extractfile(member).read().decode("utf-8", errors="replace")


def read_archive_member(archive_path: str | Path, member: str) -> tuple[str, SourceInfo]:
    return read_archive_members(archive_path, [member])[member]


def read_archive_members(archive_path: str | Path, members: list[str]) -> dict[str, tuple[str, SourceInfo]]:
    """Several members in one pass over the archive (a .tar.gz can only be read in order)."""
    wanted, found = set(members), {}
    for member, markdown in iter_archive_markdown(archive_path):
        if member in wanted:
            found[member] = read_markdown(markdown, f"{archive_path}::{member}", member)
            if len(found) == len(wanted):
                break
    missing = wanted - set(found)
    if missing:
        raise KeyError(f"not in {archive_path}: {sorted(missing)}")
    return found


# -- PDF ----------------------------------------------------------------------------------------

PAGE_NUMBER_LINE = re.compile(r"^\s*(?:-\s*\d{1,4}\s*-|\d{1,4}|halaman\s+\d+(?:\s+dari\s+\d+)?)\s*$", re.I)
BANNER_LINE = re.compile(r"^\s*PRESIDEN\s+REPUBLIK\s+INDONESIA\s*$")
TEXT_LIKE_LINE = re.compile(r"[.;:]$|^(?:Pasal|BAB|Bagian|Paragraf|\(\d+\)|[a-z0-9]{1,3}\.\s)")


def read_pdf(path: str | Path) -> tuple[str, SourceInfo]:
    """Text layer of a PDF without running headers, footers and page numbers.

    A line that opens or closes most pages ("PRESIDEN REPUBLIK INDONESIA", "- 3 -") is page
    furniture; words broken at a line end with a hyphen are joined again. Each page's share
    of the text is kept as a `PageSpan`.
    """
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):  # many are "encrypted" with an empty password
            raise NetraError("the PDF is password-protected; save an unprotected copy to load it")
        pages = [page.extract_text() or "" for page in reader.pages]
    except PyPdfError as exc:
        raise NetraError(f"the PDF is damaged or truncated ({exc})")
    page_lines = [_drop_page_furniture(page.splitlines(), _running_lines(pages)) for page in pages]
    parts, spans, offset = [], [], 0
    for number, lines in enumerate(page_lines, start=1):
        page_text = _join_hyphenated("\n".join(lines)).strip("\n")
        if parts and page_text:
            page_text = "\n" + page_text
        spans.append(PageSpan(number, offset, offset + len(page_text)))
        parts.append(page_text)
        offset += len(page_text)
    text = "".join(parts) + "\n"
    info = _source_info(str(path), "pdf", text, TextMetadata())
    info.pages = spans
    return text, info


def _running_lines(pages: list[str]) -> set[str]:
    """Lines at the top or bottom of at least half of the pages (when there are 2+ pages),
    unless they read like text ("Cukup jelas." may well end many pages of a Penjelasan)."""
    edges = Counter()
    for page in pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        edges.update({line for line in lines[:2] + lines[-2:]})
    threshold = max(2, (len(pages) + 1) // 2)
    return {line for line, count in edges.items()
            if count >= threshold and not TEXT_LIKE_LINE.search(line)}


def _drop_page_furniture(lines: list[str], running: set[str]) -> list[str]:
    return [line for line in lines if line.strip() not in running
            and not PAGE_NUMBER_LINE.match(line) and not BANNER_LINE.match(line)]


def _join_hyphenated(text: str) -> str:
    # "pemerin-\ntahan" -> "pemerintahan"; "Undang-\nUndang" keeps its hyphen.
    text = re.sub(r"(\w)-\n(?=[A-Z])", r"\1-", text)
    return re.sub(r"(\w)-\n(?=[a-z])", r"\1", text)


# -- HTML ---------------------------------------------------------------------------------------

BLOCK_TAGS = ["p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "section", "article",
              "blockquote", "pre"]


def read_html(path: str | Path) -> tuple[str, SourceInfo]:
    """The regulation text of a legal-portal page: the biggest content block, one block a line."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(Path(path).read_text(encoding="utf-8", errors="replace"), "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer", "aside", "form", "noscript"]):
        tag.decompose()
    main = soup.find("main") or soup.find("article") or _largest_block(soup) or soup
    for tag in main.find_all(BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    text = _tidy_lines(main.get_text())
    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    info = _source_info(str(path), "html", text, TextMetadata())
    if not info.title and page_title:
        info.title = title_from_citation(page_title)
    return text, info


def _largest_block(soup):
    blocks = soup.find_all(["div", "section"])
    return max(blocks, key=lambda block: len(block.find_all("p", recursive=False)), default=None)


def _tidy_lines(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line) + "\n"


# -- DOCX ---------------------------------------------------------------------------------------

MAX_DOCX_UNPACKED_BYTES = 100 * 2**20  # the longest regulations unpack to a few MiB


def _refuse_zip_bomb(path: str | Path) -> None:
    """A DOCX is a zip: one that unpacks to far more than any regulation would fill the memory."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile:
        raise NetraError("not a DOCX file (it is not a zip archive)")
    if unpacked > MAX_DOCX_UNPACKED_BYTES:
        raise NetraError(f"the DOCX unpacks to {unpacked / 2**20:.0f} MiB, more than "
                         f"{MAX_DOCX_UNPACKED_BYTES // 2**20} MiB: refused")

def read_docx(path: str | Path) -> tuple[str, SourceInfo]:
    """Paragraphs one a line; a table row by row ("cell | cell") where it stands."""
    import docx
    from docx.table import Table

    _refuse_zip_bomb(path)
    lines = []
    for block in docx.Document(str(path)).iter_inner_content():
        if isinstance(block, Table):
            lines.extend(" | ".join(cell.text for cell in row.cells) for row in block.rows)
        else:
            lines.append(block.text)
    text = _tidy_lines("\n".join(lines))
    return text, _source_info(str(path), "docx", text, TextMetadata())


# -- shared -------------------------------------------------------------------------------------

def _source_info(path: str, format: str, text: str, known: TextMetadata) -> SourceInfo:
    """Known metadata first, the text's own heading and closing for the rest."""
    from_text = metadata_from_text(text)
    same_type = not known.type or known.type == from_text.type  # the heading's issuer is of its own type
    merged = replace(known, type=known.type or from_text.type, number=known.number or from_text.number,
                     year=known.year or from_text.year, title=known.title or from_text.title,
                     enacted=known.enacted or from_text.enacted,
                     promulgated=known.promulgated or from_text.promulgated,
                     issuer=known.issuer or (from_text.issuer if same_type else ""))
    regulation = _regulation(merged)
    return SourceInfo(path=path, format=format, regulation=regulation, title=merged.title,
                      enacted=merged.enacted, promulgated=merged.promulgated)


def _regulation(found: TextMetadata) -> RegulationRef | None:
    try:
        return found.regulation()
    except ValueError:
        return None
