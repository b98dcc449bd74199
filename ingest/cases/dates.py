"""Indonesian dates: "Kamis, 3 Oktober 2024", "3 Okt. 2024", "3/10/2024", "2024-10-03"."""

from __future__ import annotations

import re
from datetime import date

from .lexicon import DAYS, MONTHS

_DAY_NAME = "|".join(sorted(DAYS, key=len, reverse=True)).replace("'", "['’]?")
_MONTH_NAME = "|".join(sorted(MONTHS, key=len, reverse=True))

# Possessive whitespace (`\s*+`): a date follows it, never more whitespace, and "Kamis" before a long
# run of spaces would otherwise cost the square of the run's length.
DATE_PATTERN = re.compile(
    rf"(?:\b(?:{_DAY_NAME})\s*+,?\s*+(?:tanggal\s++)?)?"
    rf"(?:\b(?P<day>\d{{1,2}})\s+(?P<month_name>{_MONTH_NAME})\.?\s+(?P<year>\d{{4}})\b"
    r"|\b(?P<nday>\d{1,2})[/.-](?P<nmonth>\d{1,2})[/.-](?P<nyear>\d{4})\b"
    r"|\b(?P<iyear>\d{4})-(?P<imonth>\d{2})-(?P<iday>\d{2})\b)",
    re.IGNORECASE,
)


def find_dates(text: str) -> list[tuple[int, int, date]]:
    """Every real date written in `text`, with its span (a leading day name included)."""
    found = []
    for match in DATE_PATTERN.finditer(text):
        value = _value(match)
        if value is not None:
            found.append((match.start(), match.end(), value))
    return found


def parse_date(text: str) -> date | None:
    """The date `text` spells, or None."""
    match = DATE_PATTERN.fullmatch(text.strip())
    return _value(match) if match else None


def _value(match: re.Match) -> date | None:
    if match["month_name"]:
        parts = (match["year"], MONTHS[match["month_name"].lower()], match["day"])
    elif match["nmonth"]:
        parts = (match["nyear"], match["nmonth"], match["nday"])
    else:
        parts = (match["iyear"], match["imonth"], match["iday"])
    try:
        return date(*(int(part) for part in parts))
    except ValueError:
        return None
