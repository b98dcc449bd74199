"""Positions held by ASN and where: a catalogue of offices for each region and the province.

An `Office` is a post as written in case documents: its title ("Kepala Dinas Pendidikan"), the
agency ("Dinas Pendidikan Kabupaten Agam"), the phrase used in text and, for many posts, the
abbreviation officials use ("Kadisdik Agam"). Posts held by one person at a time (Sekda, a
Kepala Dinas, a Camat, a school's head) are `unique`: the population keeps one holder per period.

Groups follow the civil-service classes: JPT (pimpinan tinggi), administrator, pengawas,
fungsional and pelaksana; camat and lurah are also `territorial` heads.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable

from .gazetteer import PROVINCE, Region, villages


@dataclass(frozen=True)
class Office:
    key: str  # stable: unique posts share a key, which is how the population finds their holder
    title: str
    agency: str
    phrase: str
    short: str | None
    group: str
    profession: str  # picks the degrees a holder carries (see names.DEGREES)
    unique: bool
    territorial: bool = False
    provincial: bool = False  # employed by the province: the governor is the PPK


# (name, head's abbreviation, fields (bidang) of the agency)
DINAS = (
    ("Dinas Pendidikan", "Kadisdik", ("Pembinaan Sekolah Dasar", "Pembinaan SMP", "Guru dan Tenaga Kependidikan")),
    ("Dinas Kesehatan", "Kadinkes", ("Kesehatan Masyarakat", "Pelayanan Kesehatan", "Pencegahan dan Pengendalian Penyakit")),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "Kadis PUPR", ("Bina Marga", "Sumber Daya Air", "Cipta Karya")),
    ("Dinas Sosial", "Kadinsos", ("Rehabilitasi Sosial", "Perlindungan dan Jaminan Sosial")),
    ("Dinas Perhubungan", "Kadishub", ("Lalu Lintas dan Angkutan",)),
    ("Dinas Komunikasi dan Informatika", "Kadiskominfo", ("Informasi dan Komunikasi Publik", "Aplikasi Informatika")),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Kadisdukcapil", ("Pelayanan Pendaftaran Penduduk",)),
    ("Dinas Pertanian", "Kadistan", ("Tanaman Pangan", "Penyuluhan")),
    ("Dinas Pariwisata", "Kadispar", ("Destinasi Pariwisata",)),
    ("Dinas Lingkungan Hidup", "Kadis LH", ("Pengelolaan Sampah",)),
    ("Dinas Koperasi dan Usaha Mikro", "Kadiskop", ("Pemberdayaan Usaha Mikro",)),
    ("Dinas Pemuda dan Olahraga", "Kadispora", ("Kepemudaan",)),
    ("Dinas Perumahan Rakyat dan Kawasan Permukiman", "Kadisperkim", ("Perumahan",)),
)
BADAN = (
    ("Badan Perencanaan Pembangunan Daerah", "Kepala Bappeda"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "Kepala BKPSDM"),
    ("Badan Kesatuan Bangsa dan Politik", "Kaban Kesbangpol"),
    ("Badan Pendapatan Daerah", "Kepala Bapenda"),
)
ASSISTANTS = ("Asisten Pemerintahan dan Kesejahteraan Rakyat", "Asisten Perekonomian dan Pembangunan",
              "Asisten Administrasi Umum")
BAGIAN = ("Umum", "Hukum", "Organisasi", "Pemerintahan", "Kesejahteraan Rakyat", "Perekonomian",
          "Protokol dan Komunikasi Pimpinan", "Pengadaan Barang dan Jasa")
SUBBAGIAN = ("Umum dan Kepegawaian", "Keuangan", "Perencanaan")
DISTRICT_SECTIONS = ("Pemerintahan", "Ketenteraman dan Ketertiban Umum", "Pemberdayaan Masyarakat",
                     "Kesejahteraan Sosial")
PELAKSANA_TITLES = ("pengadministrasi umum", "pengelola keuangan", "pengolah data", "operator layanan operasional",
                    "pengemudi", "pengelola barang milik daerah")
ANALYST_TITLES = (("analis kebijakan", "admin"), ("analis kepegawaian", "admin"), ("pranata komputer", "ict"),
                  ("pranata hubungan masyarakat", "admin"), ("analis keuangan", "finance"))
SCHOOLS_PER_LEVEL = {"SD": 40, "SMP": 12, "SMA": 5, "SMK": 3}


# -- places and agencies ---------------------------------------------------------------------

def place(region: Region) -> str:
    """How a region is named after a post: "Kabupaten Agam", "Kota Solok"."""
    return region.full_name


def tag(region: Region) -> str:
    """How a region is named in abbreviations: "Agam", "Kota Solok"."""
    return f"Kota {region.name}" if region.is_city else region.name


def secretariat(region: Region) -> str:
    return f"Sekretariat Daerah {place(region)}"


def _district(rng: random.Random, region: Region) -> str:
    return rng.choice(region.districts)


def school(rng: random.Random, region: Region, level: str) -> str:
    """"SMP Negeri 3 Kota Solok" in cities, "SMP Negeri 3 Lubuk Basung" (a district) in regencies."""
    number = rng.randint(1, SCHOOLS_PER_LEVEL[level])
    where = place(region) if region.is_city else _district(rng, region)
    return f"{level} Negeri {number} {where}"


def health_centre(rng: random.Random, region: Region) -> str:
    district = _district(rng, region)
    return f"Puskesmas {rng.choice(villages(region, district))}"


def hospital(region: Region) -> str:
    return f"RSUD {place(region)}"


def any_agency(rng: random.Random, region: Region) -> str:
    """A workplace for staff and analysts."""
    roll = rng.random()
    if roll < 0.55:
        return f"{rng.choice(DINAS)[0]} {place(region)}"
    if roll < 0.7:
        return f"{rng.choice(BADAN)[0]} {place(region)}"
    if roll < 0.85:
        return f"Bagian {rng.choice(BAGIAN)} {secretariat(region)}"
    return f"Kantor Camat {_district(rng, region)}"


# -- offices by group --------------------------------------------------------------------------

def _unique(region: Region, key: str, title: str, agency: str, phrase: str, short: str | None, group: str,
            profession: str = "admin", territorial: bool = False) -> Office:
    return Office(f"{region.code}/{key}", title, agency, phrase, short, group, profession, True, territorial)


def sekda(rng: random.Random, region: Region) -> Office:
    return _unique(region, "sekda", "Sekretaris Daerah", secretariat(region), f"Sekretaris Daerah {place(region)}",
                   f"Sekda {tag(region)}", "JPT")


def assistant(rng: random.Random, region: Region) -> Office:
    title = rng.choice(ASSISTANTS)
    return _unique(region, f"asisten/{title}", title, secretariat(region), f"{title} {secretariat(region)}", None, "JPT")


def head_of_dinas(rng: random.Random, region: Region) -> Office:
    name, short, _ = rng.choice(DINAS)
    profession = {"Dinas Kesehatan": "doctor", "Dinas Pendidikan": "teacher",
                  "Dinas Pekerjaan Umum dan Penataan Ruang": "engineer", "Dinas Pertanian": "agriculture"}.get(name, "admin")
    agency = f"{name} {place(region)}"
    return _unique(region, f"kadis/{name}", f"Kepala {name}", agency, f"Kepala {agency}", f"{short} {tag(region)}",
                   "JPT", profession)


def head_of_badan(rng: random.Random, region: Region) -> Office:
    name, short = rng.choice(BADAN)
    agency = f"{name} {place(region)}"
    return _unique(region, f"kaban/{name}", f"Kepala {name}", agency, f"Kepala {agency}", f"{short} {tag(region)}", "JPT")


def inspector(rng: random.Random, region: Region) -> Office:
    return _unique(region, "inspektur", "Inspektur", f"Inspektorat {place(region)}", f"Inspektur {place(region)}",
                   None, "JPT", "finance")


def council_secretary(rng: random.Random, region: Region) -> Office:
    agency = f"Sekretariat DPRD {place(region)}"
    return _unique(region, "sekwan", "Sekretaris DPRD", agency, f"Sekretaris DPRD {place(region)}",
                   f"Sekwan {tag(region)}", "JPT")


def hospital_director(rng: random.Random, region: Region) -> Office:
    return _unique(region, "dirut-rsud", "Direktur RSUD", hospital(region), f"Direktur {hospital(region)}", None,
                   "JPT", "doctor")


def provincial_head(rng: random.Random, region: Region) -> Office:
    name, short, _ = rng.choice(DINAS)
    agency = f"{name} Provinsi {PROVINCE}"
    return Office(f"prov/kadis/{name}", f"Kepala {name}", agency, f"Kepala {agency}", None, "JPT", "admin", True,
                  provincial=True)


def head_of_section(rng: random.Random, region: Region) -> Office:
    bagian = rng.choice(BAGIAN)
    return _unique(region, f"kabag/{bagian}", f"Kepala Bagian {bagian}", secretariat(region),
                   f"Kepala Bagian {bagian} {secretariat(region)}",
                   f"Kabag {bagian} {region.secretariat_short} {region.name}", "administrator")


def agency_secretary(rng: random.Random, region: Region) -> Office:
    name = rng.choice(DINAS)[0]
    agency = f"{name} {place(region)}"
    return _unique(region, f"sekdis/{name}", f"Sekretaris {name}", agency, f"Sekretaris {agency}", None, "administrator")


def head_of_field(rng: random.Random, region: Region) -> Office:
    name, _, fields = rng.choice(DINAS)
    field = rng.choice(fields)
    agency = f"{name} {place(region)}"
    return _unique(region, f"kabid/{name}/{field}", f"Kepala Bidang {field}", agency,
                   f"Kepala Bidang {field} pada {agency}", f"Kabid {field}", "administrator")


def district_secretary(rng: random.Random, region: Region) -> Office:
    district = _district(rng, region)
    return _unique(region, f"sekcam/{district}", "Sekretaris Camat", f"Kantor Camat {district}",
                   f"Sekretaris Camat {district}", f"Sekcam {district}", "administrator", "governance")


def camat(rng: random.Random, region: Region) -> Office:
    district = _district(rng, region)
    return _unique(region, f"camat/{district}", f"Camat {district}", f"Kantor Camat {district}", f"Camat {district}",
                   None, "administrator", "governance", territorial=True)


def lurah(rng: random.Random, region: Region) -> Office:
    district = _district(rng, region)
    village = rng.choice(villages(region, district))
    return _unique(region, f"lurah/{village}", f"Lurah {village}", f"Kantor Lurah {village}",
                   f"Lurah {village} Kecamatan {district}", None, "pengawas", "governance", territorial=True)


def head_of_subsection(rng: random.Random, region: Region) -> Office:
    name = rng.choice(DINAS)[0]
    sub = rng.choice(SUBBAGIAN)
    agency = f"{name} {place(region)}"
    return _unique(region, f"kasubag/{name}/{sub}", f"Kepala Subbagian {sub}", agency,
                   f"Kepala Subbagian {sub} pada {agency}", f"Kasubag {sub}", "pengawas")


def district_section_head(rng: random.Random, region: Region) -> Office:
    district = _district(rng, region)
    section = rng.choice(DISTRICT_SECTIONS)
    agency = f"Kantor Camat {district}"
    return _unique(region, f"kasi/{district}/{section}", f"Kepala Seksi {section}", agency,
                   f"Kepala Seksi {section} pada {agency}", f"Kasi {section}", "pengawas", "governance")


def _shared(key: str, title: str, agency: str, phrase: str, group: str, profession: str,
            provincial: bool = False) -> Office:
    return Office(key, title, agency, phrase, None, group, profession, False, provincial=provincial)


def teacher(rng: random.Random, region: Region) -> Office:
    name = school(rng, region, rng.choice(("SD", "SD", "SMP")))
    return _shared(f"{region.code}/guru", "guru", name, f"guru pada {name}", "fungsional", "teacher")


def provincial_teacher(rng: random.Random, region: Region) -> Office:
    """Senior high schools belong to the province: the governor is these teachers' PPK."""
    name = school(rng, region, rng.choice(("SMA", "SMA", "SMK")))
    return _shared("prov/guru", "guru", name, f"guru {name}", "fungsional", "teacher", provincial=True)


def school_head(rng: random.Random, region: Region) -> Office:
    name = school(rng, region, rng.choice(("SD", "SMP")))
    return Office(f"{region.code}/kepsek/{name}", "Kepala Sekolah", name, f"Kepala {name}", None,
                  "fungsional", "teacher", True)


def doctor(rng: random.Random, region: Region) -> Office:
    where = health_centre(rng, region) if rng.random() < 0.6 else hospital(region)
    return _shared(f"{region.code}/dokter", "dokter", where, f"dokter pada {where}", "fungsional", "doctor")


def health_centre_head(rng: random.Random, region: Region) -> Office:
    name = health_centre(rng, region)
    return Office(f"{region.code}/kapus/{name}", "Kepala Puskesmas", name, f"Kepala {name}", None, "fungsional",
                  "doctor", True)


def nurse(rng: random.Random, region: Region) -> Office:
    where = health_centre(rng, region) if rng.random() < 0.6 else hospital(region)
    title = rng.choice(("perawat", "perawat", "bidan"))
    return _shared(f"{region.code}/{title}", title, where, f"{title} di {where}", "fungsional", "nurse")


def analyst(rng: random.Random, region: Region) -> Office:
    title, profession = rng.choice(ANALYST_TITLES)
    agency = any_agency(rng, region)
    return _shared(f"{region.code}/{title}", title, agency, f"{title} pada {agency}", "fungsional", profession)


def extension_worker(rng: random.Random, region: Region) -> Office:
    district = _district(rng, region)
    agency = f"Balai Penyuluhan Pertanian Kecamatan {district}"
    return _shared(f"{region.code}/penyuluh", "penyuluh pertanian", agency, f"penyuluh pertanian pada {agency}",
                   "fungsional", "agriculture")


def staff(rng: random.Random, region: Region) -> Office:
    title = rng.choice(PELAKSANA_TITLES)
    agency = any_agency(rng, region)
    return _shared(f"{region.code}/{title}", title, agency, f"{title} pada {agency}", "pelaksana", "staff")


def provincial_staff(rng: random.Random, region: Region) -> Office:
    title = rng.choice(PELAKSANA_TITLES)
    agency = f"{rng.choice(DINAS)[0]} Provinsi {PROVINCE}"
    return _shared(f"prov/{title}", title, agency, f"{title} pada {agency}", "pelaksana", "staff", provincial=True)


OfficeMaker = Callable[[random.Random, Region], Office]

# Position classes and their shares among reported ASN (domain notes, Pilkada 2020 figures);
# "territorial" (camat, lurah) is drawn separately so that its share can be set.
POSITION_CLASS_WEIGHTS = {"JPT": 0.29, "fungsional": 0.22, "administrator": 0.14, "pengawas": 0.13,
                          "pelaksana": 0.125, "territorial": 0.095}
MAKERS: dict[str, tuple[tuple[OfficeMaker, float], ...]] = {
    "JPT": ((sekda, 1), (assistant, 1.5), (head_of_dinas, 6), (head_of_badan, 2), (inspector, 0.5),
            (council_secretary, 0.5), (hospital_director, 0.5), (provincial_head, 0.8)),
    "administrator": ((head_of_section, 3), (agency_secretary, 2), (head_of_field, 3), (district_secretary, 1)),
    "pengawas": ((head_of_subsection, 3), (district_section_head, 2)),
    "fungsional": ((teacher, 5), (provincial_teacher, 2), (school_head, 1.5), (doctor, 1), (health_centre_head, 0.7),
                   (nurse, 2.5), (analyst, 1.5), (extension_worker, 1)),
    "pelaksana": ((staff, 9), (provincial_staff, 1)),
}


def territorial_makers(region: Region) -> tuple[tuple[OfficeMaker, float], ...]:
    """Cities have camat and lurah; regencies have camat (their villages are led by non-ASN heads)."""
    return ((camat, 1), (lurah, 1)) if region.is_city else ((camat, 1),)


def draw_office(rng: random.Random, region: Region, position_class: str) -> Office:
    makers = territorial_makers(region) if position_class == "territorial" else MAKERS[position_class]
    functions, weights = zip(*makers)
    return rng.choices(functions, weights)[0](rng, region)


# Pangkat/golongan by group; PPPK staff have a golongan only.
RANKS = {
    "JPT": ("Pembina Utama Muda (IV/c)", "Pembina Tingkat I (IV/b)"),
    "administrator": ("Pembina (IV/a)", "Pembina Tingkat I (IV/b)"),
    "pengawas": ("Penata Tingkat I (III/d)", "Pembina (IV/a)"),
    "fungsional": ("Penata Muda Tingkat I (III/b)", "Penata (III/c)", "Penata Tingkat I (III/d)", "Pembina (IV/a)"),
    "pelaksana": ("Pengatur (II/c)", "Pengatur Tingkat I (II/d)", "Penata Muda (III/a)"),
}
PPPK_RANKS = ("Golongan IX", "Golongan VII", "Golongan V")
PPPK_GROUPS = ("fungsional", "pelaksana")  # PPPK hold no structural posts
