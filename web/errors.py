"""One shape for errors: JSON under /api/v1, a page elsewhere. Only admins read what an error
says about the server: anyone else gets a database outage in general words, and no file-system
path or URI (the database's, with its host and port) in any other message."""

from __future__ import annotations

import re

from flask import Flask, jsonify, render_template, request
from flask_login import current_user
from werkzeug.exceptions import HTTPException

from core.errors import DatabaseUnavailable, NetraError, QueryTimeout
from web.audit import AuditUnavailable
from web.i18n import N_, _
from web.services import BadRequest, Forbidden, NotFound

STATUS = {BadRequest: (400, "bad_request"), NotFound: (404, "not_found"), Forbidden: (403, "forbidden"),
          DatabaseUnavailable: (503, "database_unavailable"), QueryTimeout: (503, "query_timeout"),
          AuditUnavailable: (503, "audit_unavailable"), NetraError: (400, "bad_request")}
PUBLIC_UNAVAILABLE = N_("Basis data sedang tidak tersedia. Coba lagi beberapa menit lagi; bila berlanjut, "
                         "operator dapat memeriksa servernya (`netra db start`, atau NEO4J_URI).")

# A URI with a scheme (neo4j://, bolt+s://, redis://...) and an absolute path (/srv/netra/x,
# ~/data): each starts only after a character that cannot be part of one, and no part can match
# the same text two ways, so a scan is linear in the message's length.
URI = re.compile(r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}://[^\s'\"<>]*")
PATH = re.compile(r"(?<![\w.~/:-])~?/[\w.@+-]+(?:/[\w.@+-]*)*")
HIDDEN = "[…]"


def public_text(message: str, user) -> str:
    """`message` as `user` may read it: whole for admins; for anyone else without the URIs and
    file-system paths it names."""
    if user.can("admin"):
        return message
    return PATH.sub(HIDDEN, URI.sub(HIDDEN, message))


def unavailable_text(exc: NetraError, user) -> str:
    """Why the database cannot be reached: the whole story (where, which data directory) for
    admins, general words for everyone else."""
    return str(exc) if user.can("admin") else _(PUBLIC_UNAVAILABLE)


def error_response(status: int, code: str, message: str):
    if request.path.startswith("/api/"):
        return jsonify({"error": {"status": status, "code": code, "message": message}}), status
    return render_template("error.html", status=status, message=message), status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(NetraError)
    def netra_error(exc: NetraError):
        status, code = next(v for k, v in STATUS.items() if isinstance(exc, k))
        user = current_user._get_current_object()  # Flask-Login's, as web.auth sets it up
        message = unavailable_text(exc, user) if isinstance(exc, DatabaseUnavailable) else public_text(str(exc), user)
        return error_response(status, code, message)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return error_response(exc.code, exc.name.lower().replace(" ", "_"), exc.description)
