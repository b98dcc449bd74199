"""`netra db shell`: a minimal Cypher prompt for looking around the graph."""

from __future__ import annotations

import sys

import click
from neo4j.exceptions import Neo4jError

from graph.db import Graph

MAX_ROWS = 50


def run_shell(graph: Graph, stdin=sys.stdin) -> None:
    interactive = stdin.isatty()
    if interactive:
        click.echo(f"Connected to {graph.connection.uri}. End statements with ';'. Ctrl-D quits.")
    buffer: list[str] = []
    while True:
        if interactive:
            click.echo("cypher> " if not buffer else "   ...> ", nl=False)
        line = stdin.readline()
        if not line:
            break
        buffer.append(line)
        statement = "".join(buffer).strip()
        if not statement.endswith(";"):
            continue
        buffer.clear()
        _run_and_print(graph, statement.rstrip(";"))


def _run_and_print(graph: Graph, statement: str) -> None:
    try:
        rows = graph.run_autocommit(statement)
    except Neo4jError as exc:
        click.secho(f"{exc.code}: {exc.message}", fg="red", err=True)
        return
    if not rows:
        click.echo("(no rows)")
        return
    columns = list(rows[0])
    click.echo(" | ".join(columns))
    for row in rows[:MAX_ROWS]:
        click.echo(" | ".join(str(row[c]) for c in columns))
    more = f", first {MAX_ROWS} shown" if len(rows) > MAX_ROWS else ""
    click.echo(f"({len(rows)} rows{more})")
