"""Writing many rows with one statement: `UNWIND $rows` in slices, inside the caller's transaction."""

from __future__ import annotations

BATCH = 5000


def unwind(tx, cypher: str, rows: list[dict], batch: int = BATCH, **params) -> None:
    """Run `cypher` (which reads `$rows`) once per slice of at most `batch` rows; nothing when `rows` is empty."""
    for start in range(0, len(rows), batch):
        tx.run(cypher, rows=rows[start:start + batch], **params)
