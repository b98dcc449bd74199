"""Agency names across documents against the real Neo4j: one body named three ways is one Agency,
each non-trivial merge is a MergeDecision, a reviewer's verdict holds across ingests and refreshes
(ingest/agency_resolution.py, graph/agencies.py)."""

import pytest

from graph.entities import find_entities, store_verdict
from ingest.agency_resolution import refresh_agencies
from ingest.case_pipeline import ingest_cases
from ingest.person_resolution import refresh_entities

pytestmark = pytest.mark.neo4j

HEADER = "title: {title}\ntype: Report\n---\n"
REPORTS = {
    "laporan-a.txt": "Badan Pengawas Pemilu menyampaikan data pengawasan netralitas ASN pada pemilu 2024 di "
                     "Kota Padang.\n",
    "laporan-b.txt": "Sumber: Bawaslu RI tahun 2023. Puskesmas Sungai Durian dan Puskesmas Lasi melaporkan kegiatan "
                     "pada Pemilu Serentak Tahun 2024.\n",
    "laporan-c.txt": "Badan Pengawasan Pemilihan Umum\n\nPada masa pilkada 2020 terdapat pelanggaran. Puskesmas Sungai "
                     "Duiran juga mencatat. Puskesmas Lasl ikut.\n",
    "laporan-d.txt": "Laporan dari Puskesmas Sungai Durian diterima oleh Badan.\n",
}
DECREE = """KEPUTUSAN BUPATI PESISIR SELATAN
NOMOR 862/5/BKPSDM-2024
TENTANG
PENJATUHAN HUKUMAN DISIPLIN RINGAN KEPADA PEGAWAI NEGERI SIPIL ATAS NAMA {upper}

Menimbang : a. bahwa berdasarkan Rekomendasi BKN Nomor B-2002/BKN/11/2024 tanggal 20 November 2024, Sdri. {name} terbukti melakukan pelanggaran netralitas Pegawai ASN pada Pilkada 2024;

MEMUTUSKAN:
KESATU : Menjatuhkan hukuman disiplin ringan berupa pernyataan tidak puas secara tertulis kepada:
Nama : {upper}, S.Pd.
NIP : {nip}
Jabatan : Guru
Unit Kerja : {school}
KEDUA : Keputusan ini mulai berlaku pada tanggal ditetapkan.

Ditetapkan di Painan
pada tanggal 2 Desember 2024
BUPATI PESISIR SELATAN,
"""
DECREES = {"t010-keputusan.txt": ("Rina Fiktiwati", "198001012005012001", "SMP Negcri 2 Bayang"),
           "t011-keputusan.txt": ("Yuni Contohwati", "198202022006042002", "SMP Negeri 2 Bayang")}

AGENCY_DECISIONS = """
MATCH (d:MergeDecision {subject: 'agency'})
RETURN d.a AS a, d.b AS b, d.decision AS decision, d.decided_by AS decided_by, d.verdict AS verdict, d.id AS id
ORDER BY a
"""
MENTIONED = """
MATCH (doc:Document)-[m:MENTIONS]->(a:Agency)
RETURN a.id AS agency, collect(doc.id + ' ' + m.named_as) AS mentions
"""


def write(folder, files: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def loaded(graph, tmp_path):
    folder = tmp_path / "docs"
    write(folder, {name: HEADER.format(title=name) + text for name, text in REPORTS.items()})
    write(folder, {name: DECREE.format(name=person, upper=person.upper(), nip=nip, school=school)
                   for name, (person, nip, school) in DECREES.items()})
    summary = ingest_cases([str(folder)], graph, show_progress=False)
    assert summary.count("loaded") == len(REPORTS) + len(DECREES), summary.to_json()
    return graph, folder, summary


def mentions(graph) -> dict[str, list[str]]:
    return {row["agency"]: sorted(row["mentions"]) for row in graph.read(MENTIONED)}


def decisions(graph) -> dict[tuple[str, str], dict]:
    return {(row["a"], row["b"]): row for row in graph.read(AGENCY_DECISIONS)}


def test_one_body_named_three_ways_is_one_agency_with_a_decision_per_merge(loaded):
    graph, _folder, summary = loaded
    found = mentions(graph)
    assert found["agency:bawaslu-ri"] == ["report:laporan-a Badan Pengawas Pemilu", "report:laporan-b Bawaslu RI",
                                          "report:laporan-c Badan Pengawasan Pemilihan Umum"]
    assert not [agency for agency in found if agency.startswith("agency:badan")]  # nor a bare "Badan"
    made = decisions(graph)
    assert made[("agency:badan-pengawas-pemilu", "agency:bawaslu-ri")]["decided_by"] == "gazetteer"
    assert made[("agency:badan-pengawasan-pemilihan-umum", "agency:bawaslu-ri")]["decision"] == "merge"
    assert ("agency:bawaslu-ri", "agency:bawaslu-ri") not in made  # the canonical name: no decision
    assert summary.agencies.merges == len([d for d in made.values() if d["decision"] == "merge"])
    assert [row["id"] for row in find_entities(graph, "badan pengawasan pemilihan umum")] == ["agency:bawaslu-ri"]
    elections = {row["name"] for row in graph.read("MATCH (e:Election) RETURN e.name AS name")}
    assert elections == {"Pemilu 2024", "Pilkada 2020", "Pilkada 2024"}


def test_a_slip_across_documents_is_joined_and_a_short_one_asked_about(loaded):
    graph, _folder, _summary = loaded
    found = mentions(graph)
    assert found["agency:puskesmas-sungai-durian"] == ["report:laporan-b Puskesmas Sungai Durian",
                                                       "report:laporan-c Puskesmas Sungai Duiran",
                                                       "report:laporan-d Puskesmas Sungai Durian"]
    assert "agency:puskesmas-sungai-duiran" not in found
    made = decisions(graph)
    assert made[("agency:puskesmas-sungai-duiran", "agency:puskesmas-sungai-durian")]["decided_by"] == "rules"
    assert "agency:puskesmas-lasi" in found and "agency:puskesmas-lasl" in found  # short: a reviewer decides
    [question] = [d for d in made.values() if d["decision"] == "review"]
    assert {question["a"], question["b"]} == {"agency:puskesmas-lasi", "agency:puskesmas-lasl"}


def test_an_ocr_slip_in_a_persons_school_is_the_same_school(loaded):
    graph, _folder, _summary = loaded
    rows = graph.read("MATCH (p:Person)-[r:EMPLOYED_BY]->(a:Agency) RETURN p.name AS person, a.id AS agency, "
                      "r.named_as AS named_as ORDER BY person")
    school = "agency:smp-negeri-2-bayang"
    assert rows == [{"person": "Rina Fiktiwati", "agency": school, "named_as": "SMP Negcri 2 Bayang"},
                    {"person": "Yuni Contohwati", "agency": school, "named_as": "SMP Negeri 2 Bayang"}]
    node = graph.read("MATCH (a:Agency {id: $id}) RETURN a {.*} AS a", id=school)[0]["a"]
    assert node["region"] == "Kabupaten Pesisir Selatan" and node["names"] == ["SMP Negcri 2 Bayang",
                                                                               "SMP Negeri 2 Bayang"]
    assert decisions(graph)[("agency:smp-negcri-2-bayang", "agency:smp-negeri-2-bayang")]["decided_by"] == "rules"


def test_a_rejected_merge_keeps_the_two_apart_on_refresh_and_the_next_ingest(loaded):
    graph, folder, _summary = loaded
    decision = decisions(graph)[("agency:badan-pengawas-pemilu", "agency:bawaslu-ri")]
    store_verdict(graph, decision["id"], "rejected")
    refresh_agencies(graph)
    found = mentions(graph)
    assert found["agency:badan-pengawas-pemilu"] == ["report:laporan-a Badan Pengawas Pemilu"]
    assert "report:laporan-a Badan Pengawas Pemilu" not in found["agency:bawaslu-ri"]
    write(folder, {"laporan-e.txt": HEADER.format(title="e") + "Badan Pengawas Pemilu kembali mencatat data.\n"})
    ingest_cases([str(folder)], graph, show_progress=False)
    refresh_entities(graph)  # the persons' refresh leaves agency decisions alone
    found = mentions(graph)
    assert found["agency:badan-pengawas-pemilu"] == ["report:laporan-a Badan Pengawas Pemilu",
                                                     "report:laporan-e Badan Pengawas Pemilu"]
    kept = decisions(graph)[("agency:badan-pengawas-pemilu", "agency:bawaslu-ri")]
    assert kept["verdict"] == "rejected" and kept["decided_by"] == "human"
    assert ("agency:badan-pengawasan-pemilihan-umum", "agency:bawaslu-ri") in decisions(graph)
    # a report accepted in triage (resolved incrementally, no refresh) honours the rejection as it is written
    write(folder, {"laporan-f.txt": HEADER.format(title="f") + "Badan Pengawas Pemilu menerima laporan.\n"})
    ingest_cases([str(folder / "laporan-f.txt")], graph, show_progress=False, resolve="incremental")
    assert "report:laporan-f Badan Pengawas Pemilu" in mentions(graph)["agency:badan-pengawas-pemilu"]


def test_an_accepted_question_joins_the_two(loaded):
    graph, _folder, _summary = loaded
    [question] = [d for d in decisions(graph).values() if d["decision"] == "review"]
    store_verdict(graph, question["id"], "accepted")
    refresh_agencies(graph)
    found = mentions(graph)
    assert found["agency:puskesmas-lasi"] == ["report:laporan-b Puskesmas Lasi", "report:laporan-c Puskesmas Lasl"]
    assert "agency:puskesmas-lasl" not in found
    assert not [d for d in decisions(graph).values() if d["decision"] == "review" and d["verdict"] is None]


def test_refreshing_again_changes_nothing(loaded):
    graph, folder, _summary = loaded
    count = "MATCH (n) RETURN count(n) AS nodes, COUNT { ()-[]->() } AS links"
    before, made = graph.read(count), decisions(graph)
    summary = refresh_agencies(graph)
    assert summary.moved == 0 and graph.read(count) == before and decisions(graph) == made
    again = ingest_cases([str(folder)], graph, show_progress=False)
    assert again.count("unchanged") == len(REPORTS) + len(DECREES) and graph.read(count) == before
