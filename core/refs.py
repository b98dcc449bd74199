"""References to regulations and their provisions, shared by every component.

A `ProvisionRef` names a provision the way Indonesian lawyers do:
`{type, number, year, pasal, ayat, huruf, angka}`. It also keeps the order in which
the levels below Pasal are nested, because both orders occur: "Pasal 5 huruf n angka 4"
(PP 94/2021) and "Pasal 4 angka 12 huruf a" (PP 53/2010).

Ids read like citations and are stable across runs:

    uu/2014/5                               the regulation
    uu/2014/5/pasal-87/ayat-4/huruf-c       a provision
    pp/2010/53/pasal-4/angka-12/huruf-a     angka above huruf, as written
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

# Canonical regulation types -> the name used in full citations.
REGULATION_TYPES = {
    "UU": "Undang-Undang",
    "PERPPU": "Peraturan Pemerintah Pengganti Undang-Undang",
    "PP": "Peraturan Pemerintah",
    "PERPRES": "Peraturan Presiden",
    "KEPPRES": "Keputusan Presiden",
    "PERMEN": "Peraturan Menteri",
    "PERMENKEU": "Peraturan Menteri Keuangan",
    "PERDA": "Peraturan Daerah",
    "PERBAWASLU": "Peraturan Badan Pengawas Pemilihan Umum",
    "PKPU": "Peraturan Komisi Pemilihan Umum",
    "SKB": "Keputusan Bersama",
    "PUTUSAN_MK": "Putusan Mahkamah Konstitusi",
}

# Short forms used in citations ("Perppu 1/2014"), where they differ from the type code.
SHORT_NAMES = {"PERPPU": "Perppu", "PERPRES": "Perpres", "KEPPRES": "Keppres", "PERMEN": "Permen",
               "PERMENKEU": "PMK", "PERDA": "Perda", "PERBAWASLU": "Perbawaslu", "PUTUSAN_MK": "Putusan MK"}

LEVELS = ("pasal", "ayat", "huruf", "angka")
SUB_LEVELS = ("ayat", "huruf", "angka")


@lru_cache(maxsize=65_536)  # ids are built millions of times while a large corpus is resolved
def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z.]+", "-", text.lower()).strip("-")


@dataclass(frozen=True)
class RegulationRef:
    type: str  # a key of REGULATION_TYPES
    number: str  # a string: "5", "41/PUU-XII/2014", "800-5474"
    year: int

    def __post_init__(self):
        if self.type not in REGULATION_TYPES:
            raise ValueError(f"unknown regulation type {self.type!r}")

    @cached_property
    def id(self) -> str:
        return f"{_slug(self.type)}/{self.year}/{_slug(self.number)}"

    @property
    def citation(self) -> str:
        """Short form: "UU 5/2014", "Putusan MK 41/PUU-XII/2014"."""
        name = SHORT_NAMES.get(self.type, self.type)
        if self.type == "PUTUSAN_MK":
            return f"{name} {self.number}"
        return f"{name} {self.number}/{self.year}"


@dataclass(frozen=True)
class ProvisionRef:
    """A provision of a regulation, down to angka. Levels left out are None."""

    regulation: RegulationRef
    pasal: str | None = None  # "12A" stays a string
    ayat: str | None = None
    huruf: str | None = None
    angka: str | None = None
    # The levels below Pasal in nesting order; derived from the fields when not given.
    order: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self):
        present = tuple(level for level in SUB_LEVELS if getattr(self, level) is not None)
        order = self.order or present
        if sorted(order) != sorted(present):
            raise ValueError(f"order {order} does not match the levels given {present}")
        object.__setattr__(self, "order", order)
        if present and self.pasal is None:
            raise ValueError("a provision below Pasal needs its Pasal")

    # -- construction ---------------------------------------------------------

    @classmethod
    def from_dict(cls, data: dict) -> ProvisionRef:
        """From `{type, number, year, pasal?, ayat?, huruf?, angka?, order?}` (as in the eval sets)."""
        regulation = RegulationRef(str(data["type"]).upper(), str(data["number"]), int(data["year"]))
        values = {level: (str(data[level]) if data.get(level) not in (None, "") else None) for level in LEVELS}
        return cls(regulation, **values, order=tuple(data.get("order") or ()))

    @classmethod
    def from_id(cls, ref_id: str) -> ProvisionRef:
        type_slug, year, number, *parts = ref_id.split("/")
        type_code = next(code for code in REGULATION_TYPES if _slug(code) == type_slug)
        levels = dict(part.split("-", 1) for part in parts)
        if "pasal" in levels:
            levels["pasal"] = levels["pasal"].upper()  # ids are lower case; Pasal 12A is not
        order = tuple(part.split("-", 1)[0] for part in parts if not part.startswith("pasal-"))
        return cls(RegulationRef(type_code, number, int(year)), **levels, order=order)

    # -- views ------------------------------------------------------------------

    def path(self) -> list[tuple[str, str]]:
        """(level, label) pairs from Pasal down, in nesting order."""
        if self.pasal is None:
            return []
        return [("pasal", self.pasal)] + [(level, getattr(self, level)) for level in self.order]

    @cached_property
    def id(self) -> str:
        return "/".join([self.regulation.id] + [f"{level}-{_slug(label)}" for level, label in self.path()])

    @property
    def citation(self) -> str:
        """Canonical citation: "Pasal 5 huruf n angka 4 PP 94/2021"."""
        words = []
        for level, label in self.path():
            words.append(f"ayat ({label})" if level == "ayat" else f"{level.capitalize() if level == 'pasal' else level} {label}")
        return " ".join(words + [self.regulation.citation])

    def to_dict(self) -> dict:
        data = {"type": self.regulation.type, "number": self.regulation.number, "year": self.regulation.year}
        data.update({level: getattr(self, level) for level in LEVELS if getattr(self, level) is not None})
        return data

    def parent(self) -> ProvisionRef | None:
        """One level up; None for the regulation itself."""
        path = self.path()
        if not path:
            return None
        return self._with_path(path[:-1])

    def within(self, other: ProvisionRef) -> bool:
        """True if this provision is `other` or lies inside it."""
        theirs = other.path()
        return self.regulation == other.regulation and self.path()[: len(theirs)] == theirs

    def _with_path(self, path: list[tuple[str, str]]) -> ProvisionRef:
        levels = dict(path)
        return ProvisionRef(self.regulation, **levels, order=tuple(level for level, _ in path[1:]))

    def __str__(self) -> str:
        return self.citation
