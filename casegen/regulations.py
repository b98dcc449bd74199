"""The provisions cases cite, and the many ways documents write them.

Provisions are `core.refs.ProvisionRef`s; the gold writes them as "UU 5/2014 Pasal 9 ayat (2)"
(regulation's short citation, then the path from Pasal down), the form of the development gold.

Common names ("UU ASN", "PP Disiplin PNS") are used only when, on the document's date, they mean
the regulation cited: "UU ASN" was UU 5/2014 until 30 October 2023 and UU 20/2023 after.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from core.refs import ProvisionRef, RegulationRef

UU_5_2014 = RegulationRef("UU", "5", 2014)
UU_20_2023 = RegulationRef("UU", "20", 2023)
PP_53_2010 = RegulationRef("PP", "53", 2010)
PP_94_2021 = RegulationRef("PP", "94", 2021)
PP_42_2004 = RegulationRef("PP", "42", 2004)
UU_1_2015 = RegulationRef("UU", "1", 2015)
UU_10_2016 = RegulationRef("UU", "10", 2016)
UU_7_2017 = RegulationRef("UU", "7", 2017)
UU_23_2014 = RegulationRef("UU", "23", 2014)  # regional government: the head's powers, cited by decrees
PP_49_2018 = RegulationRef("PP", "49", 2018)  # management of PPPK

UU_20_2023_IN_FORCE = date(2023, 10, 31)  # replaced UU 5/2014 and dissolved KASN
PP_94_2021_IN_FORCE = date(2021, 8, 31)  # replaced PP 53/2010

SUBJECTS = {
    UU_5_2014: "Aparatur Sipil Negara",
    UU_20_2023: "Aparatur Sipil Negara",
    PP_53_2010: "Disiplin Pegawai Negeri Sipil",
    PP_94_2021: "Disiplin Pegawai Negeri Sipil",
    PP_42_2004: "Pembinaan Jiwa Korps dan Kode Etik Pegawai Negeri Sipil",
    # Documents shorten the amending laws' long titles to the subject, as here.
    UU_1_2015: "Pemilihan Gubernur, Bupati, dan Walikota",
    UU_10_2016: "Pemilihan Gubernur, Bupati, dan Walikota",
    UU_7_2017: "Pemilihan Umum",
    UU_23_2014: "Pemerintahan Daerah",
    PP_49_2018: "Manajemen Pegawai Pemerintah dengan Perjanjian Kerja",
}
# Common names: (name, in force from, until).
COMMON_NAMES = {
    UU_5_2014: ("UU ASN", date(2014, 1, 15), date(2023, 10, 30)),
    UU_20_2023: ("UU ASN", UU_20_2023_IN_FORCE, date.max),
    PP_53_2010: ("PP Disiplin PNS", date(2010, 6, 6), date(2021, 8, 30)),
    PP_94_2021: ("PP Disiplin PNS", PP_94_2021_IN_FORCE, date.max),
    UU_7_2017: ("UU Pemilu", date(2017, 8, 16), date.max),
    UU_1_2015: ("UU Pilkada", date(2015, 2, 2), date.max),
}


def provision(regulation: RegulationRef, pasal: str, ayat: str | None = None, huruf: str | None = None,
              angka: str | None = None, angka_first: bool = False) -> ProvisionRef:
    """`angka_first` for PP 53/2010's "Pasal 4 angka 15 huruf a" (angka above huruf)."""
    order = ("angka", "huruf") if angka_first and huruf else ()
    return ProvisionRef(regulation, pasal, ayat, huruf, angka, order=order)


def _path_words(ref: ProvisionRef) -> list[str]:
    return [f"ayat ({label})" if level == "ayat" else f"{'Pasal' if level == 'pasal' else level} {label}"
            for level, label in ref.path()]


def gold_citation(ref: ProvisionRef) -> str:
    """"UU 5/2014 Pasal 9 ayat (2)"; a whole regulation is just "UU 5/2014"."""
    return " ".join([ref.regulation.citation, *_path_words(ref)])


# -- writing regulations and provisions ---------------------------------------------------------

TYPE_WORDS = {"UU": ("Undang-Undang", "UU"), "PP": ("Peraturan Pemerintah", "PP")}


def regulation_name(rng: random.Random, regulation: RegulationRef, on: date, full: bool = False) -> str:
    """The regulation as written on date `on`: in full, "UU Nomor 5 Tahun 2014", "UU 5/2014", "UU ASN"..."""
    long_word, short_word = TYPE_WORDS[regulation.type]
    number, year = regulation.number, regulation.year
    if full:
        return f"{long_word} Nomor {number} Tahun {year} tentang {SUBJECTS[regulation]}"
    forms = [f"{long_word} Nomor {number} Tahun {year}", f"{short_word} Nomor {number} Tahun {year}",
             f"{short_word} No. {number} Tahun {year}", f"{short_word} {number}/{year}",
             f"{long_word} Nomor {number} Tahun {year} tentang {SUBJECTS[regulation]}"]
    weights = [3, 3, 1, 2, 2]
    common = COMMON_NAMES.get(regulation)
    if common and common[1] <= on <= common[2]:
        forms.append(common[0])
        weights.append(2)
    return rng.choices(forms, weights)[0]


def _siblings(refs: list[ProvisionRef]) -> bool:
    """Provisions differing only in their last label: "angka 3, angka 4, dan angka 6"."""
    paths = [ref.path() for ref in refs]
    return len(refs) > 1 and len({len(p) for p in paths}) == 1 and len({tuple(p[:-1]) for p in paths}) == 1 \
        and len({p[-1][0] for p in paths}) == 1


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " dan ".join(items)
    return f"{', '.join(items[:-1])}, dan {items[-1]}"


def provisions_text(refs: list[ProvisionRef]) -> str:
    """The Pasal part of citations of one regulation: "Pasal 2 huruf f dan Pasal 9 ayat (2)"."""
    if _siblings(refs):
        head = " ".join(_path_words(refs[0])[:-1])
        return f"{head} {_join([_path_words(ref)[-1] for ref in refs])}"
    return _join([" ".join(_path_words(ref)) for ref in refs])


@dataclass
class Printed:
    """A citation as printed and what it cites (gold strings)."""
    text: str
    gold: list[str]


def group_by_regulation(refs: list[ProvisionRef]) -> list[list[ProvisionRef]]:
    groups: dict[RegulationRef, list[ProvisionRef]] = {}
    for ref in refs:
        groups.setdefault(ref.regulation, []).append(ref)
    return list(groups.values())


def cite(rng: random.Random, refs: list[ProvisionRef], on: date) -> Printed:
    """Provisions of one or more regulations, written as one citation phrase on date `on`."""
    parts, gold = [], []
    for group in group_by_regulation(refs):
        parts.append(f"{provisions_text(group)} {regulation_name(rng, group[0].regulation, on)}")
        gold += [gold_citation(ref) for ref in group]
    text = _join(parts) if len(parts) < 3 else "; ".join(parts[:-1]) + "; serta " + parts[-1]
    return Printed(text, gold)
