"""`netra eval-precedent`: precision@5 of similar-case search on case documents with known conduct."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cli.params import HELDOUT, SHARED_EVAL
from cli.resources import open_engine
from core.errors import NetraError

DEV_SET = SHARED_EVAL / "dev-precedent.json"
HELDOUT_SET = HELDOUT / "heldout-precedent.json"


@click.command("eval-precedent")
@click.argument("sets", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Folder for the JSON reports (default: NETRA_HOME/results).")
@click.option("-k", "k", default=5, show_default=True, type=click.IntRange(1, 50), help="Precision at this rank.")
def eval_precedent(sets, out_dir, k):
    """Measure similar-case search on case documents: each document's text is the description,
    and precision@k is the share of the top k past cases whose act is one the set accepts.

    A set is a JSON object of document id -> acceptable act families (`note` and `sources` keys
    aside), the documents `<id>.txt` in the folder its `documents` key names (default `cases-dev`)
    beside it. Without SETS: ../shared/eval/dev-precedent.json and, reported alongside, the
    held-out set bench/queries/heldout-precedent.json (made by `python -m bench.heldout_precedent`).
    Each report is written to --out as eval-precedent-<set>.json (dev-precedent.json ->
    eval-precedent-dev.json).

    \b
    Example: netra eval-precedent --out bench/results
             netra eval-precedent ../shared/eval/dev-precedent.json
    """
    from core.config import load_settings
    from search.precedent_eval import evaluate_precedent, format_report, load_precedent_set

    paths = [Path(path) for path in sets] or [path for path in (DEV_SET, HELDOUT_SET) if path.exists()]
    if not paths:
        raise NetraError(f"No precedent set given and none at {DEV_SET} or {HELDOUT_SET}.")
    loaded = [load_precedent_set(path) for path in paths]  # every file checked before any search
    settings = load_settings()
    engine = open_engine(settings)
    folder = Path(out_dir) if out_dir else settings.home / "results"
    folder.mkdir(parents=True, exist_ok=True)
    for precedent_set in loaded:
        report = evaluate_precedent(engine.graph, engine.case_retriever(), precedent_set, k=k,
                                    conduct_index=engine.case_keyword)
        report["facts_index"] = "semantic" if engine.case_retriever() is engine.case_semantic else "keyword"
        click.echo(format_report(report))
        out = folder / f"eval-precedent-{precedent_set.name.removesuffix('-precedent')}.json"
        out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        click.echo(f"Written to {out}.")
