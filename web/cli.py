"""The `netra` command line."""

from __future__ import annotations

import sys

import click

from graph.config import load_settings
from graph.errors import NetraError


class NetraGroup(click.Group):
    """Prints a NetraError as a short message and exits 1, instead of a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except NetraError as exc:
            click.secho(f"Error: {exc}", fg="red", err=True)
            sys.exit(1)


@click.group(cls=NetraGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """Netra: a knowledge graph and search engine over Indonesian regulations and case
    records on the neutrality of civil servants (ASN) in elections.

    Configuration comes from the environment (NETRA_HOME, NEO4J_URI, NEO4J_USER,
    NEO4J_PASSWORD) or a netra.toml file; see the README.
    """


@main.group()
def db():
    """Run and inspect the graph database.

    Without NEO4J_URI, Netra runs its own Neo4j Community server under
    NETRA_HOME/neo4j (downloaded from Maven Central the first time). With
    NEO4J_URI set, Netra uses that server and never starts one.
    """


def _local_server():
    from graph.server import LocalServer

    settings = load_settings()
    if settings.uses_external_server:
        raise NetraError(
            f"NEO4J_URI is set ({settings.neo4j_uri}), so Netra uses that server and does not run "
            "its own. Unset NEO4J_URI to manage the local server."
        )
    return LocalServer(settings)


@db.command()
@click.option("--port", type=int, help="Bolt port on 127.0.0.1 (default: the last one used, else 7687, else any free port).")
def start(port):
    """Start the local Neo4j server (and apply the schema)."""
    from graph.db import get_graph
    from graph.schema import migrate

    server = _local_server()
    result = server.start(port=port, progress=lambda msg: click.echo(msg, err=True))
    for note in result.notes:
        click.echo(note)
    if result.already_running:
        click.echo(f"Neo4j is already running at {result.state.uri} (PID {result.state.pid}).")
        return
    applied = migrate(get_graph(server.settings))
    click.echo(f"Neo4j {result.state.version} is running at {result.state.uri} "
               f"(PID {result.state.pid}, ready in {result.seconds:.1f} s).")
    if applied:
        click.echo(f"Applied schema migrations {', '.join(map(str, applied))}.")


@db.command()
def stop():
    """Stop the local Neo4j server."""
    state = _local_server().stop()
    click.echo("Neo4j was not running." if state is None else f"Stopped Neo4j (PID {state.pid}).")


@db.command()
def status():
    """Show where the database is, its version, size and contents."""
    from graph.db import get_graph
    from graph.schema import counts, schema_version, server_version

    settings = load_settings()
    if not settings.uses_external_server:
        server = _local_server()
        state = server.running_state()
        if state is None:
            click.echo(f"Local Neo4j server for {settings.home}: not running.")
            sys.exit(3)
        click.echo(f"URI:        {state.uri}")
        click.echo(f"PID:        {state.pid}")
        click.echo(f"Store:      {server.data_dir} ({server.store_size_bytes() / 2**20:.1f} MiB)")
    else:
        click.echo(f"URI:        {settings.neo4j_uri} (external)")
    graph = get_graph(settings)
    numbers = counts(graph)
    click.echo(f"Version:    {server_version(graph)}")
    click.echo(f"Schema:     version {schema_version(graph)}")
    click.echo(f"Nodes:      {numbers['nodes']}")
    click.echo(f"Relations:  {numbers['relationships']}")


@db.command()
def migrate():
    """Apply schema migrations (idempotent)."""
    from graph.db import get_graph
    from graph.schema import migrate as apply_migrations, schema_version

    graph = get_graph()
    applied = apply_migrations(graph)
    click.echo(f"Applied migrations {', '.join(map(str, applied))}." if applied else "Schema is up to date.")
    click.echo(f"Schema version {schema_version(graph)}.")


@db.command()
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def wipe(yes):
    """Delete all data from the graph (the schema stays)."""
    from graph.db import get_graph
    from graph.schema import wipe as wipe_graph

    graph = get_graph()
    if not yes:
        click.confirm(f"Delete every node and relationship in {graph.connection.uri}?", abort=True)
    click.echo(f"Wiped in {wipe_graph(graph):.1f} s.")


@db.command()
def shell():
    """A small Cypher prompt. End a statement with ';', quit with Ctrl-D."""
    from graph.db import get_graph
    from web.shell import run_shell

    run_shell(get_graph())


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, help="Worker threads.")
@click.option("--secure-cookies", is_flag=True, help="Send the session cookie over HTTPS only (behind a TLS proxy).")
def serve(host, port, threads, secure_cookies):
    """Serve the web app and JSON API with a production WSGI server (waitress)."""
    from waitress import serve as waitress_serve

    from graph.db import get_graph
    from graph.schema import migrate as apply_migrations
    from graph.server import port_is_free
    from web import create_app

    settings = load_settings()
    apply_migrations(get_graph(settings))
    if host in ("127.0.0.1", "localhost") and not port_is_free(port):
        raise NetraError(f"Port {port} is already in use. Stop the other program or use `netra serve --port N`.")
    click.echo(f"Netra is serving on http://{host}:{port} (Ctrl-C to stop).")
    waitress_serve(create_app(settings, secure_cookies=secure_cookies), host=host, port=port, threads=threads, ident="netra")
from web import law_cli  # noqa: E402,F401  (registers its commands on `main`)
from web import search_cli  # noqa: E402,F401
from web import case_cli  # noqa: E402,F401
from web import users_cli  # noqa: E402,F401
from web import admin_cli  # noqa: E402,F401
