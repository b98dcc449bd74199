"""The case register: one row per case, as CSV (register.csv) and JSON Lines (register.jsonl).

REGISTER_COLUMNS documents every column (name, type, meaning). In the CSV, lists are joined
with "; ", booleans are "true"/"false", and empty values are empty strings; in JSON Lines,
lists are arrays, booleans are booleans, integers are numbers, and empty values are null.
Dates are ISO (YYYY-MM-DD).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from .cases import Case
from .draft import Draft
from .law import gold_citation


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # str, date, int, bool, list
    meaning: str


REGISTER_COLUMNS = (
    Column("case_id", "str", "case id; documents are named <case_id>-<kind>.txt"),
    Column("case_number", "str", "Bawaslu register number, e.g. 012/Reg/TM/PB/Kab/03.06/X/2020"),
    Column("source", "str", "temuan (Bawaslu's own finding) or laporan (public report)"),
    Column("region", "str", "where the act took place: Kota Padang, Kabupaten Agam, ..."),
    Column("region_code", "str", "Kemendagri code of the region, e.g. 13.06"),
    Column("election", "str", "pilkada-2020, pemilu-2024 or pilkada-2024"),
    Column("race", "str", "race concerned, e.g. Bupati Agam 2020 (for approaching parties: the race sought)"),
    Column("act_date", "date", "date of the act"),
    Column("reported_date", "date", "finding made / report received and registered"),
    Column("review_date", "date", "Bawaslu's kajian or klarifikasi concluded"),
    Column("recommendation_date", "date", "KASN/BKN recommendation (empty if not forwarded)"),
    Column("decision_date", "date", "PPK's sanction decree (empty if none)"),
    Column("gakkumdu_date", "date", "Sentra Gakkumdu discussion (empty if none)"),
    Column("recommending_body", "str", "KASN (until 30 Oct 2023) or BKN (after); empty if not forwarded"),
    Column("recommendation_number", "str", "number of the recommendation letter"),
    Column("decision_number", "str", "number of the PPK's decree"),
    Column("respondent_key", "str", "gold person key of the reported ASN"),
    Column("respondent_name", "str", "name without titles"),
    Column("respondent_nip", "str", "18-digit NIP (PNS) or NI PPPK (PPPK)"),
    Column("employment", "str", "PNS or PPPK"),
    Column("position", "str", "post, e.g. Kepala Dinas Pendidikan, guru, Camat Lubuk Basung"),
    Column("position_group", "str", "JPT, administrator, pengawas, fungsional or pelaksana"),
    Column("territorial_head", "bool", "camat or lurah"),
    Column("agency", "str", "employing unit, e.g. Dinas Pendidikan Kabupaten Agam, SMP Negeri 3 Kota Solok"),
    Column("ppk", "str", "the PPK (employing head) and their office, e.g. Bupati Agam"),
    Column("candidate_keys", "list", "gold keys of the candidates the act supported (as named)"),
    Column("candidate_names", "list", "their names"),
    Column("ballot_number", "int", "the candidates' nomor urut (empty for approaching parties/membership)"),
    Column("act", "str", "family of the act: social_media, approaching_party, banners, partisan_activity, "
                         "declaration, favouring_decision, state_facilities, mobilising_staff, gifts, "
                         "support_letter, party_membership"),
    Column("act_detail", "str", "the act more precisely, e.g. social_media_uniform"),
    Column("act_label", "str", "Indonesian label of the act"),
    Column("party", "str", "political party approached or joined (those acts only)"),
    Column("outcome", "str", "terbukti (proven), tidak_terbukti (not proven) or dihentikan (stopped)"),
    Column("outcome_stage", "str", "where the case ended: Bawaslu, KASN or BKN"),
    Column("stop_reason", "str", "why handling stopped: late, withdrawn, incomplete, unverified, resigned"),
    Column("sanction_level", "str", "ringan, sedang, berat, moral or ptdh (proven cases)"),
    Column("sanction_type", "str", "the sanction as written, e.g. teguran tertulis"),
    Column("sanction_imposed", "bool", "the PPK issued the decree"),
    Column("legal_basis", "list", "provisions violated, as gold citation strings"),
    Column("sanction_basis", "list", "provisions grounding the sanction"),
    Column("gakkumdu_outcome", "str", "tidak_dilanjutkan, penyidikan or kedaluwarsa (empty if none)"),
    Column("family_tie", "str", "relation of the ASN to the candidate, when a document states it"),
    Column("appointed_by_key", "str", "gold key of the head who appointed the ASN, when a document states it"),
    Column("co_actor_key", "str", "gold key of a village head who took part"),
    Column("co_actor_position", "str", "their office, e.g. Wali Nagari Sungai Sarik"),
    Column("documents", "list", "document ids, in the order made"),
)
COLUMN_NAMES = tuple(column.name for column in REGISTER_COLUMNS)


def schema_table() -> str:
    """REGISTER_COLUMNS as a Markdown table, for documentation."""
    lines = ["| column | type | meaning |", "|---|---|---|"]
    lines += [f"| `{column.name}` | {column.type} | {column.meaning} |" for column in REGISTER_COLUMNS]
    return "\n".join(lines)


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def register_row(case: Case, drafts: list[Draft]) -> dict:
    """The case's row, columns in REGISTER_COLUMNS order; ties only as far as documents state them."""
    person, stages, sanction = case.respondent, case.stages, case.sanction
    stated = {key for draft in drafts for key in draft.evidence}
    family = person.family if person.family and ("FAMILY", person.key, person.family.to.key) in stated else None
    appointment = person.appointment
    if appointment and ("APPOINTED_BY", person.key, appointment.by.key) not in stated:
        appointment = None
    values = {
        "case_id": case.id, "case_number": case.case_number, "source": case.source,
        "region": case.region.full_name, "region_code": case.region.code, "election": case.election.key,
        "race": case.race.label() if case.race else None,
        "act_date": _iso(stages.act), "reported_date": _iso(stages.reported), "review_date": _iso(stages.review),
        "recommendation_date": _iso(stages.recommendation), "decision_date": _iso(stages.decision),
        "gakkumdu_date": _iso(stages.gakkumdu),
        "recommending_body": case.body, "recommendation_number": case.recommendation_number,
        "decision_number": case.decision_number,
        "respondent_key": person.key, "respondent_name": person.name, "respondent_nip": person.nip,
        "employment": person.employment, "position": person.office.title, "position_group": person.office.group,
        "territorial_head": person.office.territorial, "agency": person.office.agency, "ppk": case.ppk.title,
        "candidate_keys": [c.key for c in case.supported], "candidate_names": [c.name for c in case.supported],
        "ballot_number": case.ticket.number if case.ticket else None,
        "act": case.act.family, "act_detail": case.act.code, "act_label": case.act.label, "party": case.party,
        "outcome": case.outcome, "outcome_stage": case.outcome_stage, "stop_reason": case.stop_reason,
        "sanction_level": sanction.level if sanction else None, "sanction_type": sanction.type if sanction else None,
        "sanction_imposed": case.sanction_imposed,
        "legal_basis": [gold_citation(ref) for ref in case.violated],
        "sanction_basis": [gold_citation(ref) for ref in sanction.basis] if sanction else [],
        "gakkumdu_outcome": case.gakkumdu_outcome,
        "family_tie": family.relation if family else None,
        "appointed_by_key": appointment.by.key if appointment else None,
        "co_actor_key": case.co_actor.key if case.co_actor else None,
        "co_actor_position": case.co_actor.position if case.co_actor else None,
        "documents": [draft.doc_id for draft in drafts],
    }
    return {name: values[name] for name in COLUMN_NAMES}


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


class RegisterWriter:
    def __init__(self, out_dir: Path) -> None:
        self._csv_file = open(out_dir / "register.csv", "w", encoding="utf-8", newline="")
        self._jsonl = open(out_dir / "register.jsonl", "w", encoding="utf-8")
        self._csv = csv.writer(self._csv_file, lineterminator="\n")
        self._csv.writerow(COLUMN_NAMES)

    def write(self, row: dict) -> None:
        self._csv.writerow([_csv_value(row[name]) for name in COLUMN_NAMES])
        self._jsonl.write(json.dumps(row, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self._csv_file.close()
        self._jsonl.close()
