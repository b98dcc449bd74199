"""The `netra` click group. It knows no command: cli/commands.py registers them."""

from __future__ import annotations

import sys

import click

from core.errors import NetraError


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
