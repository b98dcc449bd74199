"""Agency and election names (ingest/cases/agencies.py, places.py, elections.py): the normaliser,
the gazetteer, slips, and the plan a refresh follows, without a graph."""

import re
import tomllib
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.cases.agencies import (ACCEPTED, GAZETTEER, GAZETTEER_FILE, MERGE, REJECTED, REVIEW, RULES, agency_id,
                                   compare_key, gazetteer, normalise, plan_agencies, resolve_agency)
from ingest.cases.elections import election_name
from ingest.cases.gazetteer import REGIONS


def name(written: str, region: str | None = None) -> str | None:
    resolved = resolve_agency(written, region)
    return resolved.name if resolved else None


# -- the report's names, and the region hierarchy ------------------------------------------------

@pytest.mark.parametrize("written", ["Bawaslu RI", "Badan Pengawas Pemilu", "Badan Pengawasan Pemilihan Umum",
                                     "BAWASLU RI", "Bawaslu Republik Indonesia"])
def test_the_three_names_of_the_national_bawaslu_are_one_agency(written):
    assert name(written) == "Bawaslu RI"


def test_a_variant_is_a_decision_of_the_gazetteer_and_a_canonical_name_is_none():
    variant = resolve_agency("Badan Pengawas Pemilu")
    assert variant.decided_by == GAZETTEER and variant.own_id == "agency:badan-pengawas-pemilu"
    assert any("another name of Bawaslu" in reason for reason in variant.reasons)
    canonical = resolve_agency("Bawaslu RI")
    assert canonical.reasons == () and canonical.own_id == canonical.id


@pytest.mark.parametrize("written", ["Badan", "Dinas", "Kantor", "Sekretariat", "PPK", "Bawaslu", "Puskesmas",
                                     "badan", " Dinas. ", "SD Negeri", "Pemerintah Daerah"])
def test_a_bare_head_word_is_no_agency(written):
    assert resolve_agency(written) is None


def test_the_region_hierarchy_decides_which_offices_are_one():
    pesisir = {name(w) for w in ("Bawaslu Kab. Pesisir Selatan", "Bawaslu Kabupaten Pesisir Selatan",
                                 "Badan Pengawas Pemilihan Umum Kabupaten Pesisir Selatan",
                                 "BAWASLU KAB PESISIR SELATAN",
                                 "Bawaslu Kabupaten Pesiisir Selatan")}
    assert pesisir == {"Bawaslu Kabupaten Pesisir Selatan"}
    assert name("Bawaslu Kota Padang") == "Bawaslu Kota Padang"
    assert name("Bawaslu Agam") == "Bawaslu Kabupaten Agam"  # one region of that name
    assert name("Bawaslu Solok") == "Bawaslu Solok"  # a city and a regency: kept as written, not guessed
    assert name("Bawaslu Provinsi Sumbar") == "Bawaslu Provinsi Sumatera Barat"
    assert name("Bawaslu Kabupaten Asahan") == "Bawaslu Kabupaten Asahan"  # outside the gazetteer: as written


def test_an_ocr_slip_merges_the_school_and_says_so():
    slipped, clean = resolve_agency("SMP Negcri 2 Bayang"), resolve_agency("SMP Negeri 2 Bayang")
    assert slipped.id == clean.id == "agency:smp-negeri-2-bayang"
    assert slipped.decided_by == RULES and "'Negcri' read as 'Negeri'" in slipped.reasons[0]
    assert clean.reasons == () and clean.region == "Kabupaten Pesisir Selatan"  # Bayang is its district


@pytest.mark.parametrize("written, expected", [
    ("Disdik Kab. Agam", "Dinas Pendidikan Kabupaten Agam"),
    ("Pemkab Agam", "Pemerintah Kabupaten Agam"),
    ("Pemerintah Kabupaten Kabupaten Agam", "Pemerintah Kabupaten Agam"),
    ("Komisi Aparatur Sipil Negara", "KASN"),
    ("Badan Kepcgawaian Negara", "BKN"),
    ("Kantor Kecamatan Tanjung Harapan, Kota Solok", "Kantor Camat Tanjung Harapan, Kota Solok"),
    ("Kantor Camat Mandiangin Koto SeIayan", "Kantor Camat Mandiangin Koto Selayan, Kota Bukittinggi"),
    ("Dinas Sosial Kabupatcn Solok", "Dinas Sosial Kabupaten Solok"),
    ("Badan Kepegawaian dan Pengernbangan Sumber Daya Manusia Kabupaten Pasaman",
     "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Pasaman"),
    ("BKPSDM Kab. Pasaman", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Pasaman"),
    ("SDN 05 Kota Solok", "SD Negeri 5 Kota Solok"),
    ("Kepolisian Resor Kota Padang", "Polres Kota Padang"),
])
def test_acronyms_variants_and_slips(written, expected):
    assert name(written) == expected


@pytest.mark.parametrize("canonical", [
    "Bawaslu Kota Solok", "Bawaslu Kabupaten Pesisir Selatan", "Bawaslu Provinsi Sumatera Barat", "Bawaslu RI", "BKN",
    "KASN", "Dinas Pendidikan Kota Solok", "Wali Kota Solok", "Panwascam Kecamatan Koto Tangah, Kota Padang",
    "SMP Negeri 9 Kota Padang", "Sentra Gakkumdu Kota Padang", "Sekretariat Daerah Kota Pariaman",
    "Kejaksaan Negeri Kabupaten Agam", "Polres Kota Padang", "RSUD Kota Padang", "Puskesmas Ampang Nan Ampek"])
def test_names_already_canonical_keep_their_ids(canonical):
    resolved = resolve_agency(canonical)
    assert resolved.name == canonical and resolved.id == agency_id(canonical) and resolved.reasons == ()


def test_a_regional_body_needs_its_region_and_takes_the_persons():
    assert resolve_agency("Dinas Pendidikan") is None  # which of 20 regions' Dinas Pendidikan? none
    assert name("Dinas Pendidikan", "Kota Solok") == "Dinas Pendidikan Kota Solok"
    assert name("Sekretariat Daerah", "Kecamatan Tanjung Harapan, Kota Solok") == "Sekretariat Daerah Kota Solok"
    assert name("Bawaslu", "Kabupaten Agam") == "Bawaslu Kabupaten Agam"
    assert name("KASN", "Kota Solok") == "KASN"  # a national body has no regional office to take
    assert resolve_agency("Dinas", "Kota Solok") is None


def test_the_gazetteer_file_is_consistent():
    """Every name, acronym and variant names one body, and levels are the ones the code knows."""
    data = tomllib.loads(GAZETTEER_FILE.read_text(encoding="utf-8"))
    keys = Counter(compare_key(written) for entry in data["agency"]
                   for written in (entry["name"], entry.get("full"), *entry.get("also", [])) if written)
    assert [key for key, count in keys.items() if count > 1] == []
    assert all(set(entry["levels"]) <= {"national", "province", "regency", "district"} for entry in data["agency"])
    assert all(entry.get("national") or "national" not in entry["levels"] for entry in data["agency"])


@pytest.mark.parametrize("body", gazetteer().bodies, ids=lambda body: body.name)
def test_every_bodys_own_name_in_every_region_is_a_fixed_point(body):
    """What the resolver names a body is what it reads that name as again: ids stay put."""
    places = {"national": [""], "province": [" Provinsi Sumatera Barat"],
              "regency": [f" {region}" for region in REGIONS], "district": [" Koto Tangah"]}
    for level in body.levels:
        for place in places[level]:
            first = resolve_agency(f"{body.name}{place}" if level != "national" else body.national)
            assert first is not None and resolve_agency(first.name).id == first.id, (body.name, place)


# -- odd and hostile names -------------------------------------------------------------------

@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_any_text_is_an_agency_with_an_id_or_none(text):
    resolved = resolve_agency(text)
    assert resolved is None or (re.fullmatch("agency:[a-z0-9-]*[a-z][a-z0-9-]*", resolved.id)
                                and re.fullmatch("agency:[a-z0-9-]*[a-z][a-z0-9-]*", resolved.own_id))


@given(st.text(alphabet=st.one_of(st.characters(categories=["P", "Z"]), st.sampled_from("$+<=>^`|~°©®")),
               max_size=50))
def test_punctuation_and_spaces_only_are_no_agency(text):
    assert resolve_agency(text) is None


@pytest.mark.parametrize("text", ["Dinas " * 200, "Bawaslu Kota Padang " + "x" * 5000, "机构 政府", "Бавaслу",
                                  "\x00\x01Bawaslu\u200bKota Padang", "Dinas Pendidikan Kota Solok" * 10])
def test_long_unicode_and_control_characters(text):
    resolved = resolve_agency(text)
    assert resolved is None or resolved.id != "agency:"


@given(st.sampled_from(sorted({written for body in gazetteer().bodies
                               for written in (body.name, body.full, *body.also) if written})),
       st.sampled_from(["", " Kab. Agam", " Kota Padang", " Prov. Sumbar", " RI", " Kabupaten Asahan"]),
       st.sampled_from([str.upper, str.lower, str, lambda text: f" ({text}). "]))
@settings(max_examples=300, deadline=None)
def test_a_resolved_name_resolves_to_itself(body, place, spelling):
    first = resolve_agency(spelling(body + place))
    if first is not None:
        assert resolve_agency(first.name).id == first.id


def test_normalise():
    assert normalise("  Kab.Agam ") == "Kabupaten Agam"
    assert normalise("SMPN 02 Bayang,") == "SMP Negeri 2 Bayang"
    assert normalise("...") is None and normalise("") is None and normalise("x" * 500) is None


# -- elections ---------------------------------------------------------------------------------

@pytest.mark.parametrize("written, region, expected", [
    ("pemilu 2024", None, "Pemilu 2024"),
    ("Pemilu Serentak 2024", None, "Pemilu 2024"),
    ("Pemilihan Umum Tahun 2024", None, "Pemilu 2024"),
    ("Pemilu 2019", None, "Pemilu 2019"),
    ("Pilpres 2024", None, "Pilpres 2024"),
    ("Pilkada 2024", None, "Pilkada 2024"),
    ("PILKADA 2024", "Kota Solok", "Pilkada 2024 Kota Solok"),
    ("Pilkada Serentak Tahun 2024", "Kabupaten Agam", "Pilkada 2024 Kabupaten Agam"),
    ("Pilkada 2020", "Kota Padang", "Pilkada 2020 Kota Padang"),
    ("Pemilihan 2024", "Kota Padang", "Pilkada 2024 Kota Padang"),
    ("Pemilihan Wali Kota Padang 2024", "Kabupaten Agam", "Pilkada 2024 Kota Padang"),
    ("Pemilihan Bupati dan Wakil Bupati Agam 2024", None, "Pilkada 2024 Kabupaten Agam"),
    ("Pemilihan Umum Kepala Daerah Kabupaten Asahan 2020", None, "Pilkada 2020 Kabupaten Asahan"),
    ("Pilgub 2024", "Kota Solok", "Pilkada 2024 Provinsi Sumatera Barat"),
    ("Pilkada", None, "Pilkada"),
])
def test_election_names(written, region, expected):
    assert election_name(written, region) == expected


def test_distinct_elections_stay_distinct():
    names = {election_name("Pilkada 2020", "Kota Padang"), election_name("Pilkada 2024", "Kota Padang"),
             election_name("Pilkada 2024", "Kabupaten Agam"), election_name("Pemilu 2024")}
    assert len(names) == 4


@given(st.text(max_size=200), st.one_of(st.none(), st.text(max_size=60)))
@settings(max_examples=200, deadline=None)
def test_any_election_text_gets_a_name(text, region):
    assert isinstance(election_name(text, region), str)


# -- the plan: every name in the graph at once ------------------------------------------------------

def rows(*names: tuple[str, int], region: str | None = None) -> list[dict]:
    """Graph rows as ingest writes them: each name's links at the Agency it resolves to alone."""
    return [{"id": resolve_agency(n).id, "name": resolve_agency(n).name, "named_as": n, "named_region": region,
             "links": links} for n, links in names]


def final_ids(plan, graph_rows: list[dict]) -> dict[str, str]:
    moved = {move["named_as"]: move["to"] for move in plan.moves}
    return {row["named_as"]: moved.get(row["named_as"], row["id"]) for row in graph_rows}


def test_names_one_slip_apart_are_joined_into_the_one_with_more_links():
    graph_rows = rows(("Puskesmas Sungai Durian", 5), ("Puskesmas Sungai Duiran", 1))
    plan = plan_agencies(graph_rows, [])
    assert set(final_ids(plan, graph_rows).values()) == {"agency:puskesmas-sungai-durian"}
    [decision] = [d for d in plan.decisions if d.decided_by == RULES]
    assert (decision.a, decision.b, decision.decision) == ("agency:puskesmas-sungai-duiran",
                                                          "agency:puskesmas-sungai-durian", MERGE)
    assert decision.links == 1 and "1 letter apart" in decision.evidence[0]
    assert [agency["id"] for agency in plan.agencies] == ["agency:puskesmas-sungai-durian"]
    assert plan.agencies[0]["properties"]["names"] == ["Puskesmas Sungai Duiran", "Puskesmas Sungai Durian"]


@pytest.mark.parametrize("a, b", [
    ("SD Negeri 4 Lubuk Alung", "SMA Negeri 4 Lubuk Alung"),  # a short word: another school
    ("SD Negeri 16 Kota Pariaman", "SD Negeri 1 Kota Pariaman"),  # another number
    ("Bawaslu Kota Solok", "Bawaslu Kabupaten Solok"),  # both settled by the gazetteers
    ("Kantor Camat Koto Baru", "Kantor Camat Koto Besar"),  # two districts
])
def test_names_that_are_other_bodies_are_not_joined(a, b):
    graph_rows = rows((a, 3), (b, 3))
    plan = plan_agencies(graph_rows, [])
    assert len(set(final_ids(plan, graph_rows).values())) == 2
    assert not [d for d in plan.decisions if d.decision == MERGE and d.decided_by == RULES]


def test_a_short_name_one_slip_apart_goes_to_review():
    graph_rows = rows(("Puskesmas Lasi", 2), ("Puskesmas Lasl", 1))
    plan = plan_agencies(graph_rows, [])
    assert len(set(final_ids(plan, graph_rows).values())) == 2
    assert [d.decision for d in plan.decisions] == [REVIEW]


def test_a_rejected_merge_keeps_the_written_name_apart_and_its_decision():
    graph_rows = rows(("Badan Pengawas Pemilu", 2), ("Bawaslu RI", 3))
    plan = plan_agencies(graph_rows, [])
    [decision] = plan.decisions
    assert (decision.a, decision.b, decision.decided_by) == ("agency:badan-pengawas-pemilu", "agency:bawaslu-ri",
                                                             GAZETTEER)
    kept_apart = plan_agencies(graph_rows, [{"a": decision.a, "b": decision.b, "verdict": REJECTED}])
    assert final_ids(kept_apart, graph_rows) == {"Badan Pengawas Pemilu": "agency:badan-pengawas-pemilu",
                                                 "Bawaslu RI": "agency:bawaslu-ri"}
    assert [d.id for d in kept_apart.decisions] == [decision.id]  # still recorded, with its verdict
    assert {"from": "agency:bawaslu-ri", "to": "agency:badan-pengawas-pemilu", "named_as": "Badan Pengawas Pemilu",
            "named_region": None} in kept_apart.moves


def test_verdicts_on_pairs_of_names():
    graph_rows = rows(("Puskesmas Sungai Durian", 5), ("Puskesmas Sungai Duiran", 1))
    rejected = plan_agencies(graph_rows, [{"a": "agency:puskesmas-sungai-duiran", "b": "agency:puskesmas-sungai-durian",
                                           "verdict": REJECTED}])
    assert len(set(final_ids(rejected, graph_rows).values())) == 2
    short = rows(("Puskesmas Lasi", 2), ("Puskesmas Lasl", 1))
    accepted = plan_agencies(short, [{"a": "agency:puskesmas-lasl", "b": "agency:puskesmas-lasi", "verdict": ACCEPTED}])
    assert set(final_ids(accepted, short).values()) == {"agency:puskesmas-lasi"}
    assert not [d for d in accepted.decisions if d.decision == REVIEW]


def test_links_written_before_names_were_kept_are_read_by_their_agencys_name():
    plan = plan_agencies([{"id": "agency:badan-pengawas-pemilu", "name": "Badan Pengawas Pemilu", "named_as": None,
                           "named_region": None, "links": 4},
                          {"id": "agency:dinas-pendidikan", "name": "Dinas Pendidikan", "named_as": None,
                           "named_region": None, "links": 9}], [])
    assert plan.moves == [{"from": "agency:badan-pengawas-pemilu", "to": "agency:bawaslu-ri", "named_as": None,
                           "named_region": None}]  # "Dinas Pendidikan" of no region: left where it is
