"""JSON Lines as the graph's archives write them (the backup, the case export): one object a line."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator


def json_line(data, compact: bool = False) -> str:
    """`data` as JSON on one line, keys sorted and non-ASCII kept as is; `compact` leaves out the
    spaces after "," and ":"."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":") if compact else None)


def counted(records: Iterable, progress: Callable[[int], object]) -> Iterator:
    """The records, calling `progress(1)` after each one has been used."""
    for record in records:
        yield record
        progress(1)
