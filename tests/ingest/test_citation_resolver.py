"""Resolving citations against small hand-made indexes of provision ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.refs import ProvisionRef, RegulationRef
from ingest.citations import (CitationContext, InMemoryProvisionIndex, Reason, extract_citations,
                              resolve_citation)
from paths import SHARED

REPORT = SHARED / "corpus" / "reports" / "kajian-netralitas-asn-pilkada-2024-padang.txt"

# UU 5/2014 Pasal 87 ayat (4) has huruf a-d; PP 94/2021 Pasal 8 has huruf a in two ayat.
INDEX = InMemoryProvisionIndex(
    [f"uu/2014/5/pasal-87/ayat-4/huruf-{letter}" for letter in "abcd"]
    + ["uu/2014/5/pasal-87/ayat-1", "uu/2014/5/pasal-2/huruf-f", "uu/2014/5/pasal-31"]
    + ["pp/2021/94/pasal-8/ayat-1/huruf-a", "pp/2021/94/pasal-8/ayat-3/huruf-a"]
    + ["pp/2010/53/pasal-4/angka-12/huruf-a"]
    + ["uu/2015/1/pasal-71/ayat-1", "uu/2016/10/pasal-71/ayat-1"]
    + ["putusan-mk/2014/41-puu-xii-2014"]
)


def resolve(text: str, context: CitationContext | None = None):
    [citation] = extract_citations(text, context)
    return resolve_citation(citation, INDEX)


def test_a_provision_that_exists_resolves():
    resolution = resolve("Pasal 87 ayat (4) huruf c Undang-Undang Nomor 5 Tahun 2014")
    assert resolution.resolved and resolution.reason is None
    assert resolution.ids == ("uu/2014/5/pasal-87/ayat-4/huruf-c",)


def test_a_list_resolves_to_every_provision():
    resolution = resolve("Pasal 87 ayat (4) huruf a sampai dengan huruf d UU 5/2014")
    assert resolution.ids == tuple(f"uu/2014/5/pasal-87/ayat-4/huruf-{letter}" for letter in "abcd")


def test_a_missing_huruf_is_named_with_what_exists():
    resolution = resolve("Pasal 87 ayat (4) huruf e UU 5/2014")
    assert resolution.reason == Reason.PROVISION_DOES_NOT_EXIST
    [problem] = resolution.problems
    assert problem.detail == "Pasal 87 ayat (4) UU 5/2014 has no huruf e (it has huruf a, b, c, d)"
    assert problem.nearest_id == "uu/2014/5/pasal-87/ayat-4"


def test_a_missing_ayat_is_named():
    [problem] = resolve("Pasal 87 ayat (9) UU 5/2014").problems
    assert problem.detail == "Pasal 87 UU 5/2014 has no ayat (9) (it has ayat (1), (4))"


def test_a_regulation_not_in_the_corpus():
    resolution = resolve("Pasal 56 ayat (1) UU No. 32 Tahun 2004")
    assert resolution.reason == Reason.REGULATION_NOT_IN_CORPUS


def test_a_relative_citation_without_context_is_incomplete():
    assert resolve("sebagaimana dimaksud pada ayat (1)").reason == Reason.INCOMPLETE


def test_a_relative_citation_with_context_resolves():
    context = CitationContext.within(ProvisionRef.from_id("uu/2014/5/pasal-87/ayat-4"))
    assert resolve("sebagaimana dimaksud pada huruf b", context).ids == ("uu/2014/5/pasal-87/ayat-4/huruf-b",)


def test_a_citation_skipping_a_level_resolves_when_only_one_provision_fits():
    assert resolve("Pasal 87 huruf c UU 5/2014").ids == ("uu/2014/5/pasal-87/ayat-4/huruf-c",)


def test_a_citation_that_fits_several_provisions_is_ambiguous():
    resolution = resolve("Pasal 8 huruf a PP 94/2021")
    assert resolution.reason == Reason.AMBIGUOUS
    assert "pp/2021/94/pasal-8/ayat-1/huruf-a" in resolution.problems[0].detail


def test_levels_written_in_the_other_order_resolve():
    assert resolve("Pasal 4 huruf a angka 12 PP 53/2010").ids == ("pp/2010/53/pasal-4/angka-12/huruf-a",)


def test_amended_wording_is_reported_alongside():
    resolution = resolve("Pasal 71 ayat (1) UU Pilkada")
    assert resolution.ids == ("uu/2015/1/pasal-71/ayat-1",)
    assert resolution.amended_ids == ("uu/2016/10/pasal-71/ayat-1",)


def test_a_perppu_resolves_to_the_law_that_enacted_it():
    resolution = resolve("Pasal 71 ayat (1) Perppu 1/2014")
    assert resolution.resolved and resolution.ids == ("uu/2015/1/pasal-71/ayat-1",)
    assert "UU 1/2015" in resolution.notes[0]


@pytest.mark.parametrize("text, reason", [
    ("Putusan MK Nomor 41/PUU-XII/2014", None),
    ("Putusan MK Nomor 46/PUU-XIV/2016", Reason.REGULATION_NOT_IN_CORPUS),
    ("keputusan Mahkamah Konstitusi Nomor 41/PPU-XI11/2024", Reason.AMBIGUOUS),
])
def test_rulings(text, reason):
    assert resolve(text).reason == reason


def test_a_regulation_we_cannot_represent():
    resolution = resolve("Pasal 28D ayat (3) Undang-Undang Dasar Negara Republik Indonesia Tahun 1945")
    assert resolution.reason == Reason.REGULATION_NOT_IN_CORPUS


def test_provisions_can_be_added_later():
    index = InMemoryProvisionIndex(["uu/2014/5/pasal-87/ayat-1"])
    index.add(["uu/2014/5/pasal-87/ayat-4/huruf-a"])
    assert index.descendants("uu/2014/5/pasal-87") == [
        "uu/2014/5/pasal-87/ayat-1", "uu/2014/5/pasal-87/ayat-4", "uu/2014/5/pasal-87/ayat-4/huruf-a"]


def test_children_are_in_reading_order():
    in_reading_order = ["uu/2014/5/pasal-2", "uu/2014/5/pasal-12", "uu/2014/5/pasal-12a", "uu/2014/5/pasal-100"]
    index = InMemoryProvisionIndex(reversed(in_reading_order))
    assert index.children("uu/2014/5") == in_reading_order


@pytest.mark.skipif(not REPORT.is_file(), reason=f"the research report is not at {REPORT}")
def test_the_report_cites_a_huruf_that_does_not_exist():
    text = REPORT.read_text(encoding="utf-8")
    [citation] = [c for c in extract_citations(text) if c.raw == "Pasal 87 ayat (4) hurufe"]
    resolution = resolve_citation(citation, INDEX)
    assert resolution.reason == Reason.PROVISION_DOES_NOT_EXIST
    assert "has no huruf e" in resolution.problems[0].detail


# -- rules that are list items (issue 18) ------------------------------------------------------

SKB_INDEX = InMemoryProvisionIndex(
    [f"skb/2022/2/lampiran/angka-{n}" for n in range(1, 9)]
    + ["skb/2022/2/lampiran/angka-7/huruf-a", "skb/2022/2/diktum-kesatu", "skb/2022/2/diktum-kedua/huruf-a"]
    + ["skb/2022/2/lampiran-ii/bab-iii/angka-2", "skb/2022/2/lampiran-ii/bab-iv/angka-2"]
)


def resolve_in(text: str, index=SKB_INDEX):
    [citation] = extract_citations(text)
    return resolve_citation(citation, index)


@pytest.mark.parametrize("text, expected", [
    ("angka 6 Lampiran SKB 2/2022", "skb/2022/2/lampiran/angka-6"),
    ("Lampiran angka 7 huruf a Keputusan Bersama ... Nomor 2 Tahun 2022", "skb/2022/2/lampiran/angka-7/huruf-a"),
    ("Diktum KEDUA huruf a SKB Nomor 2 Tahun 2022", "skb/2022/2/diktum-kedua/huruf-a"),
    ("huruf a Lampiran SKB 2/2022", "skb/2022/2/lampiran/angka-7/huruf-a"),  # the only huruf a of the Lampiran
    ("angka 6 SKB 2/2022", "skb/2022/2/lampiran/angka-6"),  # the decree's only angka 6
    ("angka 2 BAB III Lampiran II SKB 2/2022", "skb/2022/2/lampiran-ii/bab-iii/angka-2"),
])
def test_list_items_resolve(text, expected):
    resolution = resolve_in(text)
    assert resolution.resolved and resolution.ids == (expected,)


def test_a_missing_point_is_named_with_what_exists():
    [problem] = resolve_in("angka 9 Lampiran SKB 2/2022").problems
    assert problem.reason == Reason.PROVISION_DOES_NOT_EXIST
    assert problem.detail == "Lampiran SKB 2/2022 has no angka 9 (it has angka 1, 2, 3, 4, 5, 6, 7, 8)"
    [problem] = resolve_in("Diktum KETIGA SKB 2/2022").problems
    assert problem.detail == "SKB 2/2022 has no Diktum KETIGA (it has Diktum KESATU, KEDUA)"


def test_a_point_numbered_in_two_chapters_is_ambiguous_without_its_chapter():
    assert resolve_in("angka 2 Lampiran II SKB 2/2022").reason == Reason.AMBIGUOUS


def test_list_items_are_in_reading_order():
    index = InMemoryProvisionIndex(["skb/2022/2/diktum-kedua", "skb/2022/2/diktum-kesatu",
                                    "skb/2022/2/diktum-kesepuluh", "skb/2022/2/lampiran-ii/bab-x/angka-1",
                                    "skb/2022/2/lampiran-ii/bab-iv/angka-1"])
    assert index.children("skb/2022/2") == ["skb/2022/2/diktum-kesatu", "skb/2022/2/diktum-kedua",
                                            "skb/2022/2/diktum-kesepuluh", "skb/2022/2/lampiran-ii"]
    assert index.children("skb/2022/2/lampiran-ii") == ["skb/2022/2/lampiran-ii/bab-iv", "skb/2022/2/lampiran-ii/bab-x"]


def test_a_bare_huruf_read_in_a_decree_s_preamble_stays_incomplete():
    """ "dalam huruf a" in the Menimbang is its own huruf a, not a rule of the decree."""
    preamble = CitationContext(RegulationRef("SKB", "2", 2022))
    [citation] = extract_citations("sebagaimana dimaksud dalam huruf a", preamble)
    assert resolve_citation(citation, SKB_INDEX).reason == Reason.INCOMPLETE
