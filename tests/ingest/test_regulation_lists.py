"""Rules that are list items, not Pasal (issue 18): a decree's diktum, a Lampiran's chapters and
numbered points, a circular's own points; on a crafted full-form joint decree, the real (partial)
SKB 2022 of the shared corpus, and hostile text. Also: no article heading is left out in silence."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.refs import RegulationRef
from ingest.regulation import parse_regulation, read_document
from ingest.regulation.health import check_text
from paths import CORE, FIXTURES

SKB_FILE = CORE / "skb-2022-netralitas-asn-partial.txt"
REGULATIONS = FIXTURES / "regulations"
needs_skb = pytest.mark.skipif(not SKB_FILE.is_file(), reason=f"the SKB 2022 is not at {SKB_FILE}")

# Crafted: a joint decree as such decrees are written in full (heading with two numbers, preamble,
# diktum with points, the signature, then two Lampiran with BAB, numbered and lettered points, a
# list whose sentence closes after its last item, and a point out of its numbering); a circular,
# whose own numbered points are its rules; a law whose Pasal run jumps (1, 2, then 81A, 82, and
# its header does not say it is partial), whose stray headings must be named, not dropped in silence.
DECREE_FILE = REGULATIONS / "skb-7-2098.txt"
CIRCULAR_FILE = REGULATIONS / "se-mendagri-2098.txt"
JUMPING_FILE = REGULATIONS / "uu-99-2098-jump.txt"
FULL_DECREE, JUMPING_LAW = DECREE_FILE.read_text(encoding="utf-8"), JUMPING_FILE.read_text(encoding="utf-8")


def parse_text(tmp_path, text: str, name: str = "doc.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_regulation(*read_document(path))


@pytest.fixture
def decree():
    return parse_regulation(*read_document(DECREE_FILE))


def by_id(parsed) -> dict:
    return {node.node_id: node for node in parsed.walk()}


# -- a full-form joint decree -------------------------------------------------------------------

def test_the_decree_is_named_by_its_first_number(decree):
    assert decree.ref == RegulationRef("SKB", "7", 2098)
    assert decree.enacted.isoformat() == "2098-03-01"


def test_diktum_are_provisions_with_their_points(decree):
    nodes = by_id(decree)
    diktum = [node for node in decree.nodes if node.kind == "diktum"]
    assert [node.label for node in diktum] == ["KESATU", "KEDUA", "KETIGA", "KEEMPAT"]
    kedua = nodes["skb/2098/7/diktum-kedua"]
    assert kedua.text == "Pedoman sebagaimana dimaksud dalam Diktum KESATU digunakan sebagai acuan bagi:"
    assert [child.node_id for child in kedua.children] == ["skb/2098/7/diktum-kedua/huruf-a",
                                                           "skb/2098/7/diktum-kedua/huruf-b"]
    assert kedua.ref.citation == "Diktum KEDUA SKB 7/2098"
    assert nodes["skb/2098/7/diktum-keempat"].text == "Keputusan Bersama ini mulai berlaku pada tanggal ditetapkan."


def test_each_lampiran_has_its_chapters_and_points(decree):
    nodes = by_id(decree)
    lampiran = [node for node in decree.nodes if node.kind == "lampiran"]
    assert [(node.node_id, node.heading) for node in lampiran] == [("skb/2098/7/lampiran-i", "LAMPIRAN I"),
                                                                   ("skb/2098/7/lampiran-ii", "LAMPIRAN II")]
    bab = nodes["skb/2098/7/lampiran-i/bab-i"]
    assert (bab.heading, bab.text) == ("PENDAHULUAN", "Pedoman ini disusun sebagai acuan.")
    assert nodes["skb/2098/7/lampiran-ii/bab-i"].heading == "TATA CARA PENANGANAN"
    point = nodes["skb/2098/7/lampiran-i/bab-ii/angka-1"]
    assert (point.text, point.ref.citation) == ("Memasang alat peraga calon di kantor pemerintah.",
                                                "angka 1 BAB II Lampiran I SKB 7/2098")
    assert nodes["skb/2098/7/lampiran-i/bab-i/angka-2/huruf-b"].ref.top_unit.id == "skb/2098/7/lampiran-i/bab-i/angka-2"
    every = [node for node in decree.walk()]
    assert all(node.ref is not None for node in every if node.kind in ("diktum", "lampiran", "bab", "angka", "huruf")
               and not node.node_id.startswith(("skb/2098/7/menimbang", "skb/2098/7/mengingat")))


def test_words_closing_a_list_belong_to_the_point_that_opened_it(decree):
    nodes = by_id(decree)
    point = nodes["skb/2098/7/lampiran-i/bab-i/angka-2"]
    assert point.text == "Tujuan pedoman ini adalah:"
    assert point.tail == "sesuai dengan ketentuan peraturan perundang-undangan."
    assert nodes["skb/2098/7/lampiran-i/bab-i/angka-2/huruf-b"].text == "menindak pelanggaran;"
    assert point.end >= FULL_DECREE.split("---\n", 1)[1].index("perundang-undangan.")


def test_a_point_out_of_its_numbering_is_named_with_its_line(decree):
    assert decree.warnings == [
        'line 48: "1." at a line start not read as a point: it does not continue or open a list there']
    assert "Laporan yang tidak lengkap" in by_id(decree)["skb/2098/7/lampiran-ii/bab-i/angka-2"].text


def test_offsets_hold_for_every_list_node(decree):
    text = FULL_DECREE.split("---\n", 1)[1]
    for node in decree.walk():
        assert 0 <= node.start <= node.end <= len(text)
        assert " ".join(node.text.split()) in " ".join(text[node.start:node.end].split()), node.node_id


def test_diktum_and_chapters_out_of_order_are_named(tmp_path):
    text = FULL_DECREE.replace("KEEMPAT : Keputusan", "KEDUA : Keputusan").replace("BAB II\nBENTUK", "BAB I\nBENTUK")
    parsed = parse_text(tmp_path, text)
    assert [node.label for node in parsed.nodes if node.kind == "diktum"] == ["KESATU", "KEDUA", "KETIGA"]
    assert 'line 24: heading "diktum KEDUA" left out: it does not come after diktum KETIGA' in parsed.warnings
    assert 'line 39: heading "BAB I" left out: it does not come after BAB I' in parsed.warnings


# -- the real SKB 2022 (partial: opening and the annex's list) -----------------------------------

@needs_skb
def test_the_real_skb_2022_has_its_annex_points_as_provisions():
    parsed = parse_regulation(*read_document(SKB_FILE))
    assert parsed.ref.id == "skb/2022/2" and parsed.warnings == []
    nodes = by_id(parsed)
    lampiran = nodes["skb/2022/2/lampiran"]
    assert [child.label for child in lampiran.children] == [str(n) for n in range(1, 9)]
    assert nodes["skb/2022/2/lampiran/angka-6"].text.startswith("Membuat posting, comment, share, like")
    assert nodes["skb/2022/2/lampiran/angka-6"].ref.citation == "angka 6 Lampiran SKB 2/2022"
    assert nodes["skb/2022/2/lampiran/angka-7/huruf-a"].ref.citation == "angka 7 huruf a Lampiran SKB 2/2022"
    assert [child.label for child in nodes["skb/2022/2/lampiran/angka-3"].children] == ["a", "b"]
    assert [child.label for child in nodes["skb/2022/2/lampiran/angka-7"].children] == ["a", "b", "c"]
    # "Dengan tidak dalam status cuti ..." closes point 3's list, after huruf b.
    assert nodes["skb/2022/2/lampiran/angka-3"].tail.startswith("Dengan tidak dalam status cuti")
    assert "status cuti" not in nodes["skb/2022/2/lampiran/angka-3/huruf-b"].text
    assert nodes["skb/2022/2/lampiran/angka-7"].tail.startswith("Dengan tujuan untuk memberikan dukungan")
    # The opening is the preamble, not rules.
    assert [child.label for child in nodes["skb/2022/2/menimbang"].children] == ["a", "b"]


# -- a circular's own points -----------------------------------------------------------------------

def test_a_circular_s_numbered_points_are_its_provisions():
    parsed = parse_regulation(*read_document(CIRCULAR_FILE))
    assert parsed.ref.id == "se-mendagri/2098/800-1234-sj-2098"
    nodes = by_id(parsed)
    assert nodes["se-mendagri/2098/800-1234-sj-2098/angka-2/huruf-b"].ref.citation == \
        "angka 2 huruf b SE Mendagri 800/1234/SJ/2098"
    assert nodes["se-mendagri/2098/800-1234-sj-2098/angka-1"].text.startswith("Latar Belakang")


# -- nothing dropped in silence ----------------------------------------------------------------------

def test_article_headings_left_out_of_the_run_are_named_with_their_lines(tmp_path):
    parsed = parse_text(tmp_path, JUMPING_LAW)
    assert [node.label for node in parsed.body_pasal()] == ["1", "2"]  # still judged noise
    assert parsed.warnings == [
        'line 15: heading "Pasal 81A" left out of the articles read (Pasal 1 to 2); its text stays in Pasal 2',
        'line 17: heading "Pasal 82" left out of the articles read (Pasal 1 to 2); its text stays in Pasal 2']
    partial = parse_text(tmp_path, JUMPING_LAW.replace("year: 2098\n", "year: 2098\ncompleteness: partial\n"))
    assert [node.label for node in partial.body_pasal()] == ["1", "2", "81A", "82"] and partial.warnings == [
        "Pasal numbers jump from 2 to 81A"]


def test_corpus_health_names_the_headings_left_out():
    health = check_text("uu/2098/99.md", *read_document(JUMPING_FILE))
    assert health.left_out == [
        'line 15: heading "Pasal 81A" left out of the articles read (Pasal 1 to 2); its text stays in Pasal 2',
        'line 17: heading "Pasal 82" left out of the articles read (Pasal 1 to 2); its text stays in Pasal 2']


# -- hostile input -------------------------------------------------------------------------------------

LIST_LINES = st.sampled_from([
    "KEPUTUSAN BERSAMA MENTERI UJI", "NOMOR : 2 Tahun 2022", "SURAT EDARAN", "TENTANG", "PEDOMAN", "Menimbang :",
    "MEMUTUSKAN:", "Menetapkan :", "KESATU :", "KEDUA :", "KEDUA BELAS :", "Diktum KETIGA :", "PERTAMA :", "Kesatu",
    ":", "LAMPIRAN", "LAMPIRAN I", "LAMPIRAN II", "LAMPIRAN IV", "[B — lampiran]", "[lampiran", "BAB I", "BAB II",
    "BAB", "I. PENDAHULUAN", "II.", "C. Ruang", "1.", "2.", "3.", "a.", "b.", "1)", "a)", "(1)", "x;", "Dengan ini.",
    "Ditetapkan di Jakarta pada tanggal 1 Maret 2098", "Pasal 1", "Pasal 81A", "", "   ", "\t"])
LIST_TEXT = st.lists(LIST_LINES | st.text(max_size=30), max_size=80).map("\n".join)
HEADERS = st.sampled_from(["", "type: SKB\nnumber: 2\nyear: 2022\n---\n", "type: SE\nnumber: 1\nyear: 2020\n---\n",
                           "type: KEPUTUSAN\nnumber: 1\nyear: 2020\nissuer: Mendagri\n---\n"])


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(header=HEADERS, body=LIST_TEXT | st.text(max_size=2000))
def test_list_documents_never_crash_and_finish_quickly(tmp_path, header, body):
    path = tmp_path / "hostile.txt"
    path.write_text(header + body, encoding="utf-8")
    began = time.perf_counter()
    parsed = parse_regulation(*read_document(path))
    assert time.perf_counter() - began < 2.0
    text = read_document(path)[0]
    ids = [node.node_id for node in parsed.walk()]
    assert len(ids) == len(set(ids))  # the graph merges nodes by id
    for node in parsed.walk():
        assert 0 <= node.start <= node.end <= len(text)
        if node.ref is not None and node.ref.regulation == parsed.ref:
            assert node.ref.id == node.node_id
