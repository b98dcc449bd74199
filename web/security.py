"""Security headers on every response (Flask-Talisman), rate limits (Flask-Limiter), and what the
public may not be shown about the server (file-system paths, the database URI).

Headers: the Content-Security-Policy allows scripts and styles from this site only (no inline
script, no CDN, no framing); X-Frame-Options, X-Content-Type-Options, Referrer-Policy and
Permissions-Policy go on every response, and HSTS on requests that came over HTTPS. Talisman does
not redirect to HTTPS here: the TLS proxy in front does that, and a redirect from behind a proxy
that does not say the request was HTTPS would loop. Talisman has no option for
Cross-Origin-Opener-Policy, nor for not caching personal data, so `_add_headers` sets those:
responses to logged-in users are `Cache-Control: no-store`.

Rate limits: one Flask-Limiter per app, counting in the storage `Settings.rate_limit_storage`
names (NETRA_RATE_LIMIT_STORAGE; `memory://`, this process only, by default; `redis://` or
`memcached://` when several server processes must share the counts) with the
sliding-window-counter strategy, which all of these support. Each limit in `LIMITS` counts per
client address unless it says otherwise (behind a proxy, put Werkzeug's ProxyFix in front so the
address is the client's); failed logins also count per account name, from any address.
"""

from __future__ import annotations

import ipaddress
import time
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Callable

from flask import Flask, current_app, request
from flask_limiter import Limiter, RateLimitExceeded
from flask_login import current_user
from flask_talisman import Talisman

from web.errors import error_response
from web.i18n import _

CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"
# Views with a policy of their own: evidence downloads are sandboxed documents that load nothing.
VIEW_POLICIES = {"report.evidence": {"content_security_policy": "sandbox; default-src 'none'"}}
RATE_LIMIT_STRATEGY = "sliding-window-counter"


def client_address() -> str:
    return request.remote_addr or "unknown"


def login_account() -> str:
    """The account a login form names, spelt as accounts.sqlite spells it (any account name, known
    or not: the throttle must not tell which exist)."""
    return "account:" + request.form.get("name", "").strip().lower()[:64]


def signed_in_account() -> str:
    user = current_user._get_current_object()  # Flask-Login's, as web.auth sets it up
    return f"address:{client_address()}" if user.is_anonymous else f"user:{user.name}"


def _login_failed(response) -> bool:
    return response.status_code == 401


@dataclass(frozen=True)
class Limit:
    rate: str  # in the `limits` notation: "10 per 5 minutes"
    methods: tuple[str, ...] | None = None  # None: every method
    key: Callable[[], str] = client_address
    scope: str | None = None  # a bucket shared by every endpoint naming it; None: the endpoint's own
    counts: Callable | None = None  # count only the responses this accepts (None: every request)


# What costs or could be abused: showing the login or report form is free, a search is not.
SEARCH = Limit("120 per minute", scope="search")
LIMITS: dict[str, list[Limit]] = {
    "auth.login": [Limit("10 per 5 minutes", ("POST",)),
                   Limit("5 per 15 minutes", ("POST",), key=login_account, counts=_login_failed)],
    "pages.home": [SEARCH],
    "api.search": [SEARCH],
    "case_api.similar": [SEARCH],
    "case_pages.similar": [SEARCH],
    "case_pages.suggestions": [SEARCH],
    "report.submit": [Limit("5 per hour", ("POST",))],
    # A reporter asks now and then; guessing numbers and codes needs millions of tries.
    "report.check_status": [Limit("10 per 15 minutes", ("POST",))],
    # An export reads the whole case layer: per account, whichever address it comes from.
    "exports.export": [Limit("10 per hour", key=signed_in_account)],
}


def init_app(app: Flask, rate_limits: bool = True, secure_cookies: bool = False) -> None:
    talisman = Talisman(app, force_https=False, frame_options="DENY",
                        content_security_policy=CONTENT_SECURITY_POLICY, referrer_policy="same-origin",
                        permissions_policy=PERMISSIONS_POLICY, session_cookie_secure=secure_cookies,
                        session_cookie_http_only=True, session_cookie_samesite="Lax")
    for endpoint, options in VIEW_POLICIES.items():
        if endpoint in app.view_functions:
            talisman(**options)(app.view_functions[endpoint])
    settings = app.config["NETRA_SETTINGS"]
    limiter = Limiter(client_address, app=app, storage_uri=settings.rate_limit_storage,
                      strategy=RATE_LIMIT_STRATEGY, enabled=rate_limits, key_prefix="netra")
    app.extensions["netra_limiter"] = limiter
    for endpoint, limits in LIMITS.items():
        view = app.view_functions.get(endpoint)
        if view is None:
            continue
        for limit in limits:
            options = dict(key_func=limit.key, methods=list(limit.methods) if limit.methods else None,
                           deduct_when=limit.counts)
            decorate = (limiter.shared_limit(limit.rate, scope=limit.scope, **options) if limit.scope
                        else limiter.limit(limit.rate, **options))
            view = decorate(view)
        app.view_functions[endpoint] = view
    app.register_error_handler(RateLimitExceeded, _too_many)
    app.after_request(_add_headers)


def _too_many(_exc: RateLimitExceeded):
    response = error_response(429, "too_many_requests", _("Terlalu banyak permintaan. Coba lagi sebentar lagi."))
    breached = current_app.extensions["netra_limiter"].current_limit
    wait = max(1, int(breached.reset_at - time.time())) if breached else 60
    return response[0], response[1], {"Retry-After": str(wait)}


def _add_headers(response):
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.cookies.get(current_app.config.get("SESSION_COOKIE_NAME", "session")):
        response.headers["Cache-Control"] = "no-store"
    return response


def is_loopback(host: str) -> bool:
    """Whether `host` (as given to `netra serve --host`) only listens on this machine."""
    host = host.strip().strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# -- what the public is not shown --------------------------------------------------------------

def public_regulation(view: dict, user) -> dict:
    """A regulation's view without the path of the file it was read from (admins see it): the
    public sees the file's name only."""
    document = view.get("document")
    if not document or user.can("admin"):
        return view
    path = str(document.get("path") or "")
    name = PurePosixPath(path.replace("\\", "/").rsplit("::", 1)[-1]).name
    return {**view, "document": {key: value for key, value in document.items() if key != "path"} | {"name": name}}
