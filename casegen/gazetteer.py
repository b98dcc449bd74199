"""West Sumatra's 19 regions, their districts (kecamatan) and villages.

Region and district names are real (typed in here, a small subset of each region's districts).
Village names (nagari, kelurahan, desa) are invented from common Minangkabau place-name parts,
the same for every seed, so a village keeps its name across corpora.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

PROVINCE = "Sumatera Barat"
PROVINCE_SEAT = "Padang"


@dataclass(frozen=True)
class Region:
    name: str  # "Padang", "Agam"
    kind: str  # "Kota" or "Kabupaten"
    code: str  # Kemendagri code, "13.71"
    bawaslu_code: str  # used in Bawaslu register numbers, "03.13"
    seat: str  # where its documents are signed: the city, or the regency's capital
    districts: tuple[str, ...]

    @property
    def full_name(self) -> str:
        return f"{self.kind} {self.name}"

    @property
    def is_city(self) -> bool:
        return self.kind == "Kota"

    @property
    def head_title(self) -> str:
        return "Wali Kota" if self.is_city else "Bupati"

    @property
    def short_kind(self) -> str:
        """As in register numbers: "Kota" / "Kab"."""
        return "Kota" if self.is_city else "Kab"

    @property
    def village_word(self) -> str:
        """Cities have kelurahan; West Sumatra's regencies have nagari, except Mentawai's desa."""
        if self.is_city:
            return "Kelurahan"
        return "Desa" if self.name == "Kepulauan Mentawai" else "Nagari"

    @property
    def village_head_title(self) -> str:
        return {"Kelurahan": "Lurah", "Nagari": "Wali Nagari", "Desa": "Kepala Desa"}[self.village_word]

    @property
    def secretariat_short(self) -> str:
        """"Setdako" / "Setdakab", as officials abbreviate the regional secretariat."""
        return "Setdako" if self.is_city else "Setdakab"


def _region(name: str, kind: str, code: str, number: int, seat: str, districts: str) -> Region:
    return Region(name, kind, code, f"03.{number:02d}", seat, tuple(d.strip() for d in districts.split(",")))


REGIONS: tuple[Region, ...] = (
    _region("Pesisir Selatan", "Kabupaten", "13.01", 1, "Painan", "IV Jurai, Bayang, Lengayang, Sutera, Batang Kapas, Koto XI Tarusan, Linggo Sari Baganti"),
    _region("Solok", "Kabupaten", "13.02", 2, "Arosuka", "Gunung Talang, Kubung, Lembang Jaya, X Koto Singkarak, Danau Kembar, Lembah Gumanti"),
    _region("Sijunjung", "Kabupaten", "13.03", 3, "Muaro Sijunjung", "Sijunjung, Kupitan, Tanjung Gadang, Kamang Baru, Lubuk Tarok"),
    _region("Tanah Datar", "Kabupaten", "13.04", 4, "Batusangkar", "Lima Kaum, Pariangan, Rambatan, Batipuh, Sungai Tarab, Tanjung Emas, Salimpaung"),
    _region("Padang Pariaman", "Kabupaten", "13.05", 5, "Parit Malintang", "Nan Sabaris, Lubuk Alung, Batang Anai, Sungai Limau, VII Koto Sungai Sariak, Enam Lingkung"),
    _region("Agam", "Kabupaten", "13.06", 6, "Lubuk Basung", "Lubuk Basung, Tanjung Raya, Baso, Banuhampu, IV Koto, Tilatang Kamang, Palembayan"),
    _region("Lima Puluh Kota", "Kabupaten", "13.07", 7, "Sarilamak", "Harau, Guguak, Luak, Pangkalan Koto Baru, Suliki, Akabiluru"),
    _region("Pasaman", "Kabupaten", "13.08", 8, "Lubuk Sikaping", "Lubuk Sikaping, Rao, Panti, Bonjol, Tigo Nagari"),
    _region("Kepulauan Mentawai", "Kabupaten", "13.09", 9, "Tuapejat", "Siberut Selatan, Sipora Utara, Pagai Utara, Sikakap, Siberut Barat"),
    _region("Dharmasraya", "Kabupaten", "13.10", 10, "Pulau Punjung", "Pulau Punjung, Sitiung, Koto Salak, Timpeh, Sungai Rumbai"),
    _region("Solok Selatan", "Kabupaten", "13.11", 11, "Padang Aro", "Sungai Pagu, Koto Parik Gadang Diateh, Sangir, Sangir Batang Hari, Pauh Duo"),
    _region("Pasaman Barat", "Kabupaten", "13.12", 12, "Simpang Ampek", "Pasaman, Kinali, Lembah Melintang, Sungai Beremas, Talamau"),
    _region("Padang", "Kota", "13.71", 13, "Padang", "Padang Barat, Padang Timur, Padang Utara, Koto Tangah, Kuranji, Pauh, Lubuk Kilangan, Nanggalo"),
    _region("Solok", "Kota", "13.72", 14, "Solok", "Lubuk Sikarah, Tanjung Harapan"),
    _region("Sawahlunto", "Kota", "13.73", 15, "Sawahlunto", "Barangin, Lembah Segar, Silungkang, Talawi"),
    _region("Padang Panjang", "Kota", "13.74", 16, "Padang Panjang", "Padang Panjang Barat, Padang Panjang Timur"),
    _region("Bukittinggi", "Kota", "13.75", 17, "Bukittinggi", "Guguk Panjang, Mandiangin Koto Selayan, Aur Birugo Tigo Baleh"),
    _region("Payakumbuh", "Kota", "13.76", 18, "Payakumbuh", "Payakumbuh Barat, Payakumbuh Timur, Payakumbuh Utara, Lamposi Tigo Nagori"),
    _region("Pariaman", "Kota", "13.77", 19, "Pariaman", "Pariaman Tengah, Pariaman Utara, Pariaman Selatan, Pariaman Timur"),
)

# Minangkabau place names are mostly two words: a landform or settlement word and a qualifier.
_PLACE_HEADS = ("Koto", "Sungai", "Batu", "Lubuk", "Padang", "Tanjung", "Pasar", "Kampung", "Balai",
                "Talang", "Bukik", "Parak", "Limau", "Durian", "Pulau", "Ampang", "Guguak", "Tabek",
                "Sawah", "Rawang", "Aia", "Pauh", "Simpang", "Rimbo", "Kubang", "Labuah")
_PLACE_TAILS = ("Gadang", "Ketek", "Tinggi", "Panjang", "Tangah", "Mudiak", "Hilia", "Nan Tigo",
                "Nan Ampek", "Sati", "Laweh", "Putiah", "Sarik", "Jaya", "Lamo", "Rajo", "Anau",
                "Kapeh", "Manih", "Taluak", "Bungo", "Alai", "Pinang", "Kayu Gadang")
_MENTAWAI_HEADS = ("Saibi", "Muntei", "Sinaka", "Betumonga", "Matobe", "Saureinu", "Taileleu", "Sioban",
                   "Simalakopa", "Bosua")
_MENTAWAI_TAILS = ("Utara", "Selatan", "Barat", "Timur", "Hilir", "Hulu", "Baru", "Tengah")
VILLAGES_PER_DISTRICT = 5


@lru_cache(maxsize=None)
def villages(region: Region, district: str) -> tuple[str, ...]:
    """A district's villages; the same for every seed."""
    rng = random.Random(f"villages:{region.code}:{district}")
    heads, tails = (_MENTAWAI_HEADS, _MENTAWAI_TAILS) if region.village_word == "Desa" else (_PLACE_HEADS, _PLACE_TAILS)
    names: list[str] = []
    while len(names) < VILLAGES_PER_DISTRICT:
        name = f"{rng.choice(heads)} {rng.choice(tails)}"
        if name not in names:
            names.append(name)
    return tuple(names)

