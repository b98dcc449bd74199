"""People in the corpus: ASN, candidates and officials, their numbers and how they are written.

A PNS's NIP is 18 digits: birth date YYYYMMDD, appointment (CPNS) YYYYMM, sex digit (1 man,
2 woman), a 3-digit sequence. A PPPK's number (NI PPPK) has the same layout with the year of
appointment followed by "21" where a PNS has the month, the pattern of real PPPK numbers.

A person is written many ways: with all titles, some or none, with "Sdr."/"Ibu", in capitals in
a decree, after an abbreviated post ("Kadisdik Agam ..."), or by first name after the first
mention. Every variant printed is remembered, for the gold.
"""

from __future__ import annotations

import random
from array import array
from dataclasses import dataclass, field
from datetime import date

from .offices import Office

ASN, CANDIDATE, OFFICIAL = "ASN", "Candidate", "Official"


@dataclass
class Appointment:
    """An ASN's appointment to their post by a regional head."""
    by: "Person"
    on: date
    decree: str


@dataclass
class FamilyTie:
    """`relation` is what this person is to `to`: "kakak kandung", "istri", "menantu", ..."""
    to: "Person"
    relation: str


@dataclass(eq=False)
class Person:
    key: str
    name: str  # without titles; a Minangkabau adat title ("Datuak ...") is part of the name
    sex: str  # "L" or "P"
    birth: date
    front: list[str] = field(default_factory=list)  # "Dr.", "Drs.", "dr.", "Ir.", then "H."/"Hj."
    back: list[str] = field(default_factory=list)  # "S.Sos.", "M.Si.", ...
    kind: str = ASN
    office: Office | None = None  # ASN only
    employment: str | None = None  # "PNS" or "PPPK"
    nip: str | None = None  # NIP, or NI PPPK for PPPK
    rank: str | None = None
    position: str | None = None  # officials and sitting heads: "Wali Nagari Sungai Sarik", "Bupati Agam"
    agency: str | None = None
    races: list[str] = field(default_factory=list)
    family: FamilyTie | None = None
    appointment: Appointment | None = None
    # Gold bookkeeping: documents this person is named in (as compact codes) and variants printed.
    doc_codes: array = field(default_factory=lambda: array("I"))
    mentions: dict[str, None] = field(default_factory=dict)
    number_printed: bool = False
    written: bool = False  # already in the gold

    @property
    def gold_kind(self) -> str:
        return CANDIDATE if self.races else self.kind

    @property
    def title_position(self) -> str | None:
        return self.office.title if self.office else self.position

    @property
    def gold_agency(self) -> str | None:
        return self.office.agency if self.office else self.agency

    @property
    def first_name(self) -> str:
        return self.name.split()[0]

    @property
    def honorific(self) -> str:
        return "Sdr." if self.sex == "L" else "Sdri."

    @property
    def polite(self) -> str:
        return "Bapak" if self.sex == "L" else "Ibu"

    def note_document(self, code: int) -> None:
        if not self.doc_codes or self.doc_codes[-1] != code:
            self.doc_codes.append(code)


# -- numbers -------------------------------------------------------------------------------------

class NumberRegistry:
    """Numbers already given out, so that no two people share a NIP.

    A fixed-size bitmap keeps memory bounded at any corpus size; a false alarm only makes the
    caller draw another sequence number.
    """

    BITS = 1 << 27  # 16 MiB

    def __init__(self) -> None:
        self._bits = bytearray(self.BITS // 8)

    def claim(self, number: str) -> bool:
        """True if `number` was free (and is now taken)."""
        slot = (int(number) * 0x9E3779B97F4A7C15 >> 20) % self.BITS
        byte, bit = divmod(slot, 8)
        if self._bits[byte] >> bit & 1:
            return False
        self._bits[byte] |= 1 << bit
        return True


def appointment_month(rng: random.Random, birth: date, latest_year: int) -> tuple[int, int]:
    """CPNS appointment: at 20 to 32, never before the 18th birthday, never after `latest_year`."""
    year = min(birth.year + rng.randint(20, 32), latest_year)
    year = max(year, birth.year + 19)  # callers keep birth years early enough for this to hold
    return year, rng.choice((1, 2, 3, 3, 4, 12))


def pns_nip(rng: random.Random, registry: NumberRegistry, birth: date, sex: str, latest_year: int) -> str:
    year, month = appointment_month(rng, birth, latest_year)
    prefix = f"{birth:%Y%m%d}{year:04d}{month:02d}{1 if sex == 'L' else 2}"
    while True:
        nip = f"{prefix}{rng.randint(1, 999):03d}"
        if registry.claim(nip):
            return nip


def pppk_number(rng: random.Random, registry: NumberRegistry, birth: date, sex: str, latest_year: int) -> str:
    year = rng.randint(2021, latest_year)
    prefix = f"{birth:%Y%m%d}{year:04d}21{1 if sex == 'L' else 2}"
    while True:
        number = f"{prefix}{rng.randint(1, 999):03d}"
        if registry.claim(number):
            return number


def spaced_number(number: str) -> str:
    """"19780620 200501 1 003", as NIPs are often printed."""
    return f"{number[:8]} {number[8:14]} {number[14]} {number[15:]}"


# -- how a name is written -------------------------------------------------------------------

def _with_titles(front: list[str], name: str, back: list[str]) -> str:
    text = " ".join([*front, name])
    return f"{text}, {', '.join(back)}" if back else text


def _adat_short(name: str) -> str:
    return name.replace("Datuak ", "Dt. ")


def written_name(rng: random.Random, person: Person, style: str) -> str:
    """The name in a style: "full" (all titles), "front" or "back" (titles on one side only),
    "polite" ("Bapak"/"Ibu" and titles), "honorific" ("Sdr."/"Sdri.", no titles), "upper" (name in
    capitals, as in decrees) or "plain". Adat titles are sometimes abbreviated "Dt."."""
    name = _adat_short(person.name) if "Datuak" in person.name and rng.random() < 0.4 else person.name
    if style == "full":
        return _with_titles(person.front, name, person.back)
    if style == "front":
        return _with_titles(person.front, name, [])
    if style == "back":
        return _with_titles([], name, person.back)
    if style == "polite":
        return f"{person.polite} {_with_titles(person.front, name, person.back)}"
    if style == "honorific":
        return f"{person.honorific} {name}"
    if style == "upper":
        return _with_titles(person.front, name.upper(), person.back)
    return name


def short_reference(person: Person) -> str:
    """A later mention by first name: "Sdr. Hendrizal"."""
    return f"{person.honorific} {person.first_name}"
