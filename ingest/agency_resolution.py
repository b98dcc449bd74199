"""Agencies across documents: every agency link re-read, so that one body is one Agency.

A document's agency links are written to the Agency its name resolves to on its own
(ingest.cases.agencies: normalising, slips, the gazetteer), and keep the name as written.
`refresh_agencies` then looks at every name in the graph at once, which one document cannot: it
merges names that are one slip apart from each other ("Puskesmas Koto Tingi" and "Puskesmas Koto
Tinggi"), asks a reviewer about uncertain pairs, honours reviewers' verdicts (a rejected merge
gives the name its own Agency again; an accepted one joins the two) and takes up changes to the
gazetteer. It runs after every `netra ingest-cases` that loaded something and with `netra
entities refresh` (a report accepted in triage is resolved incrementally and waits for the next
of these; a rejection is honoured at once, as its documents are read). The statements are in
graph/agencies.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.agencies import agency_link_names, agency_verdicts, open_agency_decisions, rearrange_agencies
from graph.db import Graph
from graph.entities import file_review_decisions
from ingest.cases.agencies import MERGE, REJECTED, REVIEW, plan_agencies


@dataclass
class AgencySummary:
    agencies: int  # Agencies the links end at
    names: int  # names the links were written with
    moved: int  # names whose links moved to another Agency
    merges: int  # merges recorded (a name read as a body, or two names joined)
    review: int  # pairs left for a reviewer


def agency_names_kept_apart(graph: Graph) -> frozenset[frozenset[str]]:
    """The pairs of Agency ids reviewers said are not one body: a document read later honours them
    as it is written (the refresh would move its links otherwise)."""
    return frozenset(frozenset((row["a"], row["b"])) for row in agency_verdicts(graph) if row["verdict"] == REJECTED)


def refresh_agencies(graph: Graph) -> AgencySummary:
    """Re-read every agency link's name and rearrange the Agencies accordingly."""
    rows = agency_link_names(graph)
    plan = plan_agencies(rows, agency_verdicts(graph))
    filed_before = open_agency_decisions(graph)
    rearrange_agencies(graph, plan.agencies, plan.moves, [decision.row() for decision in plan.decisions])
    # The review queue lists open decisions by their impact: those made now, and those gone.
    file_review_decisions(graph, sorted(set(filed_before) | {d.id for d in plan.decisions if d.decision == REVIEW}))
    names = {(row["named_as"] or row["name"], row["named_region"]) for row in rows if row["links"]}
    return AgencySummary(len(plan.agencies), len(names), len({(m["named_as"], m["named_region"]) for m in plan.moves}),
                         sum(1 for d in plan.decisions if d.decision == MERGE),
                         sum(1 for d in plan.decisions if d.decision == REVIEW))
