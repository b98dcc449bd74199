"""Reading whole files: the corpus header, and regulations line by line with their context.

Relative citations need the Pasal and ayat they are read in. Corpus regulations have one
structural unit per line ("Pasal 8", "(1) ...", "a. ...", "1. ..."), and their Penjelasan repeats
the headings ("Pasal 8", "Ayat (1) Cukup jelas."). `extract_from_regulation` follows those lines
to build the context of each line and does not report the headings themselves as citations.
It is a light stand-in: once the regulation parser (ingest/regulation) yields units with their
ProvisionRefs, call `extract_citations(unit_text, CitationContext.within(unit_ref))` per unit.
"""

from __future__ import annotations

import re
from datetime import date

from core.refs import REGULATION_TYPES, RegulationRef

from .chains import normalise_label
from .extract import extract_citations
from .model import Citation, CitationContext, Path, complete_path

HEADER_FIELD = re.compile(r"([a-z_]+):\s?(.*)")
# "Pasal 8" alone on its line, or in the Penjelasan before "Cukup jelas." or an ayat heading.
PASAL_HEADING = re.compile(r"Pasal\s+(\d+[A-Z]?)(?:\s*$|\s+(?=Cukup\s+jelas|Ayat\b|Huruf\b|Angka\b))")
# Penjelasan headings at the start of a line, in capitals: "Ayat (1) Huruf a Cukup jelas."
PENJELASAN_HEADING = re.compile(r"(?:(Ayat)\s*\(\s*(\d+[a-z]?)\s*\)|(Huruf)\s+([a-z]\d?)\b|(Angka)\s+(\d+)\b)\s*")
# Markers that open a unit in the body: "(1) ", "a. ", "1. ".
UNIT_MARKER = re.compile(r"\((?P<ayat>\d+[a-z]?)\)\s|(?P<huruf>[a-z]\d?)\.\s|(?P<angka>\d+)\.\s")


def split_header(text: str) -> tuple[dict[str, str], int]:
    """The fields of a corpus file's header (`type`, `number`, `year`, ...) and where its body
    starts; ({}, 0) if the text has no header."""
    head, separator, _ = text.partition("\n---\n")
    fields = [HEADER_FIELD.fullmatch(line) for line in head.splitlines()]
    if not separator or not fields or not all(fields):
        return {}, 0
    return {match[1]: match[2].strip() for match in fields}, len(head) + len(separator)


def regulation_of(header: dict[str, str]) -> RegulationRef | None:
    """The regulation a corpus header describes; a joint decree's by the first number it lists
    ("2 Tahun 2022 (MenPANRB); 800-5474 Tahun 2022 (Mendagri); ...")."""
    type_code = header.get("type", "").upper()
    number = re.match(r"[\w/.-]+", header.get("number", ""))
    year = re.match(r"\d{4}", header.get("year", ""))
    if type_code not in REGULATION_TYPES or not number or not year:
        return None
    return RegulationRef(type_code, number.group(), int(year.group()), header.get("issuer", ""))


def extract_from_regulation(text: str, regulation: RegulationRef, start: int = 0,
                            on: date | None = None) -> list[Citation]:
    """Citations in the regulation `text[start:]`, relative ones completed from where they stand."""
    citations: list[Citation] = []
    path: Path = ()
    line_start = start
    for line in text[start:].splitlines(keepends=True):
        path, skip = _follow_structure(path, line)
        context = CitationContext(regulation, path, on)
        offset = line_start + skip
        citations += [citation.moved(offset) for citation in extract_citations(line[skip:], context)]
        line_start += len(line)
    return citations


def _follow_structure(path: Path, line: str) -> tuple[Path, int]:
    """Where `line` stands, and how much of its start is a heading (not to be read as citations)."""
    if line.startswith("PENJELASAN"):
        return (), 0
    skip = 0
    if heading := PASAL_HEADING.match(line):
        path, skip = (("pasal", normalise_label("pasal", heading[1])),), heading.end()
    while heading := PENJELASAN_HEADING.match(line, skip):
        level, label = [group for group in heading.groups() if group]
        path = _enter(path, level.lower(), label)
        skip = heading.end()
    marker = UNIT_MARKER.match(line)
    if marker and not skip:
        level = marker.lastgroup
        path = _enter(path, level, marker[level])
    return path, skip


def _enter(path: Path, level: str, label: str) -> Path:
    """The unit `level` `label` inside the current Pasal; units outside any Pasal are not followed."""
    if not path:
        return path
    unit = ((level, normalise_label(level, label)),)
    return path[:1] + unit if level == "ayat" else complete_path(path, unit)
