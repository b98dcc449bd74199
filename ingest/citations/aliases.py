"""Common names of regulations ("UU ASN", "PP Disiplin PNS") and the amendments we know of.

A common name can mean different regulations over time: "UU ASN" was UU 5/2014 until UU 20/2023
replaced it on 31 October 2023. With a date (of the document citing it) we pick the regulation in
force then; without one, the default below, which is the regulation the corpus is built around.
Dates are promulgation dates (these regulations take effect on promulgation), read from the texts
in corpus/core where present.

Written as "<type word> [Tahun YYYY] [tentang] <name>": "UU ASN", "Undang-Undang tentang
Aparatur Sipil Negara", "Undang-Undang Tahun 2014 tentang Aparatur Sipil Negara", "pp disiplin pns".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.refs import RegulationRef

from .patterns import TYPE_WORDS, YEAR, compile_pattern, read_year


@dataclass(frozen=True)
class Meaning:
    regulation: RegulationRef
    in_force_from: date
    in_force_until: date | None = None  # None: still in force


@dataclass(frozen=True)
class Alias:
    name: str  # how we print it
    type: str  # the type word it is written with
    words: str  # regex for the words after the type word
    meanings: tuple[Meaning, ...]
    default: RegulationRef

    def regulation(self, year: int | None, on: date | None) -> tuple[RegulationRef, str | None]:
        """The regulation meant, and a note when the choice was not obvious."""
        if year is not None:
            for meaning in self.meanings:
                if meaning.regulation.year == year:
                    return meaning.regulation, None
            return self.default, f"{self.name} of {year} is unknown; read as {self.default.citation}"
        if on is not None:
            for meaning in self.meanings:
                if meaning.in_force_from <= on and (meaning.in_force_until is None or on <= meaning.in_force_until):
                    return meaning.regulation, None
            return self.default, f"no {self.name} was in force on {on}; read as {self.default.citation}"
        if len(self.meanings) > 1:
            others = ", ".join(f"{m.regulation.citation} from {m.in_force_from}" for m in self.meanings
                               if m.regulation != self.default)
            return self.default, f"{self.name} read as {self.default.citation} (no date given; also {others})"
        return self.default, None


UU_5_2014 = RegulationRef("UU", "5", 2014)
UU_20_2023 = RegulationRef("UU", "20", 2023)
PP_53_2010 = RegulationRef("PP", "53", 2010)
PP_94_2021 = RegulationRef("PP", "94", 2021)
PERPPU_1_2014 = RegulationRef("PERPPU", "1", 2014)
UU_1_2015 = RegulationRef("UU", "1", 2015)
UU_7_2017 = RegulationRef("UU", "7", 2017)
PP_42_2004 = RegulationRef("PP", "42", 2004)
# The joint decree on ASN neutrality, known by the first of its five numbers.
SKB_2_2022 = RegulationRef("SKB", "2", 2022)

_PNS = r"(?:pns|pegawai\s+negeri\s+sipil)"
_ASN = r"(?:pegawai\s+)?(?:asn|aparatur\s+sipil\s+negara)"
_PILKADA = r"(?:pilkada|pemilihan\s+kepala\s+daerah|pemilihan\s+gubernur,?\s+bupati,?\s+dan\s+wali\s*kota)"

ALIASES = (
    Alias("UU ASN", "UU", r"asn|aparatur\s+sipil\s+negara",
          (Meaning(UU_5_2014, date(2014, 1, 15), date(2023, 10, 30)), Meaning(UU_20_2023, date(2023, 10, 31))),
          default=UU_5_2014),
    Alias("PP Disiplin PNS", "PP", rf"disiplin\s+{_PNS}",
          (Meaning(PP_53_2010, date(2010, 6, 6), date(2021, 8, 30)), Meaning(PP_94_2021, date(2021, 8, 31))),
          default=PP_94_2021),
    Alias("PP Kode Etik PNS", "PP",
          rf"(?:pembinaan\s+)?jiwa\s+korps(?:\s+dan\s+kode\s+etik\s+{_PNS})?|kode\s+etik\s+{_PNS}",
          (Meaning(PP_42_2004, date(2004, 10, 18)),), default=PP_42_2004),
    # The Perppu on regional elections, enacted (as its annex) by UU 1/2015; amended since.
    Alias("UU Pilkada", "UU", _PILKADA, (Meaning(UU_1_2015, date(2015, 2, 2)),), default=UU_1_2015),
    Alias("Perppu Pilkada", "PERPPU", _PILKADA, (Meaning(PERPPU_1_2014, date(2014, 10, 2)),), default=PERPPU_1_2014),
    Alias("UU Pemilu", "UU", r"pemilu|pemilihan\s+umum", (Meaning(UU_7_2017, date(2017, 8, 16)),), default=UU_7_2017),
    Alias("SKB Netralitas ASN", "SKB", rf"(?:pedoman\s+pembinaan\s+dan\s+pengawasan\s+)?netralitas(?:\s+{_ASN})?",
          (Meaning(SKB_2_2022, date(2022, 9, 22)),), default=SKB_2_2022),
)

_ALIAS_PATTERNS = [
    (alias, compile_pattern(rf"""\b(?:{TYPE_WORDS[alias.type]})
                                (?:\s+tahun\s+(?P<year>{YEAR}))?\s+(?:tentang\s+)?(?:{alias.words})\b"""))
    for alias in ALIASES
]

# Later laws that carry new wording of a regulation's provisions, oldest first. UU 1/2015 enacted
# Perppu 1/2014 with the Perppu's text as its annex, so the Perppu's provisions live on there too.
_PILKADA_AMENDMENTS = (RegulationRef("UU", "8", 2015), RegulationRef("UU", "10", 2016), RegulationRef("UU", "6", 2020))
AMENDED_BY = {
    UU_1_2015: _PILKADA_AMENDMENTS,
    PERPPU_1_2014: (UU_1_2015, *_PILKADA_AMENDMENTS),
    UU_7_2017: (RegulationRef("UU", "7", 2023),),
}


@dataclass(frozen=True)
class AliasMatch:
    alias: Alias
    end: int
    regulation: RegulationRef
    note: str | None
    ocr_year: bool


def read_alias(text: str, pos: int, on: date | None) -> AliasMatch | None:
    """The common name of a regulation written at `pos`, if any."""
    for alias, pattern in _ALIAS_PATTERNS:
        match = pattern.match(text, pos)
        if match:
            year, ocr_year = read_year(match["year"]) if match["year"] else (None, False)
            regulation, note = alias.regulation(year, on)
            return AliasMatch(alias, match.end(), regulation, note, ocr_year)
    return None


def alias_table() -> str:
    """The table as text, for documentation and the command line."""
    lines = []
    for alias in ALIASES:
        for meaning in alias.meanings:
            until = meaning.in_force_until or "now"
            default = "  (default)" if meaning.regulation == alias.default else ""
            regulation = meaning.regulation.citation
            lines.append(f"{alias.name:18} {regulation:14} {meaning.in_force_from} .. {until}{default}")
    return "\n".join(lines)
