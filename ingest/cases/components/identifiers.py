"""Components that read numbers and codes written in a fixed shape:

- `netra_citations`: the project's citation extractor (ingest.citations), spans in "citation";
- `netra_nip`: NIP and NI PPPK numbers, valid or not, in "nip" (value: `NipReading`);
- `netra_dates`: dates in "date" (value: `datetime.date`);
- `netra_case_numbers`: register numbers ("Nomor: 004/TM/PW/Kota/03.15/X/2024") in "case_number";
- `netra_ballot_numbers`: "nomor urut 2", "paslon 01" in "ballot" (value: int).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ingest.citations import extract_citations

from ..dates import find_dates
from ..nip import find_nips
from .common import char_spans

# Whitespace is possessive (`\s*+`) and a number's first part at most 200 characters long: each
# keeps the time linear in the text ("Nomor" before a run of spaces, "No.No.No..." with no "/").
CASE_NUMBER = re.compile(
    r"\b(?:Nomor|No\.?|Nomor\s++Register|No\.?\s*+Reg\.?|Register)\s*+[:.]?\s*+"
    r"(?P<number>[A-Za-z0-9][\w.\-]{0,200}+(?:/[\w.\-]+)+)", re.IGNORECASE)
BALLOT = re.compile(r"\b(?:nomor|no\.?)\s*+urut\s*+(?:\(?\s*+)0*(?P<n>\d{1,2})\b|\bpaslon\s++(?:nomor\s++)?0*(?P<p>\d{1,2})\b",
                    re.IGNORECASE)


@Language.component("netra_citations")
def netra_citations(doc: Doc) -> Doc:
    citations = extract_citations(doc.text)
    doc._.citations = citations
    doc.spans["citation"] = char_spans(doc, ((c.start, c.end, c) for c in citations), "CITATION")
    return doc


@Language.component("netra_nip")
def netra_nip(doc: Doc) -> Doc:
    doc.spans["nip"] = char_spans(doc, find_nips(doc.text), "NIP")
    return doc


@Language.component("netra_dates")
def netra_dates(doc: Doc) -> Doc:
    doc.spans["date"] = char_spans(doc, find_dates(doc.text), "DATE")
    return doc


@Language.component("netra_case_numbers")
def netra_case_numbers(doc: Doc) -> Doc:
    cited = [(span.start_char, span.end_char) for span in doc.spans.get("citation", [])]
    found = []
    for match in CASE_NUMBER.finditer(doc.text):
        start, end = match.span("number")
        number = match["number"].rstrip(".-")
        if not any(a < end and start < b for a, b in cited):  # "Nomor 41/PUU-XII/2014" is a ruling
            found.append((start, start + len(number), number))
    doc.spans["case_number"] = char_spans(doc, found, "CASE_NUMBER")
    return doc


@Language.component("netra_ballot_numbers")
def netra_ballot_numbers(doc: Doc) -> Doc:
    found = [(m.start(), m.end(), int(m["n"] or m["p"])) for m in BALLOT.finditer(doc.text)]
    doc.spans["ballot"] = char_spans(doc, found, "BALLOT")
    return doc
