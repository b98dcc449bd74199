"""`netra export` / `netra import`: every format parses back, and export -> wipe -> import restores the
case layer exactly (labels, properties, relationships, date-times)."""

import csv
import io
import json
import zipfile
import xml.etree.ElementTree as ET

import pytest
from followthemoney import model

from case_fixtures import NIP, write_documents, write_pp94
from conftest import netra_env, run_netra
from graph.entities import file_review_queue, review_queue
from core.errors import NetraError
from graph.export import FORMAT_NAME, count_records, export, import_jsonl, iter_records
from graph.schema import counts, wipe
from ingest.case_pipeline import ingest_cases
from ingest.person_resolution import ensure_person_keys, record_verdict

pytestmark = pytest.mark.neo4j

PROVISIONS = ["pp/2021/94/pasal-5/huruf-n/angka-6", "pp/2021/94/pasal-8/ayat-3/huruf-a"]
REGISTER_ROW = {"case_id": "r001", "case_number": "009/Reg/LP/PG/Kota/03.72/X/2024", "source": "laporan",
                "region": "Kota Solok", "election": "pilkada-2024", "race": "Wali Kota Solok 2024",
                "act_date": "2024-10-01", "recommending_body": "BKN", "respondent_name": "Kurniawan Fiktifsyah",
                "respondent_nip": NIP, "employment": "PNS", "position": "Kepala Dinas Pendidikan",
                "agency": "Dinas Pendidikan Kota Solok", "ppk": "Wali Kota Solok",
                "candidate_names": ["Bambang Contoh"], "ballot_number": 2, "outcome": "terbukti",
                "sanction_level": "sedang", "sanction_type": "pemotongan tunjangan kinerja",
                "sanction_imposed": True, "sanction_basis": ["PP 94/2021 Pasal 8 ayat (3) huruf a"],
                "legal_basis": ["PP 94/2021 Pasal 5 huruf n angka 6"], "family_tie": "keponakan"}


@pytest.fixture
def loaded(graph, tmp_path):
    """Documents, a register, a statute they cite, and a reviewer's verdict (a date-time property)."""
    write_pp94(graph, PROVISIONS)
    folder = write_documents(tmp_path / "docs")
    (folder / "register.jsonl").write_text(json.dumps(REGISTER_ROW) + "\n", encoding="utf-8")
    for case in ("t101", "t102"):  # the same bare name twice: a pair to review
        (folder / f"{case}-temuan.txt").write_text(
            "TEMUAN BAWASLU KOTA SOLOK\n\nBawaslu Kota Solok menemukan bahwa Rini Percobaan mengunggah ajakan "
            "memilih calon Wali Kota Solok nomor urut 2, Bambang Contoh, di akun Facebook miliknya.\n",
            encoding="utf-8")
    summary = ingest_cases([str(folder)], graph, show_progress=False)
    assert summary.count("failed") == 0, summary.to_json()
    record_verdict(graph, review_queue(graph)[0].id, "rejected")
    return graph


def _snapshot(graph) -> tuple[list[str], list[str]]:
    records = [json.dumps(record, sort_keys=True) for record in iter_records(graph)]
    return sorted(r for r in records if '"kind": "node"' in r), sorted(r for r in records if '"kind": "node"' not in r)


def _jsonl(graph, path) -> list[dict]:
    export(graph, "jsonl", str(path))
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_round_trip_restores_the_case_layer(loaded, tmp_path):
    graph = loaded
    before, before_counts = _snapshot(graph), counts(graph)
    lines = _jsonl(graph, tmp_path / "cases.jsonl")
    assert lines[0]["format"] == FORMAT_NAME and len(lines) - 1 == count_records(graph)
    labels = {label for line in lines[1:] if line["kind"] == "node" for label in line["labels"]}
    assert {"Person", "PersonMention", "Case", "Agency", "Sanction", "MergeDecision", "CaseDocument",
            "Register"} <= labels
    assert any("$datetime" in json.dumps(line) for line in lines if "MergeDecision" in line.get("labels", []))
    wipe(graph)
    write_pp94(graph, PROVISIONS)
    with open(tmp_path / "cases.jsonl", encoding="utf-8") as handle:
        summary = import_jsonl(graph, handle, batch=7)  # small batches: many transactions, ends written first
    assert summary.unlinked == 0
    assert (summary.nodes, summary.relationships) == (len(before[0]), len(before[1]))
    # Each person's blocking keys (graph/persons.py PersonKeys) and the review queue's entries
    # (graph/entities.py ReviewEntry) are derived and not exported: `netra import` makes them again.
    assert ensure_person_keys(graph) == graph.read("MATCH (p:Person) RETURN count(p) AS n")[0]["n"]
    file_review_queue(graph)
    assert counts(graph) == before_counts
    assert _snapshot(graph) == before
    with pytest.raises(NetraError, match="already holds case records"):
        with open(tmp_path / "cases.jsonl", encoding="utf-8") as handle:
            import_jsonl(graph, handle)


def test_links_into_missing_statutes_are_counted_not_invented(loaded, tmp_path):
    graph = loaded
    cites = graph.read("MATCH (:Document|Sanction)-[r:CITES]->(:Provision) RETURN count(r) AS n")[0]["n"]
    _jsonl(graph, tmp_path / "cases.jsonl")
    wipe(graph)
    with open(tmp_path / "cases.jsonl", encoding="utf-8") as handle:
        summary = import_jsonl(graph, handle)
    assert cites > 0 and summary.unlinked == cites
    assert not graph.read("MATCH (p:Provision) RETURN p")


def test_import_refuses_what_is_not_a_case_layer_export(graph, tmp_path):
    header = json.dumps({"format": FORMAT_NAME, "version": 1})
    foreign = json.dumps({"kind": "node", "labels": ["Regulation"], "properties": {"id": "uu/2014/5"}})
    with pytest.raises(NetraError, match="not the case layer"):
        import_jsonl(graph, [header, foreign])
    with pytest.raises(NetraError, match="Not a Netra export"):
        import_jsonl(graph, [foreign])
    assert counts(graph)["nodes"] == 0


def test_ftm_entities_validate_and_reference_each_other(loaded, tmp_path):
    export(loaded, "ftm", str(tmp_path / "cases.ftm.json"))
    entities = [json.loads(line) for line in (tmp_path / "cases.ftm.json").read_text(encoding="utf-8").splitlines()]
    ids = {entity["id"] for entity in entities}
    for entity in entities:
        proxy = model.get_proxy(entity)
        assert proxy.schema.validate(entity) is None
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in ids, (entity, prop.name)
    schemata = {entity["schema"] for entity in entities}
    assert {"Person", "PublicBody", "Position", "Event", "Family", "Employment", "Occupancy", "UnknownLink",
            "Associate", "Sanction", "Address", "Document"} <= schemata
    respondent = next(e for e in entities if e["schema"] == "Person" and NIP in e["properties"].get("idNumber", []))
    supported = [e for e in entities if e["schema"] == "UnknownLink" and "supported" in e["properties"]["role"]
                 and e["properties"]["subject"] == [respondent["id"]]]
    assert {s for e in supported for s in e["properties"]["status"]} == {"proven", "alleged"}
    for link in supported:  # the evidence: the sentence, and the document in the summary
        assert link["properties"]["description"] and link["properties"]["recordId"][0] in link["properties"]["summary"][0]
    family = next(e for e in entities if e["schema"] == "Family")
    assert family["properties"]["relationship"] == ["keponakan"] and family["properties"]["date"] == ["2024-10-01"]


def test_ftm_sanctions_regions_and_documents(loaded, tmp_path):
    export(loaded, "ftm", str(tmp_path / "cases.ftm.json"))
    entities = [json.loads(line) for line in (tmp_path / "cases.ftm.json").read_text(encoding="utf-8").splitlines()]
    by_id = {entity["id"]: entity for entity in entities}
    assert len(by_id) == len(entities)  # held-back cases and sanctions are written once
    respondent = next(e for e in entities if e["schema"] == "Person" and NIP in e["properties"].get("idNumber", []))
    imposed = next(e for e in entities if e["schema"] == "Sanction" and e["properties"].get("authority"))
    assert imposed["properties"]["authority"] == ["Wali Kota Solok"]
    assert imposed["properties"]["entity"] == [respondent["id"]]  # the case's one respondent
    assert imposed["properties"]["provisions"] == ["pemotongan tunjangan kinerja"]
    assert imposed["properties"]["program"] == ["PP 94/2021 Pasal 8 ayat (3) huruf a"]
    case = next(e for e in entities if e["schema"] == "Event" and e["properties"]["recordId"] == ["case:r001"])
    region = by_id[case["properties"]["addressEntity"][0]]
    assert region["schema"] == "Address" and region["properties"]["full"] == ["Kota Solok"]
    assert respondent["id"] in case["properties"]["involved"]
    district = next(e for e in entities if e["schema"] == "Address" and e["properties"]["full"][0].startswith("Kecamatan"))
    assert district["properties"]["city"] == ["Kota Solok"]
    register = next(e for e in entities if e["schema"] == "Document" and "register.jsonl" in e["properties"]["fileName"])
    assert case["properties"]["proof"] == [register["id"]]
    sources = [by_id[document_id] for document_id in respondent["properties"]["proof"]]
    assert {"t001-temuan.txt", "t001-rekomendasi.txt", "register.jsonl"} <= \
        {name for document in sources for name in document["properties"]["fileName"]}
    assert all(document["properties"]["title"] for document in sources)


def test_graphml_and_csv_parse_back_with_every_record(loaded, tmp_path):
    graph = loaded
    lines = _jsonl(graph, tmp_path / "cases.jsonl")[1:]
    nodes = sum(1 for line in lines if line["kind"] == "node")
    edges = len(lines) - nodes
    provisions = {line["end"]["id"] for line in lines if line["kind"] == "relationship"
                  and line["end"]["label"] == "Provision"}
    export(graph, "graphml", str(tmp_path / "cases.graphml"))
    namespace = {"g": "http://graphml.graphdrawing.org/xmlns"}
    document = ET.parse(tmp_path / "cases.graphml").getroot().find("g:graph", namespace)
    node_ids = {node.get("id") for node in document.findall("g:node", namespace)}
    assert len(node_ids) == nodes + len(provisions)
    graph_edges = document.findall("g:edge", namespace)
    assert len(graph_edges) == edges
    assert all(edge.get("source") in node_ids and edge.get("target") in node_ids for edge in graph_edges)
    export(graph, "csv", str(tmp_path / "cases.zip"))
    export(graph, "csv", str(tmp_path / "tables"))
    with zipfile.ZipFile(tmp_path / "cases.zip") as archive:
        zipped = {name: archive.read(name).decode("utf-8") for name in ("nodes.csv", "edges.csv")}
    for name, text in zipped.items():
        assert (tmp_path / "tables" / name).read_bytes().decode("utf-8") == text
    node_rows = list(csv.DictReader(io.StringIO(zipped["nodes.csv"])))
    edge_rows = list(csv.DictReader(io.StringIO(zipped["edges.csv"])))
    assert (len(node_rows), len(edge_rows)) == (nodes, edges)
    assert all(json.loads(row["properties"])["id"] == row["id"] for row in node_rows)
    with pytest.raises(NetraError, match="needs --out"):
        export(graph, "csv", None)


def test_export_wipe_import_through_the_command(loaded, server_settings, tmp_path):
    env = netra_env(server_settings.home)
    before = _snapshot(loaded)
    exported = run_netra("export", "--format", "jsonl", "--out", str(tmp_path / "cases.jsonl"), env=env)
    assert exported.returncode == 0, exported.stderr
    assert "Exported" in exported.stderr
    ftm = run_netra("export", "--format", "ftm", "--quiet", env=env)
    assert ftm.returncode == 0 and all(model.get_proxy(json.loads(line)) for line in ftm.stdout.splitlines())
    assert run_netra("export", "--format", "csv", env=env).returncode == 1
    assert run_netra("db", "wipe", "--yes", env=env).returncode == 0
    write_pp94(loaded, PROVISIONS)
    imported = run_netra("import", str(tmp_path / "cases.jsonl"), "--quiet", env=env)
    assert imported.returncode == 0, imported.stderr
    assert f"Imported {len(before[0])} nodes and {len(before[1])} relationships" in imported.stdout
    assert _snapshot(loaded) == before
    assert loaded.read("MATCH (k:PersonKeys) RETURN count(k) AS n") == \
        loaded.read("MATCH (p:Person) RETURN count(p) AS n"), "the import keyed every person again"
