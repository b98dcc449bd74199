"""Netra's web app: the Flask application factory."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask.json.provider import DefaultJSONProvider

from graph.config import Settings, load_settings


class NetraJSON(DefaultJSONProvider):
    """Dates as ISO strings, including the driver's own date types."""

    @staticmethod
    def default(value):
        if hasattr(value, "to_native"):
            value = value.to_native()
        if isinstance(value, date):
            return value.isoformat()
        return DefaultJSONProvider.default(value)


def create_app(settings: Settings | None = None) -> Flask:
    app = Flask(__name__)
    app.json = NetraJSON(app)
    app.config["NETRA_SETTINGS"] = settings or load_settings()

    from web import i18n
    from web.api import api
    from web.cases import case_api, case_pages
    from web.errors import register_error_handlers
    from web.pages import pages

    app.register_blueprint(pages)
    app.register_blueprint(case_pages)
    app.register_blueprint(api, url_prefix="/api/v1")
    app.register_blueprint(case_api, url_prefix="/api/v1")
    register_error_handlers(app)
    i18n.init_app(app)
    return app
