"""`netra db ...`: run and inspect the graph database."""

from __future__ import annotations

import sys

import click

from cli.resources import open_graph
from core.config import load_settings
from core.errors import NetraError


@click.group()
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
    from graph.schema import migrate

    server = _local_server()
    result = server.start(port=port, progress=lambda msg: click.echo(msg, err=True))
    for note in result.notes:
        click.echo(note)
    if result.already_running:
        click.echo(f"Neo4j is already running at {result.state.uri} (PID {result.state.pid}).")
        return
    applied = migrate(open_graph(server.settings))
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
    graph = open_graph(settings)
    numbers = counts(graph)
    click.echo(f"Version:    {server_version(graph)}")
    click.echo(f"Schema:     version {schema_version(graph)}")
    click.echo(f"Nodes:      {numbers['nodes']}")
    click.echo(f"Relations:  {numbers['relationships']}")


@db.command()
def migrate():
    """Apply schema migrations (idempotent)."""
    from graph.schema import migrate as apply_migrations, schema_version

    graph = open_graph()
    applied = apply_migrations(graph)
    click.echo(f"Applied migrations {', '.join(map(str, applied))}." if applied else "Schema is up to date.")
    click.echo(f"Schema version {schema_version(graph)}.")


@db.command()
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def wipe(yes):
    """Delete all data from the graph (the schema stays)."""
    from graph.schema import wipe as wipe_graph

    graph = open_graph()
    if not yes:
        click.confirm(f"Delete every node and relationship in {graph.connection.uri}?", abort=True)
    click.echo(f"Wiped in {wipe_graph(graph):.1f} s.")


@db.command()
def shell():
    """A small Cypher prompt. End a statement with ';', quit with Ctrl-D."""
    from cli.shell import run_shell

    run_shell(open_graph())

