"""A register and a report beside the hand-written case documents (tests/case_fixtures.py), for the
timeline tests: the register dates every step of case r001 (a report to Bawaslu Kota Solok, its
review, BKN's recommendation, the Wali Kota's decision and sanction) and gives case r002 an act
date that is not a date; the report names Bawaslu Kota Solok and Pilkada 2024."""

import json
from pathlib import Path

from case_fixtures import write_documents

REGISTER = [
    {"case_id": "r001", "case_number": "009/Reg/LP/PW/Kota/03.72/XI/2024", "source": "laporan", "region": "Kota Solok",
     "election": "pilkada-2024", "act_date": "2024-10-05", "reported_date": "2024-10-07", "review_date": "2024-10-12",
     "recommendation_date": "2024-11-01", "decision_date": "2024-12-02", "recommending_body": "BKN",
     "respondent_name": "Rina Contohwati", "respondent_nip": "198501012010012001", "position": "guru",
     "agency": "SMP Negeri 1 Kota Solok", "ppk": "Wali Kota Solok", "candidate_names": ["Bambang Contoh"],
     "act": "social_media", "act_label": "mengunggah dukungan di media sosial", "outcome": "terbukti",
     "sanction_level": "sedang", "sanction_type": "pemotongan tunjangan kinerja", "sanction_imposed": True},
    {"case_id": "r002", "region": "Kota Solok", "election": "pilkada-2024", "act_date": "kemarin",
     "respondent_name": "Dodi Rekaan", "candidate_names": ["Bambang Contoh"], "outcome": "tidak_terbukti",
     "act_label": "menghadiri kampanye"},
]
REGISTER_NIP = "198501012010012001"
REPORT = """type: Report
title: Laporan Pengawasan Pilkada 2024 Kota Solok
---
Padang, 20 Desember 2024

Bawaslu Kota Solok mencatat 3 kasus netralitas ASN selama Pilkada 2024 Kota Solok.
"""
ELECTION = "election:pilkada-2024-kota-solok"
BAWASLU = "agency:bawaslu-kota-solok"
# Every name of a person in these files, for checking what a researcher is shown.
FULL_NAMES = ("Kurniawan Fiktifsyah", "Bambang Contoh", "Desi Rekaan", "Andi Samaran", "Hendra Khayalan",
              "Rina Contohwati", "Dodi Rekaan")
NIPS = ("197806202005011003", "197912012006041002", REGISTER_NIP)


def write_timeline_corpus(folder: Path) -> Path:
    write_documents(folder)
    (folder / "register.jsonl").write_text("".join(json.dumps(row) + "\n" for row in REGISTER), encoding="utf-8")
    (folder / "laporan-pengawasan.txt").write_text(REPORT, encoding="utf-8")
    return folder


def load_timeline_corpus(graph, folder: Path) -> None:
    from graph.schema import wipe
    from ingest.case_pipeline import ingest_cases

    wipe(graph)
    summary = ingest_cases([str(write_timeline_corpus(folder))], graph, show_progress=False)
    assert summary.count("failed") == 0, summary.to_json()
