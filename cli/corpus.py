"""`netra corpus generate`: fictional case corpora for tests and demonstrations."""

from __future__ import annotations

import click

from core.errors import NetraError
from core.progress import progress_bar


@click.group()
def corpus():
    """Fictional case corpora for testing and demonstration."""


@corpus.command()
@click.option("--cases", type=click.IntRange(min=1), default=2000, show_default=True, help="Number of cases.")
@click.option("--seed", default="0", show_default=True, help="Random seed; the same seed gives the same bytes.")
@click.option("--out", required=True, type=click.Path(file_okay=False), help="Output folder (empty or absent).")
@click.option("--force", is_flag=True, help="Replace a corpus previously written to --out.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def generate(cases, seed, out, force, quiet):
    """Write a seeded fictional corpus: case documents, register.csv/.jsonl and gold.json."""
    from casegen import generate_corpus

    seed_value = int(seed) if seed.lstrip("-").isdigit() else seed
    with progress_bar(total=cases, desc="Generating", unit="case", disable=quiet) as bar:
        try:
            summary = generate_corpus(out, cases, seed_value, progress=bar.update, overwrite=force)
        except FileExistsError:
            raise NetraError(f"{out} is not empty; pass --force to replace a corpus written there.")
    click.echo(f"{summary.cases} cases, {summary.documents} documents, {summary.persons} persons, "
               f"{summary.links} links in {summary.out_dir}.")
