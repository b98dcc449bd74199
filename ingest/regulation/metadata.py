"""What a regulation's own text says about it: type, number, year, issuer, title and dates.

The heading reads "UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 5 TAHUN 2014 TENTANG APARATUR SIPIL
NEGARA"; the closing reads "Disahkan di Jakarta pada tanggal 15 Januari 2014" (enacted;
"Ditetapkan" for regulations below a law) and "Diundangkan di Jakarta pada tanggal ..."
(promulgated). Decrees and circulars name their issuers between the type and the number
("KEPUTUSAN MENTERI DALAM NEGERI NOMOR ...", "SURAT EDARAN MENTERI ... NOMOR B/71/M.SM.00.00/2017",
"KEPUTUSAN BERSAMA <five offices> NOMOR : 2 Tahun 2022 NOMOR : 800-5474 Tahun 2022 ... TENTANG"):
the first number is the document's, and a number that ends in its year ("/2017") needs no TAHUN.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from core.refs import RegulationRef

# Longest names first: "PERATURAN PEMERINTAH PENGGANTI ..." before "PERATURAN PEMERINTAH".
HEADING_TYPES = [
    ("PERATURAN PEMERINTAH PENGGANTI UNDANG-UNDANG", "PERPPU"),
    ("PERATURAN PEMERINTAH", "PP"),
    ("UNDANG-UNDANG", "UU"),
    ("PERATURAN PRESIDEN", "PERPRES"),
    ("KEPUTUSAN PRESIDEN", "KEPPRES"),
    ("PERATURAN MENTERI KEUANGAN", "PERMENKEU"),
    ("PERATURAN BADAN PENGAWAS PEMILIHAN UMUM", "PERBAWASLU"),
    ("PERATURAN KOMISI PEMILIHAN UMUM", "PKPU"),
    ("PUTUSAN", "PUTUSAN_MK"),
]
# Types whose heading names the issuer before the number (for a Peraturan Menteri its ministry,
# for a Peraturan Daerah its region).
ISSUED_HEADING_TYPES = [
    ("PERATURAN MENTERI", "PERMEN"),
    ("PERATURAN DAERAH", "PERDA"),
    ("KEPUTUSAN BERSAMA", "SKB"),
    ("SURAT EDARAN", "SE"),
    ("KEPUTUSAN", "KEPUTUSAN"),
]
# Archive folders -> type codes.
FOLDER_TYPES = {"uu": "UU", "pp": "PP", "perppu": "PERPPU", "perpres": "PERPRES", "permenkeu": "PERMENKEU"}

MONTHS = {
    "januari": 1, "djanuari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5,
    "juni": 6, "djuni": 6, "juli": 7, "djuli": 7, "agustus": 8, "augustus": 8, "september": 9,
    "oktober": 10, "nopember": 11, "november": 11, "desember": 12, "december": 12,
}
_DATE = r"(\d{1,2})\s*([A-Za-z]+)\s*(\d{4})"
ENACTED = re.compile(rf"(?:Disahkan|Ditetapkan)\s+di\s+\S+?,?\s+[Pp]ada\s+[Tt]anggal\s*,?\s*{_DATE}")
PROMULGATED = re.compile(rf"Diundangkan\s+di\s+\S+?,?\s+[Pp]ada\s+[Tt]anggal\s*,?\s*{_DATE}")

_TYPE_NAMES = "|".join(re.escape(name) for name, _ in HEADING_TYPES)
_ISSUED_NAMES = "|".join(re.escape(name) for name, _ in ISSUED_HEADING_TYPES)
# Capitalised words up to the number: "DALAM NEGERI", "MENTERI PENDAYAGUNAAN ..., DAN KETUA ...".
_ISSUER = r"(?:\s++(?!NOMOR\b|NO\b|REPUBLIK\b|TENTANG\b)[A-Z][A-Za-z.,&/()-]*+){0,40}?"
_NUMBER = r"(?:NOMOR|NO\.?)\s*+:?\s*+(?P<number>[\w/.-]+)(?:\s++(?:TAHUN|Tahun)\s++(?P<year>\d{4}))?"
_OTHER_NUMBER = r"(?:NOMOR|NO\.?)\s*+:?\s*+[\w/.-]+(?:\s++(?:TAHUN|Tahun)\s++\d{4})?"
HEADING = re.compile(
    rf"(?<![A-Z])(?:(?P<type>{_TYPE_NAMES})|(?P<issued>{_ISSUED_NAMES})(?P<issuer>{_ISSUER}))"
    rf"\s++(?:REPUBLIK\s++INDONESIA\s++)?{_NUMBER}(?:\s++{_OTHER_NUMBER}){{0,9}}"
    rf"\s++TENTANG\s++(?P<title>.+?)"
    rf"(?=\s+(?:DENGAN\s+RAHMAT|Dengan\s+Rahmat|PRESIDEN|Presiden|Menimbang|MENIMBANG)|\n|$)",
    re.S)
YEAR_AT_END = re.compile(r"/(\d{4})$")


@dataclass
class TextMetadata:
    type: str | None = None
    number: str | None = None
    year: int | None = None
    title: str = ""
    enacted: date | None = None
    promulgated: date | None = None
    issuer: str = ""  # the office as written: "DALAM NEGERI" (of a Peraturan Menteri), "MENTERI PANRB"

    def regulation(self) -> RegulationRef | None:
        if self.type and self.number and self.year:
            return RegulationRef(self.type, self.number, self.year, self.issuer)
        return None


def parse_date(day: str, month: str, year: str) -> date | None:
    month_number = MONTHS.get(month.lower())
    try:
        return date(int(year), month_number, int(day)) if month_number else None
    except ValueError:
        return None


def first_date(pattern: re.Pattern, text: str) -> date | None:
    for match in pattern.finditer(text):
        found = parse_date(*match.groups())
        if found:
            return found
    return None


def metadata_from_text(text: str) -> TextMetadata:
    """Type, number, year and title from the heading; dates from the first closing block."""
    found = TextMetadata(enacted=first_date(ENACTED, text), promulgated=first_date(PROMULGATED, text))
    heading = HEADING.search(text[:3000])
    if heading:
        found.type = dict(HEADING_TYPES + ISSUED_HEADING_TYPES)[heading["type"] or heading["issued"]]
        found.number = heading["number"].rstrip(".")
        found.year = _year(heading["year"], found.number, found.enacted)
        found.issuer = " ".join((heading["issuer"] or "").split())
        found.title = " ".join(heading["title"].split())
    return found


def _year(written: str | None, number: str, enacted: date | None) -> int | None:
    """TAHUN as written, else the year a number ends with ("B/71/M.SM.00.00/2017"), else the
    year it was signed."""
    at_end = YEAR_AT_END.search(number)
    if written or at_end:
        return int(written or at_end[1])
    return enacted.year if enacted else None


def metadata_from_path(member: str) -> TextMetadata:
    """"uu/2014/5.md" -> UU 5/2014 (the archive's layout)."""
    match = re.fullmatch(r"(?:.*/)?([a-z]+)/(\d{4})/([^/]+?)\.md", member)
    if not match or match[1] not in FOLDER_TYPES:
        return TextMetadata()
    return TextMetadata(type=FOLDER_TYPES[match[1]], number=match[3], year=int(match[2]))


def title_from_citation(full_title: str) -> str:
    """"Undang-Undang ... tentang Aparatur Sipil Negara (...)" -> "Aparatur Sipil Negara"."""
    match = re.search(r"\btentang\s+(.+)", full_title, re.I)
    if not match:
        return full_title.strip()
    return re.sub(r"\s*\([^)]*\)\s*$", "", match[1]).strip()
