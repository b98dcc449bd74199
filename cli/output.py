"""What the loading commands print after a load, the same way for regulations and cases."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


def report_outcomes(summary, report: str | None) -> None:
    """Each failed or skipped file on standard error, the JSON report to `report` if asked for;
    exits 1 when files failed and none was loaded or unchanged."""
    for outcome in summary.outcomes:
        if outcome.error:
            click.secho(f"  failed  {outcome.path}: {outcome.error}", fg="red", err=True)
        for warning in outcome.warnings if outcome.status == "skipped" else ():
            click.secho(f"  skipped {outcome.path}: {warning}", fg="yellow", err=True)
    if report:
        Path(report).write_text(json.dumps(summary.to_json(), indent=2, ensure_ascii=False, default=str),
                                encoding="utf-8")
        click.echo(f"Report written to {report}.")
    totals = summary.totals
    if totals["failed"] and not totals["loaded"] and not totals["unchanged"]:
        sys.exit(1)
