"""Incremental person resolution (a report accepted in triage): a new document's mentions are
compared only with the persons their blocking keys find, and the result is what a full
re-resolution would give for simple cases. Against the test session's Neo4j server and the
hand-written case fixtures."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from case_fixtures import NIP, write_documents
from graph import persons as statements
from graph.entities import PERSON_LINK_TYPES
from ingest.case_pipeline import ingest_cases
from ingest.cases.model import ASN, CANDIDATE, PERSON, Person
from ingest.cases.resolve import _candidate_pairs, blocking_keys, probe_keys, resolve_increment, resolve_records
from ingest.person_resolution import ensure_person_keys, refresh_entities, resolve_new_mentions

NEW_REPORT = """LAPORAN DUGAAN PELANGGARAN NETRALITAS ASN
Bawaslu Kota Solok, 5 November 2024

Pelapor menyampaikan bahwa Drs. Kurniawan Fiktifsyah, M.Si. (NIP 197806202005011003) kembali menghadiri kampanye pasangan calon Wali Kota Solok nomor urut 2, Bambang Contoh. Dalam acara yang sama hadir Andi Samaran, S.H., Kepala Seksi pada Kantor Kecamatan Tanjung Harapan, Kota Solok, serta Siti Contohwati, guru pada SD Negeri 5 Kota Solok, yang mengunggah foto kegiatan tersebut.
"""

PERSONS = """
MATCH (p:Person) OPTIONAL MATCH (m:PersonMention)-[:MENTION_OF]->(p)
WITH p, collect(m.id) AS members
RETURN p.id AS id, p.name AS name, p.nip AS nip, p.names AS names, p.documents AS documents,
       p.positions AS positions, p.agencies AS agencies, members
ORDER BY id
"""
LINKS = """
MATCH (a:Person)-[r]->(b)
RETURN a.id AS a, type(r) AS type, b.id AS b, r.start AS start, r.status AS status
ORDER BY a, type, b, start
"""
DECISIONS = "MATCH (d:MergeDecision) RETURN d.a AS a, d.b AS b, d.decision AS decision ORDER BY a, b"


def _snapshot(graph) -> dict:
    persons = graph.read(PERSONS)
    for person in persons:
        person["members"] = sorted(person["members"])
    keys = graph.read("MATCH (k:PersonKeys) RETURN k.person_id AS id, k.keys AS keys ORDER BY id")
    return {"persons": persons, "links": graph.read(LINKS), "decisions": graph.read(DECISIONS),
            "keys": [{"id": row["id"], "keys": sorted(row["keys"])} for row in keys]}


@pytest.fixture
def fixtures_then_report(graph, tmp_path):
    """The fixtures resolved in full, and the new report's file (not yet loaded)."""
    assert ingest_cases([str(write_documents(tmp_path / "docs"))], graph, show_progress=False).count("failed") == 0
    new = tmp_path / "new"
    new.mkdir()
    (new / "t004-laporan.txt").write_text(NEW_REPORT, encoding="utf-8")
    return graph, new


def _person_of(snapshot: dict, mention: str) -> dict:
    return next(p for p in snapshot["persons"] if mention in p["members"])


def test_a_new_documents_mentions_join_the_persons_a_full_refresh_would_give(fixtures_then_report):
    graph, new = fixtures_then_report
    before = _snapshot(graph)
    node = "MATCH (p:Person {id: $id}) RETURN elementId(p) AS node"
    kurniawan_node = graph.read(node, id=f"person:{NIP}")
    summary = ingest_cases([str(new)], graph, show_progress=False, resolve="incremental")
    assert summary.count("loaded") == 1
    assert summary.resolution.mentions == 4 and summary.resolution.compared_with is not None
    incremental = _snapshot(graph)

    kurniawan = _person_of(incremental, "t004-laporan#p1")  # by NIP
    assert kurniawan["id"] == f"person:{NIP}" and "t001-temuan#p1" in kurniawan["members"]
    assert graph.read(node, id=f"person:{NIP}") == kurniawan_node, "a person that only gains mentions is kept"
    andi = next(p for p in incremental["persons"] if "t002-kajian#p1" in p["members"])  # by name and agency
    assert any(m.startswith("t004-laporan") for m in andi["members"])
    padang = next(p for p in incremental["persons"] if "t003-temuan#p1" in p["members"])  # the namesake stays apart
    assert padang["members"] == ["t003-temuan#p1"]
    siti = next(p for p in incremental["persons"] if p["name"] == "Siti Contohwati")  # nobody: a new person
    assert len(siti["members"]) == 1 and siti["id"] not in {p["id"] for p in before["persons"]}
    assert len(incremental["persons"]) == len(before["persons"]) + 1

    refresh_entities(graph)
    assert _snapshot(graph) == incremental, "a full refresh gives the same persons, links, decisions and keys"


def test_a_mention_that_gives_a_person_its_nip_renames_it_as_a_full_refresh_would(fixtures_then_report, tmp_path):
    """The person is rewritten (its id becomes person:<NIP>), with its links and the links to it."""
    graph, _new = fixtures_then_report
    folder = tmp_path / "kajian"
    folder.mkdir()
    (folder / "t003-kajian.txt").write_text(
        "CATATAN KLARIFIKASI\nBawaslu Kota Padang, 21 Oktober 2024\n\n"
        "Bawaslu Kota Padang memeriksa Andi Samaran (NIP 198001012005011001), guru pada SMP Negeri 9 Kota Padang, "
        "yang mengunggah ajakan memilih calon Wali Kota Padang nomor urut 1, Hendra Khayalan. Yang bersangkutan "
        "mengakui perbuatannya.\n", encoding="utf-8")
    ingest_cases([str(folder)], graph, show_progress=False, resolve="incremental")
    incremental = _snapshot(graph)
    padang = _person_of(incremental, "t003-temuan#p1")
    assert padang["id"] == "person:198001012005011001" and any(m.startswith("t003-kajian") for m in padang["members"])
    assert not any(p["id"] == "person:t003-temuan#p1" for p in incremental["persons"])
    assert any(link["a"] == padang["id"] for link in incremental["links"]), "its links moved with it"
    refresh_entities(graph)
    full = _snapshot(graph)
    assert {key: full[key] for key in ("persons", "links", "keys")} == \
        {key: incremental[key] for key in ("persons", "links", "keys")}
    # The reason the two Andi Samarans are two people stays on record; the full resolution, which
    # samples one pair of two regencies, now samples two NIPs and records none. Nothing else differs.
    assert [d for d in full["decisions"] if d not in incremental["decisions"]] == []
    assert [d for d in incremental["decisions"] if d not in full["decisions"]] == \
        [{"a": "t002-kajian#p1", "b": "t003-temuan#p1", "decision": "distinct"}]


def test_incremental_resolution_reads_only_the_persons_the_keys_find(fixtures_then_report):
    graph, new = fixtures_then_report
    # 5,000 persons more, unrelated to the report (their keys name nobody in it).
    graph.write("UNWIND range(1, 5000) AS i "
                "CREATE (m:PersonMention {id: 'bulk#p' + i, document_id: 'bulk', case_id: 'case:bulk' + i, "
                "                         name: 'Orang Lain ' + i}) "
                "CREATE (p:Person {id: 'person:bulk' + i, name: 'Orang Lain ' + i}) "
                "CREATE (m)-[:MENTION_OF]->(p) "
                "CREATE (:PersonKeys {person_id: p.id, keys: ['name:orang_lain_' + i]})")
    summary = ingest_cases([str(new)], graph, show_progress=False, resolve="incremental")
    # Kurniawan (NIP), the two Andi Samarans and Bambang Contoh (names): nothing else is read.
    assert summary.resolution.compared_with == 4
    assert graph.read("MATCH (p:Person {id: 'person:bulk17'})<-[:MENTION_OF]-(m) RETURN m.id AS id") == \
        [{"id": "bulk#p17"}], "persons the report could not be are left as they were"


def _operators(plan) -> set[str]:
    found = {plan["operatorType"].split("@")[0]}
    for child in plan.get("children", []):
        found |= _operators(child)
    return found


INCREMENTAL_STATEMENTS = {
    "UNRESOLVED_MENTIONS_OF": (statements.UNRESOLVED_MENTIONS_OF, {"document_ids": ["x"]}),
    "PERSONS_BY_KEYS": (statements.PERSONS_BY_KEYS, {"query": '"name:x"'}),
    "PERSONS_IN_CASES": (statements.PERSONS_IN_CASES, {"case_ids": ["case:x"]}),
    "MEMBERS_OF_PERSONS": (statements.MEMBERS_OF_PERSONS, {"ids": ["person:x"]}),
    "VERDICTS_ON_MENTIONS": (statements.VERDICTS_ON_MENTIONS, {"ids": ["x#p1"]}),
    "DELETE_PERSONS_BY_ID": (statements.DELETE_PERSONS_BY_ID, {"ids": ["person:x"]}),
    "GROW_PERSONS": (statements.GROW_PERSONS, {"rows": []}),
    "CREATE_PERSONS": (statements.CREATE_PERSONS, {"rows": []}),
    "UPSERT_DECISIONS": (statements.UPSERT_DECISIONS, {"rows": []}),
    "DELETE_SETTLED_DECISIONS": (statements.DELETE_SETTLED_DECISIONS, {"persons": [["x#p1"]]}),
    **{f"PROJECT_CLAIMS_{side}_{link_type}": (statement.format(type=link_type),
                                              {"ids": ["x#p1"], "type": link_type, "closed": []})
       for link_type in PERSON_LINK_TYPES
       for side, statement in (("FROM", statements.PROJECT_CLAIMS_FROM), ("TO", statements.PROJECT_CLAIMS_TO))},
}


@pytest.mark.parametrize("name", sorted(INCREMENTAL_STATEMENTS))
def test_every_statement_of_the_incremental_path_starts_from_an_index(fixtures_then_report, name):
    """No label or whole-graph scan: the work does not grow with the graph, only with the persons
    the new mentions could be."""
    graph, _new = fixtures_then_report
    cypher, params = INCREMENTAL_STATEMENTS[name]
    with graph._session() as session:
        plan = session.run("EXPLAIN " + cypher, params).consume().plan
    scans = _operators(plan) & {"NodeByLabelScan", "AllNodesScan", "DirectedAllRelationshipsScan",
                                "UndirectedAllRelationshipsScan", "DirectedRelationshipTypeScan",
                                "UndirectedRelationshipTypeScan"}
    assert not scans, f"{name} scans: {scans}"


def test_a_graph_resolved_before_persons_had_keys_gets_them_once(fixtures_then_report):
    graph, new = fixtures_then_report
    keyed = _snapshot(graph)["keys"]
    graph.write("MATCH (k:PersonKeys) DELETE k")
    assert ensure_person_keys(graph) == len(keyed)
    assert _snapshot(graph)["keys"] == keyed, "the same keys as the full resolution writes"
    assert ensure_person_keys(graph) == 0
    graph.write("MATCH (k:PersonKeys) DELETE k")
    ingest_cases([str(new)], graph, show_progress=False, resolve="incremental")  # keys first, then resolution
    assert _person_of(_snapshot(graph), "t004-laporan#p1")["id"] == f"person:{NIP}"


def test_a_document_with_nothing_new_changes_nothing(fixtures_then_report):
    graph, _new = fixtures_then_report
    before = _snapshot(graph)
    assert resolve_new_mentions(graph, ["casedoc:t001-temuan"]).mentions == 0
    assert _snapshot(graph) == before


# -- the keys, in pure Python -----------------------------------------------------------------

WORDS = st.sampled_from(["andi", "samaran", "samaram", "budi", "santoso", "santosa", "kurniawan", "fiktifsyah",
                         "siti", "rahma", "rahmah", "dt", "rajo", "nan", "gadang", "marzuki", "afrizal", "munaf"])
RECORDS = st.builds(
    lambda words, nip, position, region, kind: Person(
        id="", name=" ".join(words).title(), nip=nip, position=position, region=region, kind=kind),
    st.lists(WORDS, min_size=1, max_size=4),
    st.sampled_from([None, None, "197806202005011003", "197912012006041002"]),
    st.sampled_from([None, "Kepala Dinas Pendidikan", "Kadisdik Kota Solok", "Camat"]),
    st.sampled_from([None, "Kota Solok", "Kota Padang", "Kabpaten Agam", "Kabupaten Agam"]),
    st.sampled_from([ASN, CANDIDATE, PERSON]))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(RECORDS, RECORDS)
def test_two_records_the_full_resolver_compares_find_each_other_by_their_keys(a, b):
    """Whatever pair _candidate_pairs compares, each record's probe keys meet the other's
    blocking keys: the incremental path sees every pair the full one would compare."""
    people = {"a#p1": ("a", Person(**{**a.__dict__, "id": "a#p1"})), "b#p1": ("b", Person(**{**b.__dict__, "id": "b#p1"}))}
    if ("a#p1", "b#p1") in _candidate_pairs(people, {}):
        assert probe_keys(a) & blocking_keys(b) and probe_keys(b) & blocking_keys(a)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(RECORDS, min_size=1, max_size=6), RECORDS)
def test_one_new_record_ends_in_the_person_a_full_resolution_puts_it_in(records, record):
    """Adding one record to resolved ones: the persons it ends up with (members) are those
    resolve_records over every record gives, when the existing persons are what it gave before."""
    people = {f"d{i}#p1": (f"d{i}", Person(**{**r.__dict__, "id": f"d{i}#p1"})) for i, r in enumerate(records)}
    before = resolve_records(people)
    new = {"z#p1": ("z", Person(**{**record.__dict__, "id": "z#p1"}))}
    full = resolve_records({**people, **new})
    candidates = {person.id: person.members for person in before.persons
                  if any(probe_keys(record) & blocking_keys(people[m][1]) for m in person.members)}
    increment = resolve_increment(new, candidates, {m: people[m] for ms in candidates.values() for m in ms})
    with_new = next(sorted(p.members) for p in full.persons if "z#p1" in p.members)
    joined = next(sorted(p.members) for p in increment.persons if "z#p1" in p.members)
    # The full resolution may also regroup old records through the new one (a bridge between two
    # persons it kept apart only for want of evidence); the record's own person agrees whenever
    # the old persons stay as they were.
    if all(sorted(p.members) in [sorted(q.members) for q in full.persons] or "z#p1" in p.members
           for p in before.persons):
        assert joined == with_new
