"""Every reader of user input runs in time linear in what it reads (issue 17, part 1).

Python's `re` backtracks and holds the GIL meanwhile: one crafted query used to stall every
thread of the server ("pasal 5" and 1,000 spaces took 3 s; the time grew with the cube of the
run). Each reader below (the citation extractor behind search, similar cases and reports; the
search analyser and query rewriting; the NIP, name and date readers; the case pipeline's patterns
and tokenizer; privacy masking; the regulation parser) gets each adversarial family of bench/regex_worst_case.py at
100,000 characters, and Hypothesis builds more inputs from the same pieces, checking that the
time stays linear. Readings run in a child process that is killed when over its bound, so a
backtracking pattern fails the test instead of hanging it; times are the child's CPU time, which
other processes on a busy machine do not inflate (the kill is by wall time, with room). No Neo4j.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bench.regex_worst_case import ENTRY_POINTS, FAMILIES, run_bounded

SIZE = 100_000
# CPU seconds for 100,000 characters. Every reader takes under 0.5 s on a slow 2-core machine;
# before the fix several took hours ("pasal 5" and 100,000 spaces: cubic).
BOUND = 2.0
KILL_AFTER = 5 * BOUND  # wall seconds: a machine shared with other work may run a child slowly


@pytest.fixture(scope="module")
def readers() -> dict:
    """Built once, before any timing (the case pipeline takes seconds to build)."""
    return {name: build() for name, build in ENTRY_POINTS.items()}


@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_each_adversarial_input_of_100000_characters_is_read_in_linear_time(readers, entry):
    jobs = [(family, readers[entry], build(SIZE)) for family, build in FAMILIES.items()]
    times = run_bounded(jobs, limit=KILL_AFTER)
    slow = {family: f"killed after {KILL_AFTER} s" if timing is None else f"{timing.cpu:.2f} s"
            for family, timing in times.items() if timing is None or timing.cpu >= BOUND}
    assert not slow, f"{entry} over {BOUND} s on {SIZE:,} characters of: {slow}"


def test_the_reported_query_is_read_at_once():
    """The input of the issue, through the search's citation fast path and similar cases."""
    from ingest.citations import extract_citations

    times = run_bounded([("1,000 spaces", extract_citations, "pasal 5" + " " * 1000 + "x"),
                         ("100,000 spaces", extract_citations, "pasal 5" + " " * 100_000 + "x")], limit=KILL_AFTER)
    assert times["1,000 spaces"] is not None and times["1,000 spaces"].cpu < 0.05, times  # was 3 s
    assert times["100,000 spaces"] is not None and times["100,000 spaces"].cpu < 0.5, times


def test_ranges_expand_to_a_bounded_number_of_provisions():
    """ "Pasal 1-500, 1-500, ..." names 70 provisions per character typed; past MAX_EXPANDED in one
    text only the ends of a range are listed (at most one provision per two characters), with a
    note saying why, once."""
    from ingest.citations import extract_citations
    from ingest.citations.chains import MAX_EXPANDED

    [citation] = extract_citations(FAMILIES["pasal 1-500, repeated"](SIZE))
    assert MAX_EXPANDED <= len(citation.cited) < MAX_EXPANDED + SIZE // 2
    assert [note for note in citation.notes if f"more than {MAX_EXPANDED} provisions" in note] == [
        f"range Pasal 1 to Pasal 500: the text's ranges add more than {MAX_EXPANDED} provisions, so from here on "
        "only their ends are listed"]
    [small] = extract_citations("Pasal 1 sampai dengan Pasal 206 dicabut")
    assert len(small.cited) == 206 and not small.notes


# -- Hypothesis: inputs built from the same pieces, each read at its size and at double it -------

PIECES = ["pasal", "Pasal 5", "ayat (1)", "huruf a", "angka 1", "UU No. ", "UU Nomor", "Putusan MK Nomor",
          "Lampiran", "LAMPIRAN II\n", "Diktum KESATU", "KEDUA :\n", "BAB I\n", "[lampiran", "Keputusan Bersama Menteri",
          "SE Nomor B/",
          "undang", "Kamis", "nomor urut", "\nNIP :", "No.", "1/", "dan", "...", ",", "-", "x", "A.", "a.", "12a",
          "_", '"', "(", ")", " ", "  ", "\t", "\n", " \n", "1", "1 ", ".", "\u0627", "\u4e2d", "\U0001F600",
          "a\u0301", "\x00", "\u00a0"]
MAX_PIECE_CHARS = 4_000
# A linear reader takes a few milliseconds per 10,000 characters here; allow a hundred times that,
# and for the doubled input four times the single one (a quadratic reader's factor) plus slack for
# a busy machine. The old patterns took seconds on 1,000 spaces, hours on 10,000.
SECONDS_PER_10K = 0.5
SLACK = 0.3


@st.composite
def runs(draw) -> list[tuple[str, int]]:
    """1 to 5 pieces, each repeated up to MAX_PIECE_CHARS characters' worth."""
    chosen = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=5))
    return [(piece, draw(st.integers(1, max(1, MAX_PIECE_CHARS // len(piece))))) for piece in chosen]


def _text(pieces: list[tuple[str, int]], times: int) -> str:
    return "".join(piece * (count * times) for piece, count in pieces)


@settings(max_examples=25, deadline=timedelta(seconds=120), derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(runs())
@example([("pasal 5", 1), (" ", 2000), ("x", 1)])
@example([("UU Nomor", 1), (" ", 2000), ("x", 1)])
@example([("Kamis", 1), (" ", 2000), ("x", 1)])
@example([("1", 2000), ("_", 1)])
@example([("\nNIP :", 1), (" ", 2000), ("x", 1)])
def test_time_grows_linearly_with_the_input(readers, pieces):
    single, double = _text(pieces, 1), _text(pieces, 2)
    # Each reading twice, keeping the faster: noise slows a reading, never speeds it up.
    jobs = [((name, size, attempt), reader, text) for name, reader in readers.items()
            for size, text in (("single", single), ("double", double)) for attempt in (0, 1)]
    times = run_bounded(jobs, limit=10 * SECONDS_PER_10K * len(double) / 10_000 + 5)
    killed = sorted({name for (name, _size, _attempt), timing in times.items() if timing is None})
    assert not killed, f"killed: {killed} on {len(double):,} characters"
    for name in readers:
        once = min(times[(name, "single", attempt)].cpu for attempt in (0, 1))
        twice = min(times[(name, "double", attempt)].cpu for attempt in (0, 1))
        assert twice < SECONDS_PER_10K * len(double) / 10_000 + SLACK, (name, len(double), twice)
        assert twice < 4 * once + SLACK, (name, len(single), once, twice)
