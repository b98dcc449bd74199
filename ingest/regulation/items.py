"""The units inside a Pasal (or a Penjelasan entry, or a preamble): ayat "(1)", huruf "a.",
angka "1.", nested as written.

OCR text does not keep items on their own lines ("...fasilitas negara; r, 5. membuat ..."),
and running text is full of things that look like markers ("ayat (1)", "huruf a.", "Rp 1.000").
So a marker counts only where an item can start (line start, or after ";", ":" or "." plus at
most a little OCR debris) and only if it fits the lists already open: it continues one of
them with the next label ("5." after "4.", "o." after "n.") or opens a new list one level
down with a first label ("a." under "12.", as PP 53/2010 Pasal 4 angka 12 huruf a). Anything
else stays text.

The same machinery reads a Penjelasan entry, whose markers are words ("Ayat (1)", "Huruf a",
"Angka 12") and whose lists may skip items that need no explanation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .labels import Key, arabic_readings, follows, letter_key

BODY_MARKERS = re.compile(
    r"(?<!\S)(?:\((?P<ayat>[0-9lIO]{1,3}[a-z]?)\)|\((?P<ayat_ocr>\d)[1lt](?=\s)"
    r"|(?P<huruf>[a-z]{1,2}\d?)[.)](?=\s)|(?P<angka>\d{1,3}[a-z]?)[.)](?=\s))")
PENJELASAN_MARKERS = re.compile(
    r"(?<![A-Za-z])(?:(?:Ayat|AYAT)\s*\((?P<ayat>[0-9lIO]{1,3}[a-z]?)\)|(?:Huruf|HURUF)\s+(?P<huruf>[a-z]{1,2}\d?)\b"
    r"|(?:Angka|ANGKA)\s+(?P<angka>\d{1,3}[a-z]?)\b)")

# An item may start after the end of the previous one, allowing a few characters of OCR
# debris ("negara; r, 5. membuat").
ITEM_BOUNDARY = re.compile(r"(?:[;:.!?]|[;:,]\s*(?:dan|atau|dan/atau|serta))\s*(?:[^\s\w]{0,3}\w?[^\s\w]{0,3}\s+){0,2}$")
# ... but not right after a word that makes it a reference: "huruf a.", "ayat (1)", "angka 3.".
REFERENCE_WORD = re.compile(r"(?:\b(?:ayat|huruf|angka|pasal|Pasal|nomor|Nomor|No|butir|tahun|Tahun|sampai"
                            r"|dengan|tanggal)|[/-])\s*$")
PENJELASAN_BOUNDARY = re.compile(r"(?:[.;:!?)\"”]|\bjelas)\s*$")
NUMBER_AND_LETTER = re.compile(r"(.+?)([a-z]?)")  # "1a" -> "1", "a"
CONTEXT = 200  # characters looked at before a marker


@dataclass
class Item:
    kind: str  # ayat, huruf or angka
    label: str
    key: Key
    start: int  # the marker's first character
    text_start: int  # right after the marker
    end: int = 0  # end of its own text (before the next marker)
    children: list[Item] = field(default_factory=list)
    tail: tuple[int, int] | None = None  # words after its children that close its sentence

    def last_end(self) -> int:
        return max([self.end] + [child.last_end() for child in self.children])


@dataclass
class Marker:
    kind: str
    label: str
    key: Key
    start: int
    end: int
    line_start: bool
    after_colon: bool


def read_items(text: str, start: int, end: int, penjelasan: bool = False) -> list[Item]:
    """The top-level items of text[start:end], each with its nested items."""
    top: list[Item] = []
    stack: list[Item] = []  # the open item at each nesting depth, outermost first
    accepted: list[Item] = []
    for marker in _markers(text, start, end, penjelasan):
        if accepted and marker.start == accepted[-1].start:
            continue  # another reading of a marker already taken
        depth = _continues(stack, marker, penjelasan)
        if depth is None and not _opens_list(stack, marker, start, text, penjelasan):
            continue
        if depth is not None:
            del stack[depth:]
        item = Item(marker.kind, marker.label, marker.key, marker.start, marker.end)
        (stack[-1].children if stack else top).append(item)
        stack.append(item)
        accepted.append(item)
    # An item's own text runs up to the next marker, whether that opens a child or a sibling.
    for current, following in zip(accepted, accepted[1:]):
        current.end = following.start
    if accepted:
        accepted[-1].end = end
    return top


def unread_markers(text: str, start: int, end: int, items: list[Item]) -> list[tuple[int, str]]:
    """Markers at a line start in text[start:end] that none of `items` took (a "1." that would
    start a list over), as (offset, marker)."""
    taken = {item.start for item in _walk(items)}
    unread = []
    for match in BODY_MARKERS.finditer(text, start, end):
        line = text[max(start, match.start() - CONTEXT):match.start()].rsplit("\n", 1)[-1]
        if match.start() not in taken and not line.strip():
            unread.append((match.start(), match.group()))
    return unread


def _walk(items: list[Item]):
    for item in items:
        yield item
        yield from _walk(item.children)


def _markers(text: str, start: int, end: int, penjelasan: bool):
    pattern = PENJELASAN_MARKERS if penjelasan else BODY_MARKERS
    for match in pattern.finditer(text, start, end):
        window = max(start, match.start() - CONTEXT)
        line_start = text.rfind("\n", window, match.start()) + 1
        before = text[max(line_start, window):match.start()]
        at_line_start = not before.strip()
        if not at_line_start and not _inline_allowed(before, penjelasan):
            continue
        if at_line_start:  # the intro of a list ends the line before: "... dengan cara:"
            after_colon = text[max(start, line_start - CONTEXT):max(start, line_start - 1)].rstrip().endswith(":")
        else:
            after_colon = before.rstrip().endswith(":")
        for kind, label, key in _readings(match):
            yield Marker(kind, label, key, match.start(), match.end(), at_line_start, after_colon)


def _inline_allowed(before: str, penjelasan: bool) -> bool:
    if penjelasan:
        return bool(PENJELASAN_BOUNDARY.search(before))
    return bool(ITEM_BOUNDARY.search(before)) and not REFERENCE_WORD.search(before)


def _readings(match: re.Match) -> list[tuple[str, str, Key]]:
    """(kind, label, key) readings of a marker; "l." is huruf l or (OCR) angka 1."""
    readings = []
    for group, kind in (("ayat", "ayat"), ("ayat_ocr", "ayat"), ("angka", "angka")):
        token = match.groupdict().get(group)
        if token:
            digits, suffix = NUMBER_AND_LETTER.fullmatch(token).groups()
            readings += [(kind, label + suffix, Key(key.number, suffix))
                         for label, key in arabic_readings(digits) if not key.suffix]
    huruf = match.groupdict().get("huruf")
    if huruf:
        if letter_key(huruf):
            readings.append(("huruf", huruf, letter_key(huruf)))
        if huruf == "l":
            readings.append(("angka", "1", Key(1)))
    return readings


def _continues(stack: list[Item], marker: Marker, penjelasan: bool) -> int | None:
    """The depth of the open list this marker continues, deepest first; None if none."""
    for depth in range(len(stack) - 1, -1, -1):
        open_item = stack[depth]
        if open_item.kind != marker.kind:
            continue
        if follows(open_item.key, marker.key):
            return depth
        # A Penjelasan explains only some items; an OCR'd body list may lose a marker.
        skipped = marker.key.number - open_item.key.number
        if (penjelasan and marker.key > open_item.key) or (marker.line_start and 1 < skipped <= 3):
            return depth
    return None


def _opens_list(stack: list[Item], marker: Marker, start: int, text: str, penjelasan: bool) -> bool:
    """A first label ("(1)", "a.", "1.") one level below the innermost open item."""
    if marker.key != Key(1) and not (penjelasan and _first_explained(stack, marker)):
        return False
    if any(item.kind == marker.kind for item in stack):
        return False  # the same level twice in one path is a reference, not a list
    if marker.kind == "ayat" and stack:
        return False  # ayat sit right under the Pasal
    if penjelasan or marker.line_start or marker.after_colon:
        return True
    return not text[start:marker.start].strip()  # "Pasal 71 (1) ..." glued to its heading


def _first_explained(stack: list[Item], marker: Marker) -> bool:
    """In a Penjelasan a list may start at any item ("Huruf c Yang dimaksud ...")."""
    return marker.kind != "ayat" or not stack
