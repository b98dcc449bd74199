"""Alerts (graph/alerts.py) for investigators and admins: the page `/alerts`, with filters by
pattern and state, paged, each alert with its evidence and buttons to mark it seen or dismiss it
with a reason (both audited), and `GET /api/v1/alerts`.

The roles are in web/auth.py REQUIRED_ROLE (investigator); what is shown passes through the
viewer's mask like every page (web/privacy.py), though only unmasked roles reach it."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from core.errors import NetraError
from graph.alerts import (CURSOR, MAX_PAGE_SIZE, MAX_REASON_CHARS, PATTERNS, STATE_FILTERS, AlertNotFound,
                          AlertPage, dismiss, list_alerts, mark_seen)
from web.auth import audit, current_user
from web.cases import whole_number
from web.i18n import _
from web.services import BadRequest, NotFound, graph

alerts = Blueprint("alerts", __name__)
alerts_api = Blueprint("alerts_api", __name__)

PAGE_SIZE = 25
SHOWN = 5  # evidence items shown per list on the page (the API gives up to 50, with the total)


def parse_filters(args: MultiDict, page_size: int = PAGE_SIZE) -> dict:
    """pattern (empty: all), state (default open), after (a page's `next`) and, for the API,
    page_size; BadRequest naming the parameter that is not one of its values."""
    pattern = args.get("pattern", "").strip() or None
    if pattern is not None and pattern not in PATTERNS:
        raise BadRequest(_("pattern harus salah satu dari {values}, bukan “{value}”.", values=", ".join(PATTERNS),
                           value=pattern[:100]))
    state = args.get("state", "").strip() or "open"
    if state not in STATE_FILTERS:
        raise BadRequest(_("state harus salah satu dari {values}, bukan “{value}”.",
                           values=", ".join(STATE_FILTERS), value=state[:100]))
    after = args.get("after", "").strip() or None
    if after is not None and not CURSOR.fullmatch(after):
        raise BadRequest(_("after harus penanda halaman berikutnya dari daftar ini, bukan “{value}”.",
                           value=after[:100]))
    return {"pattern": pattern, "state": state, "after": after,
            "page_size": whole_number(args, "page_size", page_size, MAX_PAGE_SIZE)}


def waited_days(alert, today: date) -> int | None:
    """How many days a stalled sanction has waited by `today`; None if its date is no calendar day."""
    try:
        return (today - date.fromisoformat(alert.evidence.get("recommended_on") or "")).days
    except ValueError:
        return None


def _page(found: AlertPage, error: str | None = None, status: int = 200):
    today = date.today()
    return render_template("alerts.html", found=found, error=error, patterns=PATTERNS, states=list(STATE_FILTERS),
                           waited={alert.id: waited_days(alert, today) for alert in found.alerts},
                           documents=_documents(found), shown=SHOWN, max_reason=MAX_REASON_CHARS), status


def _documents(found: AlertPage) -> dict[str, dict]:
    """Each document the evidence names -> its title and date, as the evidence macros name
    documents (web/templates/_evidence.html)."""
    return {item["document_id"]: {"id": item["document_id"], "title": item.get("document_title"),
                                  "date": item.get("document_date")}
            for alert in found.alerts for part in ("ties", "cases", "sanctions")
            for item in alert.evidence.get(part, [])[:SHOWN] if item.get("document_id")}


@alerts.get("/alerts", endpoint="page")
def alerts_page():
    filters = parse_filters(request.args)
    filters["page_size"] = PAGE_SIZE
    return _page(list_alerts(graph(), **filters))


@alerts.post("/alerts/<alert_id>/seen", endpoint="seen")
def seen(alert_id):
    return _verdict(alert_id, "seen")


@alerts.post("/alerts/<alert_id>/dismiss", endpoint="dismiss")
def dismiss_alert(alert_id):
    return _verdict(alert_id, "dismiss")


def _verdict(alert_id: str, action: str):
    """Mark seen or dismiss, audited; back to the list as it was filtered. A missing reason or an
    alert already decided shows the list again with the reason why (400); an unknown alert is 404."""
    back = _back(request.form)
    user = current_user()
    try:
        if action == "seen":
            alert = mark_seen(graph(), alert_id, user.name)
        else:
            alert = dismiss(graph(), alert_id, user.name, _reason(request.form))
    except AlertNotFound:
        raise NotFound(_("Tidak ada peringatan {id}.", id=alert_id[:100])) from None
    except BadRequest as exc:
        return _page(list_alerts(graph(), **back), error=str(exc), status=400)
    except NetraError:  # graph/alerts.py found it decided already (by someone else, or resolved)
        return _page(list_alerts(graph(), **back), status=400, error=_(
            "Peringatan {id} sudah diputuskan atau tidak berlaku lagi; muat ulang halaman.", id=alert_id[:100]))
    audit(f"alert_{action}", alert.id, alert.pattern + (f": {alert.reason}" if action == "dismiss" else ""))
    filters = {key: value for key, value in back.items() if key != "page_size" and value}
    return redirect(url_for("alerts.page", **filters) + f"#{alert.id}")


def _reason(form: MultiDict) -> str:
    """The reason for dismissing, required, spaces folded; BadRequest in the page's language."""
    reason = " ".join(form.get("reason", "").split())
    if not reason:
        raise BadRequest(_("Tuliskan alasan mengabaikan peringatan ini."))
    if len(reason) > MAX_REASON_CHARS:
        raise BadRequest(_("Alasan paling banyak {n} karakter.", n=MAX_REASON_CHARS))
    return reason


def _back(form: MultiDict) -> dict:
    """The list's filters the form came from, as far as they are valid (else the defaults)."""
    try:
        return parse_filters(MultiDict({key: form.get(f"back_{key}", "") for key in ("pattern", "state", "after")}))
    except NetraError:
        return parse_filters(MultiDict())


# -- JSON API (registered under /api/v1) -------------------------------------------------------

@alerts_api.get("/alerts", endpoint="list")
def alerts_json():
    """pattern, state (open, new, seen, dismissed, resolved, all), after (a page's `next`), page_size."""
    return jsonify(list_alerts(graph(), **parse_filters(request.args, page_size=50)).to_json())
