"""Dates as people type them (YYYY-MM-DD), in the web app's parameters and the command line's
options alike; each caller says what a bad one is called in its own words."""

from __future__ import annotations

from datetime import date
from typing import Callable


def parse_day(value: str | None, invalid: Callable[[str], Exception], default: date | None = None) -> date | None:
    """`value` as a date; `default` when it is None; raises `invalid(value)` when it is not a date."""
    if value is None:
        return default
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise invalid(value) from None
