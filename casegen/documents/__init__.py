"""Writing a case's documents, in the order they were made.

    temuan | laporan   the finding or report            always
    kajian             Bawaslu's review                  always
    gakkumdu           Sentra Gakkumdu's notes           some cases with an election-crime side
    rekomendasi        KASN or BKN's recommendation      cases Bawaslu forwarded
    keputusan          the PPK's sanction decree          proven cases whose PPK complied

A document's id is the case id and its kind: "c000123-kajian".
"""

from __future__ import annotations

import random
from datetime import date
from typing import Callable

from ..acts import principle_provisions
from ..cases import Case
from ..draft import Draft, draw_noise
from ..regulations import UU_5_2014, gold_citation
from .decree import write_decree
from .finding import write_finding, write_report
from .gakkumdu import write_gakkumdu_note
from .recommendation import write_recommendation
from .review import write_review

SUPERSEDED = gold_citation(principle_provisions(UU_5_2014)[-1])  # "UU 5/2014 Pasal 9 ayat (2)"
DOC_KINDS = ("temuan", "laporan", "kajian", "gakkumdu", "rekomendasi", "keputusan")


def doc_id(case_id: str, kind: str) -> str:
    return f"{case_id}-{kind}"


def doc_code(case_index: int, kind: str) -> int:
    """A compact number for a document id, as people's document lists store them."""
    return case_index * 8 + DOC_KINDS.index(kind)


def doc_id_of_code(code: int) -> str:
    case_index, kind = divmod(code, 8)
    return doc_id(f"c{case_index:06d}", DOC_KINDS[kind])


def _plan(case: Case) -> list[tuple[str, date, Callable[[Draft, Case], None]]]:
    stages = case.stages
    plan = [(case.source, stages.reported, write_finding if case.source == "temuan" else write_report),
            ("kajian", stages.review, write_review)]
    if stages.gakkumdu:
        plan.append(("gakkumdu", stages.gakkumdu, write_gakkumdu_note))
    if stages.recommendation:
        plan.append(("rekomendasi", stages.recommendation, write_recommendation))
    if stages.decision:
        plan.append(("keputusan", stages.decision, write_decree))
    return plan


def write_documents(rng: random.Random, case: Case) -> list[Draft]:
    drafts = []
    for kind, on, write in _plan(case):
        draft = Draft(rng, doc_id(case.id, kind), kind, on, draw_noise(rng))
        write(draft, case)
        if case.cites_superseded_law and SUPERSEDED in draft.citations:
            draft.note({"kind": "superseded_law", "printed": SUPERSEDED,
                        "note": "UU 5/2014 was replaced by UU 20/2023 on 31 October 2023, before the act"})
        drafts.append(draft)
    return drafts
