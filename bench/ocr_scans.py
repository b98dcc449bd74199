"""Benchmark: case extraction on scans of case documents against the same documents as text.

    python -m bench.ocr_scans [--cases 20] [--seed 7] [--dpi 300] [--skew 1.0] [--specks 0.0002]

Each set is a folder of case documents (.txt) with their gold.json: the development set
(../shared/eval/cases-dev, four hand-made documents) and a corpus of `--cases` generated cases
(casegen; its gold, OCR slips and misspellings included). Every document is typeset on A4 pages
(casegen/scans.py: DejaVu Sans, a slight random skew, dust specks), saved as an image-only PDF,
and read back the way `netra ingest-cases` reads it (ingest/reading.py: PDFium at 300 dpi,
Tesseract `ind`). The text extraction (ingest/cases/evaluate.py, what `netra eval-extraction`
reports) is scored on the original texts and on the texts OCR read, side by side, with OCR's
seconds per page (wall clock and processor time), its confidence and how close its text is to
the original (difflib's ratio), and the errors only the scans have.

Writes bench/results/ocr-scans.json. Everything is made in a temporary folder.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from casegen import generate_corpus
from casegen.scans import save_image_pdf, scan_pages
from ingest.cases.evaluate import Report, evaluate
from ingest.reading import read_text

RESULTS = Path(__file__).parent / "results"
DEV_SET = Path(__file__).resolve().parents[2] / "shared" / "eval" / "cases-dev"


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=20, help="generated cases (about 3.7 documents each)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dpi", type=int, default=300, help="resolution of the scans")
    parser.add_argument("--skew", type=float, default=1.0, help="largest skew of a page, in degrees")
    parser.add_argument("--specks", type=float, default=0.0002, help="share of pixels turned to dust")
    parser.add_argument("--out", type=Path, default=RESULTS / "ocr-scans.json")
    args = parser.parse_args(argv)

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="netra-bench-ocr-") as work:
        work = Path(work)
        generated = work / "generated"
        generate_corpus(generated, args.cases, args.seed)
        sets = {"dev": DEV_SET, f"generated-{args.cases}-cases-seed-{args.seed}": generated}
        results = {name: _measure(folder, work / name, args) for name, folder in sets.items() if folder.is_dir()}
    report = {
        "what": "case extraction (persons, links, citations; as `netra eval-extraction`) on the text of each "
                "document and on the text OCR read from an image-only PDF of it",
        "command": f"python -m bench.ocr_scans --cases {args.cases} --seed {args.seed} --dpi {args.dpi} "
                   f"--skew {args.skew} --specks {args.specks}",
        "scans": {"dpi": args.dpi, "font": "DejaVu Sans 11 pt on A4", "skew_degrees_max": args.skew,
                  "specks": args.specks, "pdf_images": "JPEG, as Pillow writes grey-scale pages"},
        "tesseract": _tesseract_version(),
        "machine": {"cpus": os.cpu_count(), "load_before": round(load_before, 2),
                    "load_after": round(os.getloadavg()[0], 2)},
        "sets": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return report


def _measure(folder: Path, work: Path, args) -> dict:
    """Scan every document of `folder`, read the scans back, and score both texts against the gold."""
    texts = sorted(folder.rglob("*.txt"))
    scans, read = work / "scans", work / "read"
    scans.mkdir(parents=True)
    read.mkdir()
    shutil.copy(folder / "gold.json", read / "gold.json")
    pages = seconds = cpu_seconds = 0
    confidences, similarities = [], []
    for number, path in enumerate(texts):
        original = path.read_text(encoding="utf-8")
        images = scan_pages(original, dpi=args.dpi, skew_degrees=args.skew, specks=args.specks, seed=number)
        pdf = save_image_pdf(images, scans / f"{path.stem}.pdf", dpi=args.dpi)
        began, cpu_began = time.perf_counter(), _cpu_seconds()
        result = read_text(pdf)
        seconds += time.perf_counter() - began
        cpu_seconds += _cpu_seconds() - cpu_began
        pages += len(images)
        (read / f"{path.stem}.txt").write_text(result.text, encoding="utf-8")
        confidences.append(result.scan.properties()["ocr_confidence"])
        similarities.append(difflib.SequenceMatcher(None, original.strip(), result.text.strip(), autojunk=False).ratio())
    return {"documents": len(texts), "pages": pages,
            "ocr_seconds_per_page": round(seconds / pages, 2) if pages else None,
            "ocr_cpu_seconds_per_page": round(cpu_seconds / pages, 2) if pages else None,
            "ocr_confidence_mean": round(sum(confidences) / len(confidences), 3) if confidences else None,
            "text_similarity_mean": round(sum(similarities) / len(similarities), 4) if similarities else None,
            "text_similarity_min": round(min(similarities), 4) if similarities else None,
            **_side_by_side(evaluate(folder), evaluate(read))}


def _side_by_side(text: Report, scan: Report) -> dict:
    """Both scores, and the misses and spurious finds that only the scans have: what OCR cost."""
    before = {error for score in text.scores.values() for error in score.errors}
    return {"text": _scores(text), "scan": _scores(scan),
            "errors_only_in_scan": sorted({error for score in scan.scores.values() for error in score.errors} - before)}


def _cpu_seconds() -> float:
    """Processor time of this process (rendering) and of the Tesseract processes it waited for:
    what a page costs, whatever else the machine is doing."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _scores(report: Report) -> dict:
    return {**{kind: {"precision": round(s.precision, 3), "recall": round(s.recall, 3), "f1": round(s.f1, 3),
                      "tp": s.true_positives, "fp": s.false_positives, "fn": s.false_negatives}
               for kind, s in report.scores.items()},
            "not_links_asserted_proven": len(report.not_links_asserted_proven)}


def _tesseract_version() -> str | None:
    try:
        done = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, timeout=30)
    except OSError:
        return None
    return (done.stdout or done.stderr).splitlines()[0] if (done.stdout or done.stderr) else None


if __name__ == "__main__":
    main()
