"""Timelines: what happened when, for a person, an agency, an election or a case.

Each event is something the graph records about a case or a person, with the document that says
so and the sentence (or register line) stating it:

    conduct         the act, on the date a register gives it (ABOUT.act_date)
    temuan, laporan, kajian, gakkumdu, rekomendasi, keputusan_ppk
                    a step of a case: a case document at that stage (dated by the document's own
                    date, Document.date) with the agency its FOUND_BY/HANDLED_BY/RECOMMENDED_BY link
                    names, or a register's date of that step (ABOUT.reported_date, review_date,
                    gakkumdu_date, recommendation_date, decision_date)
    sanction        a Sanction (level, type, status, the PPK that imposed it), dated by its document
                    (a register: the decision's date if imposed, else the recommendation's)
    SUPPORTED, APPOINTED_BY
                    a person's link, dated by the date its sentence states (CLAIMS.date, or a
                    register's date of the act), else by its document's date (when the document
                    said it: a recommendation finding the support proven); listed even when undated
    HOLDS_POSITION, EMPLOYED_BY
                    a person's position or employer as a dated sentence states it, only when it
                    does (undated, they are standing facts, listed on the entity page). FAMILY_OF
                    and RUNNING_MATE_OF are relations, not events: a date in their sentence is
                    the conduct's, not theirs, so they are left out.
    named_in_report a report (a Report document) naming the agency or election, by its date
    document        a case document whose stage is not known

A person's timeline holds its links (either way) and the steps and sanctions of the cases it is the
respondent in; an agency's the steps it took, the sanctions it imposed, dated links to it and the
reports naming it; an election's everything about its cases and the reports naming it; a case's
its steps, sanctions and the links of the people in it.

Each timeline is one read: events sorted by date, undated ones after the dated (and within a day
in the order of a case's steps), at most `limit` of them with the total, so a hub (an election of
thousands of cases) costs one bounded answer. Dates are ISO days as the documents state them;
a stored value that is not an ISO date counts as undated.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from core.errors import NetraError
from graph.db import Graph
from graph.entities import find_entities

MAX_EVENTS = 500
ALWAYS_LINKS = ("SUPPORTED", "APPOINTED_BY")
DATED_LINKS = ("HOLDS_POSITION", "EMPLOYED_BY")
LINK_TYPES = ALWAYS_LINKS + DATED_LINKS
STEPS = ("temuan", "laporan", "temuan_laporan", "kajian", "gakkumdu", "rekomendasi", "keputusan_ppk")
# Every event type, in the order events of one day are listed (a case's steps in their order).
EVENT_TYPES = ("conduct", *LINK_TYPES, *STEPS, "sanction", "document", "named_in_report")
RANKS = {event_type: rank for rank, types in enumerate((
    ("conduct",), ("SUPPORTED",), ("APPOINTED_BY",), ("HOLDS_POSITION", "EMPLOYED_BY"),
    ("temuan", "laporan", "temuan_laporan"), ("kajian",), ("gakkumdu",), ("rekomendasi",), ("keputusan_ppk",),
    ("sanction",), ("document",), ("named_in_report",))) for event_type in types}
# A register's date columns (kept on its ABOUT link to each case, see ingest/case_pipeline.py), the
# step each dates, and the case link naming the agency of that step.
REGISTER_STEPS = [{"column": "act_date", "type": "conduct", "link": None},
                  {"column": "reported_date", "type": "temuan_laporan", "link": "FOUND_BY"},
                  {"column": "review_date", "type": "kajian", "link": "HANDLED_BY"},
                  {"column": "gakkumdu_date", "type": "gakkumdu", "link": None},
                  {"column": "recommendation_date", "type": "rekomendasi", "link": "RECOMMENDED_BY"},
                  {"column": "decision_date", "type": "keputusan_ppk", "link": None}]
STEP_OF_LINK = {step["link"]: step for step in REGISTER_STEPS if step["link"]}


def _day(value: str) -> str:
    """Cypher: `value` as an ISO day, or null when it is not a string starting with one."""
    return (f"CASE WHEN {value} IS :: STRING AND {value} =~ '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}.*' "
            f"THEN left({value}, 10) END")


def _event(**given: str) -> str:
    """Cypher: the RETURN of one kind of event; every kind returns the same columns."""
    columns = ("date", "dated_by", "type", "event_case", "document", "evidence", "subject", "other", "agency",
               "status", "detail")
    return "RETURN " + ", ".join(f"{given.get(column, 'null')} AS {column}" for column in columns)


# -- what happened in case `c` ------------------------------------------------------------------

# A case document is a step of the case; its agency is the one its case link names.
CASE_DOCUMENT_STEPS = f"""
MATCH (d:Document)-[a:ABOUT]->(c) WHERE NOT d:Register
OPTIONAL MATCH (c)-[l:FOUND_BY|HANDLED_BY|RECOMMENDED_BY]->(g:Agency) WHERE l.document_id = d.id
WITH c, d, a, l, g ORDER BY type(l), g.id
WITH c, d, a, collect([l, g])[0] AS named, {_day('d.date')} AS date
{_event(date="date", dated_by="CASE WHEN date IS NOT NULL THEN 'document' END",
        type="coalesce(a.stage, 'document')", event_case="c", document="d", evidence="named[0]",
        agency="named[1]", status="a.outcome")}
"""

# A register dates each step of each case it lists; its line is the evidence.
CASE_REGISTER_STEPS = f"""
MATCH (d:Register)-[a:ABOUT]->(c)
WITH c, d, a, COLLECT {{ MATCH (:PersonMention {{case_id: c.id}})-[line:CLAIMS]->() WHERE line.document_id = d.id
                        RETURN line ORDER BY line.start LIMIT 1 }} AS lines
UNWIND $register_steps AS step
WITH c, d, a, lines, step, a[step.column] AS date
WITH c, d, a, lines, step, {_day('date')} AS date
WHERE date IS NOT NULL
OPTIONAL MATCH (c)-[l]->(g:Agency) WHERE type(l) = step.link AND l.document_id = d.id
WITH c, d, a, lines, step, date, collect(g)[0] AS agency
{_event(date="date", dated_by="'register'",
        type="CASE WHEN step.type = 'temuan_laporan' AND a.source IN ['temuan', 'laporan'] THEN a.source "
             "ELSE step.type END",
        event_case="c", document="d", evidence="lines[0]", agency="agency",
        detail="CASE WHEN step.type = 'conduct' THEN coalesce(a.act, c.act) END")}
"""

# A sanction, from `c` and `s`: dated by its document, or by the register's date of its step.
SANCTION_EVENT = f"""
OPTIONAL MATCH (d:Document {{id: s.document_id}})
OPTIONAL MATCH (d)-[a:ABOUT]->(c)
OPTIONAL MATCH (s)-[:SANCTIONED_BY]->(g:Agency)
WITH c, s, d, collect(a)[0] AS a, collect(g)[0] AS g
WITH c, s, d, g, d.date AS own,
     CASE WHEN s.status = 'imposed' THEN a.decision_date ELSE a.recommendation_date END AS stated
WITH c, s, d, g, {_day('own')} AS own, {_day('stated')} AS stated
{_event(date="coalesce(own, stated)",
        dated_by="CASE WHEN own IS NOT NULL THEN 'document' WHEN stated IS NOT NULL THEN 'register' END",
        type="'sanction'", event_case="c", document="d", evidence="s", agency="g", status="s.status",
        detail="CASE WHEN s.level IS NULL THEN s.type WHEN s.type IS NULL THEN s.level "
               "ELSE s.level + ': ' + s.type END")}
"""
CASE_SANCTIONS = "MATCH (c)-[:RESULTED_IN]->(s:Sanction)\n" + SANCTION_EVENT

# A person's link `r` from `source` to `target` (the case and document looked up by id).
LINK_EVENT = f"""
OPTIONAL MATCH (k:Case {{id: r.case_id}})
OPTIONAL MATCH (d:Document {{id: r.document_id}})
WITH source, r, target, k, d, {_day('r.date')} AS stated, {_day('d.date')} AS own
{_event(date="coalesce(stated, own)",
        dated_by="CASE WHEN stated IS NOT NULL AND r.method = 'register' THEN 'register' "
                 "WHEN stated IS NOT NULL THEN 'sentence' WHEN own IS NOT NULL THEN 'document' END",
        type="type(r)", event_case="k", document="d", evidence="r", subject="source", other="target",
        status="r.status", detail="r.detail")}
"""
IS_EVENT = f"type(r) IN $link_types AND (type(r) IN $always OR {_day('r.date')} IS NOT NULL)"

# The links of the people in the case, stated about this case.
CASE_LINKS = f"""
MATCH (:PersonMention {{case_id: c.id}})-[:MENTION_OF]->(source:Person)
WITH DISTINCT c, source
MATCH (source)-[r]->(target) WHERE r.case_id = c.id AND {IS_EVENT}
""" + LINK_EVENT

CASE_EVENTS = "\nUNION ALL\n".join((CASE_DOCUMENT_STEPS, CASE_REGISTER_STEPS, CASE_SANCTIONS))
CASE_AND_LINK_EVENTS = "\nUNION ALL\n".join((CASE_EVENTS, CASE_LINKS))


def _of_cases(cases: str, events: str) -> str:
    """Cypher: `events` of each case `c` that `cases` matches."""
    return f"{cases}\nWITH DISTINCT c\nCALL (c) {{\n{events}\n}}\n" + \
        "RETURN date, dated_by, type, event_case, document, evidence, subject, other, agency, status, detail"


REPORTS_NAMING = f"""
MATCH (d:Report)-[:MENTIONS]->(n)
WITH d, {_day('d.date')} AS date
{_event(date="date", dated_by="CASE WHEN date IS NOT NULL THEN 'document' END", type="'named_in_report'",
        document="d")}
"""

# -- one read per timeline --------------------------------------------------------------------

def _timeline(label: str, events: str) -> str:
    """The statement of one timeline: the node `n` of `label` with id $id (no row if there is none),
    its events sorted (undated last), the first $limit of them and how many there are."""
    return f"""
MATCH (n:{label} {{id: $id}})
OPTIONAL CALL (n) {{
{events}
}}
WITH n, date, dated_by, type, event_case, document, evidence, subject, other, agency, status, detail
ORDER BY date IS NULL, date, coalesce($ranks[type], 99), event_case.id, document.id, evidence.start,
         subject.id, other.id
WITH n, collect(CASE WHEN type IS NOT NULL THEN {{date: date, dated_by: dated_by, type: type,
     event_case: event_case, document: document, evidence: evidence, subject: subject, other: other,
     agency: agency, status: status, detail: detail}} END) AS rows
RETURN n.id AS id, coalesce(n.name, n.number, n.id) AS name, size(rows) AS total,
       [row IN rows[..$limit] | {{
         date: row.date, dated_by: row.dated_by, type: row.type, status: row.status, detail: row.detail,
         case_id: row.event_case.id, case_number: row.event_case.number,
         document_id: row.document.id, document_title: row.document.title, document_date: row.document.date,
         document_kind: [kind IN labels(row.document) WHERE kind <> 'Document'][0],
         start: row.evidence.start, end: row.evidence.end, sentence: row.evidence.sentence,
         subject_id: row.subject.id, subject_name: coalesce(row.subject.name, row.subject.number),
         subject_label: labels(row.subject)[0],
         other_id: row.other.id, other_name: coalesce(row.other.name, row.other.number, row.other.id),
         other_label: labels(row.other)[0],
         agency_id: row.agency.id, agency_name: row.agency.name}}] AS events
"""


CASE_TIMELINE = _timeline("Case", _of_cases("WITH n AS c", CASE_AND_LINK_EVENTS))

PERSON_TIMELINE = _timeline("Person", "\nUNION ALL\n".join((
    f"WITH n AS source MATCH (source)-[r]->(target) WHERE {IS_EVENT}" + LINK_EVENT,
    f"WITH n AS target MATCH (source:Person)-[r]->(target) WHERE {IS_EVENT}" + LINK_EVENT,
    _of_cases("MATCH (n)-[:RESPONDENT_IN]->(c:Case)", CASE_EVENTS),
)))

AGENCY_TIMELINE = _timeline("Agency", "\nUNION ALL\n".join((
    # the steps it took: a case document's (its own date), or a register's date of that step
    f"""MATCH (c:Case)-[l:FOUND_BY|HANDLED_BY|RECOMMENDED_BY]->(n)
MATCH (d:Document {{id: l.document_id}})-[a:ABOUT]->(c)
WITH n, c, l, d, a, CASE WHEN d:Register THEN $step_of_link[type(l)] END AS step
WITH n, c, l, d, a, step, CASE WHEN step IS NULL THEN d.date ELSE a[step.column] END AS date,
     CASE WHEN step IS NULL THEN null
          ELSE head(COLLECT {{ MATCH (:PersonMention {{case_id: c.id}})-[line:CLAIMS]->() WHERE line.document_id = d.id
                              RETURN line ORDER BY line.start LIMIT 1 }}) END AS line
WITH n, c, l, d, a, step, {_day('date')} AS date, line
{_event(date="date", dated_by="CASE WHEN date IS NULL THEN null WHEN step IS NULL THEN 'document' ELSE 'register' END",
        type="CASE WHEN step IS NULL THEN coalesce(a.stage, 'document') "
             "WHEN step.type = 'temuan_laporan' AND a.source IN ['temuan', 'laporan'] THEN a.source ELSE step.type END",
        event_case="c", document="d", evidence="coalesce(line, l)", agency="n",
        status="CASE WHEN step IS NULL THEN a.outcome END")}""",
    "MATCH (n)<-[:SANCTIONED_BY]-(s:Sanction)<-[:RESULTED_IN]-(c:Case)\nWITH c, s" + SANCTION_EVENT,
    f"WITH n AS target MATCH (source:Person)-[r]->(target) WHERE {IS_EVENT}" + LINK_EVENT,
    "WITH n" + REPORTS_NAMING,
)))

ELECTION_TIMELINE = _timeline("Election", "\nUNION ALL\n".join((
    _of_cases("MATCH (c:Case)-[:IN_ELECTION]->(n)", CASE_AND_LINK_EVENTS),
    "WITH n" + REPORTS_NAMING,
)))

STATEMENTS = {"Case": CASE_TIMELINE, "Person": PERSON_TIMELINE, "Agency": AGENCY_TIMELINE,
              "Election": ELECTION_TIMELINE}

# -- the answer ---------------------------------------------------------------------------------

@dataclass
class TimelineEvent:
    date: str | None  # ISO day; None: the graph holds no date for it
    dated_by: str | None  # document (the document's own date), register (a register's column), sentence (stated in it)
    type: str  # one of EVENT_TYPES
    status: str | None  # a link's status, a sanction's, or the outcome a case document states
    detail: str | None  # the act, the sanction's level and type, a link's detail
    case: dict | None  # {id, number}
    document: dict | None  # {id, title, date, kind}
    document_id: str | None  # the evidence: document, span and sentence (or register line)
    start: int | None
    end: int | None
    sentence: str | None
    subject: dict | None  # {id, name, label}: who did it (a person's link)
    other: dict | None  # {id, name, label}: the other end of the link
    agency: dict | None  # {id, name}: the agency that took the step or imposed the sanction


@dataclass
class Timeline:
    id: str
    label: str  # Person, Agency, Election or Case
    name: str | None
    total: int  # events in all; `events` holds the first `limit`
    events: list[TimelineEvent] = field(default_factory=list)

    @property
    def more(self) -> int:
        return self.total - len(self.events)

    @property
    def dated(self) -> list[TimelineEvent]:
        return [event for event in self.events if event.date]

    @property
    def undated(self) -> list[TimelineEvent]:
        return [event for event in self.events if not event.date]

    def years(self) -> list[tuple[str, list[TimelineEvent]]]:
        """The dated events grouped by year, in order."""
        groups: dict[str, list[TimelineEvent]] = {}
        for event in self.dated:
            groups.setdefault(event.date[:4], []).append(event)
        return list(groups.items())

    def to_json(self) -> dict:
        return {"id": self.id, "label": self.label, "name": self.name, "total": self.total,
                "shown": len(self.events), "more": self.more, "undated": len(self.undated),
                "events": [asdict(event) for event in self.events]}


def timeline(graph: Graph, label: str, node_id: str, limit: int = MAX_EVENTS) -> Timeline | None:
    """The timeline of the Person, Agency, Election or Case with this id; None if there is none."""
    if label not in STATEMENTS:  # the label picks a statement: only these
        raise ValueError(f"no timeline for {label!r}")
    if not 1 <= limit <= MAX_EVENTS:
        raise NetraError(f"A timeline shows 1 to {MAX_EVENTS} events, not {limit}.")
    rows = graph.read(STATEMENTS[label], id=node_id, limit=limit, ranks=RANKS, link_types=list(LINK_TYPES),
                      always=list(ALWAYS_LINKS), register_steps=REGISTER_STEPS, step_of_link=STEP_OF_LINK)
    if not rows:
        return None
    row = rows[0]
    return Timeline(row["id"], label, row["name"], row["total"], [_event_of(event) for event in row["events"]])


def case_timeline(graph: Graph, case_id: str, limit: int = MAX_EVENTS) -> Timeline | None:
    """The timeline of the case "case:t001" (or "t001"); None if there is none."""
    return timeline(graph, "Case", case_id if case_id.startswith("case:") else f"case:{case_id}", limit)


CASE_BY_KEY = """
MATCH (c:Case) WHERE c.id = $key OR c.id = 'case:' + $key OR c.number = $key
RETURN c.id AS id, c.number AS name, 'Case' AS label ORDER BY c.id
"""


def timeline_of(graph: Graph, text: str, limit: int = MAX_EVENTS) -> Timeline:
    """The timeline of whatever `text` names: a case (id, id without "case:", register number), a
    person (id, NIP, name), an agency or an election (id or name). NetraError if nothing or
    several things are named."""
    text = text.strip()
    if not text:
        raise NetraError("Name a case, person, agency or election (an id, a NIP, a register number or a name).")
    found = graph.read(CASE_BY_KEY, key=text) + find_entities(graph, text, elections=True)
    if not found:
        raise NetraError(f"No case, person, agency or election {text!r} in the graph "
                         "(try an id, a NIP, a register number or another spelling).")
    if len(found) > 1:
        listed = "; ".join(f"{row['id']} ({row['name']})" for row in found[:10])
        raise NetraError(f"{text!r} names {len(found)} things: {listed}. Give an id or NIP.")
    view = timeline(graph, found[0]["label"], found[0]["id"], limit)
    if view is None:  # removed in between
        raise NetraError(f"No case, person, agency or election {text!r} in the graph.")
    return view


def _event_of(row: dict) -> TimelineEvent:
    def node(prefix: str) -> dict | None:
        if row.get(f"{prefix}_id") is None:
            return None
        return {"id": row[f"{prefix}_id"], "name": row.get(f"{prefix}_name"),
                **({"label": row[f"{prefix}_label"]} if f"{prefix}_label" in row else {})}

    document = None if row["document_id"] is None else {
        "id": row["document_id"], "title": row["document_title"], "date": row["document_date"],
        "kind": row["document_kind"]}
    case = None if row["case_id"] is None else {"id": row["case_id"], "number": row["case_number"]}
    return TimelineEvent(row["date"], row["dated_by"], row["type"], row["status"], row["detail"], case, document,
                         row["document_id"], row["start"], row["end"], row["sentence"], node("subject"),
                         node("other"), node("agency"))
