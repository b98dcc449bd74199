"""Civil-servant numbers: the 18-digit NIP of a PNS and the NI PPPK of contract staff.

A NIP reads YYYYMMDD (birth date) YYYYMM (appointment as CPNS) S (sex: 1 man, 2 woman) NNN
(sequence): 197806202005011003. A NI PPPK has the same shape with "21" in place of the
appointment month (199001012022211001). Documents write both with or without spaces
("19780620 200501 1 003"); a number whose parts do not make sense is read but marked invalid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# The parts may be separated by one space or dot; no digit may touch either end.
NIP_PATTERN = re.compile(r"(?<!\d)(\d{8})[ .]?(\d{6})[ .]?(\d)[ .]?(\d{3})(?!\d)")

PPPK_MONTH = 21
ADULT_AGE = 17  # appointed at 18 or older; one year's slack for appointments dated to the month
LAST_YEAR = 2100


@dataclass(frozen=True)
class NipReading:
    digits: str  # the 18 digits, spaces removed
    kind: str  # "PNS" or "PPPK"
    birth_date: date | None
    appointed_year: int | None
    appointed_month: int | None  # None for PPPK
    sex: str | None  # "M", "F"
    problems: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.problems


def read_nip(text: str) -> NipReading | None:
    """Read an 18-digit number written as a NIP; None if `text` is not 18 digits in NIP groups."""
    match = NIP_PATTERN.fullmatch(text.strip())
    return _reading(match) if match else None


def find_nips(text: str) -> list[tuple[int, int, NipReading]]:
    """Every NIP-shaped number in `text` with its span, valid or not."""
    return [(m.start(), m.end(), _reading(m)) for m in NIP_PATTERN.finditer(text)]


def _reading(match: re.Match) -> NipReading:
    birth, appointed, sex_digit, _sequence = match.groups()
    problems = []
    birth_date = _date_or_none(birth)
    if birth_date is None:
        problems.append(f"birth date {birth} is not a date")
    year, month = int(appointed[:4]), int(appointed[4:])
    kind = "PPPK" if month == PPPK_MONTH else "PNS"
    if kind == "PNS" and not 1 <= month <= 12:
        problems.append(f"appointment month {month:02d} is not a month")
    if birth_date is not None and not birth_date.year + ADULT_AGE <= year <= LAST_YEAR:
        problems.append(f"appointed in {year}, at an impossible age")
    if sex_digit not in "12":
        problems.append(f"sex digit {sex_digit} is neither 1 nor 2")
    return NipReading(
        digits="".join(match.groups()), kind=kind, birth_date=birth_date, appointed_year=year,
        appointed_month=None if kind == "PPPK" else month, sex={"1": "M", "2": "F"}.get(sex_digit),
        problems=tuple(problems),
    )


def _date_or_none(yyyymmdd: str) -> date | None:
    try:
        value = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    except ValueError:
        return None
    return value if 1930 <= value.year <= LAST_YEAR else None
