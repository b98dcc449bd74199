"""generate_corpus: plan cases in date order, write their documents, register rows and gold.

Everything streams: each case is written as soon as it is planned, and only bounded state is
kept (see population.py and gold.py), so 100,000 cases need no more memory than 2,000 beyond
the people's document lists.
"""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from .cases import Case, CasePlanner
from .documents import doc_code, write_documents
from .draft import Draft
from .elections import build_world
from .factory import PersonFactory
from .gold import GoldWriter
from .numbering import Numbering
from .population import Population
from .register import RegisterWriter, register_row
from .schedule import act_slots

CASES_PER_FOLDER = 1000
OUTPUTS = ("docs", "register.csv", "register.jsonl", "gold.json", "manifest.json", ".gold-parts")


@dataclass
class CorpusSummary:
    out_dir: str
    seed: int | str
    cases: int
    documents: int
    persons: int
    links: int
    not_links: int


def generate_corpus(out_dir: str | Path, cases: int = 2000, seed: int | str = 0,
                    progress: Callable[[int], None] | None = None, overwrite: bool = False) -> CorpusSummary:
    """Write a corpus of `cases` fictional cases into `out_dir`; the same seed gives the same bytes.

    `progress(n)` is called after each case with n=1 (e.g. a tqdm bar's `update`). `out_dir` must
    be empty or absent unless `overwrite`, which removes only what a previous run wrote there.
    """
    out = _prepare(Path(out_dir), overwrite)
    rng = random.Random(seed)
    factory = PersonFactory(rng)
    world = build_world(rng, factory)
    gold = GoldWriter(out)
    population = Population(rng, factory, retire=gold.person)
    planner = CasePlanner(rng, world, population, factory, Numbering(rng))
    register = RegisterWriter(out)
    documents = 0
    for index, slot in enumerate(act_slots(rng, cases), 1):
        case = planner.plan(index, slot)
        drafts = write_documents(rng, case)
        _save_documents(out, case, drafts)
        gold.case(case, drafts)
        register.write(register_row(case, drafts))
        documents += len(drafts)
        if progress:
            progress(1)
    for person in population.everyone() + world.people():
        gold.person(person)
    register.close()
    gold.finish({"seed": seed, "cases": cases})
    summary = CorpusSummary(str(out), seed, cases, documents, gold.counts["persons"], gold.counts["links"],
                            gold.counts["not_links"])
    _write_manifest(out, summary)
    return summary


def _prepare(out: Path, overwrite: bool) -> Path:
    if out.exists() and any(out.iterdir()):
        if not overwrite:
            raise FileExistsError(f"{out} is not empty (pass overwrite=True to replace a corpus written there)")
        for name in OUTPUTS:
            target = out / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
    out.mkdir(parents=True, exist_ok=True)
    return out


def _save_documents(out: Path, case: Case, drafts: list[Draft]) -> None:
    folder = out / "docs" / f"{(case.index - 1) // CASES_PER_FOLDER:03d}"
    if (case.index - 1) % CASES_PER_FOLDER == 0:  # the folder's first case
        folder.mkdir(parents=True, exist_ok=True)
    for draft in drafts:
        (folder / f"{draft.doc_id}.txt").write_text(draft.text(), encoding="utf-8")
        code = doc_code(case.index, draft.kind)
        for person, variant in draft.mentions:
            person.note_document(code)
            person.mentions.setdefault(variant, None)


def _write_manifest(out: Path, summary: CorpusSummary) -> None:
    manifest = {**asdict(summary), "generator": "casegen",
                "layout": {"docs/NNN/<case_id>-<kind>.txt": f"documents, {CASES_PER_FOLDER} cases per folder",
                           "register.csv, register.jsonl": "one row per case (see casegen.REGISTER_COLUMNS)",
                           "gold.json": "persons, links, not_links, citations, noise (see casegen.gold)"}}
    manifest.pop("out_dir")
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
