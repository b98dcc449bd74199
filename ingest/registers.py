"""Case registers (CSV or JSON Lines, one case per row, with the columns of REGISTER_COLUMNS below)
read into the same `CaseExtraction`s that case documents give, one per row.

A register states facts rather than prose, so every link it gives is evidenced by its row: the
span is the row's line in the file, the "sentence" the line itself, the method "register".
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass

from core.errors import NetraError
from ingest.cases import (ALLEGED, ASN, CANDIDATE, EMPLOYED_BY, FAMILY_OF, HOLDS_POSITION, NOT_PROVEN, OFFICIAL,
                          PROVEN, SUPPORTED, CaseExtraction, Link, Mention, Person, Sanction)
from ingest.citations import extract_citations


# The register format: every column a register may have, its type and meaning. The generator of
# fictional corpora (casegen) writes registers in this format.
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

REQUIRED = ("case_id", "respondent_name", "outcome")
OUTCOMES = {"terbukti": PROVEN, "tidak_terbukti": NOT_PROVEN, "dihentikan": "dismissed"}
COLUMN_TYPES = {column.name: column.type for column in REGISTER_COLUMNS}
OFFICIAL_POSITIONS = ("wali nagari", "kepala desa", "lurah desa")


@dataclass
class RegisterRow:
    values: dict
    line: int  # 1-based line number in the file
    start: int  # character span of the line
    end: int


def read_register(text: str, suffix: str) -> tuple[list[RegisterRow], list[str]]:
    """The rows of a register, and a warning for each row that could not be read."""
    lines = _lines(text)
    if suffix == ".csv":
        header = next(csv.reader([lines[0][2]])) if lines else []
        _check_columns(header)
        parse = lambda line: dict(zip(header, (_from_csv(name, value) for name, value in
                                               zip(header, next(csv.reader([line]))))))
        lines = lines[1:]
    else:
        parse = json.loads
    rows, warnings = [], []
    for number, start, line in lines:
        if not line.strip():
            continue
        try:
            values = parse(line)
            if not isinstance(values, dict):
                raise ValueError("not a JSON object")
            if suffix != ".csv":
                _check_columns(values)
            rows.append(RegisterRow(values, number, start, start + len(line)))
        except (ValueError, StopIteration, NetraError) as exc:
            warnings.append(f"line {number} skipped: {exc}")
    if not rows and lines:
        raise NetraError(f"no readable case rows ({warnings[0] if warnings else 'only a header'})")
    return rows, warnings


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(line number, start offset, line without its end) for every line."""
    lines, offset = [], 0
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        lines.append((number, offset, line.rstrip("\r\n")))
        offset += len(line)
    return lines


def _check_columns(columns) -> None:
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise NetraError(f"not a case register: no column {', '.join(missing)} "
                         f"(expected the columns {', '.join(COLUMN_NAMES[:4])}, ...; see the README)")


def _from_csv(name: str, value: str):
    """CSV cells as the JSON Lines values: empty -> None, lists split on "; ", booleans, integers."""
    if value == "":
        return [] if COLUMN_TYPES.get(name) == "list" else None
    kind = COLUMN_TYPES.get(name)
    if kind == "list":
        return value.split("; ")
    if kind == "bool":
        return value == "true"
    if kind == "int":
        return int(value)
    return value


def row_extraction(row: RegisterRow, text: str, doc_id: str) -> CaseExtraction:
    """One row as a CaseExtraction: the respondent, the candidates, the links and the sanction."""
    values, span = row.values, (row.start, row.end)
    line = text[row.start:row.end]
    outcome = OUTCOMES.get(values.get("outcome") or "", "pending")
    prefix = f"{doc_id}#{values['case_id']}"
    respondent = _respondent(values, f"{prefix}-p1", line, row.start)
    candidates = [Person(id=f"{prefix}-p{n}", name=name, kind=CANDIDATE, race=values.get("race"),
                         ballot_number=values.get("ballot_number"), mentions=_mentions(name, line, row.start))
                  for n, name in enumerate(values.get("candidate_names") or [], 2)]
    return CaseExtraction(
        doc_id=doc_id, stage=_stage(values), case_number=values.get("case_number"), outcome=outcome, dates=[],
        sanction=_sanction(values, span), persons=[respondent, *candidates], agencies=[], regions=[], elections=[],
        links=_links(values, respondent, candidates, outcome, span),
        citations=[citation.moved(row.start + max(line.find(raw), 0))
                   for raw in values.get("legal_basis") or [] for citation in extract_citations(raw)],
        problems=[])


def _respondent(values: dict, person_id: str, line: str, offset: int) -> Person:
    position = values.get("position")
    official = position and position.lower().startswith(OFFICIAL_POSITIONS)
    return Person(id=person_id, name=values["respondent_name"], nip=values.get("respondent_nip"),
                  nip_kind=values.get("employment"), kind=OFFICIAL if official else ASN, position=position,
                  agency=values.get("agency"), region=values.get("region"),
                  mentions=_mentions(values["respondent_name"], line, offset))


def _mentions(name: str, line: str, offset: int) -> list[Mention]:
    at = line.find(name)
    return [Mention(offset + at, offset + at + len(name), name)] if at >= 0 else []


def _stage(values: dict) -> str:
    for column, stage in (("decision_date", "keputusan_ppk"), ("recommendation_date", "rekomendasi"),
                          ("review_date", "kajian")):
        if values.get(column):
            return stage
    return values.get("source") or "temuan"


def _links(values: dict, respondent: Person, candidates: list[Person], outcome: str,
           span: tuple[int, int]) -> list[Link]:
    support = PROVEN if outcome == PROVEN else NOT_PROVEN if outcome in (NOT_PROVEN, "dismissed") else ALLEGED
    background = PROVEN if outcome == PROVEN else ALLEGED
    links = [Link(SUPPORTED, respondent.id, candidate.id, support, span, values.get("act_label"), method="register")
             for candidate in candidates]
    if values.get("family_tie") and candidates:
        links.append(Link(FAMILY_OF, respondent.id, candidates[0].id, background, span, values["family_tie"],
                          method="register"))
    if respondent.position:
        links.append(Link(HOLDS_POSITION, respondent.id, respondent.position, background, span,
                          target_kind="Position", method="register"))
    if respondent.agency:
        links.append(Link(EMPLOYED_BY, respondent.id, respondent.agency, background, span,
                          target_kind="Agency", method="register"))
    return links


def _sanction(values: dict, span: tuple[int, int]) -> Sanction | None:
    if not values.get("sanction_level"):
        return None
    level = values["sanction_level"]
    return Sanction(level="PTDH" if level.lower() == "ptdh" else level, type=values.get("sanction_type"),
                    legal_basis=tuple(values.get("sanction_basis") or ()),
                    status="imposed" if values.get("sanction_imposed") else "recommended", evidence=span)
