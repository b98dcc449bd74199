"""Benchmark: passage embedding throughput on a sample of the whole archive's provisions.

    python -m bench.embed_archive_sample [--texts 1000] [--archive PATH]

Semantic search over the whole archive needs ~500,000 provision texts embedded; this measures
the rate on a random sample of them (every 40th document's Pasal, ayat, huruf and angka, raw
text without the parent context the index adds, so an upper bound) to say how long that takes.
Both precisions are timed on the same texts, with the cosine between their vectors; the hours
are at the rate of the precision NETRA_EMBEDDING_PRECISION picks on this machine ("auto":
bfloat16 where the CPU has AMX). Uses the model `netra index` builds under NETRA_HOME.
Writes bench/results/embed-archive-sample.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import time
from pathlib import Path

import numpy as np
import torch

from core.config import load_settings
from ingest.regulation.parser import parse_regulation
from ingest.regulation.sources import iter_archive_markdown, read_markdown
from search.embedder import cpu_has_amx_bf16, load_configured_embedder, passages_in_bfloat16

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


def cpu_name(cpuinfo: Path = Path("/proc/cpuinfo")) -> str:
    """The processor's name: the rates and the precision chosen depend on it."""
    try:
        lines = cpuinfo.read_text(errors="replace").splitlines()
    except OSError:
        return platform.processor()
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")),
                platform.processor())


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=1000)
    parser.add_argument("--archive", default=str(DEFAULT_ARCHIVE))
    args = parser.parse_args(argv)
    texts = sample_texts(Path(args.archive), args.texts)
    settings = load_settings()
    embedder = load_configured_embedder(settings, build=True)
    rates, vectors = {}, {}
    for precision in ("float32", "bfloat16"):
        embedder.bfloat16 = precision == "bfloat16"
        embedder.embed_passages(texts[:32])  # warm up
        began = time.monotonic()
        vectors[precision] = np.asarray(embedder.embed_passages(texts))
        rates[precision] = len(texts) / (time.monotonic() - began)
    chosen = "bfloat16" if passages_in_bfloat16(settings.embedding_precision, embedder.model) else "float32"
    cosines = (vectors["float32"] * vectors["bfloat16"]).sum(axis=1)
    results = {"texts": len(texts), "mean_chars": round(sum(map(len, texts)) / len(texts)),
               "cpu": cpu_name(), "cpu_has_amx_bf16": cpu_has_amx_bf16(), "torch_threads": torch.get_num_threads(),
               "passages_per_second": {precision: round(rate, 1) for precision, rate in rates.items()},
               "cosine_bfloat16_to_float32": {"min": round(float(cosines.min()), 6),
                                              "mean": round(float(cosines.mean()), 6)},
               "precision": chosen, "precision_setting": settings.embedding_precision,
               "archive_provisions": ARCHIVE_PROVISIONS,
               "archive_hours_at_this_rate": round(ARCHIVE_PROVISIONS / rates[chosen] / 3600, 1),
               "model": embedder.name, "load_average_1min_after": round(os.getloadavg()[0], 2),
               "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "embed-archive-sample.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
