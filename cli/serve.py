"""`netra serve`: the web app and JSON API behind a production WSGI server."""

from __future__ import annotations

import click

from core.config import load_settings
from core.errors import NetraError


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, help="Worker threads.")
@click.option("--secure-cookies", is_flag=True, help="Send the session cookie over HTTPS only (behind a TLS proxy).")
def serve(host, port, threads, secure_cookies):
    """Serve the web app and JSON API with a production WSGI server (waitress)."""
    from waitress import serve as waitress_serve

    from graph.db import Graph
    from graph.schema import migrate as apply_migrations
    from graph.server import port_is_free
    from web import create_app

    settings = load_settings()
    with Graph.open(settings) as graph:
        apply_migrations(graph)
    if host in ("127.0.0.1", "localhost") and not port_is_free(port):
        raise NetraError(f"Port {port} is already in use. Stop the other program or use `netra serve --port N`.")
    click.echo(f"Netra is serving on http://{host}:{port} (Ctrl-C to stop).")
    waitress_serve(create_app(settings, secure_cookies=secure_cookies), host=host, port=port, threads=threads, ident="netra")
