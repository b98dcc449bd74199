"""Conduct questions: from a description of what someone did to the rules it breaks.

People describe conduct ("the head of the education office gathered his staff and urged them to
vote for pair number 1"), not the law's words. Text and semantic retrieval find some of the
rules; the graph knows more, and the engine (search/engine.py) asks this module for it:

- `case_evidence`: the provisions past cases with similar facts applied, each weighed by how
  close the cases are and how specific the provision is to them (a provision most cases cite,
  like the ASN neutrality principle, says little about this conduct);
- `linked_evidence`: the provisions linked by reference to the ones found: a sanction
  ("sebagaimana dimaksud dalam Pasal 5 huruf n angka 4") to the prohibition it punishes, and
  back. A question that asks for the consequence ("sanksinya", "ancaman pidananya") follows
  these links further;
- `conduct_date`: the date of the conduct named in the question ("pada tahun 2019"), which
  selects the law in force then.

`conduct_bundle` turns the ranked provisions into the answer a person needs: the prohibition,
the disciplinary sanction and the criminal provision where one exists, each with its citation,
its status on the date of the conduct and the reasons it is there.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field
from datetime import date

from graph.conduct import case_frequencies, links, provision_readings, provisions_applied
from graph.asof import AMENDED, IN_FORCE
from graph.db import Graph
from graph.regulation_views import provision_statuses, status_note
from ingest.cases.dates import find_dates
from ingest.citations import extract_citations
from ingest.regulation.amendments import AMENDING_LANGUAGE, FIRST_SENTENCE, INSTRUCTION_OPENING
from search.keyword import KeywordHit

PROHIBITION, SANCTION, CRIMINAL = "prohibition", "sanction", "criminal"
ROLES = (PROHIBITION, SANCTION, CRIMINAL)

SIMILAR_CASES = 20  # past cases whose provisions count as evidence
FREQUENCIES_TTL = 600.0
# Cosine similarities of one embedding model differ by hundredths between a question's nearest
# case and nearest provision; this scale turns such a difference into a clear weight.
CASE_LIKENESS_SCALE = 0.01
LINKED_FROM = 10  # results whose references are followed
# A linked provision's support, as a share of the score of the result that links to it; more
# when the question asks what follows from the conduct.
LINK_SHARE, CONSEQUENCE_LINK_SHARE = 0.3, 1.0
# What a question asks to follow from the conduct: the criminal provision ("ancaman pidananya"),
# the disciplinary sanction ("hukuman disiplinnya"), or either ("sanksinya", "what penalty").
ASKS_CRIMINAL = re.compile(r"\b(?:pidana\w*|dipidana|penjara|kurungan|denda\w*|criminal\w*|prison|jail|fine[sd]?)\b",
                           re.IGNORECASE)
ASKS_DISCIPLINARY = re.compile(r"\b(?:disiplin\w*|disciplinary|diberhentikan|pemberhentian|dismiss\w*)\b", re.IGNORECASE)
ASKS_ANY = re.compile(r"\b(?:sanksi\w*|hukum(?:an)?\w*|ancaman\w*|akibat\w*|konsekuensi\w*|penalt(?:y|ies)|"
                      r"sanction\w*|punish\w*|consequences?)\b", re.IGNORECASE)

# A provision's role, read from its text and the lead-ins above it. Criminal first: a criminal
# provision also "melanggar larangan"; a sanction also names the prohibition it punishes.
CRIMINAL_WORDS = re.compile(r"\b(?:dipidana|pidana\s+(?:penjara|kurungan|denda)|tindak\s+pidana)\b", re.IGNORECASE)
SANCTION_WORDS = re.compile(
    r"\b(?:hukuman\s+disiplin|dijatuhi\s+hukuman|diberhentikan\s+(?:tidak\s+)?dengan\s+hormat|"
    r"dikenai\s+sanksi|sanksi\s+(?:administratif|pembatalan))\b", re.IGNORECASE)
PROHIBITION_WORDS = re.compile(r"\b(?:dilarang|larangan|tidak\s+boleh|pelanggaran\s+netralitas)\b", re.IGNORECASE)
WORD = re.compile(r"\w{2,}")
SANCTION_LEVEL = re.compile(r"\bhukuman\s+disiplin\s+(ringan|sedang|berat)\b", re.IGNORECASE)

NO_READING = {"text": "", "lead_ins": []}
MIN_WORDS = 4  # fewer words name a topic ("netralitas ASN"), not conduct
BUNDLE_FROM = 10  # the results the bundle's prohibitions are chosen from
MAX_PROHIBITIONS, SECOND_PROHIBITION_SHARE = 2, 0.5  # a second one, from another law, nearly as good
# What put a result where it is, in words (the score parts of search/engine.py).
EVIDENCE = {
    "citation": "cited in the question",
    "keyword": "matches the words of the question",
    "semantic": "close in meaning to the question",
    "cases": "applied in past cases with similar facts",
    "linked": "linked by reference to another answer",
    "family": "more of the same article matches",
}

# A year the conduct happened in: after a word that places it in time ("pada tahun 2019",
# "pemilu 2019", "in 2019"), never the year of a citation ("Nomor 7 Tahun 2017", "7/2017").
CONDUCT_YEAR = re.compile(
    r"(?<![/\d])\b(?:pada|sejak|selama|tahun|th\.?|thn\.?|pemilu|pemilihan|pilkada|pileg|pilpres|kampanye|"
    r"in|during|since|election|campaign)\s++(?:tahun\s++)?((?:19|20)\d\d)\b(?!\s*/)", re.IGNORECASE)
CITED_YEAR = re.compile(r"\bnomor\s+\S+\s+tahun\s*$", re.IGNORECASE)
MID_YEAR = (7, 1)  # a year alone: judged in its middle


def conduct_date(question: str) -> date | None:
    """The date of the conduct the question names: a full date, else a year (its 1 July)."""
    for _, _, day in find_dates(question):
        return day
    for match in CONDUCT_YEAR.finditer(question):
        if not CITED_YEAR.search(question, 0, match.start(1)):
            return date(int(match.group(1)), *MID_YEAR)
    return None


def consequences_asked(question: str) -> set[str]:
    """The roles (SANCTION, CRIMINAL) of what the question asks to follow from the conduct."""
    asked = set()
    if ASKS_CRIMINAL.search(question):
        asked.add(CRIMINAL)
    if ASKS_DISCIPLINARY.search(question):
        asked.add(SANCTION)
    if not asked and ASKS_ANY.search(question):
        asked = {SANCTION, CRIMINAL}
    return asked


# -- evidence for the ranking ----------------------------------------------------------------------

class CaseEvidence:
    """The provisions applied by the past cases closest to a question, best first. A provision
    scores the closeness of the cases that applied it times how rare it is across all cases
    (inverse document frequency), so that the ones every case cites do not lead."""

    def __init__(self, graph: Graph, case_index):
        self.graph = graph
        self.case_index = case_index  # the case semantic index, or the case keyword index
        self._frequencies: tuple[int, dict[str, int]] | None = None
        self._counted_at = 0.0

    def __call__(self, question: str) -> tuple[list[KeywordHit], float]:
        """(the provisions, best first; the closeness of the closest case)."""
        found = self.case_index.search(question, k=SIMILAR_CASES)
        best = max((hit.score for hit in found), default=0.0)
        if best <= 0:
            return [], 0.0
        applied = provisions_applied(self.graph, [hit.id for hit in found])
        total, frequency = self.frequencies()
        scores: dict[str, float] = {}
        for hit in found:
            for provision_id in applied.get(hit.id, []):
                rarity = math.log((1 + total) / (1 + frequency.get(provision_id, 0)))
                scores[provision_id] = scores.get(provision_id, 0.0) + hit.score / best * rarity
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        return [KeywordHit(provision_id, score) for provision_id, score in ranked], best

    def frequencies(self) -> tuple[int, dict[str, int]]:
        """Counted again after `FREQUENCIES_TTL` seconds: they change only as cases are loaded."""
        if self._frequencies is None or time.monotonic() - self._counted_at > FREQUENCIES_TTL:
            self._frequencies, self._counted_at = case_frequencies(self.graph), time.monotonic()
        return self._frequencies


def reads_like_a_case(closest_case: float, closest_provision: float) -> float:
    """How much a question reads like a case rather than like the law, in (0, 1): a logistic
    function of how much closer (in meaning) its nearest case is than its nearest provision.
    Case evidence weighs this much: a question phrased like the law ("hukuman disiplin sedang
    untuk PNS") is answered by the law's words, and the cases nearest to it are only the
    nearest of many unrelated ones."""
    return 1 / (1 + math.exp(-(closest_case - closest_provision) / CASE_LIKENESS_SCALE))


@dataclass
class Link:
    """Support a provision gets from a result that refers to it or that it refers to."""

    target: str
    source: str
    support: float


def linked_evidence(graph: Graph, ranked: list[tuple[str, float]], question: str) -> list[Link]:
    """Links from the first `LINKED_FROM` results (id, score) between a prohibition and the
    sanction or criminal provision that refers to it, both ways. Other references (to the
    article defining the sanction levels, to a definition) are no evidence of the conduct. A
    reference to a whole article supports each of its parts less (by the square root of their
    number); a question that asks for a consequence follows the links to it further."""
    sources = ranked[:LINKED_FROM]
    if not sources:
        return []
    ids = [provision_id for provision_id, _ in sources]
    incoming, outgoing = links(graph, ids)
    targets = {link["id"] for found in (incoming, outgoing) for around in found.values() for link in around}
    roles = {pid: role_of(reading) for pid, reading in provision_readings(graph, sorted(targets | set(ids))).items()}
    asked = consequences_asked(question)
    supported: dict[str, Link] = {}
    for provision_id, score in sources:
        role = roles.get(provision_id)
        if role is None:
            continue
        wanted = (SANCTION, CRIMINAL) if role == PROHIBITION else (PROHIBITION,)
        for link in incoming.get(provision_id, []) + outgoing.get(provision_id, []):
            target_role = roles.get(link["id"])
            if target_role not in wanted:
                continue
            share = CONSEQUENCE_LINK_SHARE if target_role in asked else LINK_SHARE
            support = share * score / math.sqrt(1 + link["covered"])
            if link["id"] not in supported or supported[link["id"]].support < support:
                supported[link["id"]] = Link(link["id"], provision_id, support)
    return list(supported.values())


# -- the bundle --------------------------------------------------------------------------------

@dataclass
class BundleItem:
    role: str  # one of ROLES
    id: str  # provision id
    citation: str
    text: str  # the provision's text with its lead-ins (plain, not HTML)
    status: str  # in force / amended / revoked / not yet in force, on the bundle's date
    note: str = ""
    reasons: list[str] = field(default_factory=list)
    change: dict | None = None  # the note's parts: {kind, citation, date} (graph.regulation_views.status_change)

    def to_json(self) -> dict:
        return {"role": self.role, "id": self.id, "citation": self.citation, "text": self.text,
                "status": self.status, "note": self.note, "change": self.change, "reasons": self.reasons}


@dataclass
class ConductBundle:
    as_of: date  # the date of the conduct (from the question or as_of), else today
    date_from_question: bool
    items: list[BundleItem]

    def by_role(self, role: str) -> list[BundleItem]:
        return [item for item in self.items if item.role == role]

    def to_json(self) -> dict:
        return {"as_of": self.as_of.isoformat(), "date_from_question": self.date_from_question,
                "items": [item.to_json() for item in self.items]}


def role_of(reading: dict) -> str | None:
    """PROHIBITION, SANCTION, CRIMINAL or None, from a provision's text and lead-ins. An amending
    law's instruction ("Ketentuan Pasal 71 diubah sehingga berbunyi ...") quotes rules but is
    none: the rule it gives lives on as a version of the amended provision."""
    own, above = reading["text"], " ".join(reading["lead_ins"])
    if _is_instruction(own) or any(_is_instruction(text) for text in reading["lead_ins"][-1:]):
        return None
    if CRIMINAL_WORDS.search(own) or CRIMINAL_WORDS.search(above):
        return CRIMINAL
    if SANCTION_WORDS.search(own) or SANCTION_WORDS.search(above):
        return SANCTION
    if PROHIBITION_WORDS.search(above) or PROHIBITION_WORDS.search(own):
        return PROHIBITION
    return None


def conduct_bundle(engine, query: str, as_of: date | None = None, results: list | None = None) -> ConductBundle | None:
    """The bundle for `query`, or None when it does not describe conduct (a citation, a word or
    two) or no prohibition answers it. `engine`: a SearchEngine; `results`: its hybrid results
    for the query on the bundle's date, when the caller has them already."""
    words = WORD.findall(query or "")
    if len(words) < MIN_WORDS or extract_citations(query):
        return None
    day = engine.judged_on(query, as_of)
    if results is None:
        results = engine.search(query, mode="hybrid", as_of=day, k=BUNDLE_FROM)
    results = [r for r in results if getattr(r, "score_parts", None) is not None][:BUNDLE_FROM]
    readings = provision_readings(engine.graph, [r.id for r in results])
    prohibitions = _prohibitions(results, readings)
    if not prohibitions:
        return None
    consequences = _consequences(engine.graph, prohibitions, day, {r.id: r.score for r in results})
    chosen = prohibitions + consequences
    views = provision_statuses(engine.graph, [item.id for item in chosen], day)
    items = [_with_status(item, views.get(item.id)) for item in chosen]
    return ConductBundle(day, as_of is None and conduct_date(query) is not None, [i for i in items if i])


def _is_instruction(text: str) -> bool:
    return bool(INSTRUCTION_OPENING.match(text) and AMENDING_LANGUAGE.search(FIRST_SENTENCE.match(text).group()))


def _prohibitions(results: list, readings: dict[str, dict]) -> list[BundleItem]:
    """The best prohibition among the results, and a second from another law that scores nearly
    as well; the law in force on the bundle's date only, unless none of it answers."""
    in_force = [r for r in results if getattr(r, "status", IN_FORCE) in (IN_FORCE, AMENDED)]
    chosen: list[tuple] = []
    for result in [r for r in in_force if role_of(readings.get(r.id, NO_READING)) == PROHIBITION] or results:
        reading = readings.get(result.id)
        if reading is None or role_of(reading) != PROHIBITION:
            continue
        if chosen and (result.score < chosen[0][0].score * SECOND_PROHIBITION_SHARE
                       or reading["regulation_id"] in {r["regulation_id"] for _, r in chosen}):
            continue
        chosen.append((result, reading))
        if len(chosen) == MAX_PROHIBITIONS:
            break
    return [BundleItem(PROHIBITION, result.id, result.citation, _reading_text(reading), "",
                       reasons=_evidence(result.score_parts)) for result, reading in chosen]


def _consequences(graph: Graph, prohibitions: list[BundleItem], day: date, scores: dict[str, float]) -> list[BundleItem]:
    """For each prohibition, the disciplinary sanction and the criminal provision that refer to
    it (or to an article above it): the ones in force on `day` first, then the ones whose
    reference is the most specific (covers the fewest provisions, names the fewest), then the
    ones the search ranked higher (`scores`), then the most specific provisions."""
    incoming, _ = links(graph, [item.id for item in prohibitions])
    candidates = sorted({link["id"] for links in incoming.values() for link in links})
    readings = provision_readings(graph, candidates)
    views = provision_statuses(graph, candidates, day)
    found: list[BundleItem] = []
    for prohibition in prohibitions:
        specific = {link["id"]: (link["covered"], link["refers_to"]) for link in incoming.get(prohibition.id, [])
                    if link["id"] in readings and link["id"] in views}
        linked = sorted(specific, key=lambda pid: (views[pid]["status"] not in (IN_FORCE, AMENDED), specific[pid],
                                                   -scores.get(pid, 0.0), -pid.count("/"), pid))
        for role in (SANCTION, CRIMINAL):
            match = next((pid for pid in linked if role_of(readings[pid]) == role), None)
            if match and match not in {item.id for item in found}:
                found.append(BundleItem(role, match, views[match]["citation"], _reading_text(readings[match]), "",
                                        reasons=_consequence_reasons(prohibition, readings[match])))
    return found


def _consequence_reasons(prohibition: BundleItem, reading: dict) -> list[str]:
    reasons = [f"punishes the breach of {prohibition.citation}"]
    level = SANCTION_LEVEL.search(" ".join(reading["lead_ins"] + [reading["text"]]))
    if level:
        reasons.append(f"disciplinary sanction level: {level.group(1).lower()}")
    return reasons


def _evidence(parts: dict[str, float]) -> list[str]:
    ranked = sorted((value, name) for name, value in parts.items() if value > 0 and name in EVIDENCE)
    return [EVIDENCE[name] for _, name in reversed(ranked)]


def _reading_text(reading: dict) -> str:
    """The lead-ins and the provision's own words, as one passage."""
    return " … ".join(text.strip() for text in reading["lead_ins"] + [reading["text"]] if text and text.strip())


def _with_status(item: BundleItem, view: dict | None) -> BundleItem | None:
    if view is None:
        return None
    item.status, item.note, item.citation = view["status"], status_note(view), view["citation"] or item.citation
    item.change = view["change"]
    return item
