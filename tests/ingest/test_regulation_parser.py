"""The statute structure parser: every structure kind on hand-written fixtures, then the
real regulations on ASN neutrality from the shared corpus (skipped when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.refs import ProvisionRef, RegulationRef
from ingest.regulation import parse_regulation, read_archive_members, read_document
from ingest.regulation.parser import parse_with_layout
from paths import FIXTURES, SHARED, CORE

REGULATIONS = FIXTURES / "regulations"
ARCHIVE = SHARED / "corpus" / "peraturan-md.tar.gz"
needs_corpus = pytest.mark.skipif(not CORE.is_dir(), reason=f"shared corpus not found at {CORE}")
needs_archive = pytest.mark.skipif(not ARCHIVE.is_file(), reason=f"Markdown archive not found at {ARCHIVE}")


def parse_file(path: Path):
    return parse_regulation(*read_document(path))


def normal(text: str) -> str:
    return " ".join(text.split())


# -- hand-written fixtures ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def pp99():
    return parse_file(REGULATIONS / "pp-99-2099.txt")


def test_metadata_comes_from_the_header_and_the_closing(pp99):
    assert pp99.ref == RegulationRef("PP", "99", 2099)
    assert pp99.title == "Pengelolaan Taman Kota"
    assert (pp99.enacted.isoformat(), pp99.promulgated.isoformat()) == ("2099-03-03", "2099-03-04")


def test_preamble_items(pp99):
    menimbang, mengingat = pp99.nodes[:2]
    assert (menimbang.kind, menimbang.labels("huruf")) == ("menimbang", ["a", "b"])
    assert (mengingat.kind, mengingat.labels("angka")) == ("mengingat", ["1", "2"])
    assert menimbang.children[0].node_id == "pp/2099/99/menimbang/huruf-a"
    assert menimbang.children[0].ref is None  # preamble items are not provisions


def test_bab_bagian_paragraf_nest_the_pasal(pp99):
    babs = [node for node in pp99.nodes if node.kind == "bab"]
    assert [(b.label, b.heading) for b in babs] == [("I", "KETENTUAN UMUM"), ("II", "PENGELOLAAN"),
                                                     ("III", "KETENTUAN PENUTUP")]
    bagian = babs[1].children[1]
    assert (bagian.kind, bagian.label, bagian.heading) == ("bagian", "Kedua", "Larangan")
    paragraf = bagian.children[0]
    assert (paragraf.kind, paragraf.label, paragraf.heading) == ("paragraf", "1", "Larangan bagi Pengunjung")
    assert paragraf.labels("pasal") == ["3", "3A"]
    assert paragraf.node_id == "pp/2099/99/bab-ii/bagian-kedua/paragraf-1"


def test_body_pasal_run_includes_inserted_pasal(pp99):
    assert [p.label for p in pp99.body_pasal()] == ["1", "2", "3", "3A", "4", "5"]
    provisions = [node for node in pp99.walk() if node.ref and node.kind != "penjelasan"]
    assert all(node.node_id == node.ref.id for node in provisions)
    assert pp99.provision("pp/2099/99/pasal-3a").text.startswith("Larangan sebagaimana dimaksud")


def test_ayat_huruf_angka_nest_as_written(pp99):
    ayat = pp99.provision("pp/2099/99/pasal-2/ayat-2")
    assert ayat.text == "Penjagaan sebagaimana dimaksud pada ayat (1) meliputi:"
    assert ayat.labels("huruf") == ["a", "b", "c"]
    assert ayat.child("huruf", "a").labels("angka") == ["1", "2"]
    angka = pp99.provision("pp/2099/99/pasal-2/ayat-2/huruf-a/angka-2")
    assert angka.ref == ProvisionRef(pp99.ref, pasal="2", ayat="2", huruf="a", angka="2")
    assert angka.ref.citation == "Pasal 2 ayat (2) huruf a angka 2 PP 99/2099"


def test_huruf_under_angka_straight_under_pasal(pp99):
    pasal = pp99.provision("pp/2099/99/pasal-3")
    assert pasal.labels("angka") == ["1", "2", "3"]
    assert pasal.child("angka", "2").labels("huruf") == ["a", "b", "c", "d"]
    huruf = pasal.child("angka", "2").child("huruf", "a")
    assert huruf.ref.id == "pp/2099/99/pasal-3/angka-2/huruf-a"
    assert huruf.ref.order == ("angka", "huruf")


def test_items_glued_on_one_line_are_separated(pp99):
    pasal = pp99.provision("pp/2099/99/pasal-4")
    assert pasal.text == "Pengelola dilarang:"
    assert [(h.label, h.text) for h in pasal.children] == [
        ("a", "memungut biaya masuk;"), ("b", "menutup taman pada siang hari; dan"),
        ("c", "menyewakan taman untuk kampanye.")]


def test_penjelasan_is_linked_to_what_it_explains(pp99):
    umum = next(node for node in pp99.nodes if node.kind == "penjelasan_umum")
    assert umum.text.startswith("Taman kota adalah tempat warga bertemu.")
    explanations = pp99.explanations()
    assert {p.node_id for p in pp99.body_pasal()} <= set(explanations)
    huruf = explanations["pp/2099/99/pasal-2/ayat-2/huruf-a"]
    assert (huruf.kind, huruf.node_id) == ("penjelasan", "pp/2099/99/penjelasan/pasal-2/ayat-2/huruf-a")
    assert huruf.ref == ProvisionRef(pp99.ref, pasal="2", ayat="2", huruf="a")
    assert "toilet umum" in huruf.text
    assert "tenda lipat" in explanations["pp/2099/99/pasal-3/angka-2/huruf-a"].text


def test_penjelasan_never_adds_body_pasal(pp99):
    # The Penjelasan repeats "Pasal 1" ... "Pasal 5"; none of that is body.
    assert len(pp99.body_pasal()) == 6
    assert all(node.start < pp99.explanations()[node.node_id].start for node in pp99.body_pasal())


def test_plain_lampiran_keeps_its_text(pp99):
    """Its heading is its own text; its numbered list, points citable as "angka 2 Lampiran PP 99/2099"."""
    lampiran = pp99.nodes[-1]
    assert lampiran.kind == "lampiran" and "DAFTAR TAMAN KOTA" in lampiran.text
    assert lampiran.node_id == "pp/2099/99/lampiran"
    assert [(point.node_id, point.text) for point in lampiran.children] == [
        ("pp/2099/99/lampiran/angka-1", "Taman Melati"), ("pp/2099/99/lampiran/angka-2", "Taman Kenanga")]
    assert lampiran.children[1].ref.citation == "angka 2 Lampiran PP 99/2099"


def test_offsets_cover_label_and_text(pp99):
    text, _ = read_document(REGULATIONS / "pp-99-2099.txt")
    for node in pp99.walk():
        covered = normal(text[node.start:node.end])
        assert node.text in covered, node.node_id
        if node.kind in ("pasal", "bab", "bagian", "paragraf"):
            assert covered.startswith(f"{node.kind.capitalize() if node.kind != 'bab' else 'BAB'} {node.label}")
        elif node.kind == "ayat":
            assert covered.startswith(f"({node.label})")
        elif node.kind in ("huruf", "angka"):
            assert covered.startswith(f"{node.label}.")


def test_ocr_noise_in_archive_style_markdown():
    # "PasaI 1", "P a s a l 3", "Pasal S", headings glued into running text, "(21" for "(2)",
    # a page banner between two items, converter markup.
    parsed = parse_file(REGULATIONS / "archive" / "uu" / "2099" / "98.md")
    assert parsed.ref == RegulationRef("UU", "98", 2099)
    assert [p.label for p in parsed.body_pasal()] == ["1", "2", "3", "4", "5"]
    assert [b.label for b in parsed.nodes if b.kind == "bab"] == ["I", "II"]
    pasal_2 = parsed.provision("uu/2099/98/pasal-2")
    assert pasal_2.labels("ayat") == ["1", "2"]
    assert [h.text for h in pasal_2.child("ayat", "2").children] == [
        "20% (dua puluh persen) untuk ruang publik; dan", "10% (sepuluh persen) untuk ruang privat."]
    assert "_" not in pasal_2.text and "ruang terbuka hijau adalah" in parsed.provision("uu/2099/98/pasal-1").text
    assert len(parsed.explanations()) >= 5


def test_amending_law_has_only_its_own_articles_in_the_body():
    parsed = parse_file(REGULATIONS / "uu-97-2099.txt")
    assert [p.label for p in parsed.body_pasal()] == ["I", "II"]
    pasal_i = parsed.body_pasal()[0]
    assert pasal_i.labels("angka") == ["1", "2", "3", "4"]  # "Pasal I angka 2" is citable
    by_number = {a.number: a for a in parsed.amendments}
    assert {a.base for a in parsed.amendments} == {RegulationRef("UU", "98", 2099)}
    assert (by_number["1"].kind, by_number["1"].targets) == ("amend", ("2",))
    assert (by_number["2"].kind, by_number["2"].targets) == ("insert", ("3A", "3B"))
    assert (by_number["3"].kind, by_number["3"].targets) == ("revoke", ("4",))
    assert (by_number["4"].kind, by_number["4"].targets) == ("amend_penjelasan", ("5",))
    new_pasal_2 = by_number["1"].pasal[0]
    assert new_pasal_2.ref == ProvisionRef(RegulationRef("UU", "98", 2099), pasal="2")
    assert new_pasal_2.node_id == "uu/2099/97/pasal-i/angka-1/pasal-2"
    assert "30% (tiga puluh persen)" in new_pasal_2.child("ayat", "2").text
    pasal_3b = by_number["2"].pasal[1]
    assert pasal_3b.labels("angka") == ["1", "2"]
    assert by_number["3"].pasal == [] and by_number["4"].pasal == []


def test_lampiran_regulation_takes_the_plain_ids_and_enacting_articles_keep_their_own():
    parsed = parse_file(REGULATIONS / "uu-96-2099.txt")
    enacting = parsed.body_pasal()
    assert [(p.label, p.node_id, p.ref) for p in enacting] == [
        ("1", "uu/2099/96/penetapan/pasal-1", None), ("2", "uu/2099/96/penetapan/pasal-2", None)]
    carried = parsed.lampiran_pasal()
    assert [p.label for p in carried] == ["1", "2", "3"]
    assert parsed.nodes[-1].node_id == "uu/2099/96/lampiran-1"
    assert parsed.nodes[-1].heading.startswith("PERATURAN PEMERINTAH PENGGANTI UNDANG-UNDANG")
    ayat = parsed.provision("uu/2099/96/pasal-2/ayat-2")
    assert ayat.ref.citation == "Pasal 2 ayat (2) UU 96/2099"
    explanations = parsed.explanations()
    assert explanations["uu/2099/96/penetapan/pasal-1"].node_id == "uu/2099/96/penetapan/penjelasan/pasal-1"
    assert explanations["uu/2099/96/pasal-2/ayat-1"].node_id == "uu/2099/96/penjelasan/pasal-2/ayat-1"
    ids = [node.node_id for node in parsed.walk()]
    assert len(ids) == len(set(ids))


def test_text_without_metadata_still_parses():
    parsed = parse_regulation("Pasal 1\n(1) Satu.\n(2) Dua.\nPasal 2\nSelesai.\n")
    assert parsed.ref is None
    assert [p.label for p in parsed.body_pasal()] == ["1", "2"]
    assert parsed.body_pasal()[0].ref is None and parsed.body_pasal()[0].node_id == "document/pasal-1"


def test_cross_references_are_not_headings():
    text = ("Pasal 1\nSebagaimana dimaksud dalam Pasal 3 ayat (1) dan Pasal 7 Undang-Undang Nomor 5 Tahun 2014.\n"
            "Pasal 2\nKetentuan Pasal 1 berlaku juga.\n")
    assert [p.label for p in parse_regulation(text).body_pasal()] == ["1", "2"]


PARTIAL_LAW = """title: Undang-Undang Nomor 98 Tahun 2099 tentang Taman Kota (fictional fragments)
type: UU
number: 98
year: 2099
completeness: {completeness}
---
Pasal 8
Taman kota dibuka setiap hari.
Pasal 9
(1) Pengunjung menjaga kebersihan.
(2) Pengunjung dilarang merusak tanaman.
Pasal 52
Setiap orang yang melanggar ketentuan sebagaimana dimaksud dalam Pasal 9 ayat (2) dikenai denda.
"""


@pytest.mark.parametrize("completeness, labels", [("partial: Pasal 8, 9 and 52 only", ["8", "9", "52"]),
                                                  ("full", ["8", "9"])])
def test_a_text_that_says_it_is_partial_may_skip_article_numbers(tmp_path, completeness, labels):
    """Fragments of a law jump from Pasal 9 to Pasal 52; in a complete text such a jump is far
    more likely a reference than a heading."""
    path = tmp_path / "uu-98-2099.txt"
    path.write_text(PARTIAL_LAW.format(completeness=completeness), encoding="utf-8")
    parsed = parse_file(path)
    assert [p.label for p in parsed.body_pasal()] == labels
    last = parsed.provision(f"uu/2099/98/pasal-{labels[-1]}")
    assert ("denda" in last.text) == (labels[-1] == "52")


# -- the real regulations (shared corpus) ---------------------------------------------------------

@pytest.fixture(scope="module")
def uu5():
    return parse_file(CORE / "uu-5-2014.txt")


@needs_corpus
def test_uu_5_2014_body(uu5):
    body = uu5.body_pasal()
    assert [p.label for p in body] == [str(n) for n in range(1, 142)]
    assert len([node for node in uu5.nodes if node.kind == "bab"]) == 15
    assert uu5.provision("uu/2014/5/pasal-87/ayat-4").labels("huruf") == ["a", "b", "c", "d"]
    assert uu5.provision("uu/2014/5/pasal-87/ayat-4/huruf-c").text == (
        "menjadi anggota dan/atau pengurus partai politik; atau")


@needs_corpus
def test_partial_laws_keep_every_article_they_hold():
    assert [p.label for p in parse_file(CORE / "uu-7-2017-partial.txt").body_pasal()] == [
        "280", "282", "283", "490", "493", "494"]
    assert [p.label for p in parse_file(CORE / "uu-20-2023-partial.txt").body_pasal()] == ["8", "9", "52"]


@needs_corpus
def test_uu_5_2014_every_pasal_has_its_penjelasan(uu5):
    explanations = uu5.explanations()
    missing = [p.label for p in uu5.body_pasal() if p.node_id not in explanations]
    assert missing == []
    assert explanations["uu/2014/5/pasal-119"].text == "Pernyataan pengunduran diri tidak dapat ditarik kembali."


@needs_corpus
def test_uu_5_2014_offsets(uu5):
    text, _ = read_document(CORE / "uu-5-2014.txt")
    for node in uu5.walk():
        covered = normal(text[node.start:node.end])
        assert node.text in covered, node.node_id
        if node.kind in ("pasal", "ayat", "huruf", "angka"):
            assert node.label in covered[:12], node.node_id


@needs_corpus
def test_pp_94_2021_pasal_5_huruf_n_angka_are_separate():
    parsed = parse_file(CORE / "pp-94-2021.txt")
    huruf_n = parsed.provision("pp/2021/94/pasal-5/huruf-n")
    assert huruf_n.labels("angka") == [str(n) for n in range(1, 8)]
    angka_4 = huruf_n.child("angka", "4")
    assert angka_4.ref.citation == "Pasal 5 huruf n angka 4 PP 94/2021"
    assert "membuat keputusan" not in angka_4.text  # "...negara; r, 5. membuat ..." was split
    assert huruf_n.child("angka", "5").text.startswith("membuat keputusan")


@needs_corpus
def test_pp_53_2010_angka_12_has_huruf_a_to_d():
    parsed = parse_file(CORE / "pp-53-2010.txt")
    angka_12 = parsed.provision("pp/2010/53/pasal-4/angka-12")
    assert angka_12.labels("huruf") == ["a", "b", "c", "d"]
    assert parsed.provision("pp/2010/53/pasal-4/angka-12/huruf-a").text == "ikut serta sebagai pelaksana kampanye;"


@needs_corpus
def test_uu_1_2015_carries_the_perppu_in_its_lampiran():
    parsed = parse_file(CORE / "uu-1-2015.txt")
    assert [p.node_id for p in parsed.body_pasal()] == ["uu/2015/1/penetapan/pasal-1", "uu/2015/1/penetapan/pasal-2"]
    carried = parsed.lampiran_pasal()
    assert [p.label for p in carried] == [str(n) for n in range(1, 207)]
    assert all(p.ref.regulation == RegulationRef("UU", "1", 2015) for p in carried)
    pasal_188 = parsed.provision("uu/2015/1/pasal-188")
    assert pasal_188.ref.citation == "Pasal 188 UU 1/2015"
    pasal_71 = parsed.provision("uu/2015/1/pasal-71")
    assert pasal_71.labels("ayat") == ["1", "2", "3", "4"]  # 2015 wording (four ayat)
    assert pasal_71.child("ayat", "2").text == (
        "Petahana dilarang melakukan penggantian pejabat 6 (enam) bulan sebelum masa jabatannya berakhir.")
    assert "uu/2015/1/pasal-71" in parsed.explanations()


@needs_corpus
@pytest.mark.parametrize("name, number, expected", [("uu-10-2016.txt", "10", 67), ("uu-8-2015.txt", "8", 117)])
def test_amending_pilkada_laws(name, number, expected):
    parsed = parse_file(CORE / name)
    assert [p.label for p in parsed.body_pasal()] == ["I", "II"]
    assert [a.number for a in parsed.amendments] == [str(n) for n in range(1, expected + 1)]
    assert {a.base for a in parsed.amendments} == {RegulationRef("UU", "1", 2015)}
    on_71 = [a for a in parsed.amendments if "71" in a.targets]
    assert len(on_71) == 1


@needs_corpus
def test_uu_10_2016_rewrites_pasal_71():
    parsed = parse_file(CORE / "uu-10-2016.txt")
    instruction = next(a for a in parsed.amendments if a.targets == ("71",))
    assert (instruction.number, instruction.kind) == ("27", "amend")
    new_71 = instruction.pasal[0]
    assert new_71.ref == ProvisionRef(RegulationRef("UU", "1", 2015), pasal="71")
    assert new_71.labels("ayat") == ["1", "2", "3", "4", "5", "6"]
    assert new_71.child("ayat", "2").text.startswith("Gubernur atau Wakil Gubernur, Bupati atau Wakil Bupati")
    inserted = next(a for a in parsed.amendments if a.number == "18")
    assert (inserted.kind, inserted.targets) == ("insert", ("54A", "54B", "54C", "54D"))
    assert [p.label for p in inserted.pasal] == ["54A", "54B", "54C", "54D"]
    assert next(a for a in parsed.amendments if a.number == "63").kind == "revoke"


@needs_corpus
def test_uu_8_2015_keeps_pasal_71_and_changes_its_penjelasan():
    parsed = parse_file(CORE / "uu-8-2015.txt")
    instruction = next(a for a in parsed.amendments if "71" in a.targets)
    assert (instruction.number, instruction.kind, instruction.pasal) == ("49", "amend_penjelasan", [])
    new_189 = next(a for a in parsed.amendments if a.targets == ("189",)).pasal[0]
    assert new_189.ref.citation == "Pasal 189 UU 1/2015"


ARCHIVE_COPIES = {"uu-5-2014.txt": "uu/2014/5.md", "pp-53-2010.txt": "pp/2010/53.md", "uu-1-2015.txt": "uu/2015/1.md",
                  "uu-8-2015.txt": "uu/2015/8.md", "uu-10-2016.txt": "uu/2016/10.md"}


@pytest.fixture(scope="module")
def archive_copies():
    return read_archive_members(ARCHIVE, [*ARCHIVE_COPIES.values(), "pp/2021/94.md"])


@needs_corpus
@needs_archive
@pytest.mark.parametrize("core, member", ARCHIVE_COPIES.items())
def test_archive_copy_gives_the_same_pasal(core, member, archive_copies):
    from_core = parse_file(CORE / core)
    from_archive = parse_regulation(*archive_copies[member])
    assert [p.label for p in from_archive.body_pasal()] == [p.label for p in from_core.body_pasal()]
    assert len(from_archive.lampiran_pasal()) == len(from_core.lampiran_pasal())
    assert len(from_archive.amendments) == len(from_core.amendments)


@needs_archive
def test_archive_pp_94_2021_reads_ocr_headings_but_pasal_39_is_lost_in_the_scan(archive_copies):
    text, info = archive_copies["pp/2021/94.md"]
    parsed, masked, _ = parse_with_layout(text, info)
    labels_found = [p.label for p in parsed.body_pasal()]
    assert labels_found == [str(n) for n in range(1, 47) if n != 39]  # "Pasal 1 1", "Pasal 4 1" read
    assert parsed.warnings == ["Pasal numbers jump from 38 to 40"]
    for node in parsed.walk():  # offsets hold on the OCR text too (page noise is blanked)
        assert node.text in normal(masked[node.start:node.end]), node.node_id
