"""`netra_sentences`: sentence boundaries for case documents.

Abbreviations and titles ("Sdr.", "S.Sos.") are single tokens (see nlp.py), so a lone ".", "!"
or "?" ends a sentence. Line breaks matter too: a blank line always ends one, a single line break
ends one after a header line (short, or ending in punctuation) but not inside wrapped text.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

ENDING_PUNCTUATION = {".", "!", "?"}
WRAPPED_LINE_LENGTH = 60  # lines at least this long that run on are wrapped prose, not headers


@Language.component("netra_sentences")
def netra_sentences(doc: Doc) -> Doc:
    starts = _sentence_starts(doc)
    # Set all at once: setting token.is_sent_start one by one rescans the doc each time.
    flags = numpy.array([[1 if token.i in starts else -1] for token in doc], dtype="int64").astype("uint64")
    if len(doc):
        doc.from_array([SENT_START], flags)
    return doc


def _sentence_starts(doc: Doc) -> set[int]:
    starts = {0}
    line_start = 0
    text = doc.text  # built on each access: read it once
    for token in doc:
        if token.text in ENDING_PUNCTUATION:
            starts.add(token.i + 1)
        if "\n" in token.text:
            if "\n\n" in token.text or _ends_header_line(text, line_start, token.idx):
                starts.add(token.i + 1)
            line_start = token.idx + len(token.text)
    return {_first_word(doc, start) for start in starts} - {len(doc)}


def _first_word(doc: Doc, index: int) -> int:
    """Sentences start at a word, not at the line break before it."""
    while index < len(doc) and doc[index].is_space:
        index += 1
    return index


def _ends_header_line(text: str, line_start: int, line_end: int) -> bool:
    line = text[line_start:line_end].strip()
    return len(line) < WRAPPED_LINE_LENGTH or line[-1:] in {".", ":", ";", "!", "?"} or line.isupper()
