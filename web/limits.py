"""Caps on what a stranger can send, checked before any view reads it: no query parameter and no
form field reaches a parser, a regular expression or the graph longer than these. Documented in
the README (Security and privacy) and in the OpenAPI document (`maxLength`)."""

from __future__ import annotations

from flask import Flask, request

from search.engine import MAX_QUERY_CHARS
from web.i18n import _
from web.services import BadRequest

# A query parameter longer than a search reads (search.engine.MAX_QUERY_CHARS) is refused, not cut.
MAX_PARAMETER_CHARS = MAX_QUERY_CHARS
# Twice the longest field a form accepts (a report's description, web/intake.py MAX_TEXT): the form
# itself answers up to there with its own message; past it, nobody typed it.
MAX_FORM_FIELD_CHARS = 20_000


def init_app(app: Flask) -> None:
    app.before_request(refuse_overlong_input)


def refuse_overlong_input() -> None:
    for fields, limit in ((request.args, MAX_PARAMETER_CHARS), (request.form, MAX_FORM_FIELD_CHARS)):
        for name, value in fields.items(multi=True):
            if len(value) > limit:
                raise BadRequest(_("Isian {name} paling panjang {n} karakter.", name=name[:40], n=limit))
