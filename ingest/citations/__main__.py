"""`python -m ingest.citations FILE`: print the citations found in a file.

A corpus regulation (a header naming its type, number and year) is read line by line so that
relative citations are completed; anything else is read as one document.
"""

from __future__ import annotations

import argparse
import bisect
import sys
from datetime import date
from pathlib import Path

from .aliases import alias_table
from .documents import extract_from_regulation, regulation_of, split_header
from .extract import extract_citations
from .model import Citation, CitationContext, ProvisionCitation


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.citations", description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, nargs="?", help="a UTF-8 text file")
    parser.add_argument("--date", type=date.fromisoformat,
                        help="when the text was written (YYYY-MM-DD); picks what common names such as 'UU ASN' meant")
    parser.add_argument("--aliases", action="store_true", help="print the table of common names and exit")
    args = parser.parse_args(argv)
    if args.aliases:
        print(alias_table())
        return 0
    if args.file is None:
        parser.error("FILE is required")
    text = args.file.read_text(encoding="utf-8")
    citations = find_citations(text, args.date)
    line_starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
    for citation in citations:
        print(describe(citation, line=bisect.bisect_right(line_starts, citation.start)))
    print(f"{len(citations)} citations in {args.file}")
    return 0


def find_citations(text: str, on: date | None) -> list[Citation]:
    header, body_start = split_header(text)
    regulation = regulation_of(header)
    if regulation is not None:
        # Without a date, a regulation's common names are read as of the end of its own year.
        return extract_from_regulation(text, regulation, body_start, on or date(regulation.year, 12, 31))
    return [citation.moved(body_start) for citation in extract_citations(text[body_start:], CitationContext(date=on))]


def describe(citation: Citation, line: int) -> str:
    kind = type(citation).__name__.removesuffix("Citation").lower()
    flag = "  UNCERTAIN" if citation.uncertain else ""
    lines = [f"line {line}, {citation.start}-{citation.end}  {kind}  {citation.raw!r}{flag}"]
    source = f"  (regulation: {citation.regulation_source})" if isinstance(citation, ProvisionCitation) else ""
    lines += [f"    -> {ref.id}{source}" for ref in citation.refs]
    lines += [f"    -> partial: {provision}" for provision in citation.provisions if not provision.complete]
    lines += [f"    note: {note}" for note in citation.notes]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
