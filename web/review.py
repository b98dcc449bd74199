"""The review queue (/review): the pairs of person (and agency) records entity resolution could not
settle, most impact first, for investigators and admins to accept, reject with a reason, or undo;
and the same list as JSON, GET /api/v1/review.

A page is one ordered index read (graph/entities.py, review section), so it stays fast with
220,000 pairs waiting: `after` and `before` are cursors the page's next and previous links carry
(`page` is then only the number shown; without a cursor it is the page to skip to). A verdict
takes effect in the request: the persons of the pair's two records are resolved again, not the
whole layer (ingest.person_resolution.record_verdict, a second or so where the full resolution
takes 27 minutes at 100,000 cases), so the persons, the queue and its ranks are right on the next
page. Each verdict and undo is in the audit log, as `netra entities accept|reject|undo` puts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from flask_babel import format_decimal
from werkzeug.datastructures import MultiDict

from graph.entities import (ACCEPTED, REJECTED, REVIEW_PAGE_SIZE, ReviewPage, ReviewPair, VerdictChanged, find_election,
                            find_region, recent_verdicts, review_filters, review_page, review_pair)
from ingest.person_resolution import record_verdict, undo_verdict
from web.auth import audit, current_user
from web.cases import whole_number
from web.i18n import N_, _, reason_in_language, term
from web.services import BadRequest, NotFound, graph

review = Blueprint("review", __name__)
review_api = Blueprint("review_api", __name__)

MAX_PAGE = 10_000  # 220,000 pairs are 4,400 pages
REASON_CHARS = 500
# A cursor is the rank part of an entry's key: nine digits, "|", a decision id.
CURSOR = re.compile(r"\d{9}\|[^\x00-\x1f\x7f]{1,250}")
SHOWS = ("open", "decided")


@dataclass
class QueueQuery:
    region: str | None = None  # a Region id
    election: str | None = None  # an Election id
    after: str | None = None
    before: str | None = None
    page: int = 1

    def link(self, **changes) -> dict:
        """The URL parameters of this listing, with `changes`."""
        values = {"region": self.region, "election": self.election, "page": self.page, **changes}
        return {name: value for name, value in values.items() if value not in (None, "", 1)}


def parse_queue_query(args: MultiDict) -> QueueQuery:
    """The listing a URL asks for; BadRequest for an unknown region or election, a bad cursor or page."""
    query = QueueQuery(region=_filter(args, "region"), election=_filter(args, "election"),
                       after=_cursor(args, "after"), before=_cursor(args, "before"),
                       page=whole_number(args, "page", 1, MAX_PAGE))
    if query.after and query.before:
        raise BadRequest(_("Berikan after atau before, salah satu saja."))
    return query


def _filter(args: MultiDict, name: str) -> str | None:
    text = args.get(name, "").strip()
    if not text:
        return None
    found = (find_region if name == "region" else find_election)(graph(), text)
    if found is None:
        raise BadRequest(_("Tidak ada wilayah “{text}”.", text=text) if name == "region"
                         else _("Tidak ada pemilihan “{text}”.", text=text))
    return found


def _cursor(args: MultiDict, name: str) -> str | None:
    value = args.get(name, "")
    if value and not CURSOR.fullmatch(value):
        raise BadRequest(_("{name} bukan penanda halaman dari antrean ini.", name=name))
    return value or None


def queue_page(query: QueueQuery) -> ReviewPage:
    skip = 0 if query.after or query.before else (query.page - 1) * REVIEW_PAGE_SIZE
    return review_page(graph(), query.region, query.election, after=query.after, before=query.before, skip=skip)


def pages(total: int) -> int:
    return max(1, -(-total // REVIEW_PAGE_SIZE))


# The resolver's reasons (ingest/cases/resolve.py), English as stored, read back into the page's
# language; one not recognised is shown as written.
EVIDENCE = tuple((re.compile(pattern), text) for pattern, text in (
    (r"same name", N_("nama sama")),
    (r"same name, adat title written on one side only", N_("nama sama, gelar adat hanya tertulis di satu pihak")),
    (r"names one letter apart: (?P<names>.+)", N_("nama berbeda satu huruf: {names}")),
    (r"(?P<short>'.+') is part of (?P<long>'.+')", N_("{short} bagian dari {long}")),
    (r"same position: (?P<value>.+)", N_("jabatan sama: {value}")),
    (r"same agency: (?P<value>.+)", N_("instansi sama: {value}")),
    (r"same region: (?P<value>.+)", N_("wilayah sama: {value}")),
    (r"same race: (?P<value>.+)", N_("kontestasi sama: {value}")),
    (r"documents of the same case", N_("dokumen dari kasus yang sama")),
    (r"nothing else to compare", N_("tidak ada hal lain untuk dibandingkan")),
    (r"but the records joined carry different NIPs or were kept apart by a reviewer",
     N_("tetapi catatan yang akan tergabung memiliki NIP berbeda atau dipisahkan oleh peninjau")),
    (r"decided by a reviewer", N_("diputuskan oleh peninjau")),
))


@review.context_processor
def review_helpers() -> dict:
    return {"evidence_text": lambda reason: reason_in_language(reason, EVIDENCE), "count_text": format_decimal}


# -- pages ------------------------------------------------------------------------------------

@review.get("/review", endpoint="queue")
def queue():
    """The open pairs (or, with show=decided, the latest verdicts), and after a decision the pair
    decided, with its undo."""
    show = request.args.get("show", "open")
    if show not in SHOWS:
        raise BadRequest(_("show harus open atau decided, bukan “{value}”.", value=show))
    query = parse_queue_query(request.args)
    found = queue_page(query) if show == "open" else None
    decided = review_pair(graph(), request.args["decided"]) if request.args.get("decided") else None
    return render_template("review.html", show=show, place=query, found=found, pages=pages(found.total) if found else 1,
                           recent=recent_verdicts(graph()) if show == "decided" else [], decided=decided,
                           **review_filters(graph()))


@review.get("/review/<path:pair_id>", endpoint="pair")
def pair(pair_id):
    return render_template("review_pair.html", pair=_pair(pair_id), place=parse_queue_query(request.args), error=None)


@review.post("/review/<path:pair_id>", endpoint="decide")
def decide(pair_id):
    """accept, reject (with a reason) or undo; `state` is the verdict the form was shown with
    ("" for an open pair): a pair decided by someone else meanwhile is not decided over again."""
    found, query = _pair(pair_id), parse_queue_query(request.form)
    try:
        _apply(found, request.form.get("action", ""), _reason(request.form.get("reason", "")),
               request.form.get("state", ""))
    except (BadRequest, VerdictChanged) as exc:
        fresh = _pair(pair_id)
        if isinstance(exc, VerdictChanged):
            return render_template("review_pair.html", pair=fresh, place=query, error=_(
                "Pasangan ini sudah diputuskan orang lain sementara itu ({verdict}). Periksa lagi.",
                verdict=term(fresh.verdict) if fresh.verdict else _("dibuka kembali"))), 409
        return render_template("review_pair.html", pair=fresh, place=query, error=str(exc)), 400
    return redirect(url_for("review.queue", **query.link(after=query.after, before=query.before), decided=found.id))


def _apply(found: ReviewPair, action: str, reason: str, state: str) -> None:
    """Do what the reviewer chose, if the pair's verdict is still `state` (the one the form was
    shown with, "" for none), and put it on record."""
    pair_text = f"{found.a['id']} | {found.b['id']}"
    if action in ("accept", "reject"):
        if action == "reject" and not reason:
            raise BadRequest(_("Tuliskan alasan penolakan."))
        record_verdict(graph(), found.id, ACCEPTED if action == "accept" else REJECTED, current_user().name, reason,
                       expected=state)
        audit(f"merge_{action}", found.id, pair_text + (f"; reason: {reason}" if reason else ""))
    elif action == "undo":
        if not state:
            raise BadRequest(_("Pasangan ini belum diputuskan."))
        undo_verdict(graph(), found.id, expected=state)
        audit("merge_undo", found.id, f"{pair_text}; was {found.verdict} by {found.reviewer or '?'} at {found.decided_at}")
    else:
        raise BadRequest(_("Pilih terima, tolak atau urungkan."))


def _reason(text: str) -> str:
    reason = " ".join(text.split())
    if len(reason) > REASON_CHARS:
        raise BadRequest(_("Alasan paling panjang {n} karakter.", n=REASON_CHARS))
    return reason


def _pair(pair_id: str) -> ReviewPair:
    found = review_pair(graph(), pair_id)
    if found is None:
        raise NotFound(_("Tidak ada pasangan {id} dalam antrean tinjauan.", id=pair_id))
    return found


# -- JSON API (registered under /api/v1) -------------------------------------------------------

@review_api.get("/review", endpoint="queue")
def queue_json():
    query = parse_queue_query(request.args)
    found = queue_page(query)
    return jsonify({"page": query.page, "page_size": REVIEW_PAGE_SIZE, "pages": pages(found.total),
                    **found.to_json()})
