"""Security headers on every response, and rate limits on login, search and reporting.

The Content-Security-Policy allows scripts and styles from this site only: no inline script,
no CDN, no framing. Responses to logged-in users are not cached (they may hold personal data).

Rate limits count requests per client address in a sliding window, in this process's memory:
enough for one `netra serve`; behind a proxy, put Werkzeug's ProxyFix in front so the address
is the client's.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

from flask import Flask, current_app, make_response, request

from web.errors import error_response
from web.i18n import _

CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# bucket -> (requests allowed, per this many seconds)
DEFAULT_LIMITS = {"login": (10, 300), "search": (120, 60), "report": (5, 3600)}
LIMITED_ENDPOINTS = {"auth.login": "login", "pages.home": "search", "api.search": "search",
                     "api.similar": "search", "case_api.similar": "search", "report.submit": "report"}


class RateLimiter:
    def __init__(self, limits: dict[str, tuple[int, float]]):
        self.limits = limits
        self._seen: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, bucket: str, client: str) -> bool:
        allowed, window = self.limits[bucket]
        now = time.monotonic()
        with self._lock:
            seen = self._seen[(bucket, client)]
            while seen and seen[0] <= now - window:
                seen.popleft()
            if len(seen) >= allowed:
                return False
            seen.append(now)
            return True


def init_app(app: Flask, rate_limits: bool = True) -> None:
    app.extensions["netra_rate_limiter"] = RateLimiter(DEFAULT_LIMITS) if rate_limits else None
    app.before_request(_limit_rate)
    app.after_request(_add_headers)


def _limit_rate():
    limiter = current_app.extensions["netra_rate_limiter"]
    bucket = LIMITED_ENDPOINTS.get(request.endpoint or "")
    # Only what costs or could be abused: showing the login form or the report form is free.
    if limiter is None or bucket is None or (bucket != "search" and request.method == "GET"):
        return None
    if limiter.allow(bucket, request.remote_addr or "unknown"):
        return None
    response = make_response(error_response(429, "too_many_requests",
                                            _("Terlalu banyak permintaan. Coba lagi sebentar lagi.")))
    response.headers["Retry-After"] = str(int(limiter.limits[bucket][1]))
    return response


def _add_headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.cookies.get(current_app.config.get("SESSION_COOKIE_NAME", "session")):
        response.headers["Cache-Control"] = "no-store"
    return response
