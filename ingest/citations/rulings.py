"""Constitutional Court (MK) rulings: "Putusan MK Nomor 41/PUU-XII/2014".

An MK case number is `<n>/<case type>-<register year in Roman numerals>/<year>`, the Roman
numeral counting years since the court opened in 2003 (XII = 2014). That redundancy lets us flag
OCR damage such as "41/PPU-XI11/2024" instead of guessing: the ruling is kept as written and
marked uncertain, with the reasons.
"""

from __future__ import annotations

import re

from .model import RulingCitation
from .patterns import RULING, read_year

FIRST_REGISTER_YEAR = 2002  # register year I is 2003
# Main case types: judicial review, authority disputes, election results, party dissolution.
MK_CASE_TYPES = {"PUU", "SKLN", "PHPU", "PHP", "PUD"}
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
# Up to XXXIX (2041); an empty match is no numeral.
WELL_FORMED_ROMAN = re.compile(r"(?=.)X{0,3}(?:IX|IV|V?I{0,3})")


def read_ruling(text: str, pos: int) -> RulingCitation | None:
    """The ruling written at `pos`, or None if there is none."""
    match = RULING.match(text, pos)
    if not match:
        return None
    case_type = re.sub(r"\s+", "", match["case_type"])
    if not match["court"] and _main_type(case_type) not in MK_CASE_TYPES:
        return None  # "Putusan Nomor ..." of some other court
    year, ocr_year = read_year(match["year"])
    problems = ruling_number_problems(case_type, match["roman"], year)
    if ocr_year:
        problems.append(f"year {match['year']!r} read as {year}")
    return RulingCitation(
        start=match.start(), end=match.end(), raw=match.group(),
        number=re.sub(r"\s+", "", match["number"]), year=year,
        uncertain=bool(problems), notes=tuple(problems),
    )


def _main_type(case_type: str) -> str:
    """ "PHP.BUP" -> "PHP", "PHPU-PRES" -> "PHPU"."""
    return re.split(r"[.-]", case_type)[0].upper()


def ruling_number_problems(case_type: str, roman: str, year: int) -> list[str]:
    """What is wrong with an MK case number, in words; empty if it is well formed."""
    problems = []
    if _main_type(case_type) not in MK_CASE_TYPES:
        problems.append(f"case type {case_type!r} is not an MK case type ({', '.join(sorted(MK_CASE_TYPES))})")
    numeral = roman.upper()
    if WELL_FORMED_ROMAN.fullmatch(numeral):
        register_year = FIRST_REGISTER_YEAR + roman_value(numeral)
        if register_year != year:
            problems.append(f"register year {numeral} means {register_year}, but the number says {year}")
        return problems
    read_as = numeral.replace("1", "I").replace("L", "I")  # OCR: 1 and l for I
    guess = ""
    if WELL_FORMED_ROMAN.fullmatch(read_as):
        guess = f" (read as {read_as} it would mean {FIRST_REGISTER_YEAR + roman_value(read_as)})"
    problems.append(f"register year {roman!r} is not a Roman numeral{guess}")
    return problems


def roman_value(roman: str) -> int:
    """Value of a well-formed numeral: a letter before a larger one is subtracted (IX = 9)."""
    values = [ROMAN_VALUES[letter] for letter in roman]
    return sum(-value if value < following else value for value, following in zip(values, values[1:] + [0]))
