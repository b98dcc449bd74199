"""Property-based tests: the statute parser, the NIP reader and the name normaliser never crash
and finish quickly on any input, and keep their promises on generated well-formed input.
(The citation extractor's properties are in test_citations.py.)"""

from __future__ import annotations

import time
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.cases.lexicon import PREFIX_TITLES, SUFFIX_TITLES
from ingest.cases.names import name_key, parse_name
from ingest.cases.nip import find_nips, read_nip
from ingest.regulation import parse_regulation

# The pieces regulations are made of, so that generated texts reach deep into the parser.
STATUTE_LINES = st.sampled_from([
    "PERATURAN PEMERINTAH REPUBLIK INDONESIA", "NOMOR 94 TAHUN 2021", "TENTANG", "DISIPLIN PEGAWAI NEGERI SIPIL",
    "Menimbang :", "Mengingat :", "MEMUTUSKAN:", "BAB I", "BAB II", "KETENTUAN UMUM", "Bagian Kesatu", "Paragraf 1",
    "Pasal 1", "Pasal 2", "Pasal 2A", "Pasal 3", "Pasal 12A", "(1)", "(2)", "(3)", "a.", "b.", "n.", "1.", "2.",
    "PNS dilarang:", "sebagaimana dimaksud pada ayat (1) huruf a", "dicabut dan dinyatakan tidak berlaku",
    "Ketentuan Pasal 71 diubah sehingga berbunyi sebagai berikut:", "Di antara Pasal 22 dan Pasal 23 disisipkan",
    "PENJELASAN", "I. UMUM", "II. PASAL DEMI PASAL", "Cukup jelas.", "LAMPIRAN", "- 12 -",
    "PRESIDEN REPUBLIK INDONESIA,", "ttd.", "JOKO WIDODO", "Ditetapkan di Jakarta", "pada tanggal 31 Agustus 2021",
    "memberikan dukungan kepada calon", "", "   ", "PasaI 5", "huruf-", "Undang- Undang Nomor 5 Tahun 2014",
])
STATUTE_TEXT = st.lists(STATUTE_LINES | st.text(max_size=40), max_size=80).map("\n".join)

TIME_BOUND_S = 2.0  # per input; the largest real regulation parses in well under a second


def _within_time_bound(work, *args):
    began = time.perf_counter()
    result = work(*args)
    assert time.perf_counter() - began < TIME_BOUND_S
    return result


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000) | STATUTE_TEXT)
def test_regulation_parser_never_crashes_and_finishes_quickly(text):
    parsed = _within_time_bound(parse_regulation, text)
    for node in parsed.walk():
        assert 0 <= node.start <= node.end <= len(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STATUTE_TEXT)
def test_every_pasal_found_carries_its_number_in_its_own_span(text):
    parsed = _within_time_bound(parse_regulation, text)
    for pasal in parsed.body_pasal():
        assert pasal.label and pasal.label.lower() in text[pasal.start:pasal.end].lower()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=500))
def test_nip_reader_never_crashes_on_any_text(text):
    for start, end, reading in _within_time_bound(find_nips, text):
        assert len(reading.digits) == 18 and text[start:end].replace(" ", "").replace(".", "") == reading.digits
    _within_time_bound(read_nip, text)


@given(birth=st.dates(date(1960, 1, 1), date(2004, 12, 31)), appointed_after=st.integers(18, 40),
       month=st.integers(1, 12), sex=st.sampled_from("12"), sequence=st.integers(1, 999),
       separator=st.sampled_from(["", " ", "."]))
def test_a_well_formed_nip_reads_back_its_parts(birth, appointed_after, month, sex, sequence, separator):
    year = min(birth.year + appointed_after, 2099)
    written = separator.join([birth.strftime("%Y%m%d"), f"{year}{month:02d}", sex, f"{sequence:03d}"])
    reading = read_nip(written)
    assert reading is not None and reading.valid, reading
    assert (reading.birth_date, reading.appointed_year, reading.appointed_month) == (birth, year, month)
    assert reading.sex == {"1": "M", "2": "F"}[sex] and reading.kind == "PNS"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_name_normaliser_never_crashes_and_its_key_is_stable(text):
    name = _within_time_bound(parse_name, text)
    key = name_key(name.name)
    assert name_key(key) == key  # a key is its own key


NAME_WORDS = st.sampled_from(["Ahmad", "Fauzi", "Siti", "Rahma", "Budi", "Yusuf", "Rina", "Wati", "Zulkifli", "Andi"])


@given(name=st.lists(NAME_WORDS, min_size=1, max_size=3, unique=True).map(" ".join),
       prefixes=st.lists(st.sampled_from(sorted(PREFIX_TITLES)), max_size=2, unique=True),
       suffixes=st.lists(st.sampled_from(sorted(SUFFIX_TITLES)), max_size=2, unique=True))
def test_titles_come_off_a_name(name, prefixes, suffixes):
    written = " ".join([*prefixes, name]) + "".join(f", {suffix}" for suffix in suffixes)
    parsed = parse_name(written)
    assert parsed.name == name
    assert name_key(parsed.name) == name_key(parse_name(name).name)
