"""Search snippets (search/snippets.py): whole sentences, none repeated, and a huruf or angka led
by the lead-in of the provision above it. The texts below are the corpus's own: UU 1/2015 as
UU 8/2015 and UU 10/2016 restated it (the same sentence two or three times in the index)."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings, strategies as st

from search.analysis import analyse, indonesian_analyzer
from search.snippets import GAP, lead_in, marked_snippet, plain_snippet, sentences
from paths import CORE

ANALYZER = indonesian_analyzer()
VOTER = ("Pemilih adalah penduduk yang berusia paling rendah 17 (tujuh belas) tahun atau sudah/pernah kawin "
         "yang terdaftar dalam Pemilihan.")
# Pasal 71 ayat (1) UU 1/2015: its 2016 wording, then its first.
OFFICIALS_2016 = ("Pejabat negara, pejabat daerah, pejabat aparatur sipil negara, anggota TNI/POLRI, dan Kepala Desa "
                  "atau sebutan lain/Lurah dilarang membuat keputusan dan/atau tindakan yang menguntungkan atau "
                  "merugikan salah satu pasangan calon.")
OFFICIALS_2015 = ("Pejabat negara, pejabat aparatur sipil negara, dan Kepala Desa atau sebutan lain/Lurah dilarang "
                  "membuat keputusan dan/atau tindakan yang menguntungkan atau merugikan salah satu calon selama "
                  "masa Kampanye.")
TAG = re.compile(r"<[^>]+>")


def marked(text: str, question: str) -> str:
    return marked_snippet(text, frozenset(analyse(question)), ANALYZER)


def shown_sentences(snippet_html: str) -> list[str]:
    """The sentences a reader sees in a snippet, as words (case and spacing aside)."""
    text = html.unescape(TAG.sub("", snippet_html))
    return [" ".join(re.findall(r"\w+", piece.casefold())) for part in text.split(GAP.strip())
            for piece in sentences(part)]


def test_a_sentence_the_index_holds_twice_is_shown_once():
    assert plain_snippet(f"{VOTER} {VOTER}") == VOTER
    snippet = marked(f"{VOTER} {VOTER}", "pemilih berusia 17 tahun")
    assert snippet.count("</mark> adalah penduduk") == 1 and "<mark" in snippet


def test_an_earlier_wording_is_left_out_unless_only_it_holds_the_words():
    text = f"{OFFICIALS_2016} {OFFICIALS_2015}"
    newest = marked(text, "kepala desa membuat keputusan yang menguntungkan calon")
    assert "pasangan calon" in TAG.sub("", newest) and "selama masa" not in newest
    # Only the 2015 wording speaks of the campaign period: that is the sentence the reader needs.
    older = marked(text, "selama masa kampanye")
    assert "Kampanye</mark>." in older and "pasangan" not in TAG.sub("", older)


def test_different_sentences_that_fit_are_all_shown_in_reading_order():
    text = "PNS dilarang menjadi anggota partai politik. Hal lain diatur tersendiri. PNS wajib menaati disiplin."
    snippet = marked(text, "pns partai disiplin")
    assert TAG.sub("", snippet) == "PNS dilarang menjadi anggota partai politik." + GAP + "PNS wajib menaati disiplin."
    assert TAG.sub("", marked(text, "hal lain")) == "Hal lain diatur tersendiri."


def test_a_sentence_longer_than_a_snippet_is_cut_around_its_words():
    long_sentence = " ".join(["kata"] * 80 + ["kampanye"] + ["lagi"] * 80) + "."
    snippet = marked(long_sentence, "kampanye")
    assert "<mark" in snippet and len(TAG.sub("", snippet)) <= 240
    assert len(plain_snippet(long_sentence)) <= 240


def test_no_words_to_mark_give_no_marked_snippet_and_hostile_text_stays_text():
    assert marked(VOTER, "tidak ada sama sekali") == ""
    hostile = "<script>alert(1)</script> kampanye & <b>tebal</b>."
    snippet = marked(hostile, "kampanye")
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet and "<mark" in snippet


# Sentences as the index holds them: the corpus's, with repeats, in other cases and spacing.
POOL = [VOTER, OFFICIALS_2016, OFFICIALS_2015, "PNS dilarang:", "ikut kampanye;", "Cukup jelas.",
        "Hukuman disiplin berat terdiri atas: penurunan jabatan setingkat lebih rendah selama 12 (dua belas) bulan;",
        "a.", "Pemilih adalah penduduk."]
SENTENCE = st.sampled_from(POOL).flatmap(
    lambda text: st.sampled_from([text, text.upper(), text.lower(), text.replace(" ", "  ")]))
TEXT = st.lists(SENTENCE, min_size=1, max_size=12).flatmap(
    lambda pieces: st.sampled_from([" ", "\n", " \n "]).map(lambda space: space.join(pieces)))
QUESTION = st.lists(st.sampled_from(["pemilih", "penduduk", "kampanye", "pns", "dilarang", "calon", "desa",
                                     "hukuman", "jelas", "tahun", "kawin", "masa", "lurah"]), min_size=1, max_size=5)


def _no_sentence_twice(snippet_html: str) -> None:
    shown = [s for s in shown_sentences(snippet_html) if len(s.split()) > 1]  # a list label is no sentence
    assert len(shown) == len(set(shown)), snippet_html


@settings(max_examples=300, deadline=None)
@given(TEXT, QUESTION)
def test_a_marked_snippet_never_shows_a_sentence_twice(text, question):
    snippet = marked(text, " ".join(question))
    _no_sentence_twice(snippet)
    assert len(TAG.sub("", html.unescape(snippet))) <= 240 + len(GAP) * 12  # the sentences, and what joins them


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_a_plain_snippet_never_shows_a_sentence_twice(text):
    snippet = plain_snippet(text)
    _no_sentence_twice(html.escape(snippet))
    assert len(snippet) <= 240 and snippet.startswith(sentences(text)[0][:100])  # the text's start


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=600), st.text(max_size=60))
def test_any_text_and_question_give_a_snippet_without_error(text, question):
    snippet = marked(text, question)
    assert "<" not in re.sub(r'<mark class="match term\d+">|</mark>', "", snippet)  # the text's own markup escaped
    assert len(plain_snippet(text)) <= 240


# -- lead-ins ------------------------------------------------------------------------------------

SUPPORT = ("memberikan dukungan kepada calon Presiden/Wakil Presiden, calon Kepala Daerah/Wakil Kepala Daerah, "
           "calon anggota Dewan Perwakilan Rakyat, calon anggota Dewan Perwakilan Daerah, atau calon anggota Dewan "
           "Perwakilan Rakyat Daerah dengan cara:")


def test_a_list_item_is_led_by_the_lead_ins_above_it():
    assert lead_in(["PNS dilarang:", SUPPORT]) == "PNS dilarang:" + GAP + SUPPORT
    # A Pasal whose words before the list are several sentences: only the one that leads in.
    assert lead_in(["Ketentuan ini berlaku umum. Setiap ASN dilarang:"]) == "Setiap ASN dilarang:"
    # Text above that does not lead into a list (a heading-like sentence) is no lead-in.
    assert lead_in(["Pegawai ASN harus netral.", ""]) == ""
    # Too long together: the nearest stays, the outermost goes; too long alone: its end stays.
    assert lead_in(["Pertama yang sangat panjang " * 10 + "berikut:", SUPPORT]) == SUPPORT
    amending = "Beberapa ketentuan dalam Lampiran Undang-Undang Nomor 1 Tahun 2015 " * 6 + "diubah sebagai berikut:"
    cut = lead_in([amending])
    assert cut.startswith("… ") and amending.endswith(" " + cut[2:]) and len(cut) <= 302


@pytest.fixture(scope="module")
def corpus_engine(session_graph, tmp_path_factory):
    """The core corpus in the session's graph with a Whoosh index, as `make run` has it."""
    if not CORE.is_dir():
        pytest.skip("../shared/corpus is not beside the repository")
    from graph.schema import wipe
    from ingest.regulation_pipeline import ingest
    from search.engine import SearchEngine
    from search.keyword import WhooshIndex
    from search.provisions import provision_documents

    wipe(session_graph)
    ingest([str(CORE)], session_graph, show_progress=False)
    index = WhooshIndex(tmp_path_factory.mktemp("index") / "whoosh")
    index.rebuild(provision_documents(session_graph))
    return SearchEngine(session_graph, index)


@pytest.mark.neo4j
def test_a_hit_on_an_angka_reads_as_a_rule(corpus_engine):
    results = corpus_engine.search("dengan cara ikut kampanye", mode="keyword", k=20, snippets=20)
    hit = next(r for r in results if r.id == "pp/2021/94/pasal-5/huruf-n/angka-1")
    assert hit.snippet.startswith('<span class="lead-in">PNS dilarang:' + GAP + "memberikan dukungan kepada calon")
    assert "dengan cara:</span> <mark" in hit.snippet and "kampanye</mark>;" in hit.snippet
    others = [r for r in results if r.id.rsplit("/", 1)[-1].split("-")[0] not in ("huruf", "angka")]
    assert others and all("lead-in" not in r.snippet for r in others)  # a Pasal or ayat reads on its own


@pytest.mark.neo4j
@pytest.mark.parametrize("question", ["pemilih berusia 17 tahun", "kepala desa membuat keputusan menguntungkan calon",
                                      "syarat calon gubernur", "pejabat dilarang melakukan penggantian pejabat"])
def test_no_result_on_the_amended_law_repeats_a_sentence(corpus_engine, question):
    results = corpus_engine.search(question, mode="keyword", k=10, snippets=10)
    assert any(r.id.startswith("uu/2015/1/") for r in results)
    for result in results:
        _no_sentence_twice(result.snippet)
