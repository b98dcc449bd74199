"""One shape for errors: JSON under /api/v1, a page elsewhere."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from core.errors import DatabaseUnavailable, NetraError
from web.services import BadRequest, Forbidden, NotFound

STATUS = {BadRequest: (400, "bad_request"), NotFound: (404, "not_found"), Forbidden: (403, "forbidden"),
          DatabaseUnavailable: (503, "database_unavailable"), NetraError: (400, "bad_request")}


def error_response(status: int, code: str, message: str):
    if request.path.startswith("/api/"):
        return jsonify({"error": {"status": status, "code": code, "message": message}}), status
    return render_template("error.html", status=status, message=message), status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(NetraError)
    def netra_error(exc: NetraError):
        status, code = next(v for k, v in STATUS.items() if isinstance(exc, k))
        return error_response(status, code, str(exc))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return error_response(exc.code, exc.name.lower().replace(" ", "_"), exc.description)
