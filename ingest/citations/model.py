"""What the extractor returns: typed citations, each with its exact span in the text.

A citation points at one or more `CitedProvision`s. Unlike `ProvisionRef` (core/refs.py), a
cited provision may be partial: the regulation may be unknown ("sebagaimana dimaksud pada ayat
(1)" read without context) or the path may start below Pasal ("huruf a" alone). Complete ones
convert to `ProvisionRef` through `Citation.refs`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from core.refs import ANCHORS, CONTAINERS, ProvisionRef, RegulationRef, describe_path, provision_at

# A provision path below the regulation, highest level first: (("pasal", "87"), ("ayat", "4")),
# (("lampiran", ""), ("angka", "7"), ("huruf", "a")).
Path = tuple[tuple[str, str], ...]


# How deep each level sits. Huruf and angka share a depth: they nest either way round
# ("Pasal 5 huruf n angka 4" in PP 94/2021, "Pasal 4 angka 12 huruf a" in PP 53/2010). A BAB
# sits inside its Lampiran.
DEPTH = {"pasal": 0, "diktum": 0, "lampiran": 0, "bab": 0.5, "ayat": 1, "huruf": 2, "angka": 2}


def complete_path(base: Path, partial: Path) -> Path:
    """Complete a relative `partial` path from `base`, the provision it is read in.

    Keeps the levels of `base` above the level `partial` starts at: "ayat (1)" read in
    Pasal 8 ayat (3) is Pasal 8 ayat (1); "huruf a" read in Pasal 8 ayat (3) is Pasal 8 ayat (3)
    huruf a; "angka 3" read in angka 2 BAB III of a Lampiran is angka 3 of that BAB. Used both
    for context ("ayat (1)" inside Pasal 8) and inside lists ("Pasal 7 huruf a, huruf b": the
    second item borrows Pasal 7 from the first). A path from a Pasal, diktum or Lampiran is whole.
    """
    if not partial:
        return base
    if partial[0][0] in ANCHORS:
        return partial
    start_depth = DEPTH[partial[0][0]]
    partial_levels = {level for level, _ in partial}
    kept = []
    for level, label in base:
        if level in partial_levels or DEPTH[level] > start_depth:
            break
        kept.append((level, label))
    return tuple(kept) + partial


def starts_at_anchor(path: Path) -> bool:
    """True if `path` starts where a provision hangs: at a Pasal, a diktum or a Lampiran."""
    return bool(path) and path[0][0] in ANCHORS


def names_a_unit(path: Path) -> bool:
    """False for a path of a Lampiran or BAB alone ("Lampiran II"), which running text names as
    often as it cites it."""
    return any(level not in CONTAINERS for level, _ in path)


@dataclass(frozen=True)
class CitedProvision:
    """One provision a citation points at, as far as the text (and context) tell."""

    regulation: RegulationRef | None  # None: the text does not say which regulation
    path: Path = ()  # () means the regulation as a whole

    @property
    def complete(self) -> bool:
        """True if this can be a `ProvisionRef`: regulation known, path starting at a Pasal, diktum
        or Lampiran (or, for a circular, at one of its own points)."""
        return self.to_ref() is not None

    def to_ref(self) -> ProvisionRef | None:
        if self.regulation is None:
            return None
        try:
            return provision_at(self.regulation, self.path)
        except ValueError:
            return None

    def __str__(self) -> str:
        regulation = self.regulation.citation if self.regulation else "(regulation unknown)"
        return f"{describe_path(self.path)} {regulation}".strip()


@dataclass(frozen=True, kw_only=True)
class Citation:
    """Common to all citations: where it is and what it says."""

    start: int
    end: int
    raw: str  # text[start:end], exactly as written
    uncertain: bool = False  # OCR repairs or a malformed number: a person should check
    notes: tuple[str, ...] = ()  # why it is uncertain, how an alias was read, ...

    @property
    def provisions(self) -> tuple[CitedProvision, ...]:
        raise NotImplementedError

    @property
    def complete(self) -> bool:
        """False if some provision lacks its regulation or Pasal ("pada ayat (1)" without context)."""
        return all(provision.complete for provision in self.provisions)

    @property
    def refs(self) -> list[ProvisionRef]:
        """The complete provisions cited, as shared references."""
        return [ref for ref in (provision.to_ref() for provision in self.provisions) if ref is not None]

    def moved(self, offset: int) -> Citation:
        """The same citation with its span shifted, for text read in pieces."""
        return dataclasses.replace(self, start=self.start + offset, end=self.end + offset)


@dataclass(frozen=True, kw_only=True)
class RegulationCitation(Citation):
    """A regulation named as a whole: "UU 5/2014", "Peraturan Pemerintah Nomor 94 Tahun 2021",
    "UU ASN". `regulation` is None when the name is recognised but cannot be a `RegulationRef`
    (the constitution, UUD 1945) or is not recognised at all ("Undang-Undang Pajak Penghasilan")."""

    regulation: RegulationRef | None
    form: str  # "number" (written with its number), "alias" (common name), "constitution", "unrecognised", "this"

    @property
    def provisions(self) -> tuple[CitedProvision, ...]:
        return (CitedProvision(self.regulation),)


# Where a ProvisionCitation's regulation came from.
CITED = "cited"  # named next to the provisions: "Pasal 31 UU 5/2014", "UU 5/2014 Pasal 31"
CONTEXT = "context"  # the regulation being read ("Pasal 8", "Pasal 8 Undang-Undang ini")
ANTECEDENT = "antecedent"  # the regulation cited last before it, outside a regulation
UNKNOWN = "unknown"


@dataclass(frozen=True, kw_only=True)
class ProvisionCitation(Citation):
    """Provisions: "Pasal 87 ayat (4) huruf c Undang-Undang Nomor 5 Tahun 2014", "ayat (1)
    sampai dengan ayat (3)", "Pasal 86 dan Pasal 87". Lists and ranges are expanded."""

    cited: tuple[CitedProvision, ...]
    named_regulation: RegulationCitation | None = None  # as written next to the provisions
    regulation_source: str = UNKNOWN  # CITED, CONTEXT, ANTECEDENT or UNKNOWN

    @property
    def provisions(self) -> tuple[CitedProvision, ...]:
        return self.cited

    def moved(self, offset: int) -> ProvisionCitation:
        named = self.named_regulation.moved(offset) if self.named_regulation else None
        return dataclasses.replace(super().moved(offset), named_regulation=named)


@dataclass(frozen=True, kw_only=True)
class RulingCitation(Citation):
    """A Constitutional Court ruling: "Putusan MK Nomor 41/PUU-XII/2014". `number` is as
    written, spaces removed; an ill-formed number is kept, marked uncertain."""

    number: str
    year: int

    @property
    def regulation(self) -> RegulationRef:
        return RegulationRef("PUTUSAN_MK", self.number, self.year)

    @property
    def provisions(self) -> tuple[CitedProvision, ...]:
        return (CitedProvision(self.regulation),)


@dataclass(frozen=True)
class CitationContext:
    """Where the text being read sits, so that relative citations can be completed.

    `regulation` and `path`: the regulation and provision being read ("ayat (1)" read in
    Pasal 8 means Pasal 8 ayat (1)). Leave them empty for case documents, reports and queries.
    `date`: when the text was written; picks the regulation a common name meant then
    ("UU ASN" is UU 20/2023 from 31 October 2023).
    """

    regulation: RegulationRef | None = None
    path: Path = ()
    date: date | None = None

    @classmethod
    def within(cls, provision: ProvisionRef, date: date | None = None) -> CitationContext:
        return cls(provision.regulation, tuple(provision.path()), date)
