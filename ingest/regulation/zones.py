"""Split a regulation's text into its parts before looking for Pasal.

A statute reads: heading, preamble (Menimbang, Mengingat, MEMUTUSKAN, Menetapkan), the body
(batang tubuh: BAB ... Pasal ...), the closing (Agar setiap orang mengetahuinya ...,
Disahkan/Ditetapkan, Diundangkan) and the Penjelasan (PENJELASAN ATAS ...). The Penjelasan
repeats the Pasal numbers, so the body must end before it. A Lampiran may follow; when the
Lampiran is itself a whole regulation (UU 1/2015 carries Perppu 1/2014) it has the same parts
again, so the text is read as a list of `Block`s: the regulation itself, then any regulations
its Lampiran carries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.refs import ORDINAL

from .metadata import HEADING

Span = tuple[int, int]

MENIMBANG = re.compile(r"\b(?:Menimbang|MENIMBANG|M\s?e\s?n\s?i\s?m\s?b\s?a\s?n\s?g)\b")
MENGINGAT = re.compile(r"\b(?:Mengingat|MENGINGAT|M\s?e\s?n\s?g\s?i\s?n\s?g\s?a\s?t)\b\s*:?")
PREAMBLE_END = re.compile(r"\b(?:Memperhatikan|MEMPERHATIKAN|Dengan\s+[Pp]ersetujuan|DENGAN\s+PERSETUJUAN"
                          r"|MEMUTUSKAN|Memutuskan|M\s?E\s?M\s?U\s?T\s?U\s?S\s?K\s?A\s?N)\b")
ENACTING = re.compile(r"\b(?:Menetapkan|MENETAPKAN|M\s?e\s?n\s?e\s?t\s?a\s?p\s?k\s?a\s?n)\b\s*:?")
DECIDING = re.compile(r"\b(?:MEMUTUSKAN|Memutuskan|M\s?E\s?M\s?U\s?T\s?U\s?S\s?K\s?A\s?N)\b\s*:?")
CLOSING = re.compile(r"\bAgar\s+setiap\s+orang\b|\b(?:Disahkan|Ditetapkan)\s+di\s+\S+\s*,?\s*[Pp]ada\s+[Tt]anggal")
PENJELASAN = re.compile(r"\b(?:MEMORI\s+)?P\s?E\s?N\s?J\s?E\s?L\s?A\s?S\s?A\s?N\s+(?:ATAS|MENGENAI|TENTANG)\b"
                        r"|\bPENJELASAN\s*\n")
GAZETTE_SUPPLEMENT = re.compile(r"\bTAMBAHAN\s+LEMBARAN\s+NEGARA\b")
# The first chapter or article heading, at a line start or after a full stop: the body has
# begun by then, wherever OCR put the "Menetapkan" line.
FIRST_ARTICLE = re.compile(r"(?:^|(?<=[.;:] ))[ \t]*(?:BAB[ \t]+I(?![IVXL\w])|Pasal[ \t]+[1I]\b(?![ \t]*(?:ayat|huruf|angka)))",
                           re.M)
# A Lampiran heading; or a compiler's remark on a line of its own, in brackets, saying that the
# Lampiran follows ("[B — daftar pelanggaran ... (lampiran SKB) ...]": corpus files that gather
# parts of a document from several sources mark each part that way).
LAMPIRAN = re.compile(r"(?<![A-Za-z])LAMPIRAN(?=\s+(?:[IVX]+\b|UNDANG|PERATURAN|KEPUTUSAN|:|\n))"
                      r"|^\[(?=[^\]\n]*\b(?i:lampiran)\b)[^\]\n]*\]", re.M)
# A decree's diktum heading at a line start: "KESATU :", "PERTAMA :", "Diktum KEDUA :".
DIKTUM = re.compile(rf"^[ \t]*(?P<heading>(?:(?i:diktum)[ \t]+)?(?P<label>{ORDINAL}))[ \t]*(?:\n[ \t]*)?:", re.M)


@dataclass
class Block:
    """One regulation's parts as character spans of the text."""

    start: int
    end: int
    menimbang: Span | None
    mengingat: Span | None
    body: Span
    closing: Span | None
    penjelasan: Span | None
    lampiran: Span | None = None  # trailing Lampiran that is not a regulation (tables, forms)


def split_blocks(text: str) -> list[Block]:
    """The main regulation first, then every regulation carried in its Lampiran."""
    blocks = [_read_block(text, 0)]  # even an empty text is one (empty) regulation
    while blocks[-1].end < len(text):
        blocks.append(_read_block(text, blocks[-1].end))
    return blocks


def _read_block(text: str, start: int) -> Block:
    menimbang = _search(MENIMBANG, text, start)
    mengingat = _search(MENGINGAT, text, menimbang.end() if menimbang else start)
    body_start = _body_start(text, start)
    closing = _search(CLOSING, text, body_start)
    # Only a regulation that has closed (signatures) can be followed by another one.
    next_start = _next_block_start(text, closing.end()) if closing else None
    block_end = next_start if next_start is not None else len(text)
    penjelasan = _search(PENJELASAN, text, closing.start() if closing else body_start, block_end)
    body_end = min([m.start() for m in (closing, penjelasan) if m], default=block_end)
    if closing is None:  # a text that lost its signatures may still hold its Lampiran
        unclosed = _lampiran_line(text, body_start, body_end)
        if unclosed is not None:
            body_end = unclosed
            if body_start == start and menimbang:
                body_start = body_end  # heading and preamble only: the body (diktum) is missing
    penjelasan_span = (penjelasan.start(), _penjelasan_end(text, penjelasan.end(), block_end)) if penjelasan else None
    lampiran = _lampiran_span(text, closing.end() if closing else body_end, block_end, penjelasan_span)
    closing_end = min([span[0] for span in (lampiran, penjelasan_span) if span], default=block_end)
    closing_span = (closing.start(), closing_end) if closing else None
    return Block(
        start=start, end=block_end,
        menimbang=_preamble_span(menimbang, mengingat or _search(PREAMBLE_END, text, start), body_start),
        mengingat=_preamble_span(mengingat, _search(PREAMBLE_END, text, mengingat.end()) if mengingat else None,
                                 body_start),
        body=(body_start, body_end), closing=closing_span, penjelasan=penjelasan_span, lampiran=lampiran)


def _search(pattern: re.Pattern, text: str, start: int, end: int | None = None) -> re.Match | None:
    return pattern.search(text, start, len(text) if end is None else end)


def _body_start(text: str, start: int) -> int:
    """Right after "Menetapkan :" (the body's first heading follows its title), else after
    MEMUTUSKAN, else at the first article, else the block start. "Menetapkan" and
    MEMUTUSKAN count only before the first article or chapter heading: further on they are
    words in an article (or OCR moved them)."""
    first_article = _search(FIRST_ARTICLE, text, start)
    stops = [m.start() for m in (_search(CLOSING, text, start), first_article) if m]
    limit = min(stops, default=len(text))
    for pattern in (ENACTING, DECIDING):
        found = _search(pattern, text, start, limit)
        if found:
            return found.end()
    if first_article and first_article.start() == limit:
        return first_article.start()
    diktum = _search(DIKTUM, text, start, limit)  # a decree that lost "Menetapkan"
    return diktum.start() if diktum else start


def _lampiran_line(text: str, start: int, end: int) -> int | None:
    """Where a Lampiran heading standing at the start of a line begins, if one does."""
    return next((found.start() for found in LAMPIRAN.finditer(text, start, end) if at_line_start(text, found.start())),
                None)


def at_line_start(text: str, position: int) -> bool:
    """Nothing but blanks before `position` on its line (looking back a little way only)."""
    return not text[max(0, position - 200):position].rsplit("\n", 1)[-1].strip()


def _preamble_span(found: re.Match | None, stop: re.Match | None, body_start: int) -> Span | None:
    if not found or found.start() >= body_start:
        return None
    end = stop.start() if stop and found.end() <= stop.start() < body_start else body_start
    return found.start(), end


def _penjelasan_end(text: str, start: int, block_end: int) -> int:
    """The Penjelasan ends at its gazette supplement line or at a Lampiran heading."""
    ends = [m.start() for m in (_search(GAZETTE_SUPPLEMENT, text, start, block_end),
                                _search(LAMPIRAN, text, start, block_end)) if m]
    return min(ends, default=block_end)


def _lampiran_span(text: str, start: int, end: int, penjelasan: Span | None) -> Span | None:
    """A "LAMPIRAN" heading after the closing: before the Penjelasan (up to it) or after it."""
    before = _search(LAMPIRAN, text, start, penjelasan[0] if penjelasan else end)
    if before:
        return before.start(), penjelasan[0] if penjelasan else end
    after = _search(LAMPIRAN, text, penjelasan[1], end) if penjelasan and penjelasan[1] < end else None
    return (after.start(), end) if after else None


def _next_block_start(text: str, after: int) -> int | None:
    """Where a regulation carried in the Lampiran begins: its own heading before its own
    Menimbang, which must be followed by its own Menetapkan."""
    menimbang = _search(MENIMBANG, text, after)
    if not menimbang or not _search(ENACTING, text, menimbang.end(), menimbang.end() + 20_000):
        return None
    window_start = max(after, menimbang.start() - 2_000)
    headings = list(HEADING.finditer(text, window_start, menimbang.start()))
    if headings:
        return headings[-1].start()
    lampiran = list(LAMPIRAN.finditer(text, window_start, menimbang.start()))
    return lampiran[-1].start() if lampiran else menimbang.start()
