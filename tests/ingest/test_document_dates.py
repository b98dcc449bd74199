"""The date a case document bears (ingest/cases/case_facts.py `document_date`), which dates its step
on a timeline: its heading's, else the place-and-date line it is signed with, else the date under
"Ditetapkan di ...". No spaCy: the dates are given as the extractor finds them."""

import re

from ingest.cases.case_facts import document_date
from ingest.cases.model import DateMention

MONTHS = {"Februari": 2, "Maret": 3, "Oktober": 10, "November": 11}


def _dates(text: str, heading: tuple[str, ...] = ()) -> list[DateMention]:
    found = []
    for match in re.finditer(r"(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})", text):
        day, month, year = int(match[1]), MONTHS[match[2]], int(match[3])
        role = "document" if match.group(0) in heading else "event"
        found.append(DateMention(match.group(0), f"{year}-{month:02d}-{day:02d}", match.start(), match.end(), role))
    return found


def test_a_heading_date_wins():
    text = "CATATAN KLARIFIKASI\nBawaslu Kota Solok, 2 November 2024\n\nPada 10 Oktober 2024 ia hadir."
    assert document_date(_dates(text, heading=("2 November 2024",)), text) == "2024-11-02"


def test_the_signing_line_of_a_letter():
    text = ("Pada Kamis, 10 Oktober 2024, Bawaslu menemukan ...\n\nJakarta, 20 November 2024\n"
            "Ketua Komisi Aparatur Sipil Negara,\nttd.")
    assert document_date(_dates(text), text) == "2024-11-20"
    two_words = "Temuan.\n\nPadang Panjang, 26 Maret 2024\nKetua"
    assert document_date(_dates(two_words), two_words) == "2024-03-26"


def test_the_date_under_ditetapkan_di():
    text = "KESATU : Menjatuhkan ...\n\nDitetapkan di Padang\npada tanggal 29 Maret 2020\nGUBERNUR SUMATERA BARAT,"
    assert document_date(_dates(text), text) == "2020-03-29"


def test_a_date_in_a_sentence_is_not_the_documents():
    for text in ("Pada Kamis, 10 Oktober 2024, Bawaslu Kota Solok menemukan bahwa ia hadir.",
                 "Ia hadir pada tanggal 10 Oktober 2024.",  # "tanggal" without "Ditetapkan di" above
                 "Bawaslu Kota Solok menerima laporan bahwa pada hari yang sama, 10 Oktober 2024\nia hadir.",
                 "Temuan ini diregistrasi pada Rabu, 5 Februari 2020."):
        assert document_date(_dates(text), text) is None, text


def test_long_lines_are_not_read_as_signing_lines():
    text = "x" * 100_000 + ", 10 Oktober 2024\n"
    assert document_date(_dates(text), text) is None
