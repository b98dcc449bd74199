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


def create_app(settings: Settings | None = None, rate_limits: bool = True, secure_cookies: bool | None = None,
               host: str = "127.0.0.1") -> Flask:
    """The app, to be served on `host`. `secure_cookies` marks the session cookies Secure (sent over
    HTTPS only); None (the default) makes them Secure unless `host` is a loopback address, where
    plain http must keep working. `rate_limits=False` is for benchmarks and tests on the loopback
    only. The app opens its graph and search engine from `settings` on first use
    (`app.extensions["netra"].close()` closes them)."""
    from web.security import is_loopback
    from web.services import AppResources

    app = Flask(__name__)
    app.json = NetraJSON(app)
    app.config["NETRA_SETTINGS"] = settings or load_settings()
    app.extensions["netra"] = AppResources(app.config["NETRA_SETTINGS"])
    secure = (not is_loopback(host)) if secure_cookies is None else secure_cookies
    app.config["SESSION_COOKIE_SECURE"] = app.config["REMEMBER_COOKIE_SECURE"] = secure
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES

    from web import auth, i18n, limits, security
    from web.admin import admin
    from web.exports import exports
    from web.report import report
    from web.statistics import statistics
    from web.api import api
    from web.cases import case_api, case_pages
    from web.timeline import timeline_api
    from web.alerts import alerts, alerts_api
    from web.review import review, review_api
    from web.errors import register_error_handlers
    from web.pages import pages

    app.register_blueprint(pages)
    app.register_blueprint(case_pages)
    app.register_blueprint(api, url_prefix="/api/v1")
    app.register_blueprint(case_api, url_prefix="/api/v1")
    app.register_blueprint(timeline_api, url_prefix="/api/v1")
    app.register_blueprint(alerts)
    app.register_blueprint(alerts_api, url_prefix="/api/v1")
    app.register_blueprint(review)
    app.register_blueprint(review_api, url_prefix="/api/v1")
    app.register_blueprint(statistics)
    app.register_blueprint(report)
    app.register_blueprint(admin)
    app.register_blueprint(exports)
    register_error_handlers(app)
    i18n.init_app(app)
    limits.init_app(app)  # after i18n: its message is in the visitor's language
    auth.init_app(app)
    security.init_app(app, rate_limits=rate_limits, secure_cookies=secure)
    before_render_template.connect(_redact_template_context, app)
    return app
