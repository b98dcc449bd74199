"""Benchmark: passage embedding throughput on a sample of the whole archive's provisions.

    python -m bench.embed_archive_sample [--texts 1000] [--archive PATH]

Semantic search over the whole archive needs ~500,000 provision texts embedded; this measures
the rate on a random sample of them (every 40th document's Pasal, ayat, huruf and angka, raw
text without the parent context the index adds, so an upper bound) to say how long that takes.
Uses the model `netra index` builds under NETRA_HOME. Writes bench/results/embed-archive-sample.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from pathlib import Path

from graph.config import load_settings
from ingest.regulation.parser import parse_regulation
from ingest.regulation.sources import iter_archive_markdown, read_markdown
from search.embedder import load_configured_embedder

RESULTS = Path(__file__).parent / "results"
DEFAULT_ARCHIVE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "peraturan-md.tar.gz"
EVERY_NTH_DOCUMENT = 40
ARCHIVE_PROVISIONS = 496_743  # bench/results/search-latency-archive.json


def sample_texts(archive: Path, count: int) -> list[str]:
    texts = []
    for index, (member, markdown) in enumerate(iter_archive_markdown(archive)):
        if index % EVERY_NTH_DOCUMENT or len(texts) >= 20 * count:
            continue
        parsed = parse_regulation(*read_markdown(markdown, f"{archive}::{member}", member))
        texts += [node.text for node in parsed.walk() if node.kind in ("pasal", "ayat", "huruf", "angka") and node.text]
    random.Random(0).shuffle(texts)
    return texts[:count]


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=1000)
    parser.add_argument("--archive", default=str(DEFAULT_ARCHIVE))
    args = parser.parse_args(argv)
    texts = sample_texts(Path(args.archive), args.texts)
    embedder = load_configured_embedder(load_settings(), build=True)
    embedder.embed_passages(texts[:32])  # warm up
    began = time.monotonic()
    embedder.embed_passages(texts)
    seconds = time.monotonic() - began
    rate = len(texts) / seconds
    results = {"texts": len(texts), "mean_chars": round(sum(map(len, texts)) / len(texts)),
               "seconds": round(seconds, 1), "passages_per_second": round(rate, 1),
               "archive_provisions": ARCHIVE_PROVISIONS,
               "archive_hours_at_this_rate": round(ARCHIVE_PROVISIONS / rate / 3600, 1),
               "model": embedder.name, "load_average_1min_after": round(os.getloadavg()[0], 2),
               "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "embed-archive-sample.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
