"""A register of HUB_CASES fictional cases in one region, for the network tests, the browser test
of "network at a hub" and the timing of its page (README, "The entity network at a hub").

Every case was reported to Bawaslu Kabupaten Pesisir Uji (HUB: HUB_CASES cases FOUND_BY it) and
recommended by BKN; each respondent is a teacher at one of SCHOOLS (a school of 125 teachers is a
hub at the trace's hub degree of 100) or, for a few, at the Dinas Pendidikan; the cases supported
one of CANDIDATES (hubs of about 170 supporters each), and every TWO_CANDIDATES-th case supported
two of them. Outcomes cycle through proven, not proven and pending (three cases at a time), so
each candidate's links have every status; act dates run through 2024.
"""

from __future__ import annotations

import json
from pathlib import Path

HUB = "agency:bawaslu-kabupaten-pesisir-uji"
BKN = "agency:bkn"
HUB_CASES = 500
REGION = "Kabupaten Pesisir Uji"
RACE = "Bupati Pesisir Uji 2024"  # named with the race, a candidate is one person across the rows
SCHOOLS = tuple(f"SMP Negeri {number} Pesisir Uji" for number in range(1, 5))
CANDIDATES = ("Bambang Contoh", "Sutan Rekaan", "Hasan Khayalan")
TWO_CANDIDATES = 50  # every 50th case supported two candidates: its respondent has two hub neighbours
FIRST = ("Andi", "Budi", "Citra", "Dewi", "Eka", "Fitri", "Gita", "Hadi", "Indra", "Joko", "Kartika", "Lestari",
         "Maya", "Nanda", "Oki", "Putri", "Rahmat", "Sari", "Taufik", "Umar", "Wulan", "Yanti", "Zul", "Rina", "Dodi")
LAST = ("Contohwati", "Fiktifsyah", "Samaran", "Rekaan", "Khayalan", "Ujianto", "Misalan", "Andaikan", "Sebutan",
        "Cobaan", "Perumpama", "Tiruan", "Bayangan", "Karangan", "Dugaan", "Rancangan", "Gambaran", "Sangkaan",
        "Anggapan", "Ibaratan")
OUTCOMES = ("terbukti", "tidak_terbukti", "dalam_proses")


def respondent(number: int) -> tuple[str, str]:
    """The name and NIP of case `number`'s respondent: unique, and a NIP of the usual shape (birth
    date, appointment month, sex, serial)."""
    name = f"{FIRST[number % len(FIRST)]} {LAST[number // len(FIRST) % len(LAST)]}"
    nip = f"19{70 + number % 25:02d}{1 + number % 12:02d}{1 + number % 28:02d}2005{1 + number % 12:02d}1{number:03d}"
    return name, nip


def register_rows(cases: int = HUB_CASES) -> list[dict]:
    rows = []
    for number in range(cases):
        name, nip = respondent(number)
        candidates = [CANDIDATES[number % len(CANDIDATES)]]
        if number % TWO_CANDIDATES == 0:
            candidates.append(CANDIDATES[(number + 1) % len(CANDIDATES)])
        agency = SCHOOLS[number % len(SCHOOLS)] if number % 25 else f"Dinas Pendidikan {REGION}"
        rows.append({
            "case_id": f"h{number:03d}", "case_number": f"{number + 1:03d}/Reg/LP/PB/Kab/03.99/XI/2024",
            "source": "laporan", "region": REGION, "election": "pilkada-2024", "race": RACE,
            "act_date": f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}", "recommending_body": "BKN",
            "respondent_name": name, "respondent_nip": nip, "position": "guru", "agency": agency,
            "ppk": "Bupati Pesisir Uji", "candidate_names": candidates, "act": "social_media",
            "act_label": "mengunggah dukungan di media sosial",
            "outcome": OUTCOMES[number // len(CANDIDATES) % len(OUTCOMES)]})  # each candidate gets all three
    return rows


def write_hub_register(folder: Path, cases: int = HUB_CASES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "register.jsonl").write_text("".join(json.dumps(row) + "\n" for row in register_rows(cases)),
                                           encoding="utf-8")
    return folder


def load_hub_graph(graph, folder: Path, cases: int = HUB_CASES) -> None:
    """The register above, ingested into a wiped graph as `netra ingest-cases` would."""
    from graph.schema import wipe
    from ingest.case_pipeline import ingest_cases

    wipe(graph)
    summary = ingest_cases([str(write_hub_register(folder, cases))], graph, show_progress=False)
    assert summary.count("failed") == 0, summary.to_json()
