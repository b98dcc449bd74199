"""`python -m ingest.cases FILE...`: print each case document's extraction as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .extract import extract_case_document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.cases", description=__doc__.splitlines()[0])
    parser.add_argument("files", type=Path, nargs="+", help="UTF-8 text files")
    args = parser.parse_args(argv)
    for path in args.files:
        extraction = extract_case_document(path.read_bytes(), path.stem)
        print(json.dumps(extraction.to_dict(), ensure_ascii=False, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
