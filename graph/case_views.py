"""Cases as people read them: one case with its stages, people, links, sanction and documents,
and the cases that apply a provision. Shared by the case pages and the JSON API.

Read-only; every link shown keeps its evidence (document, span, sentence) and its status, so a
not-proven link is shown as such and never as support.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from graph.db import Graph
from core.refs import ProvisionRef

# The steps a case goes through, in order; a step lists the document stages that belong to it.
# Bawaslu finds or receives a report, reviews it, KASN/BKN recommend, the PPK decides.
TIMELINE = (("temuan_laporan", ("temuan", "laporan")), ("kajian", ("kajian", "gakkumdu")),
            ("rekomendasi", ("rekomendasi",)), ("keputusan_ppk", ("keputusan_ppk",)))
STEP_OF_STAGE = {stage: step for step, stages in TIMELINE for stage in stages}
STEP_ORDER = [step for step, _ in TIMELINE]
# Which step's agency each case link names.
STEP_OF_AGENCY_LINK = {"FOUND_BY": "temuan_laporan", "HANDLED_BY": "kajian", "RECOMMENDED_BY": "rekomendasi"}

CASE_DETAIL = """
MATCH (c:Case {id: $id})
RETURN c {.*} AS case,
       COLLECT { MATCH (c)-[:IN_REGION]->(r:Region) RETURN DISTINCT r {.id, .name, .level} AS region } AS regions,
       COLLECT { MATCH (c)-[:IN_ELECTION]->(e:Election) RETURN DISTINCT e {.id, .name} AS election } AS elections
"""

CASE_DOCUMENTS = """
MATCH (d:Document)-[a:ABOUT]->(:Case {id: $id})
RETURN d {.id, .kind, .title, .date, .path, .format, .ocr_confidence} AS document, a {.stage, .outcome, .number, .act_date} AS about,
       COLLECT { MATCH (d)-[r:CITES]->(p:Provision) WHERE r.case_id = $id
                 RETURN {provision_id: p.id, raw: r.raw, start: r.start, end: r.end} AS citation
                 ORDER BY r.start } AS citations
ORDER BY a.rank, d.id
"""

CASE_AGENCIES = """
MATCH (:Case {id: $id})-[r:FOUND_BY|HANDLED_BY|RECOMMENDED_BY]->(a:Agency)
RETURN type(r) AS type, a {.id, .name, .kind} AS agency,
       r {.document_id, .start, .end, .sentence} AS evidence
ORDER BY type, a.name, r.document_id
"""

# A register is about many cases: its mentions say which one they belong to (case_id).
CASE_PEOPLE = """
MATCH (:Case {id: $id})<-[:ABOUT]-(:Document)<-[:MENTIONED_IN]-(m:PersonMention)-[:MENTION_OF]->(p:Person)
WHERE m.case_id = $id
WITH DISTINCT p
RETURN p {.id, .name, .kind, .nip, .positions, .agencies} AS person,
       COLLECT { MATCH (p)-[r]->(o:Person|Agency|Position|Case) WHERE r.case_id = $id
                 RETURN {type: type(r), other_id: o.id, other_name: coalesce(o.name, o.number, o.id),
                         other_label: labels(o)[0], properties: r {.*}} AS link } AS links
"""

CASE_SANCTIONS = """
MATCH (:Case {id: $id})-[:RESULTED_IN]->(s:Sanction)
RETURN s {.*} AS sanction,
       COLLECT { MATCH (s)-[:SANCTIONED_BY]->(a:Agency) RETURN a {.id, .name} AS agency } AS by,
       COLLECT { MATCH (s)-[:CITES]->(p:Provision) RETURN p.id AS id ORDER BY id } AS provisions
ORDER BY s.id
"""

# Cases citing the provision or any part of it (a case citing Pasal 5 huruf n applies Pasal 5),
# through their documents or the legal basis of their sanctions. Ids are paths, so a part's id
# starts with its whole's id and "/" (index-backed prefix search; "pasal-1" must not match "pasal-10").
CASES_CITING = """
UNWIND $ids AS provision_id
CALL (provision_id) {
  MATCH (p:Provision) WHERE p.id STARTS WITH provision_id
    AND (p.id = provision_id OR substring(p.id, size(provision_id), 1) = '/')
  CALL (p) {
    MATCH (:Document)-[r:CITES]->(p) WHERE r.case_id IS NOT NULL RETURN r.case_id AS case_id
    UNION
    MATCH (c:Case)-[:RESULTED_IN]->(:Sanction)-[:CITES]->(p) RETURN c.id AS case_id
  }
  WITH DISTINCT case_id
  MATCH (c:Case {id: case_id})
  WITH c ORDER BY c.id
  RETURN collect(c {.id, .number, .stage, .outcome}) AS cases
}
RETURN provision_id, size(cases) AS total, cases[..$limit] AS cases
"""


# What a page shows of a document instead of its id: its title (a register has none: its file
# name) and date, for every document a page's evidence names, in one read.
DOCUMENT_LABELS = """
MATCH (d:Document) WHERE d.id IN $ids
RETURN d.id AS id, d.title AS title, d.date AS date, [kind IN labels(d) WHERE kind <> 'Document'][0] AS kind,
       labels(d) AS labels,
       last(split(coalesce(d.path, ''), '/')) AS file
"""


@dataclass
class CaseLink:
    """One document's claim about a person in this case, with its evidence."""

    type: str
    other_id: str
    other_name: str | None
    other_label: str
    status: str | None
    detail: str | None
    date: str | None
    document_id: str | None
    start: int | None
    end: int | None
    sentence: str | None


@dataclass
class CasePerson:
    id: str
    name: str
    kind: str | None
    nip: str | None
    positions: list[str]
    agencies: list[str]
    respondent: bool
    links: list[CaseLink]


@dataclass
class TimelineStep:
    step: str  # one of STEP_ORDER, or "sanksi"
    state: str  # "done" (before the case's stage), "current", "ahead"
    documents: list[dict]  # {id, title, date, kind, stage, outcome}
    agencies: list[dict]  # {type, id, name, document_id, start, end, sentence}


@dataclass
class CaseView:
    id: str
    number: str | None
    stage: str | None
    outcome: str | None
    source: str | None
    act: str | None
    act_date: str | None
    regions: list[dict]
    elections: list[dict]
    timeline: list[TimelineStep]
    people: list[CasePerson]
    sanctions: list[dict]  # {id, level, type, status, legal_basis, sentence, document_id, start, end, by, provisions}
    # {id, kind, title, date, path, stage, outcome, number, citations: [{provision_id, citation, raw, start, end}]}
    documents: list[dict]
    properties: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return asdict(self)


def provision_citation(provision_id: str) -> str:
    """"Pasal 8 ayat (3) huruf a PP 94/2021"; the id itself for ids that are not plain citations."""
    try:
        return ProvisionRef.from_id(provision_id).citation
    except (ValueError, StopIteration):
        return provision_id


def case_view(graph: Graph, case_id: str) -> CaseView | None:
    """The case `case_id` ("case:t001") as the case page shows it; None if there is none."""
    rows = graph.read(CASE_DETAIL, id=case_id)
    if not rows:
        return None
    case = rows[0]["case"]
    documents = [_document(row) for row in graph.read(CASE_DOCUMENTS, id=case_id)]
    agencies = [{"type": row["type"], **row["agency"], **row["evidence"]}
                for row in graph.read(CASE_AGENCIES, id=case_id)]
    sanctions = [_sanction(row) for row in graph.read(CASE_SANCTIONS, id=case_id)]
    people = sorted((_person(row) for row in graph.read(CASE_PEOPLE, id=case_id)),
                    key=lambda person: (not person.respondent, person.name or "", person.id))
    return CaseView(case["id"], case.get("number"), case.get("stage"), case.get("outcome"), case.get("source"),
                    case.get("act"), case.get("act_date"), rows[0]["regions"], rows[0]["elections"],
                    _timeline(case.get("stage"), documents, agencies, sanctions), people, sanctions, documents, case)


def cases_citing(graph: Graph, provision_ids: list[str], limit: int = 50) -> dict[str, dict]:
    """For each provision id: {total, cases (the first `limit`)} of the cases that apply it or a part of it."""
    rows = graph.read(CASES_CITING, ids=list(dict.fromkeys(provision_ids)), limit=limit)
    return {row["provision_id"]: {"total": row["total"], "cases": row["cases"]} for row in rows}


def document_labels(graph: Graph, ids) -> dict[str, dict]:
    """id -> {id, title, date, kind, file} of each of the documents `ids` that is in the graph."""
    ids = sorted({document_id for document_id in ids if document_id})
    return {row["id"]: row for row in graph.read(DOCUMENT_LABELS, ids=ids)} if ids else {}


def _document(row: dict) -> dict:
    citations = [{**citation, "citation": provision_citation(citation["provision_id"])}
                 for citation in row["citations"]]
    return {**row["document"], **row["about"], "citations": citations}


def _sanction(row: dict) -> dict:
    sanction = row["sanction"]
    return {"id": sanction["id"], "level": sanction.get("level"), "type": sanction.get("type"),
            "status": sanction.get("status"), "legal_basis": sanction.get("legal_basis") or [],
            "sentence": sanction.get("sentence"), "document_id": sanction.get("document_id"),
            "start": sanction.get("start"), "end": sanction.get("end"),
            "by": row["by"][0] if row["by"] else None,
            "provisions": [{"id": pid, "citation": provision_citation(pid)} for pid in row["provisions"]]}


def _person(row: dict) -> CasePerson:
    person = row["person"]
    links = sorted((_link(link) for link in row["links"]),
                   key=lambda link: (link.type, link.other_name or "", link.document_id or "", link.start or 0))
    return CasePerson(person["id"], person.get("name"), person.get("kind"), person.get("nip"),
                      person.get("positions") or [], person.get("agencies") or [],
                      any(link.type == "RESPONDENT_IN" for link in links), links)


def _link(link: dict) -> CaseLink:
    props = link["properties"]
    return CaseLink(link["type"], link["other_id"], link["other_name"], link["other_label"], props.get("status"),
                    props.get("detail"), props.get("date"), props.get("document_id"), props.get("start"),
                    props.get("end"), props.get("sentence"))


def _timeline(stage: str | None, documents: list[dict], agencies: list[dict],
              sanctions: list[dict]) -> list[TimelineStep]:
    """The four steps and the sanction; a step is done when the case has gone past it, even if no
    document of that step was loaded (a register states only the latest stage). The sanction is
    done once imposed; a recommended one is still ahead."""
    current = STEP_ORDER.index(STEP_OF_STAGE[stage]) if stage in STEP_OF_STAGE else -1
    steps = []
    for index, name in enumerate(STEP_ORDER):
        state = "done" if index < current else "current" if index == current else "ahead"
        steps.append(TimelineStep(
            name, state,
            [{key: doc.get(key) for key in ("id", "title", "date", "kind", "stage", "outcome")} for doc in documents
             if STEP_OF_STAGE.get(doc.get("stage")) == name],
            _once([agency for agency in agencies if STEP_OF_AGENCY_LINK.get(agency["type"]) == name])))
    imposed = any(sanction["status"] == "imposed" for sanction in sanctions)
    deciders = [{"type": "SANCTIONED_BY", **sanction["by"]} for sanction in sanctions if sanction["by"]]
    steps.append(TimelineStep("sanksi", "done" if imposed else "ahead", [], _once(deciders)))
    return steps


def _once(agencies: list[dict]) -> list[dict]:
    """Each agency once per step, with its first evidence: several documents name the same Bawaslu."""
    first: dict[tuple, dict] = {}
    for agency in agencies:
        first.setdefault((agency["type"], agency["id"]), agency)
    return list(first.values())
