"""Who is asking, and what they may see: login and logout, the role each page and API endpoint
needs (one table, checked before every request), CSRF protection for every form, and the audit
entries for views of people and cases.

Sessions are Flask-Login's: the signed session cookie holds a token of a session recorded in
accounts.sqlite (web/accounts.py), and the user loader opens only sessions that are still there,
unexpired and of an unchanged account. Logging out deletes the record, so a copied cookie stops
working; changing an account's role or password or removing it ends all its sessions.
CSRF tokens are Flask-WTF's (CSRFProtect): every POST carries `csrf_token` (a form field, or the
X-CSRFToken header); GET requests, the whole JSON API included, change nothing and need none.
Roles are Netra's own (Flask-Login only knows logged in or not): `REQUIRED_ROLE` below.

Anyone not logged in is `public`. Pages answer a request they may not serve with the login page
(or 403 once logged in); the API answers 401/403 with the usual error object.
"""

from __future__ import annotations

import json
import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from flask import (Blueprint, Flask, current_app, has_request_context, redirect, render_template, request,
                   session, url_for)
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager, login_user, logout_user
from flask_login import current_user as login_current_user
from flask_wtf.csrf import CSRFError, CSRFProtect

from web.accounts import ANONYMOUS, Accounts, User
from web.audit import AuditLog
from web.errors import error_response
from web.i18n import _

auth = Blueprint("auth", __name__)

# The least role each endpoint needs. Every endpoint must be listed (a test checks): a new
# route without an entry is refused to everyone but admins, never served by accident.
REQUIRED_ROLE = {
    "static": "public",
    "pages.home": "public",
    "pages.provision": "public",
    "pages.regulation": "public",
    "pages.regulations": "public",
    "pages.health": "public",
    "statistics.page": "public",
    "statistics.api": "public",
    "report.form": "public",
    "report.submit": "public",
    "report.status": "public",
    "report.check_status": "public",
    "api.search": "public",
    "api.provision": "public",
    "api.regulation": "public",
    "api.openapi": "public",
    "auth.login": "public",
    "auth.logout": "public",
    "case_pages.case": "researcher",
    "case_pages.entity": "researcher",
    "case_pages.similar": "researcher",
    "case_pages.suggestions": "researcher",
    "case_api.case": "researcher",
    "case_api.entity": "researcher",
    "case_api.network": "researcher",
    "case_api.similar": "researcher",
    "timeline_api.case": "researcher",
    "timeline_api.entity": "researcher",
    "exports.export": "researcher",
    "case_pages.trace": "investigator",
    "case_api.trace": "investigator",
    "case_api.paths": "investigator",
    "report.triage": "investigator",
    "report.detail": "investigator",
    "report.decide": "investigator",
    "report.evidence": "investigator",
    "alerts.page": "investigator",
    "alerts.seen": "investigator",
    "alerts.dismiss": "investigator",
    "alerts_api.list": "investigator",
    "review.queue": "investigator",
    "review.pair": "investigator",
    "review.decide": "investigator",
    "review_api.queue": "investigator",
    "admin.audit": "admin",
}
UNLISTED_ROLE = "admin"

# Endpoints whose successful answers are logged: action, and the URL part naming the subject.
AUDITED = {
    "case_pages.case": ("view_case", "case_id"),
    "case_api.case": ("view_case", "case_id"),
    "case_pages.entity": ("view_entity", "entity_id"),
    "case_api.entity": ("view_entity", "entity_id"),
    "case_api.network": ("view_entity", "entity_id"),
    "timeline_api.case": ("view_case", "case_id"),
    "timeline_api.entity": ("view_entity", "entity_id"),
    "case_pages.trace": ("trace", None),
    "case_api.trace": ("trace", None),
    "case_api.paths": ("trace", None),
    "exports.export": ("export", None),
    "alerts.page": ("view_alerts", None),
    "alerts_api.list": ("view_alerts", None),
    "review.queue": ("view_review_queue", None),
    "review.pair": ("view_review_pair", "pair_id"),
    "review_api.queue": ("view_review_queue", None),
}
SESSION_LIFETIME = timedelta(hours=8)


def init_app(app: Flask) -> None:
    settings = app.config["NETRA_SETTINGS"]
    app.secret_key = secret_key(settings.home)
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      REMEMBER_COOKIE_HTTPONLY=True, REMEMBER_COOKIE_SAMESITE="Lax",
                      PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME,
                      # A form's token lasts as long as its session (Flask-WTF's default is an hour).
                      WTF_CSRF_TIME_LIMIT=None)
    app.extensions["netra_accounts"] = Accounts(settings.home / "accounts.sqlite")
    app.extensions["netra_audit"] = AuditLog(settings.home / "audit.sqlite")
    app.session_interface = SessionCookies()
    logins = LoginManager(app)  # also puts `current_user` into every template
    logins.user_loader(_load_user)
    logins.anonymous_user = lambda: ANONYMOUS
    CSRFProtect(app)  # checks every POST before the role check below; templates call csrf_token()
    app.register_error_handler(CSRFError, _csrf_failed)
    app.register_blueprint(auth)
    app.before_request(_check_role)
    app.after_request(_audit)


class SessionJSON(TaggedJSONSerializer):
    """The session cookie's serializer with the standard library's JSON: Flask's own would use the
    app's JSON provider, which masks names and digit runs for the viewer (web/__init__.py), and
    must never touch the session's tokens (nor ask who the viewer is before the session is open)."""

    def dumps(self, value) -> str:
        return json.dumps(self.tag(value), separators=(",", ":"))


class SessionCookies(SecureCookieSessionInterface):
    serializer = SessionJSON()


def secret_key(home) -> bytes:
    """NETRA_HOME/secret.key, made on first use: signs session cookies and keys pseudonyms."""
    path = home / "secret.key"
    if not path.exists():
        home.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(32))
    return bytes.fromhex(path.read_text().strip())


def accounts() -> Accounts:
    return current_app.extensions["netra_accounts"]


def audit_log() -> AuditLog:
    return current_app.extensions["netra_audit"]


def current_user() -> User:
    """The user of this request (ANONYMOUS when not logged in, or outside a request)."""
    if not has_request_context():
        return ANONYMOUS
    return login_current_user._get_current_object()


def audit(action: str, subject: str = "", detail: str = "") -> None:
    user = current_user()
    audit_log().record(user.name, user.role, action, subject, detail)


# -- before and after each request ------------------------------------------------------------

def _load_user(token: str) -> User | None:
    """Flask-Login's user loader: the session's user, or None (logged out, expired, account
    changed or removed), and then the cookie's session is emptied."""
    user = accounts().session_user(token)
    if user is None:
        session.clear()
    return user


def _csrf_failed(_exc: CSRFError):
    return error_response(400, "csrf", _("Formulir kedaluwarsa atau tidak sah. Muat ulang halaman dan coba lagi."))


def _check_role():
    needed = REQUIRED_ROLE.get(request.endpoint or "", UNLISTED_ROLE if request.endpoint else "public")
    user = current_user()
    if user.can(needed):
        return None
    if user.is_anonymous:
        if request.path.startswith("/api/"):
            return error_response(401, "login_required", "Log in with an account that may see this.")
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    return error_response(403, "forbidden", _("Peran Anda ({role}) tidak boleh membuka halaman ini.", role=user.role))


def _audit(response):
    entry = AUDITED.get(request.endpoint or "")
    if entry and response.status_code == 200:
        action, part = entry
        subject = (request.view_args or {}).get(part, "") if part else ""
        detail = request.query_string.decode("utf-8", "replace")[:500]
        audit(action, subject, detail)
    return response


# -- login and logout -------------------------------------------------------------------------

@auth.route("/login", methods=["GET", "POST"])
def login():
    target = _safe_target(request.values.get("next", ""))
    error = None
    if request.method == "POST":
        name, password = request.form.get("name", ""), request.form.get("password", "")
        user = accounts().verify(name, password)
        if user is not None:
            session.clear()  # nothing of the anonymous session carries over
            session.permanent = True  # expires after SESSION_LIFETIME, like its record
            login_user(accounts().open_session(user, SESSION_LIFETIME.total_seconds()))
            audit("login")
            return redirect(target)
        audit_log().record("", "public", "login_failed", name.strip().lower()[:64], request.remote_addr or "")
        error = _("Nama atau kata sandi salah.")
    return render_template("login.html", target=target, error=error), 401 if error else 200


@auth.post("/logout")
def logout():
    user = current_user()
    if not user.is_anonymous:
        audit("logout")
        accounts().end_session(user.session_token)  # the cookie, and any copy of it, is dead now
    logout_user()
    session.clear()
    return redirect(url_for("pages.home"))


def _safe_target(target: str) -> str:
    """Only a path on this site: a `next` pointing elsewhere would make the login page a
    redirector for phishing."""
    parts = urlsplit(target)
    if not target.startswith("/") or target.startswith("//") or parts.scheme or parts.netloc or "\\" in target:
        return url_for("pages.home")
    return target
