"""Commands for looking after a data directory: backup, restore."""

from __future__ import annotations

import click

from cli.resources import open_graph
from core.progress import progress_bar


@click.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--quiet", is_flag=True, help="No progress bar.")
def backup(path, quiet):
    """Write the whole graph (every node and relationship with all properties, embeddings included)
    and the data directory's search indexes and state files (accounts, audit log, secret key) to
    one zip file PATH, with a manifest of counts and checksums.

    \b
    Example: netra backup /backups/netra-2024-11-28.zip
    """
    from graph.backup import backup as write_backup, count_records
    from core.config import load_settings

    from web.audit import cli_audit

    settings = load_settings()
    graph = open_graph(settings)
    with progress_bar(total=count_records(graph), desc="Backing up", unit="record", disable=quiet) as bar:
        archive = write_backup(graph, settings, path, progress=bar.update)
    cli_audit("backup", str(archive.path))
    counts, files = archive.counts, archive.home_files()
    click.echo(f"Backed up {counts['nodes']} nodes, {counts['relationships']} relationships and {len(files)} "
               f"files from {settings.home} to {archive.path}.")


@click.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Wipe a graph that holds data (and replace state files) first.")
@click.option("--quiet", is_flag=True, help="No progress bars.")
def restore(path, force, quiet):
    """Restore a backup written by `netra backup`: checks the whole archive first, refuses a graph
    that holds data unless --force (which wipes it), then loads it in batches.

    If a restore stops part-way it says so; run it again with --force to start over.
    """
    from graph.backup import check_target, open_archive, restore as run_restore
    from core.config import load_settings
    from web.audit import cli_audit

    settings = load_settings()
    graph = open_graph(settings)
    with progress_bar(desc="Checking", unit="record", disable=quiet) as bar:
        archive = open_archive(path, progress=bar.update)
    check_target(graph, settings, archive, force)
    counts = archive.counts
    with progress_bar(total=counts["nodes"] + counts["relationships"], desc="Restoring", unit="record",
                  disable=quiet) as bar:
        summary = run_restore(graph, settings, archive, force=force, progress=bar.update)
    cli_audit("restore", str(path), f"backup of {archive.manifest['created']}")  # into the restored log
    click.echo(f"Restored {summary.nodes} nodes, {summary.relationships} relationships and {len(summary.files)} "
               f"files (backup of {archive.manifest['created']}) into {settings.home}.")
    for note in summary.notes:
        click.echo(note)
