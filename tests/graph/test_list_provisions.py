"""Rules that are list items in the graph (issue 18): a joint decree's diktum and Lampiran points
and a circular's points are Provision nodes that citations reach, pages show and both search
indexes find; the real (partial) SKB 2022 of the shared corpus too."""

from __future__ import annotations

from datetime import date

import pytest

from graph.regulation_views import provision_view, regulation_view
from ingest.checks import check_file
from ingest.lookup import find_cited
from ingest.regulation_pipeline import ingest
from embedders import BagOfWordsEmbedder
from paths import CORE, FIXTURES

pytestmark = pytest.mark.neo4j

REGULATIONS = FIXTURES / "regulations"
DECREE = REGULATIONS / "skb-7-2098.txt"
SKB_2022 = CORE / "skb-2022-netralitas-asn-partial.txt"
needs_skb = pytest.mark.skipif(not SKB_2022.is_file(), reason=f"the SKB 2022 is not at {SKB_2022}")
DAY = date(2099, 1, 1)


@pytest.fixture(scope="module")
def loaded(session_graph):
    from graph.schema import wipe

    wipe(session_graph)
    paths = [DECREE, REGULATIONS / "se-mendagri-2098.txt"] + ([SKB_2022] if SKB_2022.is_file() else [])
    summary = ingest([str(path) for path in paths], session_graph, show_progress=False)
    assert summary.count("failed") == 0, summary.to_json()
    return session_graph, summary


def test_diktum_and_lampiran_points_are_provisions(loaded):
    graph, summary = loaded
    decree = next(o for o in summary.outcomes if o.path == str(DECREE))
    assert decree.warnings == [
        'line 48: "1." at a line start not read as a point: it does not continue or open a list there']
    rows = graph.read("MATCH (p:Provision {regulation_id: 'skb/2098/7'}) RETURN p.id AS id, p.citation AS citation")
    citations = {row["id"]: row["citation"] for row in rows}
    assert citations["skb/2098/7/diktum-kedua/huruf-a"] == "Diktum KEDUA huruf a SKB 7/2098"
    assert citations["skb/2098/7/lampiran-ii/bab-i/angka-2"] == "angka 2 BAB I Lampiran II SKB 7/2098"
    assert {"skb/2098/7/lampiran-i", "skb/2098/7/lampiran-i/bab-ii"} <= set(citations)


def test_citations_inside_the_decree_resolve_to_its_own_list_items(loaded):
    graph, _ = loaded
    rows = graph.read("MATCH (s {id: 'skb/2098/7/diktum-ketiga'})-[c:REFERS_TO]->(t) RETURN c.raw AS raw, t.id AS id")
    assert [(row["raw"], row["id"]) for row in rows] == [
        ("angka 2 BAB II Lampiran I", "skb/2098/7/lampiran-i/bab-ii/angka-2")]
    rows = graph.read("MATCH (s {id: 'skb/2098/7/diktum-kedua'})-[c:REFERS_TO]->(t) RETURN t.id AS id")
    assert [row["id"] for row in rows] == ["skb/2098/7/diktum-kesatu"]


def test_show_a_point_with_its_parts_and_the_words_closing_its_list(loaded):
    graph, _ = loaded
    target = find_cited(graph, "angka 2 BAB I Lampiran I SKB Nomor 7 Tahun 2098")
    view = provision_view(graph, target, DAY)
    assert view["citation"] == "angka 2 BAB I Lampiran I SKB 7/2098"
    assert view["ref"] == {"type": "SKB", "number": "7", "year": 2098, "lampiran": "I", "bab": "I", "angka": "2"}
    assert view["text"] == ("Tujuan pedoman ini adalah:\na. mencegah keberpihakan; dan\nb. menindak pelanggaran;\n"
                            "sesuai dengan ketentuan peraturan perundang-undangan.")
    assert [crumb["is_provision"] for crumb in view["breadcrumb"]] == [False, True, True, True]


def test_the_regulation_s_contents_list_the_diktum_and_points(loaded):
    graph, _ = loaded
    toc = regulation_view(graph, "skb/2098/7", DAY)["toc"]
    assert [entry["label_text"] for entry in toc] == [
        "Diktum KESATU", "Diktum KEDUA", "Diktum KETIGA", "Diktum KEEMPAT", "Lampiran I", "Lampiran II"]
    bab = toc[4]["children"][1]
    assert bab["label_text"] == "BAB II BENTUK PELANGGARAN" and bab["is_provision"]
    assert [(point["label_text"], point["text"]) for point in bab["children"]] == [
        ("1.", "Memasang alat peraga calon di kantor pemerintah."), ("2.", "Menghadiri kampanye calon pada jam kerja.")]
    circular = regulation_view(graph, "se-mendagri/2098/800-1234-sj-2098", DAY)["toc"]
    assert [entry["id"] for entry in circular] == ["se-mendagri/2098/800-1234-sj-2098/angka-1",
                                                   "se-mendagri/2098/800-1234-sj-2098/angka-2"]


def test_documents_citing_list_items_link_to_them(loaded, tmp_path):
    graph, _ = loaded
    finding = tmp_path / "temuan.txt"
    finding.write_text("Terlapor melanggar angka 1 BAB II Lampiran I Keputusan Bersama ... Nomor 7 Tahun 2098 "
                       "dan Diktum KELIMA SKB 7/2098.\n", encoding="utf-8")
    rows = check_file(finding, graph)
    assert [(row["raw"], row["targets"], row["reason"]) for row in rows] == [
        ("angka 1 BAB II Lampiran I Keputusan Bersama ... Nomor 7 Tahun 2098",
         ["skb/2098/7/lampiran-i/bab-ii/angka-1"], None),
        ("Diktum KELIMA SKB 7/2098", [], "provision_does_not_exist")]
    assert "it has Diktum KESATU, KEDUA, KETIGA, KEEMPAT" in rows[1]["detail"]


def test_both_search_indexes_find_list_items(loaded, tmp_path):
    from search.keyword import Neo4jFulltextIndex, WhooshIndex
    from search.provisions import provision_documents
    from search.semantic import SemanticIndex, passage_text

    graph, _ = loaded
    query = "memasang alat peraga calon di kantor pemerintah"
    wanted = "skb/2098/7/lampiran-i/bab-ii/angka-1"
    documents = list(provision_documents(graph))
    whoosh = WhooshIndex(tmp_path / "whoosh")
    whoosh.rebuild(documents)
    assert whoosh.search(query, k=3)[0].id == wanted
    fulltext = Neo4jFulltextIndex(graph)
    fulltext.rebuild(documents)
    assert fulltext.search(query, k=3)[0].id == wanted
    semantic = SemanticIndex(graph, BagOfWordsEmbedder(), tmp_path / "cache.sqlite")
    semantic.rebuild(documents, show_progress=False)
    # The stand-in embedder hashes words: the point's own passage (citation, the Lampiran and BAB
    # around it, its words) finds it first.
    passage = passage_text(next(doc for doc in documents if doc.id == wanted))
    assert "BENTUK PELANGGARAN" in passage and semantic.search(passage, k=1)[0].id == wanted
    # The words closing a list are searched with the point that opened it.
    assert whoosh.search("ketentuan peraturan perundang-undangan tujuan pedoman", k=1)[0].id == \
        "skb/2098/7/lampiran-i/bab-i/angka-2"


def test_a_case_document_citing_a_lampiran_point_links_to_it(loaded, tmp_path):
    from ingest.case_pipeline import ingest_cases

    graph, _ = loaded
    (tmp_path / "t900-temuan.txt").write_text(
        "TEMUAN BAWASLU KOTA SOLOK\nNomor: 900/Reg/TM/PW/Kota/03.72/X/2098\n\n"
        "Pada Kamis, 10 Oktober 2098, Bawaslu Kota Solok menemukan bahwa Andi Samaran, guru pada SMP Negeri 9 "
        "Kota Solok, memasang alat peraga calon di kantor pemerintah. Perbuatan tersebut melanggar angka 1 BAB II "
        "Lampiran I SKB Nomor 7 Tahun 2098.\n", encoding="utf-8")
    summary = ingest_cases([str(tmp_path)], graph, show_progress=False)
    assert summary.count("loaded") == 1, summary.to_json()
    rows = graph.read("MATCH (:CaseDocument {id: 'casedoc:t900-temuan'})-[c:CITES]->(p:Provision) RETURN p.id AS id")
    assert [row["id"] for row in rows] == ["skb/2098/7/lampiran-i/bab-ii/angka-1"]


@needs_skb
def test_the_real_skb_2022_is_shown_and_cited(loaded):
    graph, _ = loaded
    assert find_cited(graph, "angka 6 Lampiran SKB 2/2022") == "skb/2022/2/lampiran/angka-6"
    assert find_cited(graph, "skb/2022/2/lampiran/angka-7/huruf-a") == "skb/2022/2/lampiran/angka-7/huruf-a"
    view = provision_view(graph, "skb/2022/2/lampiran/angka-3", DAY)
    assert view["text"].endswith("Dengan tidak dalam status cuti di luar tanggungan negara (CLTN).")
    toc = regulation_view(graph, "skb/2022/2", DAY)["toc"]
    assert [point["label_text"] for point in toc[0]["children"]] == [f"{n}." for n in range(1, 9)]
