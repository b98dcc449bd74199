"""BAB, Bagian and Paragraf headings: the grouping above Pasal.

A heading always stands right before a Pasal (or before another heading that does), so they
are looked for only in the tail of the text before each Pasal heading: "... diatur dalam
Peraturan Menteri. BAB III HUKUMAN DISIPLIN Bagian Kesatu Umum" ends the previous Pasal and
opens BAB III and its Bagian Kesatu. Working backwards from the Pasal, each heading's title
must run straight into the next heading, short and without a full stop; the first thing that
does not fit ends the search, so a "Bagian Kedua" mentioned in running text stays text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.refs import ORDINAL

HEADING_MARKER = re.compile(
    rf"(?<![A-Za-z])(?:(?P<bab>BAB|B A B|Bab)\s+(?P<bab_label>[IVXLC]+[A-Z]?|\d+)\b\.?"
    rf"|(?P<bagian>Bagian|BAGIAN)\s+(?P<bagian_label>{ORDINAL})"
    rf"|(?P<paragraf>Paragraf|PARAGRAF)\s+(?P<paragraf_label>\d+[A-Z]?|{ORDINAL}))")
TITLE_LIMIT = 400
REFERENCE_BEFORE = re.compile(r"\b(?:dalam|pada|dan|atau|dengan|di|ke|dari|dimaksud|tentang|ketentuan)\s*$", re.I)


@dataclass
class HeadingMark:
    kind: str  # bab, bagian or paragraf
    label: str  # "IV", "Kedua", "3"
    title: str
    start: int
    end: int  # end of the title


def find_headings(text: str, start: int, end: int) -> list[HeadingMark]:
    """The run of headings that ends text[start:end] (which ends where a Pasal begins)."""
    marks = [m for m in HEADING_MARKER.finditer(text, start, end)
             if not REFERENCE_BEFORE.search(text[max(start, m.start() - 40):m.start()])]
    run: list[HeadingMark] = []
    title_end = end
    for match in reversed(marks):
        title = text[match.end():title_end]
        if not _looks_like_title(title):
            break
        run.append(_mark(match, title, title_end))
        title_end = match.start()
    while run and not _after_break(text, start, run[-1].start):
        run.pop()  # the earliest heading must begin a line or follow a full sentence
    return run[::-1]


def _looks_like_title(title: str) -> bool:
    """Short, and no sentence inside it (a full stop followed by more words)."""
    return len(title) <= TITLE_LIMIT and not re.search(r"[.;:]\s+\S", title.strip())


def _after_break(text: str, start: int, position: int) -> bool:
    before = text[max(start, position - 200):position]
    line = before[before.rfind("\n") + 1:]
    return not line.strip() or line.rstrip().endswith((".", ";", ":")) or position == start


def _mark(match: re.Match, title: str, title_end: int) -> HeadingMark:
    kind = next(k for k in ("bab", "bagian", "paragraf") if match.group(k))
    label = " ".join(match.group(f"{kind}_label").split())
    if kind != "bab":
        label = label[:1].upper() + label[1:].lower()
    return HeadingMark(kind, label, " ".join(title.split()).strip(" .:"), match.start(), title_end)
