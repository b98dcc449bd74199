"""Netra's web app: the Flask application factory."""

from __future__ import annotations

from datetime import date

from flask import Flask, before_render_template, has_request_context
from flask.json.provider import DefaultJSONProvider

from core.config import Settings, load_settings


class NetraJSON(DefaultJSONProvider):
    """Dates as ISO strings, including the driver's own date types."""

    @staticmethod
    def default(value):
        if hasattr(value, "to_native"):
            value = value.to_native()
        if isinstance(value, date):
            return value.isoformat()
        return DefaultJSONProvider.default(value)

    def dumps(self, obj, **kwargs):
        """Every JSON body the app sends is masked for the viewer here (see web/privacy.py)."""
        if has_request_context():
            from web.auth import current_user
            from web.privacy import redactor_for

            redactor = redactor_for(current_user())
            if redactor is not None:
                obj = redactor(obj)
        return super().dumps(obj, **kwargs)


def _redact_template_context(sender, template, context, **extra) -> None:
    """Every page is masked for the viewer here, whatever view rendered it."""
    from web.auth import current_user
    from web.privacy import redactor_for

    redactor = redactor_for(current_user())
    if redactor is not None:
        for key, value in context.items():
            context[key] = redactor(value, key)


# Five evidence files of 5 MiB and the report's text; anything larger is refused before it is read.
MAX_REQUEST_BYTES = 26 * 2**20


def create_app(settings: Settings | None = None, rate_limits: bool = True, secure_cookies: bool = False) -> Flask:
    """The app. `secure_cookies` marks the session cookie Secure: set it when served over HTTPS.
    `rate_limits=False` is for benchmarks on the loopback only. The app opens its graph and
    search engine from `settings` on first use (`app.extensions["netra"].close()` closes them)."""
    from web.services import AppResources

    app = Flask(__name__)
    app.json = NetraJSON(app)
    app.config["NETRA_SETTINGS"] = settings or load_settings()
    app.extensions["netra"] = AppResources(app.config["NETRA_SETTINGS"])
    app.config["SESSION_COOKIE_SECURE"] = secure_cookies
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES

    from web import auth, i18n, security
    from web.admin import admin
    from web.exports import exports
    from web.report import report
    from web.statistics import statistics
    from web.api import api
    from web.cases import case_api, case_pages
    from web.errors import register_error_handlers
    from web.pages import pages

    app.register_blueprint(pages)
    app.register_blueprint(case_pages)
    app.register_blueprint(api, url_prefix="/api/v1")
    app.register_blueprint(case_api, url_prefix="/api/v1")
    app.register_blueprint(statistics)
    app.register_blueprint(report)
    app.register_blueprint(admin)
    app.register_blueprint(exports)
    register_error_handlers(app)
    i18n.init_app(app)
    auth.init_app(app)
    security.init_app(app, rate_limits=rate_limits)
    before_render_template.connect(_redact_template_context, app)
    return app
