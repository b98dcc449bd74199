"""What described conduct likely breaks: the bundle of search/conduct.py (the prohibition, the
disciplinary sanction, the criminal provision, each with its status on the date of the conduct)
for the search page and /api/v1/search, the triage view of a public report and the case page.

The one place the web layer asks for a bundle (`conduct_bundle_for`): the text is cut to
MAX_CONDUCT_CHARS with control characters taken out, a lower role's text is masked first (its
names and numbers never reach a bundle whose reasons might echo them), and any failure is logged
and shown as nothing: a suggestion never breaks the page it is on. `conduct_view` turns a bundle
into the rows the templates show (templates/_conduct.html).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date

from core.errors import NetraError
from graph.case_views import CaseView
from search import conduct
from search.cases import act_words
from web.auth import current_user
from web.i18n import N_, _, format_day, reason_in_language
from web.privacy import search_mask
from web.services import engine as app_engine

log = logging.getLogger("netra.conduct")

MAX_CONDUCT_CHARS = 2_000  # of the text a bundle is asked for; a long report adds noise, not conduct
SHORT_TEXT_CHARS = 200  # of a provision's text, as shown
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What the text was: a search's question, or a report's or case's description of what happened.
QUESTION, DESCRIPTION = "question", "description"
REGISTER_PREFIX = "register:"  # a register's claim sentence is its JSON or CSV line: its detail says it in words
# A bundle's reasons are English sentences (search/conduct.py, as the API gives them); these read
# them back into their parts so that a page can say them in its language (the catalog has the
# English of each, which is the sentence itself). One not recognised is shown as written.
REASONS = tuple((re.compile(pattern), text) for pattern, text in (
    (r"cited in the question", N_("dikutip dalam pertanyaan")),
    (r"matches the words of the question", N_("cocok dengan kata-kata pertanyaan")),
    (r"close in meaning to the question", N_("maknanya dekat dengan pertanyaan")),
    (r"applied in past cases with similar facts", N_("diterapkan dalam kasus terdahulu yang faktanya serupa")),
    (r"linked by reference to another answer", N_("terhubung melalui rujukan dengan jawaban lain")),
    (r"more of the same article matches", N_("bagian lain pasal yang sama juga cocok")),
    (r"punishes the breach of (?P<citation>.+)", N_("sanksi atas pelanggaran {citation}")),
    (r"disciplinary sanction level: (?P<level>.+)", N_("tingkat hukuman disiplin: {level}")),
))


@dataclass
class SuggestedProvision:
    id: str
    citation: str
    text: str  # the first SHORT_TEXT_CHARS of its text, plain
    status: str  # in force, amended, revoked, not yet in force (on the bundle's date)
    note: str = ""
    reasons: list[str] = field(default_factory=list)
    change: dict | None = None  # what the status rests on, {kind, citation, date}: the page words it, not `note`


@dataclass
class ConductRow:
    role: str  # search.conduct.ROLES
    items: list[SuggestedProvision]


@dataclass
class ConductView:
    as_of: str  # ISO date the statuses are on
    date_note: str  # that date and where it came from, in the page's language
    rows: list[ConductRow]  # in the order of search.conduct.ROLES, roles without items left out


def capped(text: str | None, limit: int = MAX_CONDUCT_CHARS) -> str:
    """`text` on one line without control characters, cut at a word before `limit` characters."""
    text = " ".join(CONTROL.sub(" ", text or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[:space] if space > limit // 2 else cut


def conduct_bundle_for(engine, text: str | None, as_of: date | None = None, mask=None, results: list | None = None):
    """search.conduct.conduct_bundle on `text` (capped, and masked with `mask`, a viewer's
    search.masking.Mask, when given); None when the text does not describe conduct, or when
    anything goes wrong (logged: a suggestion is never worth an error page). `engine` and `mask`
    may be functions returning them, called inside: an unavailable database is caught like any
    other failure. `results`: the engine's hybrid results for `text` on that date, when the
    caller has them (a search page), so that the bundle does not search again."""
    text = capped(text)
    if not text:
        return None
    try:
        mask = mask() if callable(mask) else mask
        if mask is not None:
            text = capped(mask.text(text))
        return conduct.conduct_bundle(engine() if callable(engine) else engine, text, as_of=as_of, results=results)
    except NetraError as exc:
        log.warning("No conduct bundle for a text of %d characters: %s", len(text), exc)
    except Exception:  # noqa: BLE001 - see the docstring; the traceback goes to the log
        log.exception("No conduct bundle for a text of %d characters", len(text))
    return None


def conduct_view(bundle, text_kind: str = QUESTION, date_given: bool = False) -> ConductView | None:
    """The bundle as the templates show it; None for no bundle or one without any item.
    `text_kind`: QUESTION (a search) or DESCRIPTION (a report, a case); `date_given`: the caller
    passed the date of the conduct (a search's chosen date, a report's or case's recorded one)."""
    if bundle is None:
        return None
    try:
        rows = [ConductRow(role, [_suggested(item) for item in bundle.items if item.role == role])
                for role in conduct.ROLES]
        rows = [row for row in rows if row.items]
        day = bundle.as_of.isoformat()
        note = _date_note(day, text_kind, bool(bundle.date_from_question), date_given)
    except Exception:  # noqa: BLE001 - a bundle not as the interface says: show nothing
        log.exception("A conduct bundle that cannot be shown")
        return None
    return ConductView(day, note, rows) if rows else None


def _suggested(item) -> SuggestedProvision:
    text = " ".join(CONTROL.sub(" ", str(item.text or "")).split())
    short = capped(text, SHORT_TEXT_CHARS)
    status, note = str(item.status or ""), str(item.note or "")
    return SuggestedProvision(str(item.id), str(item.citation or item.id), short + ("…" if short != text else ""),
                              status, "" if note == status else note,  # "revoked": the status says it
                              [reason_text(str(reason)) for reason in item.reasons or () if reason],
                              _change(item.change))


def _change(change) -> dict | None:
    """A status change (graph.regulation_views.status_change) as the template words it, as text;
    anything not of its shape is left out."""
    if not isinstance(change, dict):
        return None
    return {key: str(change[key]) if change.get(key) else None for key in ("kind", "citation", "date")}


def reason_text(reason: str) -> str:
    """A bundle's reason in the page's language; one not recognised as written."""
    return reason_in_language(reason, REASONS)


def _date_note(day: str, text_kind: str, from_text: bool, date_given: bool) -> str:
    day = format_day(day)
    if text_kind == QUESTION:
        if from_text:
            return _("Hukum pada {day}: tanggal yang disebut dalam pertanyaan.", day=day)
        return _("Hukum pada {day}: tanggal pencarian (pertanyaan tidak menyebut tanggal).", day=day)
    if from_text:
        return _("Hukum pada {day}: tanggal yang disebut dalam uraian.", day=day)
    if date_given:
        return _("Hukum pada {day}: tanggal kejadian yang tercatat.", day=day)
    return _("Hukum pada {day} (hari ini): tanggal kejadian tidak diketahui.", day=day)


def suggestions(text: str | None, when: str | date | None = None) -> ConductView | None:
    """The provisions a report's or case's description of conduct likely breaks, judged on `when`
    (the date of the conduct, ISO text or a date, if known), with the app's engine and the
    viewer's mask, ready for templates/_conduct.html."""
    day = _day(when)
    bundle = conduct_bundle_for(app_engine, text, day, mask=lambda: search_mask(current_user()))
    return conduct_view(bundle, DESCRIPTION, day is not None)


def _day(value: str | date | None) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        return None


def case_suggestions(view: CaseView) -> ConductView | None:
    """`suggestions` for a case: what it says its respondents did, on the date they did it."""
    return suggestions(case_conduct_text(view), case_conduct_date(view))


def case_conduct_date(view: CaseView) -> date | None:
    """The case's act date, else the earliest date a document gives a claim that someone was supported."""
    days = [_day(link.date) for person in view.people for link in person.links if link.type == "SUPPORTED"]
    return _day(view.act_date) or min((day for day in days if day), default=None)


def case_conduct_text(view: CaseView) -> str:
    """What the case says its respondents did: their positions, then the sentences of the
    documents' claims that they supported someone (a register's claim in its own words, its
    label), each once; the act's name only when no document says it in words. The positions say who acted, which decides which rules apply
    (a village head's are not a civil servant's)."""
    people = [person for person in view.people if person.respondent] or view.people
    positions = [position for person in people for position in person.positions if position]
    claims = [link for person in view.people for link in person.links if link.type == "SUPPORTED"]
    stated = [link.sentence for link in claims if not (link.document_id or "").startswith(REGISTER_PREFIX)]
    labels = [link.detail for link in claims if (link.document_id or "").startswith(REGISTER_PREFIX)]
    parts = [*stated, *labels] or [act_words(view.act)]
    parts = list(dict.fromkeys(" ".join(part.split()) for part in parts if part and part.strip()))
    if positions:
        parts.insert(0, f"Terlapor: {'; '.join(dict.fromkeys(positions))}.")
    return capped(" ".join(parts))
