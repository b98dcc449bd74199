"""Regulations in the real graph: loading, idempotency, removal, citations, the law as of a date."""

from datetime import date
from pathlib import Path

import pytest

from core.errors import NetraError
from graph.regulations import regulation_citations
from graph.schema import counts
from ingest.curated import load_curated_relations
from ingest.lookup import find_cited
from ingest.regulation import read_document
from ingest.regulation_pipeline import SourceDocument, ingest, ingest_document
from graph.regulation_views import provision_view, regulation_view
from paths import CORE

pytestmark = pytest.mark.neo4j

needs_corpus = pytest.mark.skipif(not CORE.is_dir(), reason="../shared/corpus is not beside the repository")

PILKADA = [str(CORE / name) for name in ("uu-1-2015.txt", "uu-8-2015.txt", "uu-10-2016.txt")]


@pytest.fixture(scope="module")
def core_graph(session_graph):
    """The whole core corpus, loaded once for this module's read-only tests."""
    from graph.schema import wipe

    wipe(session_graph)
    summary = ingest([str(CORE)], session_graph, show_progress=False)
    load_curated_relations(session_graph)
    assert summary.count("failed") == 0, summary.to_json()
    return session_graph


@needs_corpus
def test_uu_5_2014_structure_in_the_graph(core_graph):
    pasal = core_graph.read("MATCH (:Regulation {id: 'uu/2014/5'})-[:HAS_PART*]->(p:Provision {kind: 'pasal'}) "
                            "RETURN count(p) AS n")[0]["n"]
    bab = core_graph.read("MATCH (:Regulation {id: 'uu/2014/5'})-[:HAS_PART]->(s:Section {kind: 'bab'}) "
                          "RETURN count(s) AS n")[0]["n"]
    huruf = core_graph.read("MATCH (:Provision {id: 'uu/2014/5/pasal-87/ayat-4'})-[:HAS_PART]->(h) RETURN h.label AS l ORDER BY l")
    explained = core_graph.read("MATCH (p:Provision {regulation_id: 'uu/2014/5', kind: 'pasal'}) "
                                "WHERE NOT EXISTS { (:Elucidation)-[:EXPLAINS]->(p) } RETURN count(p) AS n")[0]["n"]
    assert (pasal, bab) == (141, 15)
    assert [row["l"] for row in huruf] == ["a", "b", "c", "d"]
    assert explained == 0


@needs_corpus
def test_provision_ids_read_like_citations(core_graph):
    angka = core_graph.read("MATCH (:Provision {id: 'pp/2021/94/pasal-5/huruf-n'})-[:HAS_PART]->(a) "
                            "RETURN a.id AS id, a.citation AS citation ORDER BY a.ord")
    assert [row["id"].rsplit("-", 1)[1] for row in angka] == [str(i) for i in range(1, 8)]
    assert angka[3]["citation"] == "Pasal 5 huruf n angka 4 PP 94/2021"
    assert find_cited(core_graph, "Pasal 4 angka 12 huruf a PP 53/2010") == "pp/2010/53/pasal-4/angka-12/huruf-a"


@needs_corpus
def test_perppu_articles_resolve_as_the_enacting_law(core_graph):
    assert find_cited(core_graph, "Pasal 188 UU 1/2015") == "uu/2015/1/pasal-188"
    assert find_cited(core_graph, "Pasal 188 Perppu 1/2014") == "uu/2015/1/pasal-188"


@needs_corpus
def test_law_as_of_a_date(core_graph):
    before = provision_view(core_graph, "uu/2015/1/pasal-71/ayat-1", date(2016, 1, 1))
    after = provision_view(core_graph, "uu/2015/1/pasal-71/ayat-1", date(2020, 10, 1))
    assert before["status"] == "in force" and "selama masa Kampanye" in before["text"]
    assert after["status"] == "amended" and after["wording_from"] == "uu/2016/10"
    assert "anggota TNI/POLRI" in after["text"] and "anggota TNI/POLRI" not in before["text"]
    pasal = provision_view(core_graph, "uu/2015/1/pasal-71", date(2020, 10, 1))
    assert [v["source"] for v in pasal["versions"]] == ["uu/2015/1", "uu/2016/10"]
    assert str(pasal["versions"][0]["valid_to"]) == "2016-07-01"
    assert {"id", "ref", "citation", "text", "status", "versions", "children"} <= set(pasal)


@needs_corpus
def test_revocation_and_replacement(core_graph):
    assert provision_view(core_graph, "pp/2010/53/pasal-4", date(2015, 1, 1))["status"] == "in force"
    assert provision_view(core_graph, "pp/2010/53/pasal-4", date(2022, 1, 1))["status"] == "revoked"
    assert regulation_view(core_graph, "uu/2014/5", date(2023, 1, 1))["status"] == "in force"
    assert regulation_view(core_graph, "uu/2014/5", date(2024, 1, 1))["status"] == "revoked"
    implements = core_graph.read("MATCH (:Regulation {id: 'pp/2021/94'})-[r:IMPLEMENTS]->(:Regulation {id: 'uu/2014/5'}) "
                                 "RETURN r.provisions AS p")
    assert implements and "uu/2014/5/pasal-86/ayat-4" in implements[0]["p"]


@needs_corpus
def test_inserted_and_deleted_pasal(core_graph):
    assert provision_view(core_graph, "uu/2015/1/pasal-4", date(2015, 3, 1))["status"] == "in force"
    assert provision_view(core_graph, "uu/2015/1/pasal-4", date(2016, 1, 1))["status"] == "revoked"
    inserts = core_graph.read("MATCH (:Regulation {id: 'uu/2015/8'})-[r:INSERTS]->(:Regulation {id: 'uu/2015/1'}) "
                              "RETURN r.provisions AS provisions")
    assert inserts and inserts[0]["provisions"]
    inserted = f"uu/2015/1/pasal-{inserts[0]['provisions'][0].lower()}"
    assert provision_view(core_graph, inserted, date(2015, 1, 1))["status"] == "not yet in force"
    assert provision_view(core_graph, inserted, date(2015, 6, 1))["status"] == "in force"
    assert regulation_view(core_graph, "uu/2015/1", date(2016, 1, 1))["status"] == "amended"


@needs_corpus
def test_citations_resolve_with_spans(core_graph):
    rows = regulation_citations(core_graph, "pp/2021/94")
    text = (CORE / "pp-94-2021.txt").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    resolved = [row for row in rows if row["target"]]
    assert resolved
    for row in resolved[:50]:
        assert text[row["start"]:row["end"]] == row["raw"]
    assert any(row["target"] == "uu/2014/5" for row in resolved)


@needs_corpus
def test_a_missing_provision_says_which_part_is_missing(core_graph):
    with pytest.raises(NetraError, match="has no huruf e"):
        find_cited(core_graph, "Pasal 87 ayat (4) huruf e UU 5/2014")


@needs_corpus
def test_reingest_changes_nothing_and_remove_removes_only_that_document(graph):
    ingest(PILKADA, graph, show_progress=False)
    before = counts(graph)
    again = ingest(PILKADA, graph, show_progress=False)
    assert again.count("unchanged") == 3 and counts(graph) == before

    from graph.regulations import remove_document

    assert remove_document(graph, "doc:uu/2016/10")
    assert graph.read("MATCH (n {document_id: 'doc:uu/2016/10'}) RETURN count(n) AS n")[0]["n"] == 0
    view = provision_view(graph, "uu/2015/1/pasal-71/ayat-1", date(2020, 10, 1))
    assert view["status"] == "in force" and "selama masa Kampanye" in view["text"]

    ingest([PILKADA[2]], graph, show_progress=False)
    assert counts(graph) == before
    view = provision_view(graph, "uu/2015/1/pasal-71/ayat-1", date(2020, 10, 1))
    assert view["wording_from"] == "uu/2016/10"


@needs_corpus
def test_base_law_removed_and_restored_relinks_the_amendments(graph):
    ingest(PILKADA, graph, show_progress=False)
    before = counts(graph)
    from graph.regulations import remove_document

    remove_document(graph, "doc:uu/2015/1")
    ingest([PILKADA[0]], graph, show_progress=False)
    assert counts(graph) == before
    assert provision_view(graph, "uu/2015/1/pasal-71/ayat-1", date(2020, 10, 1))["wording_from"] == "uu/2016/10"


def test_a_file_that_fails_leaves_nothing(graph, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.pdf"
    binary.write_bytes(b"\x00\x01\x02 not a pdf")
    unknown = tmp_path / "note.txt"
    unknown.write_text("Sekadar catatan rapat, bukan peraturan.")
    summary = ingest([str(empty), str(binary), str(unknown), str(tmp_path / "missing.txt")], graph, show_progress=False)
    assert summary.count("failed") == 4
    assert all(outcome.error and "Traceback" not in outcome.error for outcome in summary.outcomes)
    assert counts(graph)["nodes"] == 0


def test_damaged_and_hostile_files_fail_one_by_one_and_the_rest_loads(graph, tmp_path):
    import zipfile

    from pypdf import PdfReader, PdfWriter
    from test_regulation_sources import PDF_PAGES, write_pdf

    write_pdf(tmp_path / "good.pdf", PDF_PAGES)
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes((tmp_path / "good.pdf").read_bytes()[:300])
    writer = PdfWriter()
    for page in PdfReader(tmp_path / "good.pdf").pages:
        writer.add_page(page)
    writer.encrypt("rahasia")
    with open(tmp_path / "locked.pdf", "wb") as out:
        writer.write(out)
    with zipfile.ZipFile(tmp_path / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as bomb:
        with bomb.open("word/document.xml", "w") as member:
            for _ in range(110):
                member.write(bytes(2**20))
    (tmp_path / "latin1.txt").write_bytes("PERATURAN PEMERINTAH NOMOR 1 TAHUN 2099 tentang Pasar\nPasal 1\nCafé".encode("latin-1"))
    (tmp_path / "fake.docx").write_bytes(b"PK but not really a zip")

    summary = ingest([str(tmp_path)], graph, show_progress=False)
    errors = {Path(o.path).name: o.error for o in summary.outcomes if o.status == "failed"}
    assert set(errors) == {"truncated.pdf", "locked.pdf", "bomb.docx", "latin1.txt", "fake.docx"}
    assert "password" in errors["locked.pdf"] and "MiB" in errors["bomb.docx"] and "UTF-8" in errors["latin1.txt"]
    assert "zip" in errors["fake.docx"] and all("Traceback" not in error for error in errors.values())
    assert [o.regulation for o in summary.outcomes if o.status == "loaded"] == ["PP 94/2099"]
    assert graph.read("MATCH (d:Document) RETURN count(d) AS n")[0]["n"] == 1


@needs_corpus
def test_a_write_that_fails_midway_leaves_no_partial_document(graph, monkeypatch):
    import graph.regulations as regulations

    original = regulations.unwind
    calls = {"n": 0}

    def failing_unwind(tx, cypher, rows, **params):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("simulated failure in the middle of a document")
        return original(tx, cypher, rows, **params)

    monkeypatch.setattr(regulations, "unwind", failing_unwind)
    outcome = ingest_document(SourceDocument("uu-5-2014.txt", lambda: read_document(CORE / "uu-5-2014.txt")), graph)
    assert outcome.status == "failed" and "simulated failure" in outcome.error
    assert counts(graph)["nodes"] == 0
