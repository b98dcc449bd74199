"""How well the parser reads a whole archive: is every file's body a clean Pasal run 1..N?

For each archive member the body's articles must run 1, 2, 3 ... N (inserted "12A" allowed;
I, II ... for an amending law). When they do not, each problem is explained and blamed:

- "damaged source": the text itself lacks what is missing. Evidence is quoted: the article
  number appears nowhere between its neighbours (a lost page), only as a garbled heading
  ("Pasal 3?"), out of order (scrambled pages), or the file is a stub.
- "parser gap": the text has a heading the parser did not take (quoted), or a Pasal-like
  heading is there but the parser found no run at all.
- "no articles": the regulation has no Pasal at all (decisions in KESATU/PERTAMA form).

Run it as `python -m ingest.regulation.health <archive.tar.gz> --report out.json`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from multiprocessing import Pool
from pathlib import Path

from .articles import PASAL_HEADING, PASAL_WORD, best_run, find_candidates
from .labels import Key, arabic_readings, follows, int_to_roman, roman_to_int
from .model import StructuralNode
from .parser import parse_with_layout
from .penjelasan import penjelasan_end
from .sources import iter_archive_markdown, read_markdown
from .zones import CLOSING

DAMAGED, PARSER_GAP, NO_ARTICLES = "damaged source", "parser gap", "no articles"
DIKTUM = re.compile(r"\b(?:KESATU|PERTAMA|Pertama|Kesatu)\s*:")
# A heading line whose word or number OCR made unreadable: "Pa5al l?", "Fasal 3".
GARBLED_LINE = re.compile(r"^[ \t]*(?:[PF]\S{2,5}|\S{0,2}a[s5]al)[ \t]*[.,]?[ \t]*\S{1,4}[ \t]*$", re.M)
SNIPPET = 70


@dataclass
class FileHealth:
    member: str
    pasal: int  # articles in the body run
    clean: bool
    problems: list[str] = field(default_factory=list)  # "missing Pasal 39", "no Pasal found"
    cause: str = ""  # DAMAGED, PARSER_GAP or NO_ARTICLES when not clean
    evidence: list[str] = field(default_factory=list)


@dataclass
class HealthReport:
    files: list[FileHealth]
    seconds: float

    @property
    def clean(self) -> int:
        return sum(f.clean for f in self.files)

    def causes(self) -> Counter:
        return Counter(f.cause for f in self.files if not f.clean)

    def problem_kinds(self) -> Counter:
        return Counter(re.sub(r"\s.*", "", problem) for f in self.files if not f.clean for problem in f.problems)

    def summary(self) -> str:
        total = len(self.files) or 1
        lines = [f"{len(self.files)} files in {self.seconds:.0f} s: {self.clean} clean "
                 f"({100 * self.clean / total:.1f}%)"]
        for cause, count in self.causes().most_common():
            lines.append(f"  {cause}: {count} ({100 * count / total:.1f}%)")
        kinds = ", ".join(f"{kind} {count}" for kind, count in self.problem_kinds().most_common())
        lines.append(f"  problems: {kinds}")
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {"summary": self.summary(), "files": len(self.files), "clean": self.clean,
                "seconds": round(self.seconds, 1), "causes": dict(self.causes()),
                "failing": [asdict(f) for f in self.files if not f.clean]}


def corpus_health(archive_path: str | Path, progress: bool = True, processes: int = 2) -> HealthReport:
    """Parse every archive member and check its body's Pasal run."""
    started = time.monotonic()
    members = iter_archive_markdown(archive_path)
    with Pool(processes) as pool:
        results = pool.imap(_check_member, members, chunksize=4)
        if progress:
            from tqdm import tqdm
            results = tqdm(results, desc="parsing archive", unit="file")
        files = list(results)
    return HealthReport(files, time.monotonic() - started)


def _check_member(member_markdown: tuple[str, str]) -> FileHealth:
    member, markdown = member_markdown
    try:
        text, info = read_markdown(markdown, member, member)
        return check_text(member, text, info)
    except Exception as error:  # a crash is a parser gap to report, not a reason to stop
        return FileHealth(member, 0, False, [f"crash {type(error).__name__}: {error}"], PARSER_GAP)


def check_text(member: str, text: str, info: SourceInfo) -> FileHealth:
    parsed, masked, blocks = parse_with_layout(text, info)
    run = parsed.body_pasal()
    body = blocks[0].body
    health = FileHealth(member, len(run), clean=True)
    if not run:
        _explain_no_run(masked, body, health)
    else:
        _explain_gaps(masked, body, run, health)
        _explain_short_tail(masked, body, run, _explained_after(masked, blocks[0].penjelasan, run), health)
    health.clean = not health.problems
    return health


def _explain_no_run(masked: str, body: tuple[int, int], health: FileHealth) -> None:
    health.problems.append("no Pasal found")
    headings = [c for c in find_candidates(masked, 0, len(masked)) if c.weight >= 2]
    in_body = [c for c in headings if body[0] <= c.start < body[1]]
    if in_body:
        health.cause = PARSER_GAP
        health.evidence.append(f"heading-like text not read as a body: {_snippet(masked, in_body[0].start)}")
    elif headings:
        health.cause = DAMAGED
        health.evidence.append(f"body text missing; Pasal headings only after it (Penjelasan?): "
                               f"{_snippet(masked, headings[0].start)}")
    elif DIKTUM.search(masked) and not PASAL_HEADING.search(masked):
        health.cause = NO_ARTICLES
        health.evidence.append(f"diktum form: {_snippet(masked, DIKTUM.search(masked).start())}")
    else:
        health.cause = DAMAGED
        size = len(masked.strip())
        health.evidence.append(f"no Pasal heading anywhere in {size} characters"
                               + ("" if CLOSING.search(masked) else "; no closing formula (truncated)"))


def _explain_gaps(masked: str, body: tuple[int, int], run: list[StructuralNode], health: FileHealth) -> None:
    keys = [_key(node.label) for node in run]
    roman = not run[0].label[:1].isdigit()
    if keys[0] != Key(1):
        _explain_missing(masked, body, None, run[0], range(1, keys[0].number), roman, health)
    for previous, node, previous_key, key in zip(run, run[1:], keys, keys[1:]):
        if not follows(previous_key, key):
            _explain_missing(masked, body, previous, node, range(previous_key.number + 1, key.number), roman, health)


def _explain_missing(masked: str, body: tuple[int, int], previous: StructuralNode | None, following: StructuralNode,
                     numbers: range, roman: bool, health: FileHealth) -> None:
    between = (previous.start if previous else body[0], following.start)
    for number in numbers:
        label = int_to_roman(number) if roman else str(number)
        health.problems.append(f"missing Pasal {label}")
        cause, evidence = _blame(masked, body, between, label)
        health.evidence.append(f"Pasal {label}: {evidence}")
        if health.cause != PARSER_GAP:  # one parser gap makes the file the parser's fault
            health.cause = cause


def _explained_after(masked: str, penjelasan: tuple[int, int] | None, run: list[StructuralNode]) -> list[str]:
    """Article labels the Penjelasan explains beyond the body's last article."""
    if not penjelasan:
        return []
    roman = not run[0].label[:1].isdigit()
    last = _key(run[-1].label)
    end = penjelasan_end(masked, *penjelasan, roman)
    explained = best_run(find_candidates(masked, penjelasan[0], end), roman=roman, gap_cost=0.5)
    return [h.label for h in explained if h.key > last and h.key.number < last.number + 30
            and h.candidate.weight >= 2.5 and h.label == h.candidate.token]


def _explain_short_tail(masked: str, body: tuple[int, int], run: list[StructuralNode], beyond: list[str],
                        health: FileHealth) -> None:
    """The Penjelasan explains articles after the body's last one: the body lost its end."""
    if not beyond:
        return
    numbers = range(_key(run[-1].label).number + 1, _key(beyond[-1]).number + 1)
    roman = not run[0].label[:1].isdigit()
    health.problems.append(f"body ends at Pasal {run[-1].label}, Penjelasan goes on to Pasal {beyond[-1]}")
    for number in numbers:
        label = int_to_roman(number) if roman else str(number)
        cause, evidence = _blame(masked, body, (run[-1].start, body[1]), label)
        if cause == PARSER_GAP and health.cause == DAMAGED:
            # The run stopped at damage; headings after it were left for that reason.
            cause, evidence = DAMAGED, f"after the damage above, {evidence}"
        health.evidence.append(f"Pasal {label}: {evidence}")
        if health.cause != PARSER_GAP:
            health.cause = cause


def _blame(masked: str, body: tuple[int, int], between: tuple[int, int], label: str) -> tuple[str, str]:
    """Why Pasal `label` is not in the run, judged from the text between its neighbours."""
    readable = [m for m in PASAL_HEADING.finditer(masked, *body) if label in _readings(m)]
    candidates = {c.start: c for c in find_candidates(masked, *body)}
    inside = [m for m in readable if between[0] < m.start() < between[1]]
    for match in inside:
        if match.start() in candidates:
            return PARSER_GAP, f"heading not taken: {_snippet(masked, match.start())}"
        if _starts_sentence(masked, match.start()):
            return PARSER_GAP, f"heading read as a cross-reference: {_snippet(masked, match.start())}"
    elsewhere = [m for m in readable if m.start() in candidates]
    if elsewhere:
        return DAMAGED, f"only out of order, at offset {elsewhere[0].start()}: {_snippet(masked, elsewhere[0].start())}"
    garbled = _garbled_heading(masked, between, label)
    if garbled is not None:
        return DAMAGED, f"garbled heading: {_snippet(masked, garbled)}"
    return DAMAGED, (f"no heading in the {between[1] - between[0]} characters between its neighbours "
                     f"(heading or text lost): ...{_snippet(masked, max(between[0], between[1] - SNIPPET))}")


def _readings(match: re.Match) -> set[str]:
    return {label for label, _ in arabic_readings(match["number"])} | {match["number"]}


def _starts_sentence(masked: str, start: int) -> bool:
    before = masked[max(0, start - 40):start]
    return not before.strip() or before.rstrip().endswith(("\n", ".", ";", ":"))


def _garbled_heading(masked: str, between: tuple[int, int], label: str) -> int | None:
    """Where a heading for `label` stands too garbled to read ("P8sal 12", "asal 12")."""
    word_near_number = re.compile(rf"(?<![A-Za-z])(?:P\S{{1,6}}|\S{{0,3}}sal)[ \t]*[.,:]?[ \t]*{label}(?![\dA-Z])")
    found = next((m for m in word_near_number.finditer(masked, *between) if not PASAL_HEADING.match(masked, m.start())),
                 None)
    if found:
        return found.start()
    lines = (line for line in GARBLED_LINE.finditer(masked, *between) if not PASAL_HEADING.search(line.group()))
    found = next(lines, None)
    if found:
        return found.start()
    # Any "Pasal" opening a sentence whose number did not read as this article.
    words = (m for m in re.finditer(PASAL_WORD, masked[between[0]:between[1]]) if m.start() > 0
             and _starts_sentence(masked, between[0] + m.start()))
    found = next(words, None)
    return between[0] + found.start() if found else None


def _snippet(masked: str, start: int) -> str:
    return " ".join(masked[start:start + SNIPPET].split())


def _key(label: str) -> Key:
    match = re.fullmatch(r"(\d+)([A-Z]?)", label)
    return Key(int(match[1]), match[2]) if match else Key(roman_to_int(label) or 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--report", type=Path, help="write the full report (every failing file) as JSON")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    report = corpus_health(args.archive, progress=not args.quiet)
    print(report.summary())
    if args.report:
        args.report.write_text(json.dumps(report.to_json(), indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
