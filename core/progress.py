"""Progress bars that draw only on a terminal. Piped into a file or a CI log, the same bar writes
a plain line when it starts, every few seconds and when it ends, never a carriage return."""

from __future__ import annotations

import sys
from typing import Iterable

from tqdm import tqdm

PLAIN_INTERVAL = 5.0  # seconds between lines in a pipe
PLAIN_FORMAT = "{desc}: {n_fmt}/{total_fmt} ({percentage:.0f}%) [{elapsed}<{remaining}, {rate_fmt}]"


def progress_bar(iterable: Iterable | None = None, *, total: float | None = None, desc: str | None = None,
                 unit: str = "it", disable: bool = False, file=None, **options) -> tqdm:
    """A tqdm bar on `file` (default standard error): drawn when that is a terminal, else plain
    lines. Use it as tqdm: iterate over it, or `update(n)` it in a `with` block."""
    file = file or sys.stderr
    bar = tqdm if _is_terminal(file) else _PlainBar
    return bar(iterable, total=total, desc=desc, unit=unit, disable=disable, file=file, **options)


def _is_terminal(file) -> bool:
    try:
        return file.isatty()
    except (AttributeError, ValueError):  # no isatty, or closed
        return False


class _PlainBar(tqdm):
    """tqdm's counting and timing; a line of text per display instead of a redrawn bar."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("mininterval", PLAIN_INTERVAL)
        super().__init__(*args, **kwargs)

    def display(self, msg=None, pos=None):
        if msg is not None:  # '' is tqdm clearing its line: nothing to clear here
            return False
        line = self.format_meter(**{**self.format_dict, "bar_format": PLAIN_FORMAT if self.total else None})
        self.fp.write(line if self.disable else line + "\n")  # close() (disabled by then) ends the last line
        self.fp.flush()
        return True

    def clear(self, nolock=False):
        pass
