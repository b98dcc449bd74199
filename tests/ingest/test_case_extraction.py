"""Case-document extraction: the entities the pipeline reads (ingest.cases)."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.cases import ASN, CANDIDATE, OFFICIAL, build_pipeline, extract_case_document, parse_date, parse_name, read_nip


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def spans(nlp, text, group):
    doc = nlp(text)  # span groups need their doc alive
    return [(span.text, span._.value) for span in doc.spans[group]]


def only_person(text, doc_id="t"):
    persons = extract_case_document(text, doc_id).persons
    assert len(persons) == 1, [p.name for p in persons]
    return persons[0]


# -- tokenizer ------------------------------------------------------------------------------------

def test_titles_and_legal_abbreviations_are_single_tokens(nlp):
    words = [t.text for t in nlp("Drs. H. Ahmad Fauzi, M.Si., S.STP., A.Md.Kep. Sdr. Sdri. Dt. Kec. No. 5 jo. Pasal 12A.")]
    for word in ("Drs.", "H.", "M.Si.", "S.STP.", "A.Md.Kep.", "Sdr.", "Sdri.", "Dt.", "Kec.", "No.", "jo.", "12A"):
        assert word in words
    assert words[-2:] == ["12A", "."]  # the full stop after an article number ends the sentence


def test_negation_is_not_a_stop_word(nlp):
    doc = nlp("Laporan tidak terbukti. Tidak ada pelanggaran.")
    assert not any(token.is_stop for token in doc if token.lower_ == "tidak")
    assert doc[2].is_stop is False and nlp("pada")[0].is_stop


def test_sentences_break_at_blank_lines_and_headers_not_at_titles(nlp):
    doc = nlp("TEMUAN BAWASLU KOTA SOLOK\nNomor: 1/TM/2024\n\nYendri, S.H. hadir. Ia pulang.")
    assert [s.text.strip() for s in doc.sents] == [
        "TEMUAN BAWASLU KOTA SOLOK", "Nomor: 1/TM/2024", "Yendri, S.H. hadir.", "Ia pulang."]


# -- NIP -------------------------------------------------------------------------------------------

def test_valid_nip_is_read_with_its_parts():
    reading = read_nip("197806202005011003")
    assert reading.valid and reading.kind == "PNS" and reading.sex == "M"
    assert reading.birth_date == date(1978, 6, 20) and (reading.appointed_year, reading.appointed_month) == (2005, 1)


def test_nip_written_with_spaces_is_the_same_number():
    assert read_nip("19780620 200501 1 003").digits == "197806202005011003"


def test_pppk_number_has_21_for_month():
    reading = read_nip("199207142022211003")
    assert reading.valid and reading.kind == "PPPK" and reading.appointed_month is None


@pytest.mark.parametrize("number, problem", [
    ("197813402005011003", "birth date"),  # month 13
    ("197806202005131003", "appointment month"),
    ("197806201990011003", "impossible age"),  # appointed at 11
    ("197806202005013003", "sex digit"),
])
def test_invalid_nip_is_read_but_marked(number, problem):
    reading = read_nip(number)
    assert not reading.valid and problem in " ".join(reading.problems)


def test_nip_needs_18_digits(nlp):
    assert read_nip("19780620200501100") is None
    assert [text for text, _ in spans(nlp, "nomor 12345678901234567890 dan NIP.19850310 200903 1 002", "nip")] \
        == ["NIP.19850310 200903 1 002"]


def test_invalid_nip_is_not_given_to_the_person_but_reported():
    case = extract_case_document("Bawaslu menemukan Sdr. Nofriadi (NIP 199013452015031001), staf tata usaha, "
                                 "menghadiri kampanye calon Bupati Agam, Benny Oktavianus.", "t")
    person = case.persons[0]
    assert person.name == "Nofriadi" and person.nip is None and person.kind == ASN
    assert any("199013452015031001" in problem for problem in case.problems)


# -- names -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("written, name, titles", [
    ("Drs. H. Ahmad Fauzi, M.Si.", "Ahmad Fauzi", ("Drs.", "H.", "M.Si.")),
    ("Sdri. Wulan Permatasari, S.Kom.", "Wulan Permatasari", ("S.Kom.",)),
    ("Bapak Ir. Benny Oktavianus", "Benny Oktavianus", ("Ir.",)),
    ("dr. Lisa Andriani, Sp.A.", "Lisa Andriani", ("dr.", "Sp.A.")),
    ("Hj. Ramadhani Siregar, S.E., M.AP.", "Ramadhani Siregar", ("Hj.", "S.E.", "M.AP.")),
])
def test_titles_and_honorifics_come_off_the_name(written, name, titles):
    parsed = parse_name(written)
    assert (parsed.name, parsed.titles) == (name, titles)


def test_adat_title_stays_in_the_name_and_is_kept_apart_too():
    parsed = parse_name("Drs. Syafrizal Dt. Bandaro Kayo, M.Si.")
    assert parsed.name == "Syafrizal Dt. Bandaro Kayo"
    assert parsed.adat_title == "Dt. Bandaro Kayo" and parsed.given_name == "Syafrizal"
    assert parse_name("Sutan Sjahrir").adat_title is None  # a first word is a given name


def test_person_found_in_text_with_titles_and_later_short_mention():
    case = extract_case_document(
        "Bawaslu menemukan Drs. H. Ahmad Fauzi, M.Si. (NIP 197806202005011003), Sekda Kota Padang, hadir dalam "
        "deklarasi calon Wali Kota Padang, Arfianto Syahputra. Sdr. Ahmad kemudian pulang.", "t")
    ahmad = case.persons[0]
    assert (ahmad.name, ahmad.titles, ahmad.nip) == ("Ahmad Fauzi", ("Drs.", "H.", "M.Si."), "197806202005011003")
    assert len(ahmad.mentions) == 2
    assert [p.name for p in case.persons] == ["Ahmad Fauzi", "Arfianto Syahputra"]


def test_capitalised_words_without_evidence_are_not_persons():
    case = extract_case_document("Ditetapkan di Simpang Ampek pada Rapat Pleno Terbuka. Gedung Serba Guna penuh.", "t")
    assert case.persons == []


def test_reporter_is_a_person_but_not_a_supporter():
    case = extract_case_document("Pelapor, Rahmat Saputra, melaporkan bahwa Yendri, S.H., Kepala Seksi pada Kantor "
                                 "Kecamatan Lubuk Sikarah, menghadiri kampanye calon Wali Kota Solok, Rudi Hartono.", "t")
    kinds = {p.name: p.kind for p in case.persons}
    assert kinds == {"Rahmat Saputra": "Person", "Yendri": ASN, "Rudi Hartono": CANDIDATE}


# -- positions, agencies, regions ------------------------------------------------------------------

def test_position_with_agency_and_region():
    person = only_person("Afrizal Munaf, S.Sos. (NIP 197806202005011003), Kepala Bagian Umum Sekretariat Daerah "
                         "Kota Pariaman, hadir.")
    assert person.position == "Kepala Bagian Umum Sekretariat Daerah Kota Pariaman"
    assert person.agency == "Sekretariat Daerah Kota Pariaman" and person.region == "Kota Pariaman"


def test_functional_position_and_agency_after_pada():
    person = only_person("Wulan Permatasari, S.Kom., analis sistem informasi pada Dinas Komunikasi dan "
                         "Informatika Kabupaten Agam, hadir.")
    assert person.position == "analis sistem informasi"
    assert person.agency == "Dinas Komunikasi dan Informatika Kabupaten Agam" and person.region == "Kabupaten Agam"


def test_abbreviated_position_in_brackets_implies_its_agency():
    person = only_person("Laporan menyebut Zulhendri (Kadisdik Kota Solok) hadir.")
    assert person.position == "Kadisdik Kota Solok" and person.agency == "Dinas Pendidikan Kota Solok"
    assert person.kind == ASN and person.region == "Kota Solok"


def test_wali_nagari_is_an_official_not_asn():
    person = only_person("Wali Nagari Koto Baru, Hasnul Arifin, hadir.")
    assert (person.position, person.kind) == ("Wali Nagari Koto Baru", OFFICIAL)


def test_camat_gets_the_district_and_its_regency():
    person = only_person("Camat Lubuk Basung, Budi Santoso, S.STP., hadir.")
    assert person.position == "Camat Lubuk Basung" and person.region == "Kecamatan Lubuk Basung, Kabupaten Agam"


def test_agencies_at_every_level_with_regions():
    case = extract_case_document(
        "Bawaslu Provinsi Sumatera Barat, Bawaslu Kabupaten Pesisir Selatan, Panwascam Pariaman Tengah, "
        "Pengawas Kecamatan Lubuk Sikarah, Pengawas Kelurahan/Desa, KASN, BKN, Sentra Gakkumdu, Puskesmas Koto Baru, "
        "RSUD Pasaman Barat dan SD Negeri 05 Koto Baru. Mobil dinas tidak dipakai.", "t")
    names = [agency.canonical for agency in case.agencies]
    assert names == ["Bawaslu Provinsi Sumatera Barat", "Bawaslu Kabupaten Pesisir Selatan",
                     "Panwascam Kecamatan Pariaman Tengah, Kota Pariaman",
                     "Panwascam Kecamatan Lubuk Sikarah, Kota Solok", "Pengawas Kelurahan/Desa", "KASN", "BKN",
                     "Sentra Gakkumdu", "Puskesmas Koto Baru", "RSUD Pasaman Barat", "SD Negeri 05 Koto Baru"]


def test_regions_of_west_sumatra_and_generic_places():
    case = extract_case_document("Di Kab. Lima Puluh Kota, Kota Sawahlunto, Kecamatan Koto XI Tarusan, Nagari "
                                 "Sungai Nanam, Kelurahan Lolong Belanti dan Kecamatan Baru Sekali.", "t")
    assert [region.canonical for region in case.regions] == [
        "Kabupaten Lima Puluh Kota", "Kota Sawahlunto", "Kecamatan Koto XI Tarusan, Kabupaten Pesisir Selatan",
        "Nagari Sungai Nanam", "Kelurahan Lolong Belanti", "Kecamatan Baru Sekali"]


def test_ambiguous_bare_region_is_settled_by_the_office():
    case = extract_case_document("Hadir calon Bupati Solok, Zulkifli Amran, dan calon Wali Kota Solok, Rudi "
                                 "Hartono, pada 1 Oktober 2024.", "t")
    races = {p.name: p.race for p in case.persons}
    assert races == {"Zulkifli Amran": "Bupati Solok 2024", "Rudi Hartono": "Wali Kota Solok 2024"}
    assert {p.region for p in case.persons} == {"Kabupaten Solok", "Kota Solok"}


# -- dates, numbers, candidates, elections ---------------------------------------------------------

@pytest.mark.parametrize("written, iso", [
    ("Kamis, 3 Oktober 2024", "2024-10-03"), ("3/10/2024", "2024-10-03"), ("3 Okt 2024", "2024-10-03"),
    ("3 Okt. 2024", "2024-10-03"), ("Jum'at, 1 Nopember 2024", "2024-11-01"), ("2024-10-03", "2024-10-03"),
])
def test_indonesian_dates_to_iso(written, iso):
    assert parse_date(written).isoformat() == iso


def test_impossible_dates_are_not_dates(nlp):
    assert parse_date("31/2/2024") is None
    assert spans(nlp, "pada 31 Februari 2024 dan 29 Februari 2024", "date") == [("29 Februari 2024", date(2024, 2, 29))]


def test_document_date_and_event_date():
    case = extract_case_document("KAJIAN\nBawaslu Kota Solok, 2 September 2024\n\nPada Senin, 26 Agustus 2024 "
                                 "terjadi deklarasi.", "t")
    assert [(d.iso, d.role) for d in case.dates] == [("2024-09-02", "document"), ("2024-08-26", "event")]


@pytest.mark.parametrize("text, number", [
    ("TEMUAN\nNomor: 004/TM/PW/Kota/03.15/X/2024\n", "004/TM/PW/Kota/03.15/X/2024"),
    ("REKOMENDASI\nNOMOR 800.1.6.4/214/BKPSDM-2024\n", "800.1.6.4/214/BKPSDM-2024"),
    ("Nomor Register: 012/Reg/LP/PW/Kota/03.01/X/2024", "012/Reg/LP/PW/Kota/03.01/X/2024"),
])
def test_case_numbers(text, number):
    assert extract_case_document(text, "t").case_number == number


def test_ruling_and_law_numbers_are_not_case_numbers():
    case = extract_case_document("sesuai Putusan MK Nomor 41/PUU-XII/2014 dan UU Nomor 5 Tahun 2014.", "t")
    assert case.case_number is None


def test_ballot_numbers(nlp):
    assert [value for _, value in spans(nlp, "nomor urut 2, No. Urut 03, paslon 01 dan Paslon nomor 4", "ballot")] \
        == [2, 3, 1, 4]


def test_candidate_pair_with_ballot_number():
    case = extract_case_document("deklarasi pasangan calon Wali Kota dan Wakil Wali Kota Pariaman nomor urut 1, "
                                 "Taufik Hidayat dan Sari Rahmadani, pada 10 Oktober 2024.", "t")
    described = [(p.name, p.kind, p.race, p.ballot_number) for p in case.persons]
    assert described == [("Taufik Hidayat", CANDIDATE, "Wali Kota Pariaman 2024", 1),
                         ("Sari Rahmadani", CANDIDATE, "Wakil Wali Kota Pariaman 2024", 1)]


def test_pre_candidate_and_incumbent():
    case = extract_case_document("Wali Kota Padang, Ir. H. Rusdi Hamzah, M.T., yang juga calon Wali Kota Padang "
                                 "petahana, hadir. Hadir pula bakal calon Bupati Agam, Benny Oktavianus.", "t")
    rusdi, benny = case.persons
    assert rusdi.kind == CANDIDATE and rusdi.incumbent and rusdi.race == "Wali Kota Padang"
    assert benny.kind == CANDIDATE and not benny.incumbent


def test_elections():
    case = extract_case_document("Dalam Pilkada Serentak 2024 dan Pemilihan Wali Kota Pariaman Tahun 2024.", "t")
    assert [e.canonical for e in case.elections] == ["Pilkada Serentak 2024", "Pemilihan Wali Kota Pariaman 2024"]


# -- stage, sanction, citations --------------------------------------------------------------------

@pytest.mark.parametrize("heading, stage", [
    ("TEMUAN BAWASLU KOTA PARIAMAN", "temuan"), ("LAPORAN DUGAAN PELANGGARAN", "laporan"),
    ("KAJIAN DUGAAN PELANGGARAN", "kajian"), ("CATATAN KLARIFIKASI", "kajian"), ("LAPORAN HASIL KAJIAN", "kajian"),
    ("REKOMENDASI BKN", "rekomendasi"), ("KEPUTUSAN BUPATI AGAM", "keputusan_ppk"),
])
def test_stage_from_heading(heading, stage):
    assert extract_case_document(f"{heading}\n\nIsi.", "t").stage == stage


def test_sanction_level_and_type_from_the_cited_provision():
    case = extract_case_document("BKN merekomendasikan kepada Bupati Agam selaku Pejabat Pembina Kepegawaian untuk "
                                 "menjatuhkan hukuman disiplin sedang sesuai Pasal 8 ayat (3) huruf a PP 94/2021.", "t")
    sanction = case.sanction
    assert (sanction.level, sanction.status) == ("sedang", "recommended")
    assert sanction.type == "pemotongan tunjangan kinerja 25% selama 6 bulan"
    assert sanction.legal_basis == ("Pasal 8 ayat (3) huruf a PP 94/2021",)


@pytest.mark.parametrize("text, level, status", [
    ("Bupati menjatuhkan hukuman disiplin berat berupa pembebasan dari jabatan.", "berat", "imposed"),
    ("Terlapor dijatuhi sanksi moral berupa pernyataan secara terbuka.", "moral", "imposed"),
    ("Pelanggaran ini dapat dijatuhi hukuman disiplin ringan.", "ringan", "mentioned"),
    ("Keanggotaan partai berujung pemberhentian dengan tidak hormat.", "PTDH", "mentioned"),
])
def test_sanction_levels(text, level, status):
    sanction = extract_case_document(text, "t").sanction
    assert (sanction.level, sanction.status) == (level, status)


def test_citations_come_from_the_project_extractor():
    case = extract_case_document("melanggar Pasal 9 ayat (2) UU Nomor 5 Tahun 2014 jo. PasaI 5 huruf n angka 6 "
                                 "PP 94/2021", "t")
    assert [str(ref) for c in case.citations for ref in c.refs] == [
        "Pasal 9 ayat (2) UU 5/2014", "Pasal 5 huruf n angka 6 PP 94/2021"]
    assert case.citations[0].raw == "Pasal 9 ayat (2) UU Nomor 5 Tahun 2014"


# -- layouts of real documents -------------------------------------------------------------------

def test_signatory_under_the_signature_block_even_in_capitals():
    case = extract_case_document("Isi keputusan.\n\nDitetapkan di Padang\npada tanggal 7 Juni 2020\n"
                                 "GUBERNUR SUMATERA BARAT,\nttd.\nWENDRA KASIM, S.H.\n\nPadang, 1 Maret 2020\n"
                                 "Ketua Bawaslu Kota Padang,\nttd.\nFeni Mardanis\n", "t")
    described = [(p.name, p.titles, p.position, p.kind) for p in case.persons]
    assert described == [("Wendra Kasim", ("S.H.",), "GUBERNUR SUMATERA BARAT", OFFICIAL),
                         ("Feni Mardanis", (), "Ketua Bawaslu Kota Padang", OFFICIAL)]


def test_form_fields_after_nama():
    person = only_person("MEMUTUSKAN:\nNama : YENNI SARI, S.AP., M.AP.\nNIP : 197301281996122115\n"
                         "Jabatan : Kepala Dinas Perhubungan\nUnit Kerja : Dinas Perhubungan Provinsi Sumatera Barat\n")
    assert (person.name, person.nip, person.kind) == ("Yenni Sari", "197301281996122115", ASN)
    assert (person.position, person.agency) == ("Kepala Dinas Perhubungan", "Dinas Perhubungan Provinsi Sumatera Barat")


def test_position_written_before_the_name_without_a_comma():
    case = extract_case_document("KASN menerima penerusan mengenai Kasi Pemerintahan Masrizal Rivai, S.IP. "
                                 "(NIP: 19760516 199912 1 565) dan Kadispora Padang Pariaman Hafizon Basri Dt. Majo "
                                 "Indo, S.E.", "t")
    assert [(p.name, p.position) for p in case.persons] == [
        ("Masrizal Rivai", "Kasi Pemerintahan"), ("Hafizon Basri Dt. Majo Indo", "Kadispora Padang Pariaman")]


def test_candidate_pair_named_before_its_description():
    case = extract_case_document("menyebarkan ajakan memilih Muslimin Mansur dan Drs. H. Afdhal, M.Pd. (bakal "
                                 "pasangan calon perseorangan Gubernur dan Wakil Gubernur Sumatera Barat) pada 3 Maret "
                                 "2020.", "t")
    assert [(p.name, p.kind, p.race) for p in case.persons] == [
        ("Muslimin Mansur", CANDIDATE, "Gubernur Sumatera Barat 2020"),
        ("Afdhal", CANDIDATE, "Wakil Gubernur Sumatera Barat 2020")]
