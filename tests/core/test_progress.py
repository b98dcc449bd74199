"""Progress bars draw only on a terminal; elsewhere they print plain lines."""

from __future__ import annotations

import io

from core.progress import progress_bar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_in_a_pipe_a_bar_prints_lines_at_start_and_end():
    out = io.StringIO()
    with progress_bar(total=3399, desc="Parsing files", unit="file", file=out) as bar:
        bar.update(120)
    lines = out.getvalue().splitlines()
    assert "\r" not in out.getvalue() and out.getvalue().endswith("\n")
    assert lines[0].startswith("Parsing files: 0/3399 (0%)")
    assert lines[-1].startswith("Parsing files: 120/3399 (4%)")


def test_in_a_pipe_iteration_and_unknown_totals_print_lines_too():
    out = io.StringIO()
    assert list(progress_bar(iter("abc"), desc="Reading", unit="letter", file=out)) == ["a", "b", "c"]
    assert "\r" not in out.getvalue() and out.getvalue().splitlines()[-1].startswith("Reading: 3letter")


def test_a_disabled_bar_prints_nothing():
    out = io.StringIO()
    with progress_bar(total=5, desc="Quiet", disable=True, file=out) as bar:
        bar.update(5)
    assert out.getvalue() == ""


def test_on_a_terminal_the_bar_is_drawn_in_place():
    out = Terminal()
    with progress_bar(total=4, desc="Drawing", file=out) as bar:
        bar.update(4)
    assert "\r" in out.getvalue() and "100%|" in out.getvalue()
