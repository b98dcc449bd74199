"""Writes the case register: one row per case, as CSV (register.csv) and JSON Lines (register.jsonl),
in the format that `ingest.registers` reads and defines (REGISTER_COLUMNS). In the CSV, lists are
joined with "; ", booleans are "true"/"false", and empty values are empty strings; in JSON Lines,
lists are arrays, booleans are booleans, integers are numbers, and empty values are null.
Dates are ISO (YYYY-MM-DD).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from ingest.registers import COLUMN_NAMES, REGISTER_COLUMNS, Column  # noqa: F401  (the reader owns the format)

from .cases import Case
from .draft import Draft
from .regulations import gold_citation


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
