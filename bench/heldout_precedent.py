"""Make the held-out precedent set: case documents no graph holds, with the act each is about.

    python -m bench.heldout_precedent [--seed heldout-precedent] [--cases 800] [--per-act 4]
                                      [--out bench/queries]

Generates a fictional corpus with the project's case generator (casegen) under a seed other
than the one `make run` loads (0), in a temporary folder, and keeps, for each act family, the
first `--per-act` cases (in the generator's order) with one document each that states the
conduct: a finding, a report, a review or a recommendation (a decree or a Gakkumdu note may not
say what was done), the kind taken in turn so that every kind is used. Writes

    OUT/heldout-precedent.json   {"note", "documents": "heldout-precedent", "h01": [act], ...}
    OUT/heldout-precedent/h01.txt ...

in the format of ../shared/eval/dev-precedent.json (each id -> the acceptable act families; here
the case's own), read by `netra eval-precedent`. Every family counts equally, so the rare acts
(support letters, party membership) weigh as much as the common ones. The same seed writes the
same bytes.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

DEFAULT_SEED = "heldout-precedent"
CONDUCT_KINDS = ("temuan", "laporan", "kajian", "rekomendasi")
SET_NAME = "heldout-precedent"


def build(out_dir: Path, seed: str = DEFAULT_SEED, cases: int = 800, per_act: int = 4) -> dict:
    from casegen import generate_corpus

    with tempfile.TemporaryDirectory(prefix="netra-heldout-") as tmp:
        generate_corpus(tmp, cases=cases, seed=seed)
        rows = [json.loads(line) for line in (Path(tmp) / "register.jsonl").read_text().splitlines() if line]
        chosen = _choose(rows, per_act)
        folder = out_dir / SET_NAME
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("h*.txt"):
            old.unlink()
        gold = {"note": f"Held-out precedent set: casegen seed {seed!r}, {cases} cases, the first {per_act} of "
                        "each act family with one document stating the conduct; each id -> the act family of "
                        "its case. Made by python -m bench.heldout_precedent; never loaded into a graph.",
                "documents": SET_NAME, "sources": {}}
        for number, (row, document) in enumerate(chosen, 1):
            doc_id = f"h{number:02d}"
            text = next(Path(tmp, "docs").glob(f"*/{document}.txt")).read_text()
            (folder / f"{doc_id}.txt").write_text(text)
            gold[doc_id] = [row["act"]]
            gold["sources"][doc_id] = {"case": row["case_id"], "document": document, "act_detail": row["act_detail"],
                                       "outcome": row["outcome"]}
    target = out_dir / f"{SET_NAME}.json"
    target.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n")
    return gold


def _choose(rows: list[dict], per_act: int) -> list[tuple[dict, str]]:
    """Per act family (in order of first appearance), its first cases, each with one conduct
    document, the kinds taken in turn."""
    by_act: dict[str, list[dict]] = {}
    for row in rows:
        by_act.setdefault(row["act"], []).append(row)
    chosen, turn = [], 0
    for act in sorted(by_act):
        for row in by_act[act][:per_act]:
            documents = [d for d in row["documents"] if d.rsplit("-", 1)[-1] in CONDUCT_KINDS]
            if documents:
                chosen.append((row, documents[turn % len(documents)]))
                turn += 1
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", default=DEFAULT_SEED)
    parser.add_argument("--cases", type=int, default=800)
    parser.add_argument("--per-act", type=int, default=4)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "queries")
    args = parser.parse_args()
    gold = build(args.out, args.seed, args.cases, args.per_act)
    documents = [key for key, value in gold.items() if isinstance(value, list)]
    print(f"{len(documents)} documents in {args.out / SET_NAME}, gold in {args.out / (SET_NAME + '.json')}.")


if __name__ == "__main__":
    main()
