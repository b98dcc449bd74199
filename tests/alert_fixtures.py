"""A small case graph written straight into the database, for the alert tests (graph, web, CLI,
browser): what each pattern of graph/alerts.py must find, and the near misses it must not.

Elections: Pilkada 2024 Kota Uji (E1) and Pilkada 2024 Kabupaten Lain (E2).

candidate_tie (TODAY, any number of days):
- Ani (ASN, named in case k1 of E1) -FAMILY_OF-> Budi (named as a candidate in k2 of E1): found.
- Budi -FAMILY_OF-> Dedi (ASN, named in k4 of E1), the tie written the other way: found.
- Eka (ASN, respondent in k4 of E1, whose recommended sanction is addressed to the PPK "Wali Kota
  Uji") and Fajar, a candidate in E1 who HOLDS_POSITION "WALI KOTA UJI": an employment tie, found.
- Ani -APPOINTED_BY-> Citra, a candidate only in E2, where Ani is named in no case: not found.
- Budi -APPOINTED_BY-> Eka (the candidate appointed by the civil servant): not an appointment tie.
- Oki, an Official (not a civil servant), FAMILY_OF Budi in E1: not found.
- Gita (ASN) only SUPPORTED Budi: not found.

repeat_respondent: Ani in k1 (stated by two documents) and k2: found; Dedi in k6 twice: not found.

stalled_sanction, on TODAY with 30 days:
- k1: recommended on 2024-11-01 (its document's date), no decision: found, 44 days.
- k2: recommended on 2024-12-01: 14 days, found only with fewer days (10).
- k3: recommended on 2024-10-01, then a PPK decision document: not found.
- k4: recommended on 2024-09-01 and a sanction imposed: not found.
- k5: a register dates the recommendation 2024-10-01 (the register has no date of its own): found.
- k6: recommended by an undated document, k7 by one dated "2024-13-45", k8 by one dated "kemarin":
  not found, and no error.
"""

from datetime import date

TODAY = date(2024, 12, 15)
E1, E2 = "election:pilkada-2024-kota-uji", "election:pilkada-2024-kabupaten-lain"
ANI, BUDI, CITRA, DEDI = "person:ani", "person:budi", "person:citra", "person:dedi"
EKA, FAJAR, GITA, OKI = "person:eka", "person:fajar", "person:gita", "person:oki"
ANI_NIP = "198501012010012001"
# key -> pattern of every alert the graph raises (30 days)
EXPECTED = {
    f"{ANI}|{BUDI}": "candidate_tie", f"{DEDI}|{BUDI}": "candidate_tie", f"{EKA}|{FAJAR}": "candidate_tie",
    ANI: "repeat_respondent",
    "case:k1": "stalled_sanction", "case:k5": "stalled_sanction",
}
FULL_NAMES = ("Ani Percobaan", "Budi Calonuji", "Dedi Percobaan", "Eka Percobaan", "Fajar Calonuji")

GRAPH = """
CREATE (e1:Election {id: $e1, name: 'Pilkada 2024 Kota Uji'}), (e2:Election {id: $e2, name: 'Pilkada 2024 Kabupaten Lain'})
WITH e1, e2
UNWIND [['k1', e1], ['k2', e1], ['k3', e2], ['k4', e1], ['k5', e1], ['k6', e1], ['k7', e1], ['k8', e1]] AS row
WITH row[0] AS key, row[1] AS election
CREATE (c:Case {id: 'case:' + key, number: toUpper(key) + '/Reg/TM/PW/Kota/2024', act: 'social_media',
                act_date: '2024-10-01', outcome: 'proven', stage: 'rekomendasi'})-[:IN_ELECTION]->(election)
CREATE (d:Document:CaseDocument {id: 'casedoc:' + key + '-temuan', title: 'Temuan ' + key, date: '2024-10-02'})
CREATE (d)-[:ABOUT {stage: 'temuan', document_id: d.id}]->(c)
WITH count(*) AS cases
CREATE (ani:Person {id: $ani, name: 'Ani Percobaan', nip: $ani_nip, kind: 'ASN'}),
       (budi:Person {id: $budi, name: 'Budi Calonuji', kind: 'Candidate', race: 'Wali Kota Uji 2024'}),
       (citra:Person {id: $citra, name: 'Citra Calonlain', kind: 'Candidate'}),
       (dedi:Person {id: $dedi, name: 'Dedi Percobaan', kind: 'ASN'}),
       (eka:Person {id: $eka, name: 'Eka Percobaan', kind: 'ASN'}),
       (fajar:Person {id: $fajar, name: 'Fajar Calonuji', kind: 'Candidate'}),
       (gita:Person {id: $gita, name: 'Gita Percobaan', kind: 'ASN'}),
       (oki:Person {id: $oki, name: 'Oki Pejabat', kind: 'Official'})
WITH *
UNWIND [[$ani, 'k1', 'ASN'], [$ani, 'k2', 'ASN'], [$budi, 'k2', 'Candidate'], [$citra, 'k3', 'Candidate'],
        [$dedi, 'k4', 'ASN'], [$eka, 'k4', 'ASN'], [$fajar, 'k1', 'Candidate'], [$gita, 'k1', 'ASN'],
        [$oki, 'k1', 'Official'], [$budi, 'k1', 'Official']] AS row
MATCH (p:Person {id: row[0]})
CREATE (:PersonMention {id: row[0] + '@' + row[1], case_id: 'case:' + row[1], kind: row[2],
                        document_id: 'casedoc:' + row[1] + '-temuan'})-[:MENTION_OF]->(p)
WITH count(*) AS mentions
MATCH (ani:Person {id: $ani}), (budi:Person {id: $budi}), (citra:Person {id: $citra}), (dedi:Person {id: $dedi}),
      (eka:Person {id: $eka}), (fajar:Person {id: $fajar}), (gita:Person {id: $gita}), (oki:Person {id: $oki})
CREATE (ani)-[:FAMILY_OF {status: 'alleged', detail: 'adik kandung', document_id: 'casedoc:k1-temuan', case_id: 'case:k1',
                          start: 10, end: 80, sentence: 'Ani Percobaan merupakan adik kandung calon Budi Calonuji.'}]->(budi)
CREATE (budi)-[:FAMILY_OF {status: 'proven', detail: 'paman', document_id: 'casedoc:k4-temuan', case_id: 'case:k4',
                           start: 0, end: 40, sentence: 'Budi Calonuji adalah paman Dedi Percobaan.'}]->(dedi)
CREATE (ani)-[:APPOINTED_BY {status: 'proven', detail: 'camat', date: '2023-01-05', document_id: 'casedoc:k3-temuan',
                             case_id: 'case:k3', start: 0, end: 30, sentence: 'Ani dilantik oleh Citra.'}]->(citra)
CREATE (budi)-[:APPOINTED_BY {status: 'alleged', document_id: 'casedoc:k4-temuan', case_id: 'case:k4'}]->(eka)
CREATE (oki)-[:FAMILY_OF {status: 'alleged', detail: 'ipar', document_id: 'casedoc:k1-temuan', case_id: 'case:k1'}]->(budi)
CREATE (gita)-[:SUPPORTED {status: 'alleged', document_id: 'casedoc:k1-temuan', case_id: 'case:k1'}]->(budi)
WITH *
MATCH (k1:Case {id: 'case:k1'}), (k2:Case {id: 'case:k2'}), (k4:Case {id: 'case:k4'}), (k6:Case {id: 'case:k6'})
CREATE (ani)-[:RESPONDENT_IN {status: 'alleged', document_id: 'casedoc:k1-temuan', start: 5, end: 18,
                              sentence: 'Terlapor Ani Percobaan.'}]->(k1)
CREATE (ani)-[:RESPONDENT_IN {status: 'proven', document_id: 'casedoc:k1-rekomendasi', start: 0, end: 9}]->(k1)
CREATE (ani)-[:RESPONDENT_IN {status: 'alleged', document_id: 'casedoc:k2-temuan', start: 0, end: 9}]->(k2)
CREATE (dedi)-[:RESPONDENT_IN {status: 'alleged', document_id: 'casedoc:k6-temuan', start: 0, end: 9}]->(k6)
CREATE (dedi)-[:RESPONDENT_IN {status: 'proven', document_id: 'casedoc:k6-rekomendasi', start: 0, end: 9}]->(k6)
CREATE (eka)-[:RESPONDENT_IN {status: 'proven', document_id: 'casedoc:k4-rekomendasi', start: 20, end: 29}]->(k4)
CREATE (ppk:Agency {id: 'agency:wali-kota-uji', name: 'Wali Kota Uji', kind: 'PPK'})
CREATE (fajar)-[:HOLDS_POSITION {status: 'proven', document_id: 'casedoc:k1-temuan', case_id: 'case:k1', start: 50,
                                 end: 90, sentence: 'Wali Kota Uji Fajar Calonuji menandatangani.'}]
       ->(:Position {id: 'position:wali-kota-uji', name: 'WALI KOTA UJI'})
"""

# case, document date of the recommendation (null: the document has none), stage of a later decision
SANCTIONS = """
UNWIND $rows AS row
MATCH (c:Case {id: 'case:' + row.case})
CREATE (d:Document:CaseDocument {id: 'casedoc:' + row.case + '-rekomendasi', title: 'Rekomendasi ' + row.case})
SET d.date = row.date
CREATE (d)-[:ABOUT {stage: 'rekomendasi', document_id: d.id}]->(c)
CREATE (c)-[:RESULTED_IN {document_id: d.id}]->(s:Sanction {id: d.id + '#sanction', status: 'recommended',
        level: 'sedang', type: 'pemotongan tunjangan kinerja', document_id: d.id, start: 0, end: 20,
        sentence: 'BKN merekomendasikan hukuman disiplin sedang.'})
WITH c, s, row
OPTIONAL MATCH (ppk:Agency {id: row.ppk})
FOREACH (_ IN CASE WHEN ppk IS NULL THEN [] ELSE [1] END | CREATE (s)-[:SANCTIONED_BY]->(ppk))
FOREACH (_ IN CASE WHEN row.decided THEN [1] ELSE [] END |
  CREATE (:Document:CaseDocument {id: 'casedoc:' + row.case + '-keputusan', date: '2024-10-20'})
         -[:ABOUT {stage: 'keputusan_ppk', document_id: 'casedoc:' + row.case + '-keputusan'}]->(c))
FOREACH (_ IN CASE WHEN row.imposed THEN [1] ELSE [] END |
  CREATE (c)-[:RESULTED_IN]->(:Sanction {id: 'casedoc:' + row.case + '-keputusan#sanction', status: 'imposed'}))
"""
SANCTION_ROWS = [
    {"case": "k1", "date": "2024-11-01", "decided": False, "imposed": False, "ppk": None},
    {"case": "k2", "date": "2024-12-01", "decided": False, "imposed": False, "ppk": None},
    {"case": "k3", "date": "2024-10-01", "decided": True, "imposed": False, "ppk": None},
    {"case": "k4", "date": "2024-09-01", "decided": False, "imposed": True, "ppk": "agency:wali-kota-uji"},
    {"case": "k6", "date": None, "decided": False, "imposed": False, "ppk": None},
    {"case": "k7", "date": "2024-13-45", "decided": False, "imposed": False, "ppk": None},
    {"case": "k8", "date": "kemarin", "decided": False, "imposed": False, "ppk": None},
]

# k5: a register row recommends a sanction on a date it gives; the register itself has no date.
REGISTER = """
MATCH (c:Case {id: 'case:k5'})
CREATE (r:Document:Register {id: 'register:uji.jsonl', title: 'Register uji'})
CREATE (r)-[:ABOUT {stage: 'rekomendasi', recommendation_date: '2024-10-01', document_id: r.id}]->(c)
CREATE (c)-[:RESULTED_IN {document_id: r.id}]->(:Sanction {id: 'register:uji.jsonl#case:k5#sanction',
        status: 'recommended', level: 'ringan', document_id: r.id})
"""


def write_alert_graph(graph, wipe_first: bool = True) -> None:
    """The graph above, in a wiped database (or beside what it holds: its ids are its own)."""
    from graph.schema import wipe

    if wipe_first:
        wipe(graph)
    graph.write(GRAPH, e1=E1, e2=E2, ani=ANI, ani_nip=ANI_NIP, budi=BUDI, citra=CITRA, dedi=DEDI, eka=EKA,
                fajar=FAJAR, gita=GITA, oki=OKI)
    graph.write(SANCTIONS, rows=SANCTION_ROWS)
    graph.write(REGISTER)
