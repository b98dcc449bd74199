"""Who is asking, and what they may see: login and logout, the role each page and API endpoint
needs (one table, checked before every request), CSRF protection for every form, and the audit
entries for views of people and cases.

Anyone not logged in is `public`. Pages answer a request they may not serve with the login page
(or 403 once logged in); the API answers 401/403 with the usual error object.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from flask import Blueprint, Flask, current_app, g, redirect, render_template, request, session, url_for

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
    "pages.health": "public",
    "statistics.page": "public",
    "statistics.api": "public",
    "report.form": "public",
    "report.submit": "public",
    "api.search": "public",
    "api.provision": "public",
    "api.regulation": "public",
    "api.openapi": "public",
    "auth.login": "public",
    "auth.logout": "public",
    "case_pages.case": "researcher",
    "case_pages.entity": "researcher",
    "case_api.case": "researcher",
    "case_api.entity": "researcher",
    "case_api.network": "researcher",
    "case_api.similar": "researcher",
    "exports.export": "researcher",
    "case_pages.trace": "investigator",
    "case_api.trace": "investigator",
    "case_api.paths": "investigator",
    "report.triage": "investigator",
    "report.detail": "investigator",
    "report.decide": "investigator",
    "report.evidence": "investigator",
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
    "case_pages.trace": ("trace", None),
    "case_api.trace": ("trace", None),
    "case_api.paths": ("trace", None),
    "exports.export": ("export", None),
}
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
SESSION_LIFETIME = timedelta(hours=8)


def init_app(app: Flask) -> None:
    settings = app.config["NETRA_SETTINGS"]
    app.secret_key = secret_key(settings.home)
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME)
    app.extensions["netra_accounts"] = Accounts(settings.home / "accounts.sqlite")
    app.extensions["netra_audit"] = AuditLog(settings.home / "audit.sqlite")
    app.register_blueprint(auth)
    app.before_request(_load_user)
    app.before_request(_check_csrf)
    app.before_request(_check_role)
    app.after_request(_audit)
    app.context_processor(lambda: {"current_user": current_user(), "csrf_token": csrf_token})


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
    return g.get("user", ANONYMOUS)


def audit(action: str, subject: str = "", detail: str = "") -> None:
    user = current_user()
    audit_log().record(user.name, user.role, action, subject, detail)


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


# -- before and after each request ------------------------------------------------------------

def _load_user() -> None:
    name = session.get("user")
    if not name:
        return
    user = accounts().get(name)
    if user is None or user.epoch != session.get("epoch"):  # removed, or role/password changed
        session.clear()
        return
    g.user = user


def _check_csrf():
    if request.method in SAFE_METHODS:
        return None
    sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
    expected = session.get("csrf")
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        return error_response(400, "csrf", _("Formulir kedaluwarsa atau tidak sah. Muat ulang halaman dan coba lagi."))
    return None


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
            session.clear()
            session.permanent = True
            session.update(user=user.name, epoch=user.epoch)
            g.user = user
            audit("login")
            return redirect(target)
        audit_log().record("", "public", "login_failed", name.strip().lower()[:64], request.remote_addr or "")
        error = _("Nama atau kata sandi salah.")
    return render_template("login.html", target=target, error=error), 401 if error else 200


@auth.post("/logout")
def logout():
    if not current_user().is_anonymous:
        audit("logout")
    session.clear()
    return redirect(url_for("pages.home"))


def _safe_target(target: str) -> str:
    """Only a path on this site: a `next` pointing elsewhere would make the login page a
    redirector for phishing."""
    parts = urlsplit(target)
    if not target.startswith("/") or target.startswith("//") or parts.scheme or parts.netloc or "\\" in target:
        return url_for("pages.home")
    return target
