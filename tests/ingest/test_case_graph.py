"""The case layer against the real Neo4j: entities, links, statuses, resolution, idempotency, bad inputs."""

import json

import pytest

from case_fixtures import DOCUMENTS, NIP, write_documents, write_pp94
from conftest import netra_env, run_netra
from graph.cases import CaseRecords, remove_case_document, write_case_document
from graph.entities import entity_view, find_entities, review_queue
from ingest.case_pipeline import ingest_cases
from ingest.person_resolution import record_verdict, refresh_entities, remove_case
from paths import REPO

pytestmark = pytest.mark.neo4j

PROVISIONS = ["pp/2021/94/pasal-8", "pp/2021/94/pasal-8/ayat-3", "pp/2021/94/pasal-8/ayat-3/huruf-a",
              "pp/2021/94/pasal-5", "pp/2021/94/pasal-5/huruf-n", "pp/2021/94/pasal-5/huruf-n/angka-6"]


@pytest.fixture
def loaded(graph, tmp_path):
    write_pp94(graph, PROVISIONS)
    folder = write_documents(tmp_path / "docs")
    summary = ingest_cases([str(folder)], graph, show_progress=False)
    assert summary.count("loaded") == len(DOCUMENTS), summary.to_json()
    return graph, folder


def _one(graph, cypher, **params):
    rows = graph.read(cypher, **params)
    assert len(rows) == 1, rows
    return rows[0]


def test_each_entity_kind(loaded):
    graph, _ = loaded
    asn = _one(graph, "MATCH (p:Person {nip: $nip}) RETURN p {.*} AS p", nip=NIP)["p"]
    assert asn["kind"] == "ASN" and "Kepala Dinas Pendidikan Kota Solok" in asn["positions"]
    candidate = _one(graph, "MATCH (p:Person {kind: 'Candidate'}) WHERE 'bambang contoh' IN p.name_keys "
                            "RETURN p {.*} AS p")["p"]
    assert candidate["ballot_number"] == 2 and "Solok" in candidate["race"]
    agencies = {row["name"]: row["kind"] for row in graph.read("MATCH (a:Agency) RETURN a.name AS name, a.kind AS kind")}
    assert agencies["Bawaslu Kota Solok"] == "Bawaslu" and agencies["BKN"] == "BKN"
    assert agencies["Dinas Pendidikan Kota Solok"] == "dinas"
    assert _one(graph, "MATCH (:Region {name: 'Kecamatan Tanjung Harapan, Kota Solok'})-[:PART_OF]->"
                       "(r:Region) RETURN r.name AS name")["name"] == "Kota Solok"
    cases = {row["id"]: row for row in graph.read("MATCH (c:Case) RETURN c.id AS id, c.stage AS stage, "
                                                  "c.outcome AS outcome, c.number AS number")}
    assert cases["case:t001"]["outcome"] == "proven" and cases["case:t001"]["stage"] == "rekomendasi"
    assert cases["case:t001"]["number"] == "001/Reg/TM/PW/Kota/03.72/X/2024"
    assert cases["case:t002"]["outcome"] == "dismissed"
    sanction = _one(graph, "MATCH (:Case {id: 'case:t001'})-[:RESULTED_IN]->(s:Sanction)-[:CITES]->(p:Provision) "
                           "RETURN s.level AS level, s.status AS status, p.id AS provision")
    assert sanction == {"level": "sedang", "status": "recommended", "provision": "pp/2021/94/pasal-8/ayat-3/huruf-a"}
    assert graph.read("MATCH (:CaseDocument {id: 'casedoc:t001-temuan'})-[c:CITES]->"
                      "(:Provision {id: 'pp/2021/94/pasal-5/huruf-n/angka-6'}) RETURN c.raw AS raw")


def test_each_link_kind_carries_status_and_evidence(loaded):
    graph, folder = loaded
    rows = graph.read("""
        MATCH (a)-[r:SUPPORTED|RUNNING_MATE_OF|HOLDS_POSITION|EMPLOYED_BY|RESPONDENT_IN|FOUND_BY|HANDLED_BY|RECOMMENDED_BY]->(b)
        WHERE (a:Person OR a:Case)
        RETURN type(r) AS type, r {.*} AS r""")
    kinds = {row["type"] for row in rows}
    assert kinds == {"SUPPORTED", "RUNNING_MATE_OF", "HOLDS_POSITION", "EMPLOYED_BY", "RESPONDENT_IN",
                     "FOUND_BY", "HANDLED_BY", "RECOMMENDED_BY"}
    for row in rows:
        link = row["r"]
        assert link["document_id"].startswith("casedoc:")
        text = (folder / f"{link['document_id'].split(':')[1]}.txt").read_text(encoding="utf-8")
        if link.get("start") is not None:
            assert text[link["start"]:link["end"]].strip() and link["sentence"]
            assert text[link["start"]:link["end"]].split()[0] in link["sentence"]
        if row["type"] in ("SUPPORTED", "RUNNING_MATE_OF", "HOLDS_POSITION", "EMPLOYED_BY", "RESPONDENT_IN"):
            assert link["status"] in ("alleged", "proven", "not_proven") and link["method"] == "rule"
    supported = graph.read("MATCH (:Person {nip: $nip})-[r:SUPPORTED]->(c:Person) "
                           "RETURN r.status AS status, r.date AS date, r.document_id AS doc, c.name AS candidate",
                           nip=NIP)
    assert {"proven", "alleged"} == {row["status"] for row in supported}
    assert any(row["date"] == "2024-10-10" for row in supported)


def test_same_person_with_titles_and_abbreviations_merges(loaded):
    graph, _ = loaded
    view = entity_view(graph, NIP)
    assert {m for m in view.properties["documents"]} == {"casedoc:t001-temuan", "casedoc:t001-rekomendasi"}
    assert "Kadisdik Kota Solok" in view.positions and view.nip == NIP
    assert graph.read("MATCH (d:MergeDecision {decision: 'merge'}) WHERE d.a STARTS WITH 'casedoc:t001' "
                      "OR d.a STARTS WITH 't001' RETURN d.evidence AS evidence")


def test_namesakes_in_different_agencies_stay_apart(loaded):
    graph, _ = loaded
    rows = graph.read("MATCH (p:Person) WHERE 'andi samaran' IN p.name_keys RETURN p.agencies AS agencies")
    assert len(rows) == 2
    assert graph.read("MATCH (d:MergeDecision {decision: 'distinct'}) WHERE d.a_name = 'Andi Samaran' "
                      "RETURN d.evidence AS evidence")[0]["evidence"]


def test_a_dismissed_case_never_proves_support(loaded):
    graph, _ = loaded
    statuses = graph.read("MATCH (:Person {nip: '197912012006041002'})-[r:SUPPORTED]->() RETURN r.status AS s")
    assert [row["s"] for row in statuses] == ["not_proven"]
    # Enforced at write time too: a record claiming proven support in a dismissed case.
    records = CaseRecords({"id": "casedoc:forged", "kind": "CaseDocument", "path": "forged", "sha256": "x"},
                          cases=[{"id": "case:t009", "about": {"stage": "rekomendasi", "outcome": "dismissed", "rank": 3}}],
                          mentions=[{"id": "forged#p1", "name": "Palsu Contoh", "kind": "ASN", "case_id": "case:t009"},
                                    {"id": "forged#p2", "name": "Calon Contoh", "kind": "Candidate", "case_id": "case:t009"}],
                          claims=[{"source_id": "forged#p1", "target_label": "PersonMention", "target_id": "forged#p2",
                                   "properties": {"type": "SUPPORTED", "status": "proven", "case_id": "case:t009"}}])
    write_case_document(graph, records)
    refresh_entities(graph)
    assert _one(graph, "MATCH (:PersonMention {id: 'forged#p1'})-[c:CLAIMS]->() RETURN c.status AS s")["s"] == "not_proven"
    assert _one(graph, "MATCH (a:Person)-[r:SUPPORTED]->() WHERE a.name = 'Palsu Contoh' "
                       "RETURN r.status AS s")["s"] == "not_proven"


def test_persons_written_in_small_transactions_are_the_same_graph(loaded, monkeypatch):
    """Rebuilding the person layer in transactions of a few mentions each (a person heavier than
    that goes alone) gives the same persons, links and counts as in one transaction."""
    graph, _ = loaded
    layer = ("MATCH (p:Person) RETURN p.id AS id, p.name AS name, COUNT { (p)<-[:MENTION_OF]-() } AS mentions, "
             "COUNT { (p)-[]-() } AS links ORDER BY id")
    before, counts_before = graph.read(layer), graph.read(COUNTS)[0]
    monkeypatch.setattr("ingest.person_resolution.PERSON_WEIGHT_PER_TRANSACTION", 2)
    refresh_entities(graph)
    assert graph.read(layer) == before and graph.read(COUNTS)[0] == counts_before
    # A person of two mentions weighs at least 1 + 2 members + 1 document: more than a transaction.
    assert max(row["mentions"] for row in before) >= 2
    assert _one(graph, "MATCH (m:PersonMention) WHERE NOT (m)-[:MENTION_OF]->(:Person) RETURN count(m) AS n")["n"] == 0


def test_a_case_closed_later_demotes_earlier_proven_claims(graph, tmp_path):
    """A register row that closes the case outranks a document's proven wording."""
    folder = write_documents(tmp_path / "docs", {"t001-rekomendasi.txt"})
    row = {"case_id": "t001", "respondent_name": "Kurniawan Fiktifsyah", "outcome": "dihentikan",
           "candidate_names": ["Bambang Contoh"], "region": "Kota Solok", "source": "temuan"}
    (folder / "register.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    ingest_cases([str(folder)], graph, show_progress=False)
    statuses = {row["stated"]: row["status"] for row in graph.read(
        "MATCH (:Person)-[r:SUPPORTED]->(:Person) RETURN r.stated_status AS stated, r.status AS status")}
    assert statuses == {"proven": "not_proven", "not_proven": "not_proven"}


def test_loading_is_idempotent_and_a_changed_file_replaces_its_contribution(loaded):
    graph, folder = loaded
    count = "MATCH (n) RETURN count(n) AS nodes, COUNT { ()-[]->() } AS links"
    before = graph.read(count)[0]
    again = ingest_cases([str(folder)], graph, show_progress=False)
    assert again.count("unchanged") == len(DOCUMENTS) and again.resolution is None
    assert graph.read(count)[0] == before
    changed = DOCUMENTS["t003-temuan.txt"].replace("Hendra Khayalan", "Yusuf Bayangan")
    (folder / "t003-temuan.txt").write_text(changed, encoding="utf-8")
    ingest_cases([str(folder)], graph, show_progress=False)
    names = {row["name"] for row in graph.read("MATCH (p:Person {kind: 'Candidate'}) RETURN p.name AS name")}
    assert "Yusuf Bayangan" in names and "Hendra Khayalan" not in names
    assert graph.read(count)[0] == before
    assert remove_case_document(graph, "casedoc:t003-temuan")
    refresh_entities(graph)
    assert not graph.read("MATCH (c:Case {id: 'case:t003'}) RETURN c")
    assert not graph.read("MATCH (a:Agency) WHERE a.name STARTS WITH 'SMP Negeri 9' RETURN a")


COUNTS = "MATCH (n) RETURN count(n) AS nodes, COUNT { ()-[]->() } AS links"


def _person_names(graph) -> list[str]:
    return sorted(row["name"] for row in graph.read("MATCH (p:Person) RETURN p.name AS name"))


def test_removing_a_case_document_removes_what_only_it_stated(loaded):
    graph, folder = loaded
    before, names_before = graph.read(COUNTS)[0], _person_names(graph)
    assert remove_case(graph, "casedoc:t001-rekomendasi") is not None
    owned = "MATCH ()-[r]->() WHERE r.document_id = 'casedoc:t001-rekomendasi' RETURN r"
    assert not graph.read(owned) and not graph.read("MATCH (d:Document {id: 'casedoc:t001-rekomendasi'}) RETURN d")
    assert not graph.read("MATCH (m:PersonMention {document_id: 'casedoc:t001-rekomendasi'}) RETURN m")
    asn = entity_view(graph, NIP)  # still named by the finding, without what only the decision said
    assert asn.properties["documents"] == ["casedoc:t001-temuan"] and "Kadisdik Kota Solok" not in asn.positions
    assert {row["s"] for row in graph.read("MATCH (:Person {nip: $nip})-[r:SUPPORTED]->() RETURN r.status AS s",
                                           nip=NIP)} == {"alleged"}
    assert not graph.read("MATCH (:Case {id: 'case:t001'})-[:RESULTED_IN]->(s:Sanction) RETURN s")
    assert remove_case(graph, "casedoc:t003-temuan") is not None
    assert "Hendra Khayalan" not in _person_names(graph)  # only t003 named him
    assert len(graph.read("MATCH (p:Person) WHERE 'andi samaran' IN p.name_keys RETURN p")) == 1
    assert remove_case(graph, "casedoc:t003-temuan") is None
    again = ingest_cases([str(folder)], graph, show_progress=False)
    assert again.count("loaded") == 2 and again.count("unchanged") == 2
    assert graph.read(COUNTS)[0] == before and _person_names(graph) == names_before


def test_netra_remove_takes_a_case_document_id_or_its_file(loaded, server_settings):
    graph, folder = loaded
    env = netra_env(server_settings.home)
    by_file = run_netra("remove", str(folder / "t003-temuan.txt"), env=env)
    assert by_file.returncode == 0, by_file.stderr
    assert "Removed casedoc:t003-temuan." in by_file.stdout and "Hendra Khayalan" not in _person_names(graph)
    unknown = run_netra("remove", "casedoc:t003-temuan", env=env)
    assert unknown.returncode == 1 and "No case document casedoc:t003-temuan" in unknown.stderr
    assert "Traceback" not in unknown.stderr


def test_bad_inputs_fail_one_by_one(graph, tmp_path):
    folder = write_documents(tmp_path / "docs", {"t003-temuan.txt"})
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (folder / "latin.txt").write_bytes("Pegawai di Kabupaten Agam menerima uang \xa3 100".encode("latin-1"))
    with open(folder / "huge.txt", "wb") as handle:
        handle.truncate(11 * 2**20)
    (folder / "register.jsonl").write_text('{"no": "case columns"}\n', encoding="utf-8")
    summary = ingest_cases([str(folder), str(tmp_path / "missing.txt")], graph, show_progress=False)
    errors = {outcome.path.rsplit("/", 1)[-1]: outcome.error for outcome in summary.outcomes}
    assert summary.count("loaded") == 1
    assert "empty" in errors["empty.txt"] and "binary" in errors["binary.txt"]
    assert "encoding" in errors["latin.txt"] and "MiB" in errors["huge.txt"]
    assert "not a case register" in errors["register.jsonl"] and "no such file" in errors["missing.txt"]
    assert graph.read("MATCH (d:Document) RETURN count(d) AS n")[0]["n"] == 1


def test_review_accept_and_reject(graph, tmp_path):
    folder = write_documents(tmp_path / "docs", {"t001-temuan.txt", "t001-rekomendasi.txt"})
    for case in ("t101", "t102"):  # the same bare name, nothing else to compare
        (folder / f"{case}-temuan.txt").write_text(
            "TEMUAN BAWASLU KOTA SOLOK\n\nBawaslu Kota Solok menemukan bahwa Rini Percobaan mengunggah ajakan "
            "memilih calon Wali Kota Solok nomor urut 2, Bambang Contoh, di akun Facebook miliknya.\n",
            encoding="utf-8")
    ingest_cases([str(folder)], graph, show_progress=False)
    pair = next(p for p in review_queue(graph) if p.a["name"] == "Rini Percobaan")
    persons = "MATCH (p:Person) WHERE 'rini percobaan' IN p.name_keys RETURN count(p) AS n"
    assert graph.read(persons)[0]["n"] == 2
    record_verdict(graph, pair.id, "accepted")
    assert graph.read(persons)[0]["n"] == 1
    assert all(p.id != pair.id for p in review_queue(graph))
    record_verdict(graph, pair.id, "rejected")
    assert graph.read(persons)[0]["n"] == 2
    # A merge the rules made can be rejected too: the persons split on re-resolution.
    merge = _one(graph, "MATCH (d:MergeDecision {decision: 'merge'}) WHERE d.a_name = 'Kurniawan Fiktifsyah' "
                        "RETURN d.id AS id")
    record_verdict(graph, merge["id"], "rejected")
    assert len(graph.read("MATCH (p:Person) WHERE 'kurniawan fiktifsyah' IN p.name_keys RETURN p")) == 2
    ingest_cases([str(folder)], graph, show_progress=False)  # verdicts survive later batches
    assert len(graph.read("MATCH (p:Person) WHERE 'kurniawan fiktifsyah' IN p.name_keys RETURN p")) == 2


def test_a_register_gives_cases_links_and_sanctions(graph, tmp_path):
    write_pp94(graph, PROVISIONS)
    rows = [{"case_id": "r001", "case_number": "009/Reg/LP/PG/Kota/03.72/X/2024", "source": "laporan",
             "region": "Kota Solok", "election": "pilkada-2024", "race": "Wali Kota Solok 2024",
             "act_date": "2024-10-01", "recommending_body": "BKN", "respondent_name": "Kurniawan Fiktifsyah",
             "respondent_nip": NIP, "employment": "PNS", "position": "Kepala Dinas Pendidikan",
             "agency": "Dinas Pendidikan Kota Solok", "ppk": "Wali Kota Solok", "candidate_names": ["Bambang Contoh"],
             "ballot_number": 2, "act_label": "memberikan sambutan dalam deklarasi", "outcome": "terbukti",
             "sanction_level": "sedang", "sanction_type": "pemotongan tunjangan kinerja", "sanction_imposed": True,
             "legal_basis": ["PP 94/2021 Pasal 5 huruf n angka 6"], "sanction_basis": ["PP 94/2021 Pasal 8 ayat (3) huruf a"],
             "family_tie": "keponakan"}]
    (tmp_path / "register.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    summary = ingest_cases([str(tmp_path / "register.jsonl")], graph, show_progress=False)
    assert summary.count("loaded") == 1
    assert _one(graph, "MATCH (:Person {nip: $nip})-[r:SUPPORTED]->(:Person {name: 'Bambang Contoh'}) "
                       "RETURN r.status AS s, r.method AS m, r.date AS d", nip=NIP) == {"s": "proven", "m": "register",
                                                                                      "d": "2024-10-01"}
    assert _one(graph, "MATCH (:Person {nip: $nip})-[r:FAMILY_OF]->() RETURN r.detail AS d", nip=NIP)["d"] == "keponakan"
    assert _one(graph, "MATCH (:Case {id: 'case:r001'})-[:IN_ELECTION]->(e:Election) RETURN e.name AS n")["n"] == \
        "Pilkada 2024 Kota Solok"
    assert _one(graph, "MATCH (:Case {id: 'case:r001'})-[:RESULTED_IN]->(s:Sanction)-[:SANCTIONED_BY]->(a:Agency) "
                       "RETURN a.name AS ppk, a.kind AS kind") == {"ppk": "Wali Kota Solok", "kind": "PPK"}
    assert _one(graph, "MATCH (:Case {id: 'case:r001'})-[:RECOMMENDED_BY]->(a:Agency) RETURN a.name AS n")["n"] == "BKN"
    csv_text = ("case_id,respondent_name,outcome,candidate_names\n"
                "r002,Rini Percobaan,tidak_terbukti,Bambang Contoh; Desi Rekaan\n")
    (tmp_path / "other.csv").write_text(csv_text, encoding="utf-8")
    ingest_cases([str(tmp_path / "other.csv")], graph, show_progress=False)
    assert {row["s"] for row in graph.read("MATCH (p:Person {name: 'Rini Percobaan'})-[r:SUPPORTED]->() "
                                           "RETURN r.status AS s")} == {"not_proven"}


def _register_rows(count: int) -> str:
    """`count` cases of one civil servant, each supporting the same candidate."""
    return "".join(json.dumps({"case_id": f"r{n:03d}", "region": "Kota Solok", "respondent_name": "Kurniawan Fiktifsyah",
                               "respondent_nip": NIP, "position": "Kepala Dinas Pendidikan",
                               "agency": "Dinas Pendidikan Kota Solok", "candidate_names": ["Bambang Contoh"],
                               "act_label": "memberikan sambutan dalam deklarasi", "outcome": "terbukti"}) + "\n"
                   for n in range(count))


def test_a_large_register_is_written_in_parts_and_its_rows_resolve_to_one_person(graph, tmp_path, monkeypatch):
    """Rows of one register are cases of one document: the same NIP in five rows is one person."""
    monkeypatch.setattr("graph.cases.CASES_PER_TRANSACTION", 2)
    (tmp_path / "register.jsonl").write_text(_register_rows(5), encoding="utf-8")
    summary = ingest_cases([str(tmp_path / "register.jsonl")], graph, show_progress=False)
    assert summary.count("loaded") == 1, summary.to_json()
    assert _one(graph, "MATCH (c:Case) RETURN count(c) AS n")["n"] == 5
    assert _one(graph, "MATCH (p:Person {nip: $nip}) RETURN count(p) AS n", nip=NIP)["n"] == 1
    assert _one(graph, "MATCH (:Person {nip: $nip})-[r:RESPONDENT_IN]->() RETURN count(r) AS n", nip=NIP)["n"] == 5
    assert _one(graph, "MATCH (d:Register) RETURN d.sha256 IS NOT NULL AS hashed")["hashed"]
    again = ingest_cases([str(tmp_path / "register.jsonl")], graph, show_progress=False)
    assert again.count("unchanged") == 1


def test_a_register_keeps_each_unresolved_citation_once(graph, tmp_path):
    """PP 94/2021 is not loaded: five rows citing it are five unresolved citations, one text on the document."""
    rows = [{"case_id": f"r{n:03d}", "respondent_name": "Kurniawan Fiktifsyah", "outcome": "terbukti",
             "legal_basis": ["PP 94/2021 Pasal 5 huruf n angka 6"] + (["UU 5/2014 Pasal 9 ayat (2)"] if n == 3 else [])}
            for n in range(5)]
    (tmp_path / "register.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    summary = ingest_cases([str(tmp_path / "register.jsonl")], graph, show_progress=False)
    assert summary.totals["citations_unresolved"] == 6, summary.to_json()
    stored = _one(graph, "MATCH (d:Register) RETURN d.unresolved_citations AS u")["u"]
    assert len(stored) == 2 and len(set(stored)) == 2 and any("Pasal 5" in text for text in stored), stored


def test_a_register_part_that_fails_takes_the_earlier_parts_with_it(graph, tmp_path, monkeypatch):
    import graph.cases as cases
    monkeypatch.setattr(cases, "CASES_PER_TRANSACTION", 2)
    written = cases._write_contributions

    def fail_on_the_third_part(tx, batch, replace=True):
        if any(case["id"] == "case:r004" for records in batch for case in records.cases):
            raise ValueError("the third part")
        return written(tx, batch, replace)

    monkeypatch.setattr(cases, "_write_contributions", fail_on_the_third_part)
    (tmp_path / "register.jsonl").write_text(_register_rows(5), encoding="utf-8")
    summary = ingest_cases([str(tmp_path / "register.jsonl")], graph, show_progress=False)
    assert summary.count("failed") == 1
    assert graph.read("MATCH (n) WHERE n:Case OR n:Document OR n:PersonMention RETURN n LIMIT 1") == []


def test_persons_are_found_by_id_nip_and_a_loosely_written_name(loaded):
    graph, _ = loaded
    by_nip = find_entities(graph, NIP)
    assert len(by_nip) == 1 and by_nip[0]["label"] == "Person"
    assert find_entities(graph, " kurniawan  FIKTIFSYAH ") == by_nip == find_entities(graph, by_nip[0]["id"])
    assert len(find_entities(graph, "Andi-Samaran")) == 2  # the namesakes
    assert find_entities(graph, "Bawaslu Kota Solok")[0]["label"] == "Agency"
    assert find_entities(graph, "Nama Yang Tidak Ada") == []


def test_the_graph_package_imports_nothing_from_ingest():
    """Data flows one way (corpus -> ingest -> graph -> search -> web)."""
    import ast
    from pathlib import Path

    for module in (REPO / "graph").glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [alias.name for alias in node.names] if isinstance(node, ast.Import) else [])
            assert not any(name.split(".")[0] == "ingest" for name in names), f"{module.name} imports {names}"


def test_resolution_shows_its_progress(loaded, capsys):
    """After the files, persons are compared and written: minutes at 100,000 cases, so with bars."""
    graph, _ = loaded
    capsys.readouterr()
    refresh_entities(graph, show_progress=True)
    shown = capsys.readouterr().err
    assert all(phase in shown for phase in ("Comparing persons", "Writing persons", "Recording decisions"))
    refresh_entities(graph)
    assert capsys.readouterr().err == ""
