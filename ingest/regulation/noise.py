"""Blank out print artefacts without moving any character.

Scans of statutes carry page furniture in the middle of sentences: running banners
("PRESIDEN REPUBLIK INDONESIA"), page numbers ("- 12 -", "_12_"), registry stamps
("SK No 106234 A") and catchwords (the first words of the next page printed at the foot of
the previous one: "2. Pejabat 2. Pejabat Pembina ..."). A catchword would otherwise read as
a second "2." item. `mask_noise` replaces such spans with spaces of the same length, so every
offset the parser computes on the masked text is also an offset into the original text.
"""

from __future__ import annotations

import re

# Spaced, garbled or clean: "PRESIDEN", "PRES IDEN", "PFTESIDEN", "PRESIDEN REPUBLIK INDONESTA".
_PRESIDEN = r"P\s?[RF]\S?\s?E\s?S\s?I\s?[DO0]\s?E\s?N"
_REPUBLIK_INDONESIA = r"R\s?E\s?P\s?U\s?B\s?L\s?I\s?K\s+I\s?N\s?D\s?O\s?N\s?E\s?S\s?[IT]\s?A"
_PAGE_NUMBER = r"(?:-\s?[0-9tlIO]{1,4}\s?-|_[0-9tlIO]{1,4}_)"

NOISE_PATTERNS = [
    # A page banner; not the President in the preamble ("DEWAN PERWAKILAN RAKYAT REPUBLIK
    # INDONESIA dan PRESIDEN REPUBLIK INDONESIA") or above a signature ("..., ttd.").
    re.compile(rf"(?<!INDONESIA dan )\b{_PRESIDEN}\s+{_REPUBLIK_INDONESIA}\b(?!\s*[,.])(?:\s*{_PAGE_NUMBER})?"),
    # Page numbers on their own: "- 12 -", "-12-", "_12_" (the converter's italics).
    re.compile(rf"(?:(?<=\s)|^){_PAGE_NUMBER}(?=\s|$)", re.M),
    # Registry stamps on signed scans: "SK No 106234 A", "SK No. 076913A".
    re.compile(r"\bSK\s?No\.?\s?\d{5,7}\s?[A-Z]?\b"),
]

# Item markers and headings that a catchword can start with.
_MARKER = r"(?:\(\d+[a-z]?\)|\d{1,3}\.|[a-z]\.|Pasal\s+\d+[A-Z]?|BAB\s+[IVXLC]+)"
_MARKER_PHRASE = re.compile(rf"(?<!\S){_MARKER}(?:[ \t]+[^\s…]+){{0,3}}")
_ELLIPSIS = re.compile(r"(?<=\S)(?:…|\.\.\.)(?=\s)")


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def mask_noise(text: str) -> str:
    chars = list(text)
    for pattern in NOISE_PATTERNS:
        for match in pattern.finditer(text):
            _blank(chars, match.start(), match.end())
    masked = "".join(chars)
    for start, end in _catchwords(masked):
        _blank(chars, start, end)
    return "".join(chars)


def _catchwords(masked: str):
    """Spans of the first copy of a catchword.

    "b. menghadiri b. menghadiri dan": an item marker with up to three words, repeated at
    once (blanks between may hide masked noise); "DENGAN… DENGAN PERSETUJUAN": words ending
    in an ellipsis, repeated without it.
    """
    for match in _MARKER_PHRASE.finditer(masked):
        words = match.group().split()
        if masked.find(words[0], match.start() + len(words[0]), match.end() + 220) < 0:
            continue  # the marker does not recur nearby: no catchword (a cheap first test)
        for count in range(len(words), 0, -1):
            phrase = " ".join(words[:count])
            if _repeats_after(masked, match.start(), phrase):
                yield match.start(), _phrase_end(masked, match.start(), count)
                break
    for match in _ELLIPSIS.finditer(masked):
        before = masked[max(0, match.start() - 120):match.start()].split()
        for count in range(min(4, len(before)), 0, -1):
            phrase = " ".join(before[-count:])
            following = " ".join(masked[match.end():match.end() + len(phrase) + 200].split())
            if following.startswith(phrase):
                start = masked.rindex(before[-count], 0, match.start())
                yield start, match.end()
                break


_WORDS = [re.compile(r"\S+(?:\s+\S+){%d}" % (count - 1)) for count in range(1, 6)]


def _phrase_end(masked: str, start: int, words: int) -> int:
    return _WORDS[words - 1].match(masked, start).end()


def _repeats_after(masked: str, start: int, phrase: str) -> bool:
    """True if the words `phrase` at `start` come again right after themselves."""
    end = _phrase_end(masked, start, len(phrase.split()))
    following = " ".join(masked[end:end + len(phrase) + 200].split())
    return following == phrase or following.startswith(phrase + " ")
