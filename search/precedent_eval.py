"""`netra eval-precedent SET.json`: how often similar-case search on a case document finds past
cases of the same conduct.

A set file (../shared/eval/dev-precedent.json, bench/queries/heldout-precedent.json) maps each
document id to the act families a useful precedent shares with it; the documents are `<id>.txt`
in the folder its "documents" key names (default `cases-dev`), beside the set file. Each
document's text is given to `similar_cases` as a description; precision@k is the share of the
top k past cases whose act is in the list (a missing result counts as a miss), averaged over the
documents.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from core.errors import NetraError
from graph.db import Graph
from search.precedent import precedent_search

K = 5
DEFAULT_FOLDER = "cases-dev"


@dataclass
class PrecedentDocument:
    id: str
    text: str
    acts: list[str]  # acceptable act families


@dataclass
class PrecedentSet:
    name: str  # the set file's stem, e.g. dev-precedent
    path: Path
    documents: list[PrecedentDocument]


def load_precedent_set(path: str | Path) -> PrecedentSet:
    """The documents and their acceptable acts; a clear NetraError for a file that is not a set."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise NetraError(f"Cannot read the precedent set {path}: {exc}")
    if not isinstance(data, dict):
        raise NetraError(f"{path}: not a precedent set (a JSON object of document id -> act families).")
    folder = path.parent / str(data.get("documents") or DEFAULT_FOLDER)
    documents = []
    for key, acts in data.items():
        if not isinstance(acts, list):
            continue  # "note", "documents", "sources"
        if not acts or not all(isinstance(act, str) for act in acts):
            raise NetraError(f"{path}: {key!r} must list act families (strings).")
        try:
            text = (folder / f"{key}.txt").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise NetraError(f"{path}: cannot read the document of {key!r} in {folder}: {exc}")
        documents.append(PrecedentDocument(key, text, acts))
    if not documents:
        raise NetraError(f"{path}: no documents (expected document id -> list of act families).")
    return PrecedentSet(path.stem, path, documents)


def precision_at(acts: list[str | None], gold: list[str], k: int = K) -> float:
    """Share of the first k results whose act is acceptable; fewer than k results count as misses."""
    return sum(1 for act in acts[:k] if act in gold) / k


def evaluate_precedent(graph: Graph, facts_index, precedent_set: PrecedentSet, k: int = K,
                       conduct_index=None) -> dict:
    """Per document: precision@k, the acts found, the act the document was read as, seconds; and
    their mean. The indexes as for `search.precedent.similar_cases`."""
    rows, seconds = [], []
    for document in precedent_set.documents:
        began = time.monotonic()
        found = precedent_search(graph, facts_index, text=document.text, k=k, conduct_index=conduct_index)
        seconds.append(time.monotonic() - began)
        acts = [result.act for result in found.results]
        conduct = found.conduct.to_json() if found.conduct else None
        rows.append({"id": document.id, f"precision@{k}": precision_at(acts, document.acts, k),
                     "gold": document.acts, "found": acts, "cases": [result.id for result in found.results],
                     "read_as": conduct and {"act": conduct["act"], "share": conduct["share"]},
                     "seconds": round(seconds[-1], 3)})
    return {"set": precedent_set.name, "file": precedent_set.path.name, "k": k, "documents": len(rows),
            f"precision@{k}": round(statistics.fmean(row[f"precision@{k}"] for row in rows), 4),
            "seconds": {"mean": round(statistics.fmean(seconds), 3), "max": round(max(seconds), 3)},
            "by_document": rows}


def format_report(report: dict) -> str:
    k = report["k"]
    lines = [f"{report['set']} ({report['documents']} documents): precision@{k} {report[f'precision@{k}']:.3f}, "
             f"{report['seconds']['mean']:.2f} s per document (max {report['seconds']['max']:.2f})"]
    for row in report["by_document"]:
        found = ", ".join(act or "-" for act in row["found"])
        read = f"read as {row['read_as']['act']} ({row['read_as']['share']:.2f}); " if row["read_as"] else ""
        lines.append(f"  {row['id']}: {row[f'precision@{k}']:.2f}  gold {'/'.join(row['gold'])}; {read}found {found}")
    return "\n".join(lines)
