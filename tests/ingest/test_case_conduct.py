"""Reading what a description says was done (ingest.cases.read_conduct): the particulars of the
case (who, where, when, which file, which rules) left out, the sanction level kept."""

from __future__ import annotations

import time

import pytest

from ingest.cases import read_conduct

FINDING = """FORMULIR TEMUAN DUGAAN PELANGGARAN
Bawaslu Kabupaten Tanah Datar
Nomor Temuan: 003/Reg/TM/PB/Kab/03.04/IX/2024

Pada Senin, 9 September 2024, Panwaslu Kecamatan Lima Kaum menemukan bahwa Sdri. Rina Fiktifwati, S.Pd.
(NIP 198001012005012001), guru pada SMP Negeri 2 Batusangkar, membagikan ulang konten kampanye
Hendra Khayalan melalui akun Facebook miliknya.

Perbuatan tersebut diduga melanggar Pasal 9 ayat (2) UU 5/2014 dan Pasal 5 huruf n angka 1 PP 94/2021.
"""


def test_the_conduct_is_read_without_the_particulars_of_the_case():
    reading = read_conduct(FINDING)
    for particular in ("Rina", "Fiktifwati", "Tanah Datar", "Lima Kaum", "SMP", "Batusangkar", "Hendra", "Khayalan",
                       "September", "Pasal", "FORMULIR", "198001012005012001", "003"):
        assert particular not in reading.words, particular
    for word in ("membagikan ulang konten kampanye", "akun Facebook miliknya", "diduga melanggar"):
        assert word in reading.words
    assert reading.sanction_level is None


@pytest.mark.parametrize("text, level", [
    ("BKN merekomendasikan kepada Bupati Agam untuk menjatuhkan hukuman disiplin sedang berupa pemotongan "
     "tunjangan kinerja.", "sedang"),
    ("Wali Kota Solok menjatuhkan hukuman disiplin berat berupa pembebasan dari jabatan kepada yang bersangkutan.",
     "berat"),
    ("Apabila terbukti, yang bersangkutan dapat dijatuhi hukuman disiplin berat.", None),  # a threat, not a sanction
])
def test_the_sanction_level_recommended_or_imposed_is_read(text, level):
    assert read_conduct(text).sanction_level == level


@pytest.mark.parametrize("text", ["", "   ", "{}", "`", "${x}", "\x00\x01\x02", "🙂" * 1000, "(" * 20_000,
                                  "pasal " * 3000, b"bytes \xff\xfe invalid utf-8"])
def test_odd_text_reads_as_little_or_nothing_and_quickly(text):
    began = time.monotonic()
    reading = read_conduct(text)
    assert isinstance(reading.words, str) and time.monotonic() - began < 10
    assert not any(char in reading.words for char in "{}`$()\x00")
