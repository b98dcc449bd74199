"""Reading the name of a regulation at a position in the text."""

from __future__ import annotations

from datetime import date

from core.refs import RegulationRef

from .aliases import read_alias
from .model import RegulationCitation
from .patterns import (CONSTITUTION, ISSUER_PREFIX, NUMBERED_REGULATION, THIS_REGULATION, TYPE_WORDS,
                       UNRECOGNISED_REGULATION, read_year)

EARLIEST_YEAR, LATEST_YEAR = 1945, 2100


def read_regulation(text: str, pos: int, on: date | None = None) -> RegulationCitation | None:
    """A regulation written at `pos`: with its number, by common name, or the constitution."""
    return _numbered(text, pos) or _by_alias(text, pos, on) or _constitution(text, pos)


def read_regulation_after_provisions(text: str, pos: int, on: date | None = None) -> RegulationCitation | None:
    """Like `read_regulation`, and also "Undang-Undang ini" and names we cannot identify.

    Right after provisions, any regulation named decides whose provisions they are: "Pasal 19
    Undang-Undang Pajak Penghasilan" is not a Pasal of the regulation being read, even though we
    cannot tell which law that is.
    """
    found = read_regulation(text, pos, on)
    if found:
        return found
    for pattern, form in ((THIS_REGULATION, "this"), (UNRECOGNISED_REGULATION, "unrecognised")):
        match = pattern.match(text, pos)
        if match:
            return RegulationCitation(start=pos, end=match.end(), raw=match.group(), regulation=None, form=form)
    return None


def _numbered(text: str, pos: int) -> RegulationCitation | None:
    match = NUMBERED_REGULATION.match(text, pos)
    if not match:
        return None
    type_code = next(code for code in TYPE_WORDS if match[code])
    number = match["coded"] or match["compound"] or match["number"]
    written_year = match["coded_year"] or match["compound_year"] or match["year"]
    year, ocr_year = read_year(written_year)
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    notes = (f"year {written_year!r} read as {year}",) if ocr_year else ()
    regulation = RegulationRef(type_code, number, year, _issuer(type_code, match[type_code]))
    return RegulationCitation(start=pos, end=match.end(), raw=match.group(), uncertain=ocr_year, notes=notes,
                              regulation=regulation, form="number")


def _issuer(type_code: str, written: str) -> str:
    """The office named after the type's own words ("Dalam Negeri" of "Peraturan Menteri Dalam
    Negeri"); "" for types numbered by one issuer, or when none is named."""
    prefix = ISSUER_PREFIX.get(type_code)
    office = written[prefix.match(written).end():] if prefix else ""
    return " ".join(word for word in office.split() if word not in ("...", "…"))


def _by_alias(text: str, pos: int, on: date | None) -> RegulationCitation | None:
    found = read_alias(text, pos, on)
    if not found:
        return None
    notes = tuple(note for note in (found.note,) if note)
    return RegulationCitation(start=pos, end=found.end, raw=text[pos:found.end], uncertain=found.ocr_year,
                              notes=notes, regulation=found.regulation, form="alias")


def _constitution(text: str, pos: int) -> RegulationCitation | None:
    match = CONSTITUTION.match(text, pos)
    if not match:
        return None
    # core/refs.py has no regulation type for the constitution, so it gets no RegulationRef.
    return RegulationCitation(start=pos, end=match.end(), raw=match.group(), regulation=None, form="constitution",
                              notes=("the constitution (Undang-Undang Dasar) has no regulation type in core/refs.py",))
