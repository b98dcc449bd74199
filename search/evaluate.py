"""`netra eval-search QUERIES.jsonl`: Recall@1/5/10, MRR and nDCG@10 per mode, at Pasal level
(the result lies in the gold provision's Pasal) and exact level (it is the gold provision).

Each query's `gold` lists acceptable answers; the first acceptable result counts, so nDCG@10 is
1/log2(1 + rank of the first relevant result).
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass
from pathlib import Path

from core.errors import NetraError
from core.refs import ProvisionRef
from search.engine import SearchEngine, pasal_of

LEVELS = ("pasal", "exact")


@dataclass
class Query:
    id: str
    text: str
    gold: list[str]  # provision ids


def load_queries(path: str | Path) -> list[Query]:
    queries = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise NetraError(f"Cannot read {path}: {exc}")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            queries.append(Query(row["id"], row["q"], [ProvisionRef.from_dict(g).id for g in row["gold"]]))
        except (ValueError, KeyError, TypeError) as exc:
            raise NetraError(f"{path}, line {number}: not a query with id, q and gold ({exc}).")
    return queries


def first_relevant_rank(result_ids: list[str], gold: list[str], level: str) -> int | None:
    """A gold answer that names a whole document (the SKB 2022, whose rules are the points of its
    annex) accepts any of its provisions, at both levels."""
    documents = tuple(g + "/" for g in gold if g.count("/") == 2)  # type/year/number
    if level == "pasal":
        wanted = {pasal_of(g) for g in gold}
        ranks = [i for i, rid in enumerate(result_ids, 1) if pasal_of(rid) in wanted or rid.startswith(documents)]
    else:
        ranks = [i for i, rid in enumerate(result_ids, 1) if rid in gold or rid.startswith(documents)]
    return ranks[0] if ranks else None


def metrics(ranks: list[int | None]) -> dict:
    n = len(ranks) or 1
    return {
        "recall@1": sum(1 for r in ranks if r and r <= 1) / n,
        "recall@5": sum(1 for r in ranks if r and r <= 5) / n,
        "recall@10": sum(1 for r in ranks if r and r <= 10) / n,
        "mrr": sum(1 / r for r in ranks if r) / n,
        "ndcg@10": sum(1 / math.log2(1 + r) for r in ranks if r and r <= 10) / n,
    }


def evaluate(engine: SearchEngine, queries: list[Query], modes: list[str]) -> dict:
    report = {"queries": len(queries), "modes": {}}
    for mode in modes:
        ranks = {level: [] for level in LEVELS}
        misses, began = [], time.monotonic()
        for query in queries:
            ids = [r.id for r in engine.search(query.text, mode=mode, k=10)]
            for level in LEVELS:
                ranks[level].append(first_relevant_rank(ids, query.gold, level))
            if ranks["pasal"][-1] is None:
                misses.append(query.id)
        report["modes"][mode] = {level: metrics(ranks[level]) for level in LEVELS}
        report["modes"][mode]["missed_at_pasal_level"] = misses
        report["modes"][mode]["seconds"] = round(time.monotonic() - began, 2)
    return report


def format_report(report: dict) -> str:
    lines = [f"{report['queries']} queries"]
    header = f"{'mode':<9} {'level':<6} " + " ".join(f"{m:>9}" for m in ("R@1", "R@5", "R@10", "MRR", "nDCG@10"))
    lines.append(header)
    for mode, result in report["modes"].items():
        for level in LEVELS:
            m = result[level]
            lines.append(f"{mode:<9} {level:<6} " + " ".join(
                f"{m[key]:>9.3f}" for key in ("recall@1", "recall@5", "recall@10", "mrr", "ndcg@10")))
    return "\n".join(lines)
