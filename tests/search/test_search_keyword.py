"""Keyword search, the citation fast path, fusion, collapsing and as-of ranking on the core corpus."""

from datetime import date
from pathlib import Path

import pytest

from core.errors import NetraError
from search.analysis import analyse, expand_informal
from search.engine import SearchEngine, _collapse, _Fused, _fuse
from search.documents import SearchDocument
from search.keyword import KeywordHit, Neo4jFulltextIndex, WhooshIndex, _parsed_search, parse_query
from paths import CORE



def test_analyser_keeps_legal_words_and_labels():
    terms = analyse("PNS tidak dilarang memberikan dukungan dan/atau paling lama Pasal 12A")
    assert terms == ["pns", "tidak", "larang", "beri", "dukung", "dan", "atau", "paling", "lama", "pasal", "12a"]
    assert analyse("yang di dalam") == []


def test_everyday_words_are_spelled_out_in_queries_only_as_whole_words():
    assert expand_informal("pns bikin keputusan yg untungkan paslon") == \
        "pns membuat keputusan yang untungkan pasangan calon"
    assert expand_informal("Kades nge-like postingan capres, boleh gak?") == \
        "kepala desa menyukai postingan calon presiden, boleh tidak?"
    assert expand_informal("ganti yang lain, bukan bikinan") == "ganti yang lain, bukan bikinan"


def test_query_parsing_handles_filters_phrases_and_stray_quotes():
    parsed = parse_query('type:PP year:2021 "hukuman disiplin" sedang "unclosed')
    assert parsed.filters == {"reg_type": "pp", "reg_year": "2021"}
    assert parsed.phrases == ["hukuman disiplin"]
    assert parsed.words == "sedang unclosed"


def test_fusion_puts_citations_first_and_collapse_keeps_the_specific_provision():
    fused = _fuse({"citation": [KeywordHit("pp/2021/94/pasal-14/huruf-i", 1.0)],
                   "keyword": [KeywordHit("pp/2021/94/pasal-5", 3.0), KeywordHit("pp/2021/94/pasal-5/huruf-n", 2.0)]})
    assert fused[0].id == "pp/2021/94/pasal-14/huruf-i"
    collapsed = _collapse(fused)
    assert [hit.id for hit in collapsed] == ["pp/2021/94/pasal-14/huruf-i", "pp/2021/94/pasal-5/huruf-n"]
    assert "family" in collapsed[1].parts
    assert _collapse([_Fused("a/1/2/pasal-1", 1.0, {})])[0].id == "a/1/2/pasal-1"


def small_whoosh(folder, texts):
    index = WhooshIndex(folder)
    index.rebuild([SearchDocument(id=f"uu/2099/1/pasal-{i}", kind="provision", citation=f"Pasal {i} UU 1/2099",
                                  text=text, context="Pegawai negeri sipil", level="pasal", facets={"level": ["pasal"]})
                   for i, text in enumerate(texts, start=1)])
    return index


SMALL = ["PNS dilarang menjadi anggota partai politik", "PNS wajib menaati peraturan disiplin",
         "Kampanye dilarang melibatkan aparatur sipil negara", "Partai politik peserta pemilu berkampanye",
         "Anggota partai politik dilarang menjadi pengawas pemilu"]


@pytest.mark.parametrize("query", ["pns dilarang partai politik", "kampanye partai", "disiplin", "anggota pengawas"])
def test_plain_words_score_as_whooshs_own_matchers(tmp_path, query):
    """Fewer documents than Whoosh's matcher refresh interval: its coordination count stays put."""
    index = small_whoosh(tmp_path / "whoosh", SMALL)
    with index._opened() as opened:
        expected = _parsed_search(opened.searcher, parse_query(query), {}, 10)
    found = index.search(query, k=10)
    assert [hit.id for hit in found] == [hit.id for hit in expected]
    assert [hit.score for hit in found] == pytest.approx([hit.score for hit in expected])
    assert index.search(query, k=10, filters={"level": "ayat"}) == []


def test_highlights_mark_the_words_of_the_results_shown_and_follow_a_rebuild(tmp_path):
    index = small_whoosh(tmp_path / "whoosh", SMALL)
    hits = index.search("kampanye", k=10)
    assert "<mark" not in hits[0].snippet  # marking waits for the results shown
    marked = index.highlights("kampanye", [hits[0].id, "uu/2099/1/pasal-99"])
    assert list(marked) == [hits[0].id] and 'match term0">Kampanye</mark>' in marked[hits[0].id]
    small_whoosh(tmp_path / "whoosh", ["Hanya satu dokumen tentang kampanye"])
    assert [hit.id for hit in index.search("kampanye", k=10)] == ["uu/2099/1/pasal-1"]


@pytest.fixture(scope="module")
def engines(session_graph, server_settings, tmp_path_factory):
    if not CORE.is_dir():
        pytest.skip("../shared/corpus is not beside the repository")
    from graph.schema import wipe
    from ingest.regulation_pipeline import ingest
    from search.provisions import provision_documents

    wipe(session_graph)
    ingest([str(CORE)], session_graph, show_progress=False)
    documents = list(provision_documents(session_graph))
    whoosh = WhooshIndex(tmp_path_factory.mktemp("index") / "whoosh")
    neo4j = Neo4jFulltextIndex(session_graph)
    assert whoosh.rebuild(documents) == neo4j.rebuild(documents) == len(documents) > 3000
    return {index.name: SearchEngine(session_graph, index) for index in (whoosh, neo4j)}


@pytest.mark.neo4j
@pytest.mark.parametrize("backend", ["whoosh", "neo4j"])
def test_both_backends_find_the_provision(engines, backend):
    results = engines[backend].search("sanksi moral pernyataan secara tertutup", mode="keyword", k=5)
    assert any(r.id.startswith("pp/2004/42/pasal-15") for r in results)
    assert all(r.ref and r.citation and r.score > 0 for r in results)


@pytest.mark.neo4j
@pytest.mark.parametrize("query, expected", [
    ("UU 5/2014 Pasal 31", "uu/2014/5/pasal-31"),
    ("pasal 14 huruf i pp disiplin pns", "pp/2021/94/pasal-14/huruf-i"),
    ("Pasal 9 ayat (2) UU ASN", "uu/2014/5/pasal-9/ayat-2"),
    ("UU 10 tahun 2016 pasal 71 ayat 2", "uu/2015/1/pasal-71/ayat-2"),
    ("apa isi PASAL 87 AYAT 4 UU 5/2014 tentang pemberhentian", "uu/2014/5/pasal-87/ayat-4"),
])
def test_citation_fast_path(engines, query, expected):
    result = engines["whoosh"].search(query, mode="keyword", k=3)[0]
    assert result.id == expected and "citation" in result.score_parts


@pytest.mark.neo4j
def test_law_no_longer_in_force_ranks_lower(engines):
    engine = engines["whoosh"]
    query = "PNS dilarang memberikan dukungan kepada calon Presiden dengan cara ikut serta sebagai pelaksana kampanye"
    old = [r for r in engine.search(query, mode="keyword", as_of=date(2015, 1, 1), k=10) if r.id.startswith("pp/2010/53")]
    new = [r for r in engine.search(query, mode="keyword", as_of=date(2024, 1, 1), k=10) if r.id.startswith("pp/2010/53")]
    assert old and new and old[0].status == "in force" and new[0].status == "revoked"
    assert new[0].score < old[0].score and "not_in_force" in new[0].score_parts


@pytest.mark.neo4j
@pytest.mark.parametrize("backend", ["whoosh", "neo4j"])
@pytest.mark.parametrize("query", [
    "kampanye " * 2500, 'AND OR NOT ( ) [ ] { } ^ ~ * ? : \\ / "', '"unclosed phrase', "MATCH (n) DETACH DELETE n",
    "<script>alert(1)</script>", "type:", "year:abc sanksi",
])
def test_hostile_and_odd_queries_answer_or_explain(engines, backend, query):
    results = engines[backend].search(query, mode="keyword", k=5)
    assert isinstance(results, list)


@pytest.mark.neo4j
def test_empty_query_and_unknown_mode_are_clear_errors(engines):
    with pytest.raises(NetraError, match="Type a question"):
        engines["whoosh"].search("   ")
    with pytest.raises(NetraError, match="Unknown search mode"):
        engines["whoosh"].search("kampanye", mode="fuzzy")
