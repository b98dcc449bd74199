"""`netra serve`: the web app and JSON API behind a production WSGI server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import click

from core.config import load_settings
from core.errors import NetraError


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, help="Worker threads.")
@click.option("--secure-cookies/--insecure-cookies", default=None,
              help="Send the session cookies over HTTPS only (Secure), or not. Default: Secure unless --host is a "
                   "loopback address (127.0.0.1, localhost, ::1), where plain http must work.")
@click.option("--no-worker", is_flag=True,
              help="Do not start the report worker (when `netra worker` runs on its own, e.g. beside several servers).")
def serve(host, port, threads, secure_cookies, no_worker):
    """Serve the web app and JSON API with a production WSGI server (waitress), and start the
    worker that processes public reports (`netra worker`) as a child process, stopped with it."""
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
    from ingest.person_resolution import ensure_person_keys

    with Graph.open(settings) as graph:
        if keyed := ensure_person_keys(graph):  # a graph resolved before persons had blocking keys: once
            click.echo(f"Gave {keyed} persons their blocking keys (incremental resolution of accepted reports).")
    worker = None if no_worker else start_worker()
    try:
        app = create_app(settings, secure_cookies=secure_cookies, host=host)
        if app.config["SESSION_COOKIE_SECURE"]:
            click.echo("Session cookies are Secure (HTTPS only): serve it behind a TLS proxy, or pass "
                       "--insecure-cookies on a network you trust.")
        waitress_serve(app, host=host, port=port, threads=threads, ident="netra")
    finally:
        if worker is not None:
            stop_worker(worker)


def start_worker() -> subprocess.Popen:
    """`netra worker` as a child process, in its own process group (Ctrl-C in the terminal reaches
    the server, which stops the worker); it also exits by itself if the server dies."""
    command = [sys.executable, "-m", "cli", "worker", "--parent-pid", str(os.getpid())]
    child = subprocess.Popen(command, start_new_session=True)
    click.echo(f"Report worker started (PID {child.pid}).")
    return child


def stop_worker(child: subprocess.Popen, grace: float = 10.0) -> None:
    """Ask the worker to finish its report (SIGINT), then stop it (SIGTERM), then kill it: a
    report it had not finished is queued again when a worker starts."""
    for signum, wait in ((signal.SIGINT, grace), (signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
        if child.poll() is not None:
            return
        child.send_signal(signum)
        try:
            child.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue
