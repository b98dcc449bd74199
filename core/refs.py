"""References to regulations and their provisions, shared by every component.

A `ProvisionRef` names a provision the way Indonesian lawyers do:
`{type, number, year, pasal, ayat, huruf, angka}`. It also keeps the order in which
the levels below Pasal are nested, because both orders occur: "Pasal 5 huruf n angka 4"
(PP 94/2021) and "Pasal 4 angka 12 huruf a" (PP 53/2010).

Not every rule sits in a Pasal. A decree (Keputusan, Keputusan Bersama) decides in numbered
diktum (KESATU, KEDUA ...), and guidelines, lists and circulars (Surat Edaran) are numbered
points, often in a Lampiran split into chapters (BAB I, BAB II ...). So a provision hangs under
one of three anchors: a Pasal, a diktum, or a Lampiran (optionally one of its BAB); a circular's
own numbered points (types in LIST_TYPES, points "1.", "2." ...) may also stand straight under
the document.

Ids read like citations and are stable across runs:

    uu/2014/5                               the regulation
    uu/2014/5/pasal-87/ayat-4/huruf-c       a provision of a Pasal
    pp/2010/53/pasal-4/angka-12/huruf-a     angka above huruf, as written
    skb/2022/2/diktum-kesatu                a diktum ("KEDUA BELAS" -> diktum-kedua-belas)
    skb/2022/2/diktum-kedua/huruf-a         a point of a diktum
    skb/2022/2/lampiran                     the Lampiran, when it has no number
    skb/2022/2/lampiran/angka-7/huruf-a     a point of it
    skb/2022/2/lampiran-ii/bab-iii/angka-2  a point of chapter III of Lampiran II
    se-menpanrb/2017/b-71-m.sm.00.00-2017/angka-5
                                            a point of a circular's own body

Citations read the same way, a Lampiran's place written after its points: "Pasal 87 ayat (4)
huruf c UU 5/2014", "Diktum KESATU SKB 2/2022", "angka 7 huruf a Lampiran SKB 2/2022",
"angka 2 BAB III Lampiran II SKB 2/2022". `ProvisionRef.top_unit` is the numbered unit at the
top of a provision: its Pasal, its diktum, or a Lampiran's (a circular's) top point.

Types whose numbers each issuer gives out on its own (ISSUER_TYPES: two ministries may each
issue a Permen 1/2020) carry the issuer in the first segment of the id, `permen-mendagri/2020/1`,
when it is known. The other types keep the plain `type/year/number`: a joint decree (SKB) is
known by the first number it lists.
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
    "KEPUTUSAN": "Keputusan",
    "SE": "Surat Edaran",
    "PUTUSAN_MK": "Putusan Mahkamah Konstitusi",
}

# Short forms used in citations ("Perppu 1/2014"), where they differ from the type code.
SHORT_NAMES = {"PERPPU": "Perppu", "PERPRES": "Perpres", "KEPPRES": "Keppres", "PERMEN": "Permen",
               "PERMENKEU": "PMK", "PERDA": "Perda", "PERBAWASLU": "Perbawaslu", "PUTUSAN_MK": "Putusan MK",
               "KEPUTUSAN": "Keputusan"}
# Numbered by each issuer on its own (each ministry, region, office): the issuer is part of the id.
ISSUER_TYPES = frozenset({"PERMEN", "PERDA", "KEPUTUSAN", "SE"})
# Types whose rules may be numbered points straight under the document, with no Pasal, diktum
# or Lampiran above them (a circular's "1. Latar Belakang ... 5. Isi Edaran: a. ..."). Such a
# point is an angka: a bare "huruf a" is a reference to read in its context, not a rule.
LIST_TYPES = frozenset({"SE", "KEPUTUSAN", "KEPPRES", "SKB"})

# Issuers people name in several ways ("Menteri Dalam Negeri", "Mendagri", the "Dalam Negeri" of
# "Peraturan Menteri Dalam Negeri", "dagri" of "Permendagri"), as (pattern over the lower-case
# words, slug, how citations print it). Others get the slug of their words, less a leading
# "Menteri": a ministry is known by its portfolio.
KNOWN_ISSUERS = [
    (r"(?:men(?:teri)?\s*)?(?:pendayagunaan\s+aparatur\s+negara(?:\s+dan\s+reformasi\s+birokrasi)?"
     r"|pan\s*rb)", "menpanrb", "MenPANRB"),
    (r"(?:men(?:teri)?\s*)?(?:dalam\s+negeri|dagri)", "mendagri", "Mendagri"),
    (r"(?:kepala\s+)?(?:badan\s+kepegawaian\s+negara|bkn)", "bkn", "BKN"),
    (r"(?:ketua\s+)?(?:komisi\s+aparatur\s+sipil\s+negara|kasn)", "kasn", "KASN"),
    (r"(?:ketua\s+)?(?:badan\s+pengawas\s+pemilihan\s+umum|bawaslu)", "bawaslu", "Bawaslu"),
    (r"(?:ketua\s+)?(?:komisi\s+pemilihan\s+umum|kpu)", "kpu", "KPU"),
]
_KNOWN_ISSUERS = [(re.compile(pattern), slug) for pattern, slug, _shown in KNOWN_ISSUERS]
_ISSUERS_SHOWN = {slug: shown for _pattern, slug, shown in KNOWN_ISSUERS}
_COUNTRY = re.compile(r"\b(?:republik\s+indonesia|ri)\b")

# Ordinal words: a diktum's label ("KESATU", "KEDUA BELAS") and a Bagian's ("Kedua"), any case.
ORDINAL = (r"(?i:Kesatu|Pertama|Ke(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas)"
           r"(?:\s++(?:Belas|Puluh(?:\s++(?:Satu|Dua|Tiga|Empat|Lima|Enam|Tujuh|Delapan|Sembilan))?))?)\b")
_UNITS = {"satu": 1, "pertama": 1, "kesatu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
          "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11}

LEVELS = ("pasal", "ayat", "huruf", "angka")  # a Pasal's levels: the fields of the evaluation sets
SUB_LEVELS = ("ayat", "huruf", "angka")
ANCHORS = ("pasal", "diktum", "lampiran")  # what a provision may hang under; at most one
CONTAINERS = ("lampiran", "bab")  # anchor levels that group points numbered afresh in each
ANCHOR_LEVELS = ("pasal", "diktum", "lampiran", "bab")  # in the order an id writes them


@lru_cache(maxsize=65_536)  # ids are built millions of times while a large corpus is resolved
def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z.]+", "-", text.lower()).strip("-")


ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
ROMAN = re.compile(r"(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


def roman_to_int(text: str) -> int | None:
    """ "IV" -> 4 (the number of a Lampiran, a BAB, an amending law's Pasal); None if not Roman."""
    if not text or not ROMAN.fullmatch(text):
        return None
    total = 0
    for char, following in zip(text, text[1:] + " "):
        value = ROMAN_VALUES[char]
        total += -value if following != " " and ROMAN_VALUES[following] > value else value
    return total


def ordinal_value(word: str) -> int | None:
    """ "KESATU" -> 1, "Kedua Belas" -> 12, "Kedua Puluh Satu" -> 21; None for other words."""
    parts = word.lower().split()
    if not parts or len(parts) > 3:
        return None
    first = _UNITS.get(parts[0]) or _UNITS.get(parts[0].removeprefix("ke"))  # "kesatu"; "kedua" is "ke" + "dua"
    if first is None:
        return None
    if parts[1:] == ["belas"]:
        return first + 10
    if parts[1:2] == ["puluh"]:
        return first * 10 + (_UNITS.get(parts[2], 0) if len(parts) == 3 else 0)
    return first if len(parts) == 1 else None


def issuer_slug(office: str) -> str:
    """The id segment of an issuing office: "Menteri Dalam Negeri", "Mendagri" -> "mendagri";
    others by their words: "Provinsi Jawa Barat" -> "provinsi-jawa-barat"."""
    words = " ".join(_COUNTRY.sub(" ", office.lower().replace("-", " ")).split())
    for pattern, slug in _KNOWN_ISSUERS:
        if pattern.fullmatch(words):
            return slug
    return _slug(words.removeprefix("menteri "))


def _issuer_shown(slug: str) -> str:
    return _ISSUERS_SHOWN.get(slug) or slug.replace("-", " ").title()


@dataclass(frozen=True)
class RegulationRef:
    type: str  # a key of REGULATION_TYPES
    number: str  # a string: "5", "41/PUU-XII/2014", "800-5474"
    year: int
    # The issuing office, for ISSUER_TYPES; kept as its slug ("mendagri") and dropped for other
    # types, whose numbers do not depend on it.
    issuer: str = ""

    def __post_init__(self):
        if self.type not in REGULATION_TYPES:
            raise ValueError(f"unknown regulation type {self.type!r}")
        issuer = issuer_slug(self.issuer) if self.type in ISSUER_TYPES and self.issuer else ""
        object.__setattr__(self, "issuer", issuer)

    @cached_property
    def id(self) -> str:
        kind = f"{_slug(self.type)}-{self.issuer}" if self.issuer else _slug(self.type)
        return f"{kind}/{self.year}/{_slug(self.number)}"

    @property
    def citation(self) -> str:
        """Short form: "UU 5/2014", "Permen Mendagri 1/2020", "Putusan MK 41/PUU-XII/2014" (a number
        that ends in its year is not given the year again)."""
        name = SHORT_NAMES.get(self.type, self.type)
        if self.issuer:
            name = f"{name} {_issuer_shown(self.issuer)}"
        if self.number.endswith(f"/{self.year}"):
            return f"{name} {self.number}"
        return f"{name} {self.number}/{self.year}"

    @classmethod
    def from_id(cls, regulation_id: str) -> RegulationRef:
        """ "uu/2014/5", "permen-mendagri/2020/1" -> the ref (the number as its id slug)."""
        kind, year, number = regulation_id.split("/")
        for code in sorted(REGULATION_TYPES, key=lambda c: -len(_slug(c))):  # "permenkeu" before "permen"
            type_slug = _slug(code)
            if kind == type_slug or (code in ISSUER_TYPES and kind.startswith(type_slug + "-")):
                ref = cls(code, number, int(year), kind[len(type_slug) + 1:])
                if ref.id == regulation_id:
                    return ref
        raise ValueError(f"{regulation_id!r} is not a regulation id such as uu/2014/5")


def describe_path(path) -> str:
    """ "Pasal 87 ayat (4) huruf c", "Diktum KEDUA huruf a", "angka 7 huruf a Lampiran",
    "angka 2 BAB III Lampiran II": a Lampiran and its BAB are named after the points in them,
    as people cite them."""
    containers = [pair for pair in path if pair[0] in CONTAINERS]
    rest = [pair for pair in path if pair[0] not in CONTAINERS]
    return " ".join(_level_words(level, label) for level, label in rest + containers[::-1])


def _level_words(level: str, label: str) -> str:
    if level == "ayat":
        return f"ayat ({label})"
    if level == "bab":
        return f"BAB {label}"
    if level in ("pasal", "diktum", "lampiran"):
        return f"{level.capitalize()} {label}".strip()
    return f"{level} {label}"


@dataclass(frozen=True)
class ProvisionRef:
    """A provision of a regulation, down to angka. Levels left out are None; the Lampiran that
    has no number is `lampiran=""`."""

    regulation: RegulationRef
    pasal: str | None = None  # "12A" stays a string
    ayat: str | None = None
    huruf: str | None = None
    angka: str | None = None
    # The levels below the anchor in nesting order; derived from the fields when not given.
    order: tuple[str, ...] = field(default=(), compare=False)
    diktum: str | None = field(default=None, kw_only=True)  # "KESATU", "KEDUA BELAS"
    lampiran: str | None = field(default=None, kw_only=True)  # "" or "II"
    bab: str | None = field(default=None, kw_only=True)  # a chapter of the Lampiran: "III"

    def __post_init__(self):
        # Unless told: a Pasal's huruf hold its angka ("Pasal 5 huruf n angka 4"); lists numbered
        # afresh (diktum, Lampiran, a circular) put angka above huruf ("1. ... a. ...").
        default = SUB_LEVELS if self.pasal is not None else ("ayat", "angka", "huruf")
        present = tuple(level for level in default if getattr(self, level) is not None)
        order = self.order or present
        if sorted(order) != sorted(present):
            raise ValueError(f"order {order} does not match the levels given {present}")
        object.__setattr__(self, "order", order)
        anchors = [level for level in ANCHORS if getattr(self, level) is not None]
        if len(anchors) > 1:
            raise ValueError(f"a provision hangs under one of Pasal, diktum or Lampiran, not {anchors}")
        if self.bab is not None and self.lampiran is None:
            raise ValueError("a BAB in a provision's path belongs to a Lampiran")
        if present and not anchors and (self.regulation.type not in LIST_TYPES or order[0] != "angka"):
            raise ValueError("a provision below Pasal needs its Pasal (a circular's own points start at angka)")

    # -- construction ---------------------------------------------------------

    @classmethod
    def from_dict(cls, data: dict) -> ProvisionRef:
        """From `{type, number, year, issuer?, pasal?, diktum?, lampiran?, bab?, ayat?, huruf?, angka?,
        order?}` (as in the eval sets); `"lampiran": ""` is the Lampiran without a number."""
        regulation = RegulationRef(str(data["type"]).upper(), str(data["number"]), int(data["year"]),
                                   str(data.get("issuer") or ""))
        values = {level: (str(data[level]) if data.get(level) not in (None, "") else None)
                  for level in LEVELS + ("diktum", "bab")}
        lampiran = None if data.get("lampiran") is None else str(data["lampiran"])
        return cls(regulation, **values, lampiran=lampiran, order=tuple(data.get("order") or ()))

    @classmethod
    def from_id(cls, ref_id: str) -> ProvisionRef:
        """The ref whose `id` is `ref_id`; ValueError for anything else."""
        parts = ref_id.split("/")
        if len(parts) < 3:
            raise ValueError(f"{ref_id!r} is not a Netra id such as uu/2014/5/pasal-87/ayat-4")
        regulation = RegulationRef.from_id("/".join(parts[:3]))
        ref = provision_at(regulation, [parse_segment(part) for part in parts[3:]])
        if ref.id != ref_id:
            raise ValueError(f"{ref_id!r} is not written as Netra writes ids ({ref.id})")
        return ref

    # -- views ------------------------------------------------------------------

    def path(self) -> list[tuple[str, str]]:
        """(level, label) pairs from the anchor down, in nesting order."""
        anchor = [(level, getattr(self, level)) for level in ANCHOR_LEVELS if getattr(self, level) is not None]
        return anchor + [(level, getattr(self, level)) for level in self.order]

    @cached_property
    def id(self) -> str:
        return "/".join([self.regulation.id] + [id_segment(level, label) for level, label in self.path()])

    @property
    def citation(self) -> str:
        """Canonical citation: "Pasal 5 huruf n angka 4 PP 94/2021", "angka 6 Lampiran SKB 2/2022"."""
        return " ".join(part for part in (describe_path(self.path()), self.regulation.citation) if part)

    @property
    def top_unit(self) -> ProvisionRef:
        """The numbered unit at the top that this provision is part of: its Pasal, its diktum, or
        in a Lampiran (or a circular's own list) the top numbered point. A Lampiran or BAB stands
        for itself, as does the regulation."""
        path = self.path()
        containers = sum(level in CONTAINERS for level, _ in path)
        return self._with_path(path[:containers + 1])

    def to_dict(self) -> dict:
        data = {"type": self.regulation.type, "number": self.regulation.number, "year": self.regulation.year}
        if self.regulation.issuer:
            data["issuer"] = self.regulation.issuer
        data.update(self.path())
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
        return provision_at(self.regulation, path)

    def __str__(self) -> str:
        return self.citation


def provision_at(regulation: RegulationRef, path) -> ProvisionRef:
    """The provision of `regulation` at `path`, (level, label) pairs from the anchor down;
    ValueError if that is no provision (a level twice, or not below one anchor)."""
    levels = dict(path)
    if len(levels) != len(path) or not set(levels) <= set(ANCHOR_LEVELS + SUB_LEVELS):
        raise ValueError(f"{path} is not a provision's path")
    return ProvisionRef(regulation, **levels, order=tuple(level for level, _ in path if level in SUB_LEVELS))


def id_segment(level: str, label: str) -> str:
    return level if level == "lampiran" and not label else f"{level}-{_slug(label)}"


def parse_segment(segment: str) -> tuple[str, str]:
    """ "pasal-12a" -> ("pasal", "12A"), "lampiran" -> ("lampiran", ""), "diktum-kedua-belas" ->
    ("diktum", "KEDUA BELAS"): ids are lower case; Pasal 12A, Roman numbers and diktum are not."""
    level, _, label = segment.partition("-")
    if level not in ANCHOR_LEVELS + SUB_LEVELS or (not label and level != "lampiran"):
        raise ValueError(f"{segment!r} is no level of a provision")
    if level in ANCHOR_LEVELS:
        return level, label.replace("-", " ").upper()
    return level, label
