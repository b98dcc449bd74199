"""The citation extractor (ingest/citations) on hand-written sentences and on the real texts in
../shared (skipped when that folder is absent). Run with `pytest -s` to see the measurements."""

from __future__ import annotations

import json
import re
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.refs import ProvisionRef, RegulationRef
from ingest.citations import (ANTECEDENT, CITED, CONTEXT, UNKNOWN, CitationContext, InMemoryProvisionIndex,
                              ProvisionCitation, RegulationCitation, RulingCitation, extract_citations,
                              extract_from_regulation, regulation_of, resolve_citation, split_header)
from ingest.citations.__main__ import main
from ingest.citations.patterns import FIRST_LETTERS, START
from paths import SHARED

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"shared corpus and eval data not found at {SHARED}")

PP_94_2021 = RegulationRef("PP", "94", 2021)
UU_5_2014 = RegulationRef("UU", "5", 2014)


def extract(text: str, context: CitationContext | None = None):
    citations = extract_citations(text, context)
    for citation in citations:
        assert text[citation.start:citation.end] == citation.raw
    return citations


def ids(text: str, context: CitationContext | None = None) -> list[str]:
    return [ref.id for citation in extract(text, context) for ref in citation.refs]


def only(text: str, context: CitationContext | None = None):
    [citation] = extract(text, context)
    return citation


def inside(pasal: str, *sub_levels: tuple[str, str], regulation=PP_94_2021) -> CitationContext:
    return CitationContext(regulation, (("pasal", pasal), *sub_levels))


# -- regulations ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, raw, expected", [
    ("sesuai Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin PNS.",
     "Peraturan Pemerintah Nomor 94 Tahun 2021", "pp/2021/94"),
    ("lihat PP 94/2021.", "PP 94/2021", "pp/2021/94"),
    ("menurut UU No. 5 Tahun 2014,", "UU No. 5 Tahun 2014", "uu/2014/5"),
    ("UU Nomor 10 Tahun 2016 mengatur", "UU Nomor 10 Tahun 2016", "uu/2016/10"),
    ("Undang-Undang Republik Indonesia Nomor 10 Tahun 2016 tentang",
     "Undang-Undang Republik Indonesia Nomor 10 Tahun 2016", "uu/2016/10"),
    ("berdasarkan Perppu 1/2014", "Perppu 1/2014", "perppu/2014/1"),
    ("Undang- Undang Nomor\n5 Tahun 2014 tentang ASN", "Undang- Undang Nomor\n5 Tahun 2014", "uu/2014/5"),
    ("in Law Number 5 of 2014 concerning", "Law Number 5 of 2014", "uu/2014/5"),
    ("Peraturan Menteri Dalam Negeri Nomor 12 Tahun 2017 tentang",
     "Peraturan Menteri Dalam Negeri Nomor 12 Tahun 2017", "permen-mendagri/2017/12"),  # numbered per ministry
    ("PMK Nomor 12/PMK.05/2019", "PMK Nomor 12/PMK.05/2019", "permenkeu/2019/12-pmk.05-2019"),
    ("Keputusan Presiden Nomor 5 Tahun 2020", "Keputusan Presiden Nomor 5 Tahun 2020", "keppres/2020/5"),
])
def test_regulation_forms(text, raw, expected):
    citation = only(text)
    assert isinstance(citation, RegulationCitation)
    assert citation.raw == raw
    assert [ref.id for ref in citation.refs] == [expected]


@pytest.mark.parametrize("text, on, expected", [
    ("diberi mandat oleh UU ASN", None, "uu/2014/5"),
    ("diberi mandat oleh UU ASN", date(2024, 10, 10), "uu/2023/20"),
    ("melanggar PP Disiplin PNS", None, "pp/2021/94"),
    ("melanggar PP Disiplin PNS", date(2015, 1, 1), "pp/2010/53"),
    ("Peraturan Pemerintah tentang Disiplin Pegawai Negeri Sipil", None, "pp/2021/94"),
    ("Undang-Undang Tahun 2014 tentang Aparatur Sipil Negara", None, "uu/2014/5"),
    ("sanksi dalam UU Pilkada", None, "uu/2015/1"),
    ("tahapan UU Pemilu", None, "uu/2017/7"),
])
def test_common_names(text, on, expected):
    citation = only(text, CitationContext(date=on))
    assert citation.form == "alias"
    assert [ref.id for ref in citation.refs] == [expected]


def test_a_common_name_read_without_a_date_says_so():
    assert "UU 20/2023" in only("UU ASN").notes[0]


def test_the_constitution_is_recognised_but_has_no_ref():
    citation = only("Pasal 28D ayat (3) Undang-Undang Dasar Negara Republik Indonesia Tahun 1945",
                    CitationContext(UU_5_2014))  # not a Pasal of the regulation being read
    assert citation.named_regulation.form == "constitution"
    assert citation.refs == []


def test_a_regulation_we_cannot_identify_is_not_taken_for_the_one_being_read():
    citation = only("sebagaimana dimaksud dalam Pasal 19 ayat (1) Undang- Undang Pajak Penghasilan.",
                    CitationContext(PP_94_2021))
    assert citation.named_regulation.form == "unrecognised"
    assert citation.refs == []


# -- provisions -----------------------------------------------------------------------------

def test_full_citation_with_title():
    text = "Pasal 87 ayat (4) huruf c Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara"
    citation = only(text)
    assert citation.raw == "Pasal 87 ayat (4) huruf c Undang-Undang Nomor 5 Tahun 2014"
    assert [ref.citation for ref in citation.refs] == ["Pasal 87 ayat (4) huruf c UU 5/2014"]
    assert citation.regulation_source == CITED


@pytest.mark.parametrize("query, expected", [
    ("UU 5/2014 Pasal 31", ProvisionRef(UU_5_2014, "31")),
    ("pasal 14 huruf i pp disiplin pns", ProvisionRef(PP_94_2021, "14", huruf="i")),
    ("Pasal 9 ayat (2) UU ASN", ProvisionRef(UU_5_2014, "9", ayat="2")),
    ("UU 10 tahun 2016 pasal 71 ayat 2", ProvisionRef(RegulationRef("UU", "10", 2016), "71", ayat="2")),
])
def test_queries_yield_exactly_the_intended_provision(query, expected):
    citation = only(query)
    assert citation.raw == query
    assert citation.refs == [expected]


def test_two_citations_in_one_sentence_each_keep_their_regulation():
    text = ("melanggar Pasal 9 ayat (2) UU Nomor 5 Tahun 2014 dan Pasal 5 huruf n angka 6 PP Nomor 94 "
            "Tahun 2021, dan meneruskannya")
    assert ids(text) == ["uu/2014/5/pasal-9/ayat-2", "pp/2021/94/pasal-5/huruf-n/angka-6"]


def test_levels_keep_their_written_order():
    [ref] = only("Pasal 4 angka 12 huruf a PP 53/2010").refs
    assert ref.id == "pp/2010/53/pasal-4/angka-12/huruf-a"


@pytest.mark.parametrize("text, context, expected", [
    ("sebagaimana dimaksud pada ayat (1) huruf a", inside("8", ("ayat", "3")), ["pp/2021/94/pasal-8/ayat-1/huruf-a"]),
    ("sebagaimana dimaksud dalam Pasal 8 ayat (1) huruf b", inside("13"), ["pp/2021/94/pasal-8/ayat-1/huruf-b"]),
    ("sebagaimana dimaksud dalam huruf a", inside("5", ("huruf", "n"), ("angka", "6")), ["pp/2021/94/pasal-5/huruf-a"]),
    ("sebagaimana dimaksud dalam huruf a", inside("8", ("ayat", "3")), ["pp/2021/94/pasal-8/ayat-3/huruf-a"]),
    ("ketentuan Pasal 5 Peraturan Pemerintah ini", inside("40"), ["pp/2021/94/pasal-5"]),
])
def test_relative_citations_are_completed_from_the_context(text, context, expected):
    citation = only(text, context)
    assert citation.regulation_source == CONTEXT
    assert [ref.id for ref in citation.refs] == expected


def test_relative_citations_without_context_stay_incomplete():
    citation = only("sebagaimana dimaksud pada ayat (1) huruf a")
    assert not citation.complete and citation.refs == []
    assert citation.regulation_source == UNKNOWN
    assert [str(provision) for provision in citation.provisions] == ["ayat (1) huruf a (regulation unknown)"]


def test_a_bare_pasal_in_a_document_takes_the_regulation_cited_before():
    text = "UU Nomor 5 Tahun 2014 memuat beberapa pasal:\n1. Pasal 2 huruf f\nmenegaskan asas netralitas."
    regulation, provision = extract(text)
    assert provision.regulation_source == ANTECEDENT
    assert [ref.id for ref in provision.refs] == ["uu/2014/5/pasal-2/huruf-f"]


@pytest.mark.parametrize("text, expected", [
    ("angka 3, angka 4, ... dan angka 7", ["3", "4", "5", "6", "7"]),
    ("angka 3, angka 4, dan angka 7", ["3", "4", "7"]),
    ("ayat (1) sampai dengan ayat (3)", ["1", "2", "3"]),
    ("ayat (1), (2), dan (3)", ["1", "2", "3"]),
    ("Pasal 5 huruf a, huruf b, dan huruf c", ["a", "b", "c"]),
    ("Pasal 69 huruf a sampai dengan huruf d", ["a", "b", "c", "d"]),
    ("Pasal 86 dan Pasal 87", ["86", "87"]),
    ("Pasal 253–255", ["253", "254", "255"]),
])
def test_lists_and_ranges_expand(text, expected):
    citation = only(text, inside("1"))
    assert citation.raw == text
    assert [ref.path()[-1][1] for ref in citation.refs] == expected


@pytest.mark.parametrize("text, expected", [
    ("Article 87 paragraph (4) letter c of Law Number 5 of 2014", ["uu/2014/5/pasal-87/ayat-4/huruf-c"]),
    ("Pasal 5 ayat (1) s.d. ayat (2) PP 94/2021", ["pp/2021/94/pasal-5/ayat-1", "pp/2021/94/pasal-5/ayat-2"]),
    ("Pasal 10 s/d Pasal 11 UU 5/2014", ["uu/2014/5/pasal-10", "uu/2014/5/pasal-11"]),
    ("Pasal 7 ayat (3) dan ayat (4) huruf a UU 5/2014",
     ["uu/2014/5/pasal-7/ayat-3", "uu/2014/5/pasal-7/ayat-4/huruf-a"]),
    ("PKPU Nomor 8 Tahun 2024 Pasal 3", ["pkpu/2024/8/pasal-3"]),
])
def test_more_provision_forms(text, expected):
    assert only(text).raw == text
    assert ids(text) == expected


def test_a_list_may_drop_the_level_word():
    assert [ref.citation for ref in only("Pasal 119 dan 123 ayat (3) UU 5/2014").refs] == \
        ["Pasal 119 UU 5/2014", "Pasal 123 ayat (3) UU 5/2014"]


def test_a_list_may_climb_back_to_pasal():
    assert ids("ayat (1) dan Pasal 5", inside("1")) == ["pp/2021/94/pasal-1/ayat-1", "pp/2021/94/pasal-5"]


def test_parts_may_come_before_their_pasal():
    assert ids("Di antara huruf b dan huruf c Pasal 10 disisipkan", inside("1")) == \
        ["pp/2021/94/pasal-10/huruf-b", "pp/2021/94/pasal-10/huruf-c"]


def test_counted_numbers_do_not_continue_a_list():
    assert ids("dipidana berdasarkan Pasal 5 dan 6 (enam) bulan", inside("1")) == ["pp/2021/94/pasal-5"]


# -- rulings --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Putusan MK Nomor 41/PUU-XII/2014",
                                  "Putusan Mahkamah Konstitusi Nomor 41/PUU-XII/2014"])
def test_rulings(text):
    citation = only(text)
    assert isinstance(citation, RulingCitation) and not citation.uncertain
    assert citation.number == "41/PUU-XII/2014" and citation.year == 2014
    assert [ref.id for ref in citation.refs] == ["putusan-mk/2014/41-puu-xii-2014"]


def test_a_damaged_ruling_number_is_kept_and_marked_uncertain():
    citation = only("dipertegas oleh keputusan Mahkamah Konstitusi Nomor 41/PPU-XI11/2024, mengatur")
    assert isinstance(citation, RulingCitation) and citation.uncertain
    assert citation.raw == "keputusan Mahkamah Konstitusi Nomor 41/PPU-XI11/2024"
    assert citation.number == "41/PPU-XI11/2024"
    assert any("PPU" in note for note in citation.notes) and any("XI11" in note for note in citation.notes)


def test_a_well_formed_number_with_the_wrong_register_year_is_uncertain():
    assert only("Putusan MK Nomor 41/PUU-XII/2024").uncertain


def test_rulings_of_other_courts_are_not_taken_for_mk_rulings():
    assert extract("Putusan Nomor 123/Pid.B/2020/PN Jkt") == []


# -- OCR noise ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("PasaI 87 ayat (4) huruf c UU 5/2014", "uu/2014/5/pasal-87/ayat-4/huruf-c"),
    ("Pasa1 87 ayat(4) hurufe UU 5/2014", "uu/2014/5/pasal-87/ayat-4/huruf-e"),
    ("Pasal 87 Undang- Undang Nomor 5 Tahun 2014", "uu/2014/5/pasal-87"),
])
def test_ocr_noise(text, expected):
    assert ids(text) == [expected]


def test_ocr_joiners():
    assert ids("Pasal 5 danlatau Pasal 6", inside("1")) == ["pp/2021/94/pasal-5", "pp/2021/94/pasal-6"]


def test_ocr_digits_in_a_year_are_read_but_flagged():
    citation = only("Undang-Undang Nomor 5 Tahun 2Ol4")
    assert citation.refs[0].id == "uu/2014/5" and citation.uncertain


@pytest.mark.parametrize("text", [
    "Undang-Undang Nomor 7 Tahun 20L9", "Peraturan Pemerintah Nomor 3 Tahun 2Ot4",  # too damaged to read
    "Pasang infus per tindakan", "ditulis dengan huruf kapital", "angka kredit jabatan fungsional",
    "Lembaran Negara Republik Indonesia Tahun 2014 Nomor 6", "Undang-Undang ini mulai berlaku", "see pp. 23-45",
])
def test_words_that_are_not_citations(text):
    assert extract(text) == []


# -- robustness, speed, command line ----------------------------------------------------------

def test_the_quick_first_letter_check_misses_no_citation():
    every_form = ("Putusan MK 41/PUU-XII/2014; Keputusan Presiden Nomor 5 Tahun 2020; Decision of; "
                  "Government Regulation Number 9 of 2020; Law No. 5/2014; Surat Keputusan Bersama Nomor 2 "
                  "Tahun 2022; SKB 2/2022; UUD 1945; Article 5; ayat (1); huruf a; angka 2; letter b; "
                  "paragraph (3); Perbawaslu 7/2023; PKPU 8/2024; PMK 12/2019; Perda 5/2010")
    without_check = re.compile(START.pattern.replace(f"(?=[{FIRST_LETTERS}])", ""), START.flags)
    assert [m.span() for m in START.finditer(every_form)] == [m.span() for m in without_check.finditer(every_form)]


def test_command_line(tmp_path, capsys):
    document = tmp_path / "temuan.txt"
    document.write_text("Perbuatan tersebut melanggar Pasal 9 ayat (2) UU ASN.\n", encoding="utf-8")
    assert main([str(document)]) == 0
    output = capsys.readouterr().out
    assert "line 1, 29-52  provision  'Pasal 9 ayat (2) UU ASN'" in output
    assert "-> uu/2014/5/pasal-9/ayat-2  (regulation: cited)" in output


def test_text_without_a_corpus_header():
    assert split_header("Pasal 5\n---\nnot a header") == ({}, 0)


CITATION_WORDS = st.sampled_from([
    "Pasal", "PasaI", "ayat", "(1)", "(", ")", "huruf", "hurufe", "angka", "a", "12A", "5", "dan", "danlatau", ",",
    "sampai dengan", "-", "...", "UU", "PP", "Nomor", "Tahun", "2014", "2Ol4", "5/2014", "Undang-Undang", "Dasar",
    "ini", "Putusan", "MK", "41/PUU-XII/2014", "41/PPU-XI11/2024", "\n", "ASN", "Disiplin PNS", "tentang", "dari",
])
INDEX = InMemoryProvisionIndex(["uu/2014/5/pasal-87/ayat-4/huruf-a", "pp/2021/94/pasal-8/ayat-1/huruf-a"])


@settings(deadline=2000, max_examples=300)
@given(st.text() | st.lists(CITATION_WORDS, max_size=30).map(" ".join))
def test_never_crashes_and_spans_hold(text):
    for context in (None, inside("8", ("ayat", "3"))):
        for citation in extract(text, context):
            resolve_citation(citation, INDEX)


# -- rules that are list items: diktum, Lampiran points (issue 18) ----------------------------

SKB_2_2022 = RegulationRef("SKB", "2", 2022)
JOINT_DECREE = ("Keputusan Bersama Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi, Menteri Dalam "
                "Negeri, Kepala Badan Kepegawaian Negara, Ketua Komisi Aparatur Sipil Negara, dan Ketua Badan "
                "Pengawas Pemilihan Umum Nomor 2 Tahun 2022")


@pytest.mark.parametrize("text, expected", [
    ("melanggar angka 6 Lampiran SKB 2/2022.", ["skb/2022/2/lampiran/angka-6"]),
    ("Lampiran angka 7 huruf a Keputusan Bersama ... Nomor 2 Tahun 2022", ["skb/2022/2/lampiran/angka-7/huruf-a"]),
    (f"Lampiran angka 7 huruf a {JOINT_DECREE}", ["skb/2022/2/lampiran/angka-7/huruf-a"]),
    ("Diktum KEDUA SKB Nomor 2 Tahun 2022", ["skb/2022/2/diktum-kedua"]),
    ("diktum kedua belas huruf b skb 2/2022", ["skb/2022/2/diktum-kedua-belas/huruf-b"]),
    ("angka 2 BAB III Lampiran II SKB 2/2022", ["skb/2022/2/lampiran-ii/bab-iii/angka-2"]),
    ("Lampiran II BAB III angka 2 huruf a SKB 2/2022", ["skb/2022/2/lampiran-ii/bab-iii/angka-2/huruf-a"]),
    ("angka 6 dan angka 7 huruf a Lampiran SKB Netralitas ASN",
     ["skb/2022/2/lampiran/angka-6", "skb/2022/2/lampiran/angka-7/huruf-a"]),
])
def test_diktum_and_lampiran_points_are_cited(text, expected):
    [citation] = extract(text)
    assert [ref.id for ref in citation.refs] == expected and citation.regulation_source == CITED


def test_a_lampiran_named_without_a_point_leaves_the_regulation_to_be_read():
    """ "Lampiran Undang-Undang Nomor 1 Tahun 2015" (the amending laws' own words) cites the law."""
    assert ids("Perppu yang tercantum dalam Lampiran Undang-Undang Nomor 1 Tahun 2015") == ["uu/2015/1"]
    assert ids("sebagaimana tercantum dalam Lampiran II yang merupakan bagian tidak terpisahkan",
               CitationContext(SKB_2_2022)) == []
    assert ids("Lampiran Perppu 1/2014 Pasal 1-206")[:2] == ["perppu/2014/1/pasal-1", "perppu/2014/1/pasal-2"]


def test_points_read_in_a_diktum_or_a_lampiran_point_take_it_as_context():
    diktum = CitationContext(SKB_2_2022, (("diktum", "KEDUA"),))
    assert ids("sebagaimana dimaksud dalam Diktum KESATU dan huruf a", diktum) == [
        "skb/2022/2/diktum-kesatu", "skb/2022/2/diktum-kesatu/huruf-a"]
    point = CitationContext(SKB_2_2022, (("lampiran", "II"), ("bab", "III"), ("angka", "2")))
    assert ids("sebagaimana dimaksud pada angka 1", point) == ["skb/2022/2/lampiran-ii/bab-iii/angka-1"]


@pytest.mark.parametrize("text, expected", [
    ("Surat Edaran Menteri PANRB Nomor B/71/M.SM.00.00/2017 tentang", "se-menpanrb/2017/b-71-m.sm.00.00-2017"),
    ("Keputusan Menteri Dalam Negeri Nomor 100.2.1.3-1234 Tahun 2023", "keputusan-mendagri/2023/100.2.1.3-1234"),
    ("Permendagri Nomor 1 Tahun 2020", "permen-mendagri/2020/1"),
    ("Perda Kota Bandung Nomor 5 Tahun 2010", "perda-kota-bandung/2010/5"),
    (JOINT_DECREE, "skb/2022/2"),
])
def test_circulars_decrees_and_regulations_numbered_per_issuer(text, expected):
    assert ids(text) == [expected]


@pytest.mark.parametrize("text", [
    "Keputusan Bersama tersebut merujuk Undang-Undang Nomor 5 Tahun 2014",  # not a joint decree 5/2014
    "KEPUTUSAN BUPATI SOLOK NOMOR 800/12/BKPSDM/2024",  # a regent's decree is a case document
])
def test_decrees_that_are_not_rules_are_not_cited_as_such(text):
    assert all(not ref.id.startswith(("skb/", "keputusan")) for ref in ids_of(text))


def ids_of(text: str) -> list[ProvisionRef]:
    return [ref for citation in extract(text) for ref in citation.refs]


LIST_CITATION_WORDS = st.sampled_from([
    "Lampiran", "LAMPIRAN", "Lampiran II", "BAB", "BAB III", "Bab", "Diktum", "diktum", "KESATU", "KEDUA", "BELAS",
    "kedua puluh satu", "angka", "6", "huruf", "a", "Pasal", "5", "dan", "sampai dengan", ",", "SKB", "2/2022",
    "Keputusan Bersama", "Menteri", "Dalam Negeri", "...", "…", "Nomor", "B/71/M.SM.00.00/2017", "Tahun", "2022",
    "Surat Edaran", "SE", "Keputusan", "Kepala", "ini", "\n", "Permendagri", "Perda", "Kota",
])
LIST_INDEX = InMemoryProvisionIndex(["skb/2022/2/lampiran/angka-6", "skb/2022/2/lampiran/angka-7/huruf-a",
                                     "skb/2022/2/lampiran-ii/bab-iii/angka-2", "skb/2022/2/diktum-kesatu/huruf-a",
                                     "uu/2014/5/pasal-87/ayat-4/huruf-a"])


@settings(deadline=2000, max_examples=300)
@given(st.lists(LIST_CITATION_WORDS, max_size=40).map(" ".join))
def test_list_citations_never_crash_and_spans_hold(text):
    contexts = (None, CitationContext(SKB_2_2022, (("lampiran", ""), ("angka", "7"))),
                CitationContext(SKB_2_2022, (("diktum", "KEDUA"),)))
    for context in contexts:
        for citation in extract(text, context):
            resolve_citation(citation, LIST_INDEX)


# -- real texts -----------------------------------------------------------------------------

REPORT = SHARED / "corpus" / "reports" / "kajian-netralitas-asn-pilkada-2024-padang.txt"


@needs_shared
def test_the_report_cites_uu_5_2014():
    citations = extract(REPORT.read_text(encoding="utf-8"))
    regulations = [c.raw for c in citations if isinstance(c, RegulationCitation) and c.regulation == UU_5_2014]
    assert "Undang-Undang Nomor\n5 Tahun 2014" in regulations  # wrapped across lines
    assert "Undang-Undang Tahun 2014 tentang Aparatur Sipil Negara" in regulations  # number left out
    assert "UU ASN" in regulations
    assert len(regulations) >= 9
    provisions = {c.raw: [ref.id for ref in c.refs] for c in citations if isinstance(c, ProvisionCitation)}
    assert provisions["Pasal 2 huruf f"] == ["uu/2014/5/pasal-2/huruf-f"]
    assert provisions["Pasal 87 ayat (4) hurufe"] == ["uu/2014/5/pasal-87/ayat-4/huruf-e"]
    assert provisions["Pasal 119 dan 123 ayat (3)"] == ["uu/2014/5/pasal-119", "uu/2014/5/pasal-123/ayat-3"]
    assert provisions["Pasal 56 ayat (1) UU No. 32\nTahun 2004"] == ["uu/2004/32/pasal-56/ayat-1"]
    [ruling] = [c for c in citations if isinstance(c, RulingCitation)]
    assert ruling.uncertain and ruling.number == "41/PPU-XI11/2024"


GOLD_CITATION = re.compile(r"(\w+) (\d+)/(\d{4})(.*)")


def gold_ref(written: str) -> str:
    """ "UU 5/2014 Pasal 9 ayat (2)" -> its id; a small parser of our own, not the extractor."""
    type_code, number, year, levels = GOLD_CITATION.fullmatch(written).groups()
    path = re.findall(r"(Pasal|ayat|huruf|angka) \(?(\w+)\)?", levels)
    levels = [f"{level.lower()}-{label.lower()}" for level, label in path]
    return "/".join([f"{type_code.lower()}/{year}/{number}", *levels])


@needs_shared
def test_dev_case_documents_precision_and_recall(capsys):
    folder = SHARED / "eval" / "cases-dev"
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))["citations"]
    true_positives = predicted = expected = 0
    for document, cited in gold.items():
        found = {ref.id for c in extract((folder / f"{document}.txt").read_text(encoding="utf-8"))
                 for ref in c.refs if ref.pasal is not None}
        wanted = {gold_ref(written) for written in cited}
        true_positives += len(found & wanted)
        predicted += len(found)
        expected += len(wanted)
    precision = true_positives / predicted if predicted else 1.0
    recall = true_positives / expected if expected else 1.0
    with capsys.disabled():
        print(f"\ndev case documents: provision citations precision {precision:.2f} ({true_positives}/{predicted}), "
              f"recall {recall:.2f} ({true_positives}/{expected})")
    assert precision >= 0.8 and recall >= 0.8


@needs_shared
def test_regulations_are_read_with_their_context():
    path = SHARED / "corpus" / "core" / "pp-94-2021.txt"
    text = path.read_text(encoding="utf-8")
    header, body = split_header(text)
    regulation = regulation_of(header)
    assert regulation == PP_94_2021
    citations = extract_from_regulation(text, regulation, body)
    for citation in citations:
        assert text[citation.start:citation.end] == citation.raw
    refs = [ref.id for citation in citations for ref in citation.refs]
    assert "uu/2014/5/pasal-86/ayat-4" in refs  # in the Mengingat
    assert "pp/2021/94/pasal-8/ayat-1/huruf-a" in refs  # "ayat (1) huruf a" inside Pasal 8
    assert not [c for c in citations if re.fullmatch(r"Pasal \d+", c.raw) and text[c.start - 1] == "\n"
                and text[c.end] == "\n"]  # headings are structure, not citations


@needs_shared
def test_speed_on_the_core_regulations(capsys):
    texts = [path.read_text(encoding="utf-8") for path in sorted((SHARED / "corpus" / "core").glob("*.txt"))]
    size = sum(len(text.encode()) for text in texts)
    started = time.perf_counter()
    count = sum(len(extract_citations(text)) for text in texts)
    speed = size / (time.perf_counter() - started) / 1e6
    with capsys.disabled():
        print(f"\ncore regulations: {size / 1e6:.2f} MB, {count} citations, {speed:.1f} MB/s")
    assert speed > 1.0
