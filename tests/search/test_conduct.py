"""Conduct questions (search/conduct.py): the date of the conduct, what the question asks to
follow from it, the roles of provisions, and the bundle and graph evidence on the core corpus."""

from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from search.conduct import (CRIMINAL, PROHIBITION, SANCTION, conduct_bundle, conduct_date, consequences_asked,
                            reads_like_a_case, role_of)
from embedders import BagOfWordsEmbedder
from paths import CORE


@pytest.mark.parametrize("question, day", [
    ("camat membuat kebijakan yang menguntungkan calon presiden pada tahun 2019", date(2019, 7, 1)),
    ("ASN hadir di kampanye pilkada 2024", date(2024, 7, 1)),
    ("pada Kamis, 3 Oktober 2024 seorang guru mengunggah foto", date(2024, 10, 3)),
    ("in 2019 a civil servant joined a campaign team", date(2019, 7, 1)),
    ("PNS melanggar UU Nomor 7 Tahun 2017 tentang Pemilihan Umum", None),
    ("Pasal 280 UU 7/2017 dan tahun 2019/2020", None),
    ("PNS menjadi anggota partai politik", None),
])
def test_the_date_of_the_conduct_is_read_from_the_question_not_from_citations(question, day):
    assert conduct_date(question) == day


@given(st.text(max_size=3000))
@settings(max_examples=200, deadline=None)
def test_any_text_gives_a_plausible_date_or_none(text):
    day = conduct_date(text)
    assert day is None or 1 <= day.year <= 9999


def test_hostile_long_text_is_read_in_linear_time():
    import time

    for text in ("pada " * 50_000, "tahun " * 50_000 + "x", "Nomor 1 Tahun " * 20_000 + "pada 2019"):
        began = time.monotonic()
        conduct_date(text)
        assert time.monotonic() - began < 1.0


@pytest.mark.parametrize("question, asked", [
    ("pejabat ASN membuat keputusan menguntungkan paslon, ancaman pidananya", {CRIMINAL}),
    ("PNS memakai mobil dinas saat kampanye, jenis hukuman disiplinnya", {SANCTION}),
    ("ASN jadi pengurus partai, apa sanksinya", {SANCTION, CRIMINAL}),
    ("what is the penalty for a civil servant campaigning", {SANCTION, CRIMINAL}),
    ("ASN bergabung dalam grup WhatsApp tim pemenangan", set()),
])
def test_what_the_question_asks_to_follow(question, asked):
    assert consequences_asked(question) == asked


@pytest.mark.parametrize("text, lead_ins, role", [
    ("menjadi anggota partai politik;", ["PNS dilarang:"], PROHIBITION),
    ("sebagai peserta kampanye dengan menggunakan fasilitas negara;",
     ["Hukuman Disiplin berat ... dijatuhkan bagi PNS yang melanggar ketentuan larangan:"], SANCTION),
    ("Setiap kepala desa yang dengan sengaja melanggar ketentuan sebagaimana dimaksud dalam Pasal 71, dipidana "
     "dengan pidana penjara paling lama 6 (enam) bulan.", [], CRIMINAL),
    ("Ketentuan Pasal 71 diubah sehingga berbunyi sebagai berikut: Pasal 71 (1) Pejabat negara dilarang ...", [], None),
    ("PNS wajib menaati peraturan.", [], None),
])
def test_a_provisions_role_comes_from_its_words_and_lead_ins(text, lead_ins, role):
    assert role_of({"text": text, "lead_ins": lead_ins}) == role


def test_case_evidence_weighs_more_as_a_question_reads_more_like_a_case():
    weights = [reads_like_a_case(0.94 + delta, 0.94) for delta in (-0.03, -0.01, 0.0, 0.01, 0.03)]
    assert weights == sorted(weights) and weights[0] < 0.1 and weights[2] == pytest.approx(0.5) and weights[-1] > 0.9


# -- on the core corpus ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def engine(session_graph, tmp_path_factory):
    if not CORE.is_dir():
        pytest.skip("../shared/corpus is not beside the repository")
    from graph.schema import wipe
    from ingest.regulation_pipeline import ingest
    from search.engine import SearchEngine
    from search.keyword import WhooshIndex
    from search.provisions import provision_documents
    from search.semantic import SemanticIndex

    wipe(session_graph)
    ingest([str(CORE)], session_graph, show_progress=False)
    documents = list(provision_documents(session_graph))
    folder = tmp_path_factory.mktemp("conduct")
    keyword = WhooshIndex(folder / "whoosh")
    keyword.rebuild(documents)
    semantic = SemanticIndex(session_graph, BagOfWordsEmbedder(), folder / "cache.sqlite")
    semantic.rebuild(documents, show_progress=False)
    return SearchEngine(session_graph, keyword, semantic)


@pytest.mark.neo4j
def test_the_bundle_names_the_prohibition_and_its_sanction_in_force_today(engine):
    bundle = conduct_bundle(engine, "PNS menjadi peserta kampanye dengan menggunakan fasilitas negara")
    assert bundle is not None and not bundle.date_from_question
    prohibition, sanction = bundle.by_role(PROHIBITION)[0], bundle.by_role(SANCTION)[0]
    assert prohibition.id == "pp/2021/94/pasal-5/huruf-n/angka-4" and prohibition.status == "in force"
    assert "dilarang" in prohibition.text and prohibition.reasons
    assert sanction.id == "pp/2021/94/pasal-14/huruf-i"
    assert "disciplinary sanction level: berat" in sanction.reasons
    assert all(item.status in ("in force", "amended") for item in bundle.items)
    assert bundle.to_json()["items"][0]["role"] == PROHIBITION


@pytest.mark.neo4j
def test_a_year_in_the_question_selects_the_law_in_force_then(engine):
    bundle = conduct_bundle(engine, "PNS menjadi peserta kampanye dengan menggunakan fasilitas negara pada pemilu 2019")
    assert bundle.as_of == date(2019, 7, 1) and bundle.date_from_question
    assert bundle.by_role(PROHIBITION)[0].id == "pp/2010/53/pasal-4/angka-12/huruf-d"
    assert bundle.by_role(SANCTION)[0].id == "pp/2010/53/pasal-13/angka-11"
    # as_of, when given, is the date that counts
    later = conduct_bundle(engine, "PNS menjadi peserta kampanye dengan menggunakan fasilitas negara pada pemilu 2019",
                           as_of=date(2024, 3, 1))
    assert later.as_of == date(2024, 3, 1) and not later.date_from_question
    assert later.by_role(PROHIBITION)[0].id.startswith("pp/2021/94/")


@pytest.mark.neo4j
def test_a_criminal_provision_follows_the_prohibition_it_punishes(engine):
    query = "kepala desa dengan sengaja membuat keputusan yang menguntungkan salah satu pasangan calon bupati"
    bundle = conduct_bundle(engine, query)
    assert any(item.id == "uu/2015/1/pasal-188" for item in bundle.by_role(CRIMINAL))
    ranked = engine.search(query + ", ancaman pidananya", mode="hybrid", k=10)
    linked = [r for r in ranked if r.id == "uu/2015/1/pasal-188"]
    assert linked and "linked" in linked[0].score_parts, [(r.id, r.score_parts) for r in ranked]


@pytest.mark.neo4j
@pytest.mark.parametrize("query", ["UU 5/2014 Pasal 31", "netralitas ASN", "<script>alert(1)</script> " * 3,
                                   "kampanye " * 2500])
def test_citations_topics_and_hostile_text_give_no_bundle_or_a_sound_one(engine, query):
    bundle = conduct_bundle(engine, query)
    assert bundle is None or all(item.role in (PROHIBITION, SANCTION, CRIMINAL) for item in bundle.items)
    if query in ("UU 5/2014 Pasal 31", "netralitas ASN"):
        assert bundle is None
