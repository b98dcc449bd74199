"""Netra's web app: the Flask application factory."""

from __future__ import annotations

from flask import Flask

from graph.config import Settings, load_settings


def create_app(settings: Settings | None = None) -> Flask:
    app = Flask(__name__)
    app.config["NETRA_SETTINGS"] = settings or load_settings()

    from web.pages import pages

    app.register_blueprint(pages)
    return app
