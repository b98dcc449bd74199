"""Alerts: saved patterns over the case graph, evaluated after every case ingest and on demand.

Each pattern is a named, parameterised read that returns its findings with their evidence (ids,
names, the documents and sentences, the dates); each finding is kept as one node

    (:Alert {id, pattern, key, state, holds, first_seen, last_seen, updated_at, resolved_at,
             subject_id, subject_label, subject_name, evidence (JSON), seen_by, seen_at,
             dismissed_by, dismissed_at, reason})

keyed by its pattern and `key` (the ids that make it: a person, a pair of persons, a case), so
evaluating again finds the same node: never a second one, and an investigator's state is kept.

The patterns (PATTERNS):

    candidate_tie       a civil servant (a Person of kind ASN) with a family tie (FAMILY_OF, either
                        way), an appointment (APPOINTED_BY the candidate) or an employment tie (the
                        candidate holds the office that is the civil servant's staffing authority,
                        the PPK a sanction in one of its cases is addressed to: an incumbent
                        running while being its superior) to a Candidate, in an election both are
                        active in: the civil servant is named in a case of that election and the
                        candidate is named as a candidate in one. One alert per pair, listing every
                        tie and the elections.
    repeat_respondent   a civil servant who is the respondent in two or more cases.
    stalled_sanction    a case with a sanction recommended (its document's date, or a register's
                        recommendation date) at least `decision_days` ago and no decision since: no
                        PPK decision document, no register decision date, no sanction imposed. A
                        recommendation without a known date cannot be timed and raises none.

States: `new` when first found; an investigator marks it `seen`, or `dismissed` with a reason.
A finding that no longer holds (its documents were removed or changed, a decision came in) is
**kept and marked resolved**, not deleted: `holds` becomes false and `resolved_at` is set, and a
new or seen alert becomes `resolved` (a dismissed one stays dismissed, its reason kept). Should
it hold again, a resolved alert is `new` again (something changed that deserves a look); a
dismissed one stays dismissed. `updated_at` says when its evidence last changed.

An evaluation is one write transaction (the patterns read, then every alert written): two
evaluations at once never leave a mix of both. Times are ISO strings in UTC.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, timezone

from core.config import load_settings
from core.errors import NetraError
from graph.db import Graph

PATTERNS = ("candidate_tie", "repeat_respondent", "stalled_sanction")
STATES = ("new", "seen", "dismissed", "resolved")
# The state filters a list offers: each state alone, "open" (what still wants a look) and "all".
STATE_FILTERS = {"open": ("new", "seen"), **{state: (state,) for state in STATES}, "all": STATES}
MAX_PAGE_SIZE = 200
MAX_REASON_CHARS = 500
EVIDENCE_ITEMS = 50  # ties, cases or sanctions kept per alert; `*_total` counts them all

# -- the patterns --------------------------------------------------------------------------------

def _link_evidence(r: str, d: str, **more: str) -> str:
    """Cypher: a link's evidence as every pattern keeps it (`d`: its document, looked up by id),
    with `more` entries."""
    entries = {"type": f"type({r})", "status": f"{r}.status", "detail": f"{r}.detail", "date": f"{r}.date",
               "case_id": f"{r}.case_id", "document_id": f"{r}.document_id", "document_title": f"{d}.title",
               "document_date": f"{d}.date", "start": f"{r}.start", "end": f"{r}.end",
               "sentence": f"{r}.sentence", **more}
    return "{" + ", ".join(f"{key}: {value}" for key, value in entries.items()) + "}"


CANDIDATE_TIE = """
CALL () {
  MATCH (asn:Person {kind: 'ASN'})-[t:FAMILY_OF|APPOINTED_BY]-(candidate:Person {kind: 'Candidate'})
  WHERE type(t) = 'FAMILY_OF' OR startNode(t) = asn
  OPTIONAL MATCH (d:Document {id: t.document_id})
  RETURN asn, candidate, """ + _link_evidence(
      "t", "d", kind="CASE type(t) WHEN 'FAMILY_OF' THEN 'family' ELSE 'appointment' END") + """ AS tie
  UNION ALL
  // Position and Agency ids are made from their names alike (ingest/case_pipeline.py), so the
  // candidate's office "BUPATI X" and the PPK "Bupati X" meet on the id: one index lookup.
  MATCH (asn:Person {kind: 'ASN'})-[:RESPONDENT_IN]->(k:Case)
  WITH DISTINCT asn, k  // one RESPONDENT_IN per document stating it
  MATCH (k)-[:RESULTED_IN]->(:Sanction)-[:SANCTIONED_BY]->(ppk:Agency)
  WITH ppk, collect(DISTINCT [asn, k]) AS staff
  MATCH (office:Position {id: 'position:' + substring(ppk.id, 7)})
  CALL (office) {  // each candidate holding it, once; its first statement is the evidence
    MATCH (candidate:Person {kind: 'Candidate'})-[h:HOLDS_POSITION]->(office)
    WITH candidate, h ORDER BY h.document_id, h.start
    RETURN candidate, collect(h)[0] AS h
  }
  OPTIONAL MATCH (d:Document {id: h.document_id})
  UNWIND staff AS member
  RETURN member[0] AS asn, candidate, """ + _link_evidence("h", "d", kind="'employment'", office="ppk.name",
                                                         sanction_case_id="member[1].id") + """ AS tie
}
WITH asn, candidate, collect(DISTINCT tie) AS ties
WITH candidate, collect({asn: asn, ties: ties}) AS pairs
CALL (candidate) {  // the elections it is named in as a candidate, once per candidate
  MATCH (candidate)<-[:MENTION_OF]-(n:PersonMention {kind: 'Candidate'})
  WITH DISTINCT n.case_id AS case_id
  MATCH (:Case {id: case_id})-[:IN_ELECTION]->(e:Election)
  RETURN collect(DISTINCT e) AS running_in
}
UNWIND pairs AS pair
WITH candidate, running_in, pair.asn AS asn, pair.ties AS ties
CALL (asn, running_in) {  // the cases naming the civil servant in those elections
  MATCH (asn)<-[:MENTION_OF]-(m:PersonMention)
  WITH DISTINCT running_in, m.case_id AS case_id
  MATCH (c:Case {id: case_id})-[:IN_ELECTION]->(e:Election) WHERE e IN running_in
  WITH DISTINCT e, c ORDER BY e.id, c.id
  RETURN collect(DISTINCT {id: e.id, name: e.name}) AS elections,
         collect(DISTINCT {id: c.id, number: c.number, act: c.act, outcome: c.outcome}) AS cases
}
WITH asn, candidate, ties, elections, cases WHERE size(elections) > 0
RETURN asn.id + '|' + candidate.id AS key, asn.id AS subject_id, 'Person' AS subject_label,
       asn.name AS subject_name,
       {person: asn {.id, .name, .nip, .kind}, candidate: candidate {.id, .name, .race, .kind},
        ties: ties[..$items], ties_total: size(ties), elections: elections,
        cases: cases[..$items], cases_total: size(cases)} AS evidence
"""

REPEAT_RESPONDENT = """
MATCH (p:Person {kind: 'ASN'})-[:RESPONDENT_IN]->(c:Case)
WITH p, collect(DISTINCT c) AS cases WHERE size(cases) >= 2
UNWIND cases AS c
CALL (p, c) {
  MATCH (p)-[r:RESPONDENT_IN]->(c)
  WITH r ORDER BY r.document_id, r.start LIMIT 1
  OPTIONAL MATCH (d:Document {id: r.document_id})
  RETURN """ + _link_evidence("r", "d") + """ AS link
}
WITH p, c, link ORDER BY c.act_date, c.id
WITH p, collect(link {.*, case_id: c.id, number: c.number, act: c.act, act_date: c.act_date, stage: c.stage,
                      outcome: c.outcome,
                      elections: COLLECT { MATCH (c)-[:IN_ELECTION]->(e:Election)
                                           RETURN DISTINCT e.name AS name ORDER BY name }})
     AS cases
RETURN p.id AS key, p.id AS subject_id, 'Person' AS subject_label, p.name AS subject_name,
       {person: p {.id, .name, .nip, .kind}, cases: cases[..$items], cases_total: size(cases)} AS evidence
"""


def _iso_day(value: str) -> str:
    """Cypher: `value` as an ISO day when it starts with one whose month and day can be (a stored
    "2024-13-45" or "kemarin" is no date), else null."""
    return (f"CASE WHEN {value} IS :: STRING AND {value} =~ '[0-9]{{4}}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]).*' "
            f"THEN left({value}, 10) END")


STALLED_SANCTION = f"""
MATCH (c:Case)-[:RESULTED_IN]->(s:Sanction {{status: 'recommended'}})
WHERE NOT EXISTS {{ MATCH (c)-[:RESULTED_IN]->(:Sanction {{status: 'imposed'}}) }}
  AND NOT EXISTS {{ MATCH (:Document)-[a:ABOUT]->(c) WHERE a.stage = 'keputusan_ppk' OR a.decision_date IS NOT NULL }}
OPTIONAL MATCH (d:Document {{id: s.document_id}})
OPTIONAL MATCH (d)-[a:ABOUT]->(c)
OPTIONAL MATCH (s)-[:SANCTIONED_BY]->(ppk:Agency)
WITH c, s, d, ppk, {_iso_day('d.date')} AS own, {_iso_day('a.recommendation_date')} AS stated
WITH c, s, d, ppk, coalesce(own, stated) AS recommended_on
// ISO days compare as strings: a stored "2024-13-45" is never handed to date() to fail on
WHERE recommended_on IS NOT NULL AND recommended_on <= $cutoff
WITH c, s, d, ppk, recommended_on ORDER BY recommended_on, s.id
WITH c, min(recommended_on) AS recommended_on,
     collect({{id: s.id, level: s.level, type: s.type, legal_basis: s.legal_basis, recommended_on: recommended_on,
              ppk: ppk {{.id, .name}}, document_id: d.id, document_title: d.title, document_date: d.date,
              start: s.start, end: s.end, sentence: s.sentence}}) AS sanctions
RETURN c.id AS key, c.id AS subject_id, 'Case' AS subject_label, coalesce(c.number, c.id) AS subject_name,
       {{case: c {{.id, .number, .stage, .outcome, .act, .act_date}}, recommended_on: recommended_on,
        days: $days, sanctions: sanctions[..$items], sanctions_total: size(sanctions),
        recommended_by: COLLECT {{ MATCH (c)-[:RECOMMENDED_BY]->(g:Agency) RETURN DISTINCT g {{.id, .name}} }},
        respondents: COLLECT {{ MATCH (p:Person)-[:RESPONDENT_IN]->(c)
                                RETURN DISTINCT p {{.id, .name, .nip, .kind}} }}}}
       AS evidence
"""

PATTERN_QUERIES = {"candidate_tie": CANDIDATE_TIE, "repeat_respondent": REPEAT_RESPONDENT,
                   "stalled_sanction": STALLED_SANCTION}


def alert_id(pattern: str, key: str) -> str:
    """The same finding gets the same id at every evaluation: short enough to type (`netra alerts
    seen alert-…`), a hash so that no name or NIP is in it."""
    return "alert-" + hashlib.sha256(f"{pattern}|{key}".encode()).hexdigest()[:12]


# -- evaluating ----------------------------------------------------------------------------------

# Every finding of this evaluation: made new, or brought up to date (a resolved one is new again).
WRITE_FINDINGS = """
UNWIND $rows AS row
MERGE (a:Alert {id: row.id})
ON CREATE SET a.pattern = row.pattern, a.key = row.key, a.state = 'new', a.first_seen = $now
WITH a, row, a.first_seen = $now AS created, a.state = 'resolved' AS reopened,
     coalesce(a.evidence, '') <> row.evidence AS changed
SET a.last_seen = $now, a.holds = true, a.resolved_at = null,
    a.state = CASE WHEN reopened THEN 'new' ELSE a.state END,
    a.updated_at = CASE WHEN changed THEN $now ELSE a.updated_at END,
    a.evidence = row.evidence, a.subject_id = row.subject_id, a.subject_label = row.subject_label,
    a.subject_name = row.subject_name
RETURN count(CASE WHEN created THEN 1 END) AS new, count(CASE WHEN reopened THEN 1 END) AS reopened
"""

# What this evaluation did not find again no longer holds.
RESOLVE_MISSING = """
MATCH (a:Alert) WHERE a.pattern IN $patterns AND a.holds AND a.last_seen <> $now
SET a.holds = false, a.resolved_at = $now,
    a.state = CASE WHEN a.state = 'dismissed' THEN 'dismissed' ELSE 'resolved' END
RETURN count(a) AS resolved
"""


@dataclass
class Evaluation:
    """What one evaluation found and changed."""

    found: dict[str, int] = field(default_factory=dict)  # pattern -> findings
    new: int = 0  # alerts made
    reopened: int = 0  # resolved alerts that hold again
    resolved: int = 0  # alerts that no longer hold
    seconds: float = 0.0

    def to_json(self) -> dict:
        return asdict(self)


def evaluate_alerts(graph: Graph, decision_days: int | None = None, today: date | None = None,
                    now: datetime | None = None) -> Evaluation:
    """Run every pattern and bring the Alert nodes up to date, in one transaction.
    `decision_days`: default the setting (NETRA_ALERT_DECISION_DAYS, 30); `today` and `now` (the
    evaluation's time stamp): default the clock's."""
    days = load_settings().alert_decision_days if decision_days is None else decision_days
    if not 1 <= days <= 3650:
        raise NetraError(f"The days a recommended sanction may wait must be 1 to 3650, not {days}.")
    today = today or date.today()
    stamp = (now or datetime.now(timezone.utc)).isoformat()
    params = {"items": EVIDENCE_ITEMS, "days": days, "cutoff": (today - timedelta(days=days)).isoformat()}
    began = time.monotonic()

    def work(tx) -> Evaluation:
        summary = Evaluation()
        for pattern, cypher in PATTERN_QUERIES.items():
            rows = [_finding_row(pattern, row) for row in tx.run(cypher, params).data()]
            summary.found[pattern] = len(rows)
            written = tx.run(WRITE_FINDINGS, rows=rows, now=stamp).single()
            summary.new += written["new"]
            summary.reopened += written["reopened"]
        summary.resolved = tx.run(RESOLVE_MISSING, patterns=list(PATTERNS), now=stamp).single()["resolved"]
        return summary

    summary = graph.write_all(work)
    summary.seconds = round(time.monotonic() - began, 3)
    return summary


def _finding_row(pattern: str, row: dict) -> dict:
    # Sorted keys: the same evidence is the same text, so `updated_at` moves only when it changes.
    return {"id": alert_id(pattern, row["key"]), "pattern": pattern, "key": row["key"],
            "subject_id": row["subject_id"], "subject_label": row["subject_label"],
            "subject_name": row["subject_name"],
            "evidence": json.dumps(row["evidence"], ensure_ascii=False, sort_keys=True, default=str)}


# -- reading ---------------------------------------------------------------------------------------

# One count per pattern and state, each from the (pattern, state) index: no alert is read.
COUNTS = """
UNWIND $pairs AS pair
RETURN pair[0] AS pattern, pair[1] AS state,
       COUNT { MATCH (a:Alert) USING INDEX a:Alert(pattern, state)
               WHERE a.pattern = pair[0] AND a.state = pair[1] } AS n
"""

# Newest first, walking the first_seen index in its order; a page starts after the last alert of
# the one before (its first_seen and id), so a page deep in 50,000 alerts costs what the first does.
# The hints keep these plans when the statistics lag behind (50,000 alerts written at once were
# listed with a label scan and a sort until Neo4j sampled the indexes again).
LIST_ALERTS = """
MATCH (a:Alert) USING INDEX a:Alert(first_seen)
WHERE a.first_seen {start} AND ($pattern IS NULL OR a.pattern = $pattern) AND a.state IN $states
  {after}
WITH a ORDER BY a.first_seen DESC, a.id
LIMIT $limit
RETURN a {{.*}} AS alert
"""
FIRST_PAGE = LIST_ALERTS.format(start="> ''", after="")
LATER_PAGE = LIST_ALERTS.format(start="<= $seen", after="AND (a.first_seen < $seen OR a.id > $id)")
CURSOR = re.compile(r"(?P<seen>\d{4}-\d{2}-\d{2}T[0-9:.]+(?:[+-]\d{2}:\d{2}|Z)?)\|(?P<id>alert-[0-9a-f]{12})")

ALERT_BY_ID = "MATCH (a:Alert {id: $id}) RETURN a {.*} AS alert"


@dataclass
class Alert:
    id: str
    pattern: str
    key: str
    state: str
    holds: bool
    first_seen: str
    last_seen: str
    updated_at: str | None
    resolved_at: str | None
    subject: dict  # {id, label, name}: the civil servant, or the case
    evidence: dict  # what the pattern found: see each pattern's RETURN
    seen_by: str | None = None
    seen_at: str | None = None
    dismissed_by: str | None = None
    dismissed_at: str | None = None
    reason: str | None = None

    @property
    def cursor(self) -> str:
        """Where the page after this alert starts (`after`)."""
        return f"{self.first_seen}|{self.id}"

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class AlertPage:
    alerts: list[Alert]
    total: int  # alerts the filters keep
    page_size: int
    pattern: str | None
    state: str
    counts: dict[str, dict[str, int]]  # {"patterns": {pattern: n in the state filter}, "states": {...}}
    after: str | None = None  # the cursor this page started after (None: the first page)
    next: str | None = None  # the cursor of the next page (None: this is the last)

    def to_json(self) -> dict:
        return {"total": self.total, "page_size": self.page_size, "pattern": self.pattern, "state": self.state,
                "after": self.after, "next": self.next, "counts": self.counts,
                "alerts": [alert.to_json() for alert in self.alerts]}


def check_filters(pattern: str | None, state: str, after: str | None = None) -> None:
    """NetraError naming the filter that is not one of the known values (or no cursor a page gave)."""
    if pattern is not None and pattern not in PATTERNS:
        raise NetraError(f"pattern must be one of {', '.join(PATTERNS)}, not {pattern[:100]!r}.")
    if state not in STATE_FILTERS:
        raise NetraError(f"state must be one of {', '.join(STATE_FILTERS)}, not {state[:100]!r}.")
    if after is not None and not CURSOR.fullmatch(after):
        raise NetraError(f"after must be the `next` of a page (first_seen|alert id), not {after[:100]!r}.")


def list_alerts(graph: Graph, pattern: str | None = None, state: str = "open", after: str | None = None,
                page_size: int = 50) -> AlertPage:
    """A page of alerts, newest findings first, starting after the cursor `after` (a page's
    `next`), with the count of each pattern (in the state filter) and of each state (in the
    pattern filter)."""
    check_filters(pattern, state, after)
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise NetraError(f"page_size must be 1 to {MAX_PAGE_SIZE}.")
    states = STATE_FILTERS[state]
    pairs = [[p, s] for p in PATTERNS for s in STATES]
    matrix = {(row["pattern"], row["state"]): row["n"] for row in graph.read(COUNTS, pairs=pairs)}
    counts = {"patterns": {p: sum(matrix[p, s] for s in states) for p in PATTERNS},
              "states": {name: sum(n for (q, s), n in matrix.items() if s in members and pattern in (None, q))
                         for name, members in STATE_FILTERS.items()}}
    cursor = CURSOR.fullmatch(after) if after else None
    rows = graph.read(LATER_PAGE if cursor else FIRST_PAGE, pattern=pattern, states=list(states),
                      limit=page_size + 1, **(cursor.groupdict() if cursor else {}))
    alerts = [_alert(row["alert"]) for row in rows[:page_size]]
    following = alerts[-1].cursor if len(rows) > page_size else None
    return AlertPage(alerts, counts["states"][state], page_size, pattern, state, counts, after, following)


def get_alert(graph: Graph, alert_id_: str) -> Alert | None:
    rows = graph.read(ALERT_BY_ID, id=alert_id_)
    return _alert(rows[0]["alert"]) if rows else None


def _alert(properties: dict) -> Alert:
    return Alert(id=properties["id"], pattern=properties["pattern"], key=properties["key"],
                 state=properties["state"], holds=properties.get("holds", False),
                 first_seen=properties["first_seen"], last_seen=properties["last_seen"],
                 updated_at=properties.get("updated_at"), resolved_at=properties.get("resolved_at"),
                 subject={"id": properties.get("subject_id"), "label": properties.get("subject_label"),
                          "name": properties.get("subject_name")},
                 evidence=json.loads(properties.get("evidence") or "{}"),
                 **{key: properties.get(key) for key in ("seen_by", "seen_at", "dismissed_by", "dismissed_at",
                                                          "reason")})


# -- an investigator's verdict ----------------------------------------------------------------

# Only from the states named: the check and the change are one statement, so two investigators
# acting at once cannot both change it.
MARK_SEEN = """
MATCH (a:Alert {id: $id}) WHERE a.state = 'new'
SET a.state = 'seen', a.seen_by = $actor, a.seen_at = $now
RETURN a {.*} AS alert
"""
DISMISS = """
MATCH (a:Alert {id: $id}) WHERE a.state IN ['new', 'seen']
SET a.state = 'dismissed', a.dismissed_by = $actor, a.dismissed_at = $now, a.reason = $reason
RETURN a {.*} AS alert
"""


def mark_seen(graph: Graph, alert_id_: str, actor: str, now: datetime | None = None) -> Alert:
    """The alert, marked seen by `actor`; NetraError if there is none or it is not new."""
    return _change(graph, MARK_SEEN, alert_id_, "new", actor=actor,
                   now=(now or datetime.now(timezone.utc)).isoformat())


def dismiss(graph: Graph, alert_id_: str, actor: str, reason: str, now: datetime | None = None) -> Alert:
    """The alert, dismissed by `actor` for `reason` (required; spaces folded, at most
    MAX_REASON_CHARS); NetraError if there is none, it is already dismissed or resolved, or no reason."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise NetraError("Give the reason for dismissing the alert.")
    if len(reason) > MAX_REASON_CHARS:
        raise NetraError(f"The reason may be at most {MAX_REASON_CHARS} characters, not {len(reason)}.")
    return _change(graph, DISMISS, alert_id_, "new or seen", actor=actor, reason=reason,
                   now=(now or datetime.now(timezone.utc)).isoformat())


class AlertNotFound(NetraError):
    """No alert has the id given."""


def _change(graph: Graph, cypher: str, alert_id_: str, allowed: str, **params) -> Alert:
    rows = graph.write(cypher, id=alert_id_, **params)
    if rows:
        return _alert(rows[0]["alert"])
    found = get_alert(graph, alert_id_)
    if found is None:
        raise AlertNotFound(f"No alert {alert_id_[:100]!r}.")
    raise NetraError(f"Alert {found.id} is {found.state}; only a {allowed} alert can be changed so.")
