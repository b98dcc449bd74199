"""`python -m casegen --cases N --seed S --out DIR`: write a fictional case corpus."""

from __future__ import annotations

import argparse
import sys
import time

from core.progress import progress_bar

from .corpus import generate_corpus
from .register import schema_table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m casegen", description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000, help="number of cases (default 2000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed; the same seed gives the same bytes")
    parser.add_argument("--out", help="output folder (empty or absent)")
    parser.add_argument("--overwrite", action="store_true", help="replace a corpus previously written to --out")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--schema", action="store_true", help="print the register's columns (Markdown) and exit")
    args = parser.parse_args(argv)
    if args.schema:
        print(schema_table())
        return 0
    if args.out is None:
        parser.error("--out is required")
    if args.cases < 1:
        parser.error("--cases must be at least 1")
    started = time.perf_counter()
    with progress_bar(total=args.cases, desc="Generating", unit="case", disable=args.quiet) as bar:
        try:
            summary = generate_corpus(args.out, args.cases, args.seed, progress=bar.update, overwrite=args.overwrite)
        except FileExistsError as error:
            parser.error(str(error))
    seconds = time.perf_counter() - started
    print(f"{summary.cases} cases, {summary.documents} documents, {summary.persons} persons, {summary.links} links, "
          f"{summary.not_links} not-links in {summary.out_dir} ({seconds:.1f} s, {summary.cases / seconds:.0f} cases/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
