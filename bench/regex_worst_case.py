"""Benchmark: the worst time the readers of user input take per 10,000 characters of hostile text.

    python -m bench.regex_worst_case [--sizes 10000,50000,100000] [--limit 60] [--out PATH]

Every function that runs regular expressions over what a person types, pastes or uploads (the
citation extractor behind search, similar cases and reports; the search analyser and query
rewriting; the NIP, name and date readers; the case pipeline's patterns and tokenizer; privacy
masking; the regulation parser) reads each adversarial family below at each size, in a child process that is killed
after `--limit` seconds. Reports CPU seconds (what a request holding the GIL costs the server,
and steady on a busy machine), wall seconds, and CPU seconds per 10,000 characters for each, the
worst overall, and the machine (CPU model, load average). A linear reader keeps its seconds per
10,000 characters flat as the size grows; backtracking shows as a rate that grows with the size.
`extract_case_document` (the whole case pipeline) is timed too, though not all its work is
regular expressions. Writes bench/results/regex-worst-case.json and prints it.

tests/test_regex_linear.py runs the same families through the same functions, with a time bound.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

RESULTS = Path(__file__).parent / "results"
SIZES = (10_000, 50_000, 100_000)
PER = 10_000  # characters: rates are seconds per this many


def fit(piece: str, size: int, head: str = "", tail: str = "") -> str:
    """`head`, then `piece` repeated (the last copy cut), then `tail`: exactly `size` characters."""
    body = size - len(head) - len(tail)
    return head + (piece * (body // len(piece) + 1))[:body] + tail


# Adversarial inputs: name -> text of exactly the size asked. Long runs of whitespace, digits,
# dots and brackets; citation words repeated; words that open a pattern followed by a long run that
# the pattern's neighbouring terms could share; mixed scripts, combining marks, emoji, NUL bytes.
FAMILIES: dict[str, Callable[[int], str]] = {
    "spaces": lambda n: fit(" ", n),
    "newlines": lambda n: fit("\n", n),
    "mixed whitespace": lambda n: fit(" \t\u00a0\r\n\u2028", n, "a", "x"),
    "pasal 5 + spaces + x": lambda n: fit(" ", n, "pasal 5", "x"),
    "Pasal 5 ayat (1) + tabs and spaces + x": lambda n: fit(" \t", n, "Pasal 5 ayat (1)", "x"),
    "pasal 5 ... + spaces + x": lambda n: fit(" ", n, "pasal 5 ...", "x"),
    "UU Nomor + spaces + x": lambda n: fit(" ", n, "UU Nomor", "x"),
    "Putusan MK Nomor + spaces + x": lambda n: fit(" ", n, "Putusan MK Nomor", "x"),
    "undang + spaces + x": lambda n: fit(" ", n, "undang", "x"),
    "Kamis + spaces + x": lambda n: fit(" ", n, "Kamis", "x"),
    "nomor urut + spaces + x": lambda n: fit(" ", n, "nomor urut", "x"),
    "NIP field + spaces": lambda n: fit(" ", n, "\nNIP : a", "b\n"),
    "digits": lambda n: fit("1", n),
    "digits + _1": lambda n: fit("1", n, "", "_1"),
    "digits and spaces + x": lambda n: fit("1 ", n, "", "x"),
    "dots": lambda n: fit(".", n),
    "No. repeated": lambda n: fit("No.", n),
    "pasal repeated": lambda n: fit("pasal ", n),
    "pasal 5 repeated": lambda n: fit("pasal 5 ", n),
    "pasal 1-500, repeated": lambda n: fit("1-500, ", n, "pasal "),
    "ayat (1) huruf a angka 1 repeated": lambda n: fit("ayat (1) huruf a angka 1 ", n),
    "UU No. + 1/ repeated": lambda n: fit("1/", n, "UU No. "),
    "nested brackets": lambda n: fit("(", n),
    "ayat + brackets + 1": lambda n: fit("(", n, "ayat ", "1"),
    "quotes": lambda n: fit('"', n),
    "A.a.a. + closing brackets": lambda n: fit("a.", n // 2, "A.") + fit(")", n - n // 2),
    "Arabic": lambda n: fit("\u0627\u0644\u0639\u0631\u0628\u064a\u0629 ", n),
    "CJK, emoji, combining marks": lambda n: fit("\u4e2d\u6587\U0001F600\U0001F44D\u200da\u0301\u0308", n),
    "mixed scripts": lambda n: fit("pasal \u0661\u0662 \u4e2d a\u0301 \U0001F600 ", n),
    "NUL bytes": lambda n: fit("\x00", n),
    "pasal with NUL bytes": lambda n: fit("pasal\x00 5\x00", n),
    "names with titles": lambda n: fit("Drs. H. Ahmad Fauzi, M.Si., ", n),
    # Decrees, circulars and annexes whose rules are list items (issue 18).
    "Diktum KESATU + spaces + x": lambda n: fit(" ", n, "Diktum KESATU", "x"),
    "KEDUA : repeated": lambda n: fit("KEDUA :\n", n),
    "LAMPIRAN II and BAB I repeated": lambda n: fit("LAMPIRAN II\nBAB I\n", n),
    "[lampiran without its closing bracket": lambda n: fit("lampiran ", n, "[", "x"),
    "points 1. a. 1) a) repeated": lambda n: fit("1. x;\na. y;\n1) z;\na) w;\n", n),
    "a list's last item + lines": lambda n: fit("kata\n", n, "LAMPIRAN\n1. x:\na. y\n"),
    "KEPUTUSAN BERSAMA + capitalised words + x": lambda n: fit(" MENTERI", n, "KEPUTUSAN BERSAMA", " x"),
    "angka 6 Lampiran repeated": lambda n: fit("angka 6 Lampiran ", n),
    "SE Nomor B/ + 1/ repeated": lambda n: fit("1/", n, "SE Nomor B/", "x"),
}


def _citations() -> Callable[[str], object]:
    from ingest.citations import extract_citations

    return extract_citations


def _analyser() -> Callable[[str], object]:
    from search.analysis import analyse

    return analyse


def _query_rewriting() -> Callable[[str], object]:
    from search.analysis import expand_informal
    from search.keyword import parse_query

    return lambda text: parse_query(expand_informal(text))


def _nip_reader() -> Callable[[str], object]:
    from ingest.cases.nip import find_nips, read_nip

    return lambda text: (find_nips(text), read_nip(text))


def _name_reader() -> Callable[[str], object]:
    from ingest.cases.names import name_key, parse_name

    return lambda text: (parse_name(text), name_key(text))


def _date_reader() -> Callable[[str], object]:
    from ingest.cases.dates import find_dates, parse_date

    return lambda text: (find_dates(text), parse_date(text))


def _case_patterns() -> Callable[[str], object]:
    """The patterns the case pipeline's components run over a document's text."""
    from ingest.cases.components.identifiers import BALLOT, CASE_NUMBER
    from ingest.cases.people import FORM_FIELD

    return lambda text: (list(CASE_NUMBER.finditer(text)), list(BALLOT.finditer(text)), FORM_FIELD.findall(text))


def _case_tokenizer() -> Callable[[str], object]:
    """spaCy's tokenizer (its prefix and suffix patterns) as the case pipeline runs it."""
    from ingest.cases.extract import _readable
    from ingest.cases.nlp import build_pipeline

    tokenizer = build_pipeline().tokenizer
    return lambda text: tokenizer(_readable(text)[0])


def _masking() -> Callable[[str], object]:
    from web.privacy import Redactor

    redactor = Redactor(b"bench-key", frozenset({"ahmad", "fauzi", "marzuki"}))
    return lambda text: (redactor.text(text, "sentence", case_data=True), redactor.query(text))


def _regulation_parser() -> Callable[[str], object]:
    """The regulation parser: headings, zones, Pasal, diktum, Lampiran chapters and points (an
    uploaded regulation is read by it)."""
    from ingest.regulation import parse_regulation

    return parse_regulation


def _case_document() -> Callable[[str], object]:
    from ingest.cases import extract_case_document

    extract_case_document("Pasal 5 UU 5/2014", "warm-up")
    return lambda text: extract_case_document(text, "bench")


# name -> a function that builds the reader (imports happen there, once, before any timing)
ENTRY_POINTS: dict[str, Callable[[], Callable[[str], object]]] = {
    "extract_citations": _citations,
    "search analyser": _analyser,
    "query rewriting": _query_rewriting,
    "NIP reader": _nip_reader,
    "name reader": _name_reader,
    "date reader": _date_reader,
    "case document patterns": _case_patterns,
    "case tokenizer": _case_tokenizer,
    "privacy masking": _masking,
    "regulation parser": _regulation_parser,
}
# Timed by the benchmark only: the whole pipeline does more than read patterns.
BENCH_ONLY: dict[str, Callable[[], Callable[[str], object]]] = {"extract_case_document": _case_document}


class Timing(NamedTuple):
    cpu: float  # seconds of the child's CPU time
    wall: float


def run_bounded(jobs: Iterable[tuple[object, Callable[[str], object], str]], limit: float) -> dict[object, Timing | None]:
    """How long each job `(key, function, text)` took, in a forked child process; None for a job
    still running after `limit` seconds of wall time (the child is killed and the jobs after it go
    on in a new one). A function holding the GIL in `re` cannot be interrupted in-process, so a
    child it is. Raises RuntimeError if a job raises."""
    jobs = list(jobs)
    times: dict[object, Timing | None] = {}
    context = multiprocessing.get_context("fork")
    while len(times) < len(jobs):
        pending = jobs[len(times):]
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_run_jobs, args=(pending, sender), daemon=True)
        child.start()
        sender.close()
        for key, _function, _text in pending:
            if not receiver.poll(limit):
                child.kill()
                times[key] = None
                break
            status, value = receiver.recv()
            if status == "error":
                child.kill()
                raise RuntimeError(f"{key}: {value}")
            times[key] = value
        child.join()
        receiver.close()
    return times


def _run_jobs(jobs, sender) -> None:
    for _key, function, text in jobs:
        began, began_cpu = time.perf_counter(), time.process_time()
        try:
            function(text)
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises it
            sender.send(("error", f"{type(exc).__name__}: {exc}"))
            return
        sender.send(("ok", Timing(time.process_time() - began_cpu, time.perf_counter() - began)))


def cpu_model(cpuinfo: Path = Path("/proc/cpuinfo")) -> str:
    try:
        lines = cpuinfo.read_text(errors="replace").splitlines()
    except OSError:
        lines = []
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")),
                platform.processor() or platform.machine())


def machine() -> dict:
    return {"cpu": cpu_model(), "cpus": os.cpu_count(), "python": platform.python_version(),
            "load_average": [round(load, 2) for load in os.getloadavg()]}


def measure(entries: dict[str, Callable[[], Callable[[str], object]]], families: list[str], sizes: list[int],
            limit: float) -> dict:
    """entry -> family -> size -> {"seconds", "wall_seconds", "seconds_per_10k"}: CPU seconds, and
    None when killed at the limit."""
    results = {}
    for name, build in entries.items():
        function = build()
        jobs = [((family, size), function, FAMILIES[family](size)) for family in families for size in sizes]
        times = run_bounded(jobs, limit)
        results[name] = {family: {str(size): _row(times[(family, size)], size, limit) for size in sizes}
                         for family in families}
        print(f"  {name}: worst {max(_rates(results[name]), default=0):.4f} s per 10,000 characters", flush=True)
    return results


def _row(timing: Timing | None, size: int, limit: float) -> dict:
    if timing is None:
        return {"seconds": None, "killed_after_seconds": limit, "seconds_per_10k": None}
    return {"seconds": round(timing.cpu, 5), "wall_seconds": round(timing.wall, 5),
            "seconds_per_10k": round(timing.cpu * PER / size, 5)}


def _rates(by_family: dict) -> list[float]:
    return [row["seconds_per_10k"] if row["seconds"] is not None else float("inf")
            for by_size in by_family.values() for row in by_size.values()]


def worst(results: dict) -> dict:
    """The slowest reading per 10,000 characters overall (a killed one counts as the slowest)."""
    rows = [(entry, family, size, row) for entry, by_family in results.items() for family, by_size in by_family.items()
            for size, row in by_size.items()]
    entry, family, size, row = max(rows, key=lambda r: float("inf") if r[3]["seconds"] is None
                                   else r[3]["seconds_per_10k"])
    return {"entry": entry, "family": family, "characters": int(size), **row}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="text sizes in characters, comma-separated")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before a reading is killed")
    parser.add_argument("--entries", help="comma-separated entry points (default: all)")
    parser.add_argument("--families", help="comma-separated families (default: all)")
    parser.add_argument("--out", type=Path, default=RESULTS / "regex-worst-case.json")
    args = parser.parse_args(argv)
    every = {**ENTRY_POINTS, **BENCH_ONLY}
    entries = {name: every[name] for name in args.entries.split(",")} if args.entries else every
    families = args.families.split(",") if args.families else list(FAMILIES)
    sizes = [int(size) for size in args.sizes.split(",")]
    before = machine()
    began = time.perf_counter()
    results = measure(entries, families, sizes, args.limit)
    tested = {name: by_family for name, by_family in results.items() if name in ENTRY_POINTS}
    report = {
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {**before, "load_average_after": [round(load, 2) for load in os.getloadavg()]},
        "sizes": sizes, "limit_seconds": args.limit, "wall_seconds": round(time.perf_counter() - began, 1),
        "worst": worst(results),
        "worst_pattern_readers": worst(tested) if tested else None,
        "worst_per_entry": {name: worst({name: by_family}) for name, by_family in results.items()},
        "results": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(text)
    print(f"Written to {args.out}")
    return report


if __name__ == "__main__":
    main()
