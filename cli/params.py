"""Option values the commands share, parsed the same way everywhere."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from core.dates import parse_day
from core.errors import NetraError

REPO = Path(__file__).resolve().parent.parent
# The development sets (not copied into the repository) and the project's own held-out sets.
SHARED_EVAL = REPO.parent / "shared" / "eval"
HELDOUT = REPO / "bench" / "queries"


def parse_as_of(value: str | None) -> date:
    """`--as-of YYYY-MM-DD`; absent means today."""
    return parse_day(value, lambda bad: click.BadParameter(f"{bad!r} is not a date like 2020-10-01",
                                                           param_hint="--as-of"), date.today())


def parse_filters(pairs) -> dict[str, str]:
    """`--filter "region=Kota Padang"` options -> {"region": "Kota Padang"}."""
    filters = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name.strip():
            raise NetraError(f"A filter is NAME=VALUE (e.g. region=Kota Padang), not {pair!r}.")
        filters[name.strip().lower()] = value.strip()
    return filters
