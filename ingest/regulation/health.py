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
    seconds: float = 0.0  # time to parse and check


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
        slowest = sorted(self.files, key=lambda f: -f.seconds)[:10]
        return {"summary": self.summary(), "files": len(self.files), "clean": self.clean,
                "seconds": round(self.seconds, 1), "causes": dict(self.causes()),
                "slowest": {f.member: round(f.seconds, 2) for f in slowest},
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
    started = time.monotonic()
    try:
        text, info = read_markdown(markdown, member, member)
        health = check_text(member, text, info)
    except Exception as error:  # a crash is a parser gap to report, not a reason to stop
        health = FileHealth(member, 0, False, [f"crash {type(error).__name__}: {error}"], PARSER_GAP)
    health.seconds = time.monotonic() - started
    return health


def check_text(member: str, text: str, info: SourceInfo) -> FileHealth:
    """Parse one document and judge its body's Pasal run."""
    parsed, masked, blocks = parse_with_layout(text, info)
    run = parsed.body_pasal()
    health = FileHealth(member, len(run), clean=True)
    diagnosis = _Diagnosis(masked, blocks[0].body, health)
    if not run:
        diagnosis.no_run()
    else:
        diagnosis.gaps(run)
        diagnosis.short_tail(run, _explained_after(masked, blocks[0].penjelasan, run))
    health.clean = not health.problems
    return health


def _explained_after(masked: str, penjelasan: tuple[int, int] | None, run: list[StructuralNode]) -> list[str]:
    """Article labels the Penjelasan explains beyond the body's last article."""
    if not penjelasan:
        return []
    roman = _is_roman(run)
    last = _key(run[-1].label)
    end = penjelasan_end(masked, *penjelasan, roman)
    explained = best_run(find_candidates(masked, penjelasan[0], end), roman=roman, gap_cost=0.5)
    return [h.label for h in explained if h.key > last and h.key.number < last.number + 30
            and h.candidate.weight >= 2.5 and h.label == h.candidate.token]


class _Diagnosis:
    """Explains the problems of one file's run, quoting the text as evidence."""

    def __init__(self, masked: str, body: tuple[int, int], health: FileHealth):
        self.masked, self.body, self.health = masked, body, health
        self.candidates = {c.start: c for c in find_candidates(masked, *body)}
        self.readable = [(m, _readings(m)) for m in PASAL_HEADING.finditer(masked, *body)]

    def no_run(self) -> None:
        masked, health = self.masked, self.health
        health.problems.append("no Pasal found")
        headings = [c for c in find_candidates(masked, 0, len(masked)) if c.weight >= 2]
        in_body = [c for c in headings if self.body[0] <= c.start < self.body[1]]
        diktum = DIKTUM.search(masked)
        if in_body:
            self._blame_file(PARSER_GAP, f"heading-like text not read as a body: {self._snippet(in_body[0].start)}")
        elif headings:
            self._blame_file(DAMAGED, "body text missing; Pasal headings only after it (Penjelasan?): "
                                      f"{self._snippet(headings[0].start)}")
        elif diktum and not PASAL_HEADING.search(masked):
            self._blame_file(NO_ARTICLES, f"diktum form: {self._snippet(diktum.start())}")
        else:
            truncated = "" if CLOSING.search(masked) else "; no closing formula (truncated)"
            self._blame_file(DAMAGED, f"no Pasal heading anywhere in {len(masked.strip())} characters{truncated}")

    def gaps(self, run: list[StructuralNode]) -> None:
        keys = [_key(node.label) for node in run]
        if keys[0] != Key(1):
            self._missing((self.body[0], run[0].start), range(1, keys[0].number), _is_roman(run))
        for previous, node, previous_key, key in zip(run, run[1:], keys, keys[1:]):
            if not follows(previous_key, key):
                self._missing((previous.start, node.start), range(previous_key.number + 1, key.number), _is_roman(run))

    def short_tail(self, run: list[StructuralNode], beyond: list[str]) -> None:
        """The Penjelasan explains articles after the body's last one: the body lost its end."""
        if not beyond:
            return
        self.health.problems.append(f"body ends at Pasal {run[-1].label}, Penjelasan goes on to Pasal {beyond[-1]}")
        numbers = range(_key(run[-1].label).number + 1, _key(beyond[-1]).number + 1)
        for label in _labels(numbers, _is_roman(run)):
            cause, evidence = self._blame((run[-1].start, self.body[1]), label)
            if cause == PARSER_GAP and self.health.cause == DAMAGED:
                # The run stopped at damage; headings after it were left for that reason.
                cause, evidence = DAMAGED, f"after the damage above, {evidence}"
            self._record(label, cause, evidence)

    def _missing(self, between: tuple[int, int], numbers: range, roman: bool) -> None:
        for label in _labels(numbers, roman):
            self.health.problems.append(f"missing Pasal {label}")
            self._record(label, *self._blame(between, label))

    def _record(self, label: str, cause: str, evidence: str) -> None:
        self.health.evidence.append(f"Pasal {label}: {evidence}")
        if self.health.cause != PARSER_GAP:  # one parser gap makes the file the parser's fault
            self.health.cause = cause

    def _blame_file(self, cause: str, evidence: str) -> None:
        self.health.cause = cause
        self.health.evidence.append(evidence)

    def _blame(self, between: tuple[int, int], label: str) -> tuple[str, str]:
        """Why Pasal `label` is not in the run, judged from the text between its neighbours."""
        readable = [match for match, labels in self.readable if label in labels]
        for match in (m for m in readable if between[0] < m.start() < between[1]):
            if match.start() in self.candidates:
                return PARSER_GAP, f"heading not taken: {self._snippet(match.start())}"
            if _starts_sentence(self.masked, match.start()):
                return PARSER_GAP, f"heading read as a cross-reference: {self._snippet(match.start())}"
        elsewhere = [m for m in readable if m.start() in self.candidates]
        if elsewhere:
            start = elsewhere[0].start()
            return DAMAGED, f"only out of order, at offset {start}: {self._snippet(start)}"
        garbled = self._garbled_heading(between, label)
        if garbled is not None:
            return DAMAGED, f"garbled heading: {self._snippet(garbled)}"
        return DAMAGED, (f"no heading in the {between[1] - between[0]} characters between its neighbours "
                         f"(heading or text lost): ...{self._snippet(max(between[0], between[1] - SNIPPET))}")

    def _garbled_heading(self, between: tuple[int, int], label: str) -> int | None:
        """Where a heading for `label` stands too garbled to read ("P8sal 12", "asal 12")."""
        masked = self.masked
        near = re.compile(rf"(?<![A-Za-z])(?:P\S{{1,6}}|\S{{0,3}}sal)[ \t]*[.,:]?[ \t]*{label}(?![\dA-Z])")
        unreadable = (m.start() for m in near.finditer(masked, *between) if not PASAL_HEADING.match(masked, m.start()))
        lines = (m.start() for m in GARBLED_LINE.finditer(masked, *between) if not PASAL_HEADING.search(m.group()))
        # Failing those, any "Pasal" opening a sentence whose number did not read as this article.
        words = (m.start() for m in re.compile(PASAL_WORD).finditer(masked, between[0] + 1, between[1])
                 if _starts_sentence(masked, m.start()))
        return next(unreadable, None) or next(lines, None) or next(words, None)

    def _snippet(self, start: int) -> str:
        return " ".join(self.masked[start:start + SNIPPET].split())


def _readings(match: re.Match) -> set[str]:
    """Labels a heading can be read as; a split number ("31 1") only as the whole (311)."""
    readings = [label for label, _ in arabic_readings(match["number"])]
    return {match["number"], *(readings[:1] if " " in match["number"] else readings)}


def _starts_sentence(masked: str, start: int) -> bool:
    before = masked[max(0, start - 40):start]
    return not before.strip() or before.rstrip().endswith(("\n", ".", ";", ":"))


def _labels(numbers: range, roman: bool) -> list[str]:
    return [int_to_roman(number) if roman else str(number) for number in numbers]


def _is_roman(run: list[StructuralNode]) -> bool:
    return not run[0].label[:1].isdigit()


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
