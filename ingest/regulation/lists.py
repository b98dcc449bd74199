"""Rules written as numbered points instead of Pasal.

A decree (Keputusan, Keputusan Bersama) decides in diktum: "KESATU : Menetapkan Pedoman ...
sebagaimana tercantum dalam Lampiran ...", "KEDUA : Pedoman ... digunakan sebagai acuan bagi:
a. ...; b. ...". Its Lampiran, like that of many regulations, holds guidelines or lists: chapters
("BAB I" with its title, or "I. PENDAHULUAN" in a Lampiran without BAB) and numbered points
("1.", "a.", nested as written). A circular (Surat Edaran) numbers the points of its own body.
Points are read by `items.read_items`, like the ayat, huruf and angka of a Pasal, with two
differences:

- a list's sentence may close after its last item, on a line of its own ("3. Melakukan
  pendekatan kepada: a. ...; b. ...;" then "Dengan tidak dalam status cuti ..."): once the last
  item has ended its line with ";", those words close the point that opened the list (its tail);
- a heading that does not fit the numbering (a diktum out of order, a BAB whose number went
  before) and a point at a line start that no list takes (a "1." starting a list over) stay
  text of the unit before them, and a warning names each with its line.

Ids and citations: core/refs.py (`skb/2022/2/diktum-kesatu`, `.../lampiran-ii/bab-iii/angka-2`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from core.refs import ordinal_value, roman_to_int

from .items import Item, read_items, unread_markers
from .model import StructuralNode
from .nodes import Path, Scope, clean, item_nodes, own_text_end, provision_node
from .zones import DIKTUM, LAMPIRAN, at_line_start

# A chapter of a Lampiran at a line start: "BAB III" (its title after it or on the next line),
# or "III. KETENTUAN ..." in a Lampiran that has no BAB.
CHAPTER = re.compile(r"^[ \t]*(?:(?:BAB|Bab|B A B)[ \t]+(?P<bab>[IVXLC]+)\b\.?|(?P<roman>[IVXLC]+)\.(?=[ \t]+[A-Z]))",
                     re.M)
LAMPIRAN_NUMBER = re.compile(r"LAMPIRAN[ \t]+(?P<label>[IVX]+)\b")
WORD = re.compile(r"\S")
TITLE_LIMIT = 300
MAX_NAMED = 20  # warnings of one kind in a document that name their place; past that, one more line

Where = Callable[[int], str]  # an offset -> "line 12", for warnings


@dataclass
class ListParse:
    nodes: list[StructuralNode] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    named: Counter = field(default_factory=Counter)  # warnings of each kind so far

    def warn(self, kind: str, message: str) -> None:
        """Add a warning; past MAX_NAMED of one kind (a damaged or hostile text), one line says so."""
        self.named[kind] += 1
        if self.named[kind] <= MAX_NAMED:
            self.warnings.append(message)
        elif self.named[kind] == MAX_NAMED + 1:
            self.warnings.append(f"more {kind} than the {MAX_NAMED} named")


@dataclass(frozen=True)
class _Heading:
    label: str  # "KESATU", "III", "" (a Lampiran without a number)
    value: int  # its place in the numbering
    start: int
    content_start: int  # after the heading (and a chapter's title)
    title: str = ""


# -- diktum ------------------------------------------------------------------------------------

def parse_diktum(text: str, span: tuple[int, int], scope: Scope, where: Where) -> ListParse:
    """The diktum of a decree's body, each with its points."""
    found = ListParse()
    headings = _in_sequence(_diktum_headings(text, span), "diktum", where, found, strict=False)
    ends = [heading.start for heading in headings[1:]] + [span[1]]
    for heading, end in zip(headings, ends):
        found.nodes.append(_unit(text, "diktum", heading, end, scope, (), where, found))
    return found


def _diktum_headings(text: str, span: tuple[int, int]) -> list[_Heading]:
    headings = []
    for match in DIKTUM.finditer(text, *span):
        label = " ".join(match["label"].split()).upper()
        headings.append(_Heading(label, ordinal_value(label) or 0, match.start("heading"), match.end()))
    return headings


# -- Lampiran ----------------------------------------------------------------------------------

def parse_lampiran(text: str, span: tuple[int, int], scope: Scope, where: Where) -> ListParse:
    """One node per Lampiran ("LAMPIRAN I", "LAMPIRAN II" ... or one without a number), each
    with its chapters and points."""
    found = ListParse()
    parts = _lampiran_parts(text, span)
    ends = [part.start for part in parts[1:]] + [span[1]]
    for part, end in zip(parts, ends):
        found.nodes.append(_lampiran(text, part, end, scope, where, found))
    return found


def _lampiran_parts(text: str, span: tuple[int, int]) -> list[_Heading]:
    """Where each Lampiran begins: the span's start, then each heading at a line start numbered
    after the one before (a heading repeated at the top of each page does not start a new one)."""
    parts = [_lampiran_heading(text, span[0])]
    for match in LAMPIRAN.finditer(text, span[0] + 1, span[1]):
        heading = _lampiran_heading(text, match.start())
        if heading.value > parts[-1].value and at_line_start(text, match.start()):
            parts.append(heading)
    return parts


def _lampiran_heading(text: str, start: int) -> _Heading:
    number = LAMPIRAN_NUMBER.match(text, start)
    label = number["label"] if number else ""
    return _Heading(label, roman_to_int(label) or 0, start, start)


def _lampiran(text: str, part: _Heading, end: int, scope: Scope, where: Where, found: ListParse) -> StructuralNode:
    path = (("lampiran", part.label),)
    use_bab = any(match["bab"] for match in CHAPTER.finditer(text, part.start, end))
    chapters = _in_sequence(_chapters(text, part.start, end, use_bab), "BAB", where, found, strict=not use_bab)
    own_end = chapters[0].start if chapters else end
    node = _unit(text, "lampiran", part, own_end, scope, (), where, found)
    chapter_ends = [chapter.start for chapter in chapters[1:]] + [end]
    for chapter, chapter_end in zip(chapters, chapter_ends):
        bab = _unit(text, "bab", chapter, chapter_end, scope, path, where, found)
        bab.heading = chapter.title
        node.children.append(bab)
    node.end = max([node.end] + [child.end for child in node.children])
    node.heading = clean(text[part.start:_line_end(text, part.start, end)])[:TITLE_LIMIT]
    return node


def _chapters(text: str, start: int, end: int, use_bab: bool) -> list[_Heading]:
    """Chapter headings with their titles: "BAB" ones if the Lampiran has any, else Roman "I." ones."""
    chapters = []
    for match in CHAPTER.finditer(text, start, end):
        label = match["bab"] if use_bab else match["roman"]
        value = roman_to_int(label or "")
        if not value:
            continue
        title, content_start = _title(text, match.end(), end)
        chapters.append(_Heading(label, value, match.start(), content_start, title))
    return chapters


def _title(text: str, start: int, end: int) -> tuple[str, int]:
    """A chapter's title: the rest of its heading's line, or the next line when that is empty;
    and where the chapter's text begins."""
    line_end = _line_end(text, start, end)
    title = text[start:line_end].strip(" \t.:")
    if not title and line_end < end:
        next_end = _line_end(text, line_end + 1, end)
        candidate = text[line_end + 1:next_end].strip()
        if candidate and len(candidate) <= TITLE_LIMIT and not re.match(r"\(?\w{1,3}[.)]\s", candidate):
            return clean(candidate), next_end
    return clean(title)[:TITLE_LIMIT], line_end


def _line_end(text: str, start: int, end: int) -> int:
    found = text.find("\n", start, end)
    return end if found < 0 else found


# -- a circular's own points -------------------------------------------------------------------

def parse_points(text: str, span: tuple[int, int], scope: Scope, where: Where) -> ListParse:
    """The numbered points of a body that has neither Pasal nor diktum (a circular)."""
    found = ListParse()
    items = _items(text, *span, where, found)
    found.nodes = item_nodes(text, items, scope, ())
    return found


# -- shared --------------------------------------------------------------------------------------

def _unit(text: str, kind: str, heading: _Heading, end: int, scope: Scope, parent: Path, where: Where,
          found: ListParse) -> StructuralNode:
    """A diktum, Lampiran or BAB with the points inside it."""
    path = parent + ((kind, heading.label),)
    items = _items(text, heading.content_start, end, where, found)
    children = item_nodes(text, items, scope, path)
    return provision_node(text, kind, heading.label, heading.start, heading.content_start,
                          own_text_end(items, end), children, scope, path)


def _items(text: str, start: int, end: int, where: Where, found: ListParse) -> list[Item]:
    items = read_items(text, start, end)
    _move_tails(text, items)
    for offset, marker in unread_markers(text, start, end, items):
        found.warn("points not read", f'{where(offset)}: "{marker}" at a line start not read as a point: '
                                      "it does not continue or open a list there")
    return items


def _move_tails(text: str, items: list[Item]) -> None:
    """Words after a list's last item, on a line after one that ended with ";", close the
    sentence of the item that opened the list: they become its tail."""
    for item in items:
        _move_tails(text, item.children)
        last = item.children[-1] if item.children else None
        if last is None or last.children:
            continue
        split = _after_closed_line(text, last.text_start, last.end)
        if split is not None:
            item.tail, last.end = (split, last.end), split


def _after_closed_line(text: str, start: int, end: int) -> int | None:
    """Where the words after a line ending with ";" begin, if any follow before `end`."""
    line_start, line_end = start, text.find("\n", start, end)
    while line_end >= 0:
        if text[line_start:line_end].rstrip().endswith(";"):
            following = WORD.search(text, line_end + 1, end)
            return following.start() if following else None
        line_start, line_end = line_end + 1, text.find("\n", line_end + 1, end)
    return None


def _in_sequence(headings: list[_Heading], word: str, where: Where, found: ListParse,
                 strict: bool) -> list[_Heading]:
    """Headings whose numbers rise; the others stay text, with a warning. `strict`: only the next
    number will do, and what does not fit is no heading (a Roman "I." may be a lettered point)."""
    kept: list[_Heading] = []
    for heading in headings:
        expected = kept[-1].value + 1 if kept else 1
        if heading.value == expected or (not strict and heading.value > expected):
            if heading.value > expected:
                since = f"jump from {kept[-1].label} to" if kept else "start at"
                found.warn(f"{word} numbers that jump", f"{word} numbers {since} {heading.label}")
            kept.append(heading)
        elif not strict:
            after = f"after {word} {kept[-1].label}" if kept else "first"
            found.warn(f"{word} headings left out", f'{where(heading.start)}: heading "{word} {heading.label}" '
                                                    f"left out: it does not come {after}")
    return kept
