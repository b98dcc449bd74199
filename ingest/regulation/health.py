"""How well the parser reads a whole archive: is every file's body a clean Pasal run 1..N?

For each archive member the body's articles must run 1, 2, 3 ... N (inserted "12A" allowed;
I, II ... for an amending law), and no article numbered after N may exist (explained in the
Penjelasan, or headed on a line of its own after the run). When that fails, each problem is
explained and blamed, with a quote from the text as evidence:

- "damaged source": the text itself lacks what is missing. Reasons: "heading or text lost"
  (no heading for the number between its neighbours: a lost page or a heading OCR dropped),
  "garbled heading" (one is there but unreadable: "Pa$al ?"), "out of order" (scrambled
  pages), "body missing" (Pasal headings only in the Penjelasan), "no Pasal heading (stub or
  truncated file)", "after damage" (the run stopped at damage and left later headings).
- "parser gap": the text has a readable heading the parser did not take ("heading not
  taken", "heading read as a cross-reference", "heading-like text not read"), or it crashed.
- "no articles": the regulation has no Pasal at all (decisions in KESATU/PERTAMA form).

Apart from that verdict, every article heading the parser left out of the run on the evidence
(a stray number far from its neighbours: "Pasal 1, 2" then "Pasal 81A") is listed with the
parser's warning, which names its line: the summary counts them, the report names each.

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
from functools import cached_property
from multiprocessing import Pool
from pathlib import Path

from core.progress import progress_bar
from core.refs import roman_to_int

from .articles import PASAL_HEADING, PASAL_WORD, Candidate, best_run, find_candidates
from .labels import Key, arabic_readings, follows, int_to_roman
from .model import SourceInfo, StructuralNode
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
    reasons: list[str] = field(default_factory=list)  # short kinds: "garbled heading", "out of order"
    evidence: list[str] = field(default_factory=list)  # quotes from the text, one per problem
    seconds: float = 0.0  # time to parse and check
    left_out: list[str] = field(default_factory=list)  # the parser's warnings on article headings it left out


@dataclass
class HealthReport:
    files: list[FileHealth]
    seconds: float

    @property
    def clean(self) -> int:
        return sum(f.clean for f in self.files)

    def causes(self) -> Counter:
        return Counter(f.cause for f in self.files if not f.clean)

    def reasons(self, cause: str) -> Counter:
        """How many failing files with this cause show each reason."""
        return Counter(reason for f in self.files if not f.clean and f.cause == cause for reason in f.reasons)

    def summary(self) -> str:
        total = len(self.files) or 1
        missing = sum(problem.startswith("missing") for f in self.files for problem in f.problems)
        lines = [f"{len(self.files)} files in {self.seconds:.0f} s: {self.clean} clean "
                 f"({100 * self.clean / total:.1f}%), {missing} article headings missing in the others"]
        for cause, count in self.causes().most_common():
            reasons = ", ".join(f"{reason} {n}" for reason, n in self.reasons(cause).most_common())
            lines.append(f"  {cause}: {count} files ({100 * count / total:.1f}%): {reasons}")
        left_out = [f for f in self.files if f.left_out]
        if left_out:
            lines.append(f"  {sum(len(f.left_out) for f in left_out)} article headings left out of the run in "
                         f"{len(left_out)} files, each named with its line in the report (left_out)")
        return "\n".join(lines)

    def to_json(self) -> dict:
        slowest = sorted(self.files, key=lambda f: -f.seconds)[:10]
        return {"summary": self.summary(), "files": len(self.files), "clean": self.clean,
                "seconds": round(self.seconds, 1), "causes": dict(self.causes()),
                "slowest": {f.member: round(f.seconds, 2) for f in slowest},
                "failing": [asdict(f) for f in self.files if not f.clean],
                "left_out": {f.member: f.left_out for f in self.files if f.left_out}}


def corpus_health(archive_path: str | Path, progress: bool = True, processes: int = 2) -> HealthReport:
    """Parse every archive member and check its body's Pasal run."""
    started = time.monotonic()
    members = iter_archive_markdown(archive_path)
    with Pool(processes) as pool:
        results = pool.imap(_check_member, members, chunksize=4)
        files = list(progress_bar(results, desc="parsing archive", unit="file", disable=not progress))
    return HealthReport(files, time.monotonic() - started)


def _check_member(member_markdown: tuple[str, str]) -> FileHealth:
    member, markdown = member_markdown
    started = time.monotonic()
    try:
        text, info = read_markdown(markdown, member, member)
        health = check_text(member, text, info)
    except Exception as error:  # a crash is a parser gap to report, not a reason to stop
        health = FileHealth(member, 0, False, ["crash"], PARSER_GAP, ["crash"], [f"{type(error).__name__}: {error}"])
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
        beyond = _explained_after(masked, blocks[0].penjelasan, run) or diagnosis.headings_after(run)
        diagnosis.short_tail(run, beyond)
    health.clean = not health.problems
    health.left_out = parsed.left_out
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

    @cached_property
    def candidates(self) -> dict[int, Candidate]:
        """The body's heading candidates by position (only needed for failing files)."""
        return {c.start: c for c in find_candidates(self.masked, *self.body)}

    @cached_property
    def readable(self) -> list[tuple[re.Match, set[str]]]:
        """Every "Pasal <number>" in the body, reference or not, with the labels it may be."""
        return [(m, _readings(m)) for m in PASAL_HEADING.finditer(self.masked, *self.body)]

    def no_run(self) -> None:
        masked, health = self.masked, self.health
        health.problems.append("no Pasal found")
        headings = [c for c in find_candidates(masked, 0, len(masked)) if c.weight >= 2]
        in_body = [c for c in headings if self.body[0] <= c.start < self.body[1]]
        diktum = DIKTUM.search(masked)
        if in_body:
            self._record("", PARSER_GAP, "heading-like text not read",
                         f"headings in the body not read as a run: {self._snippet(in_body[0].start)}")
        elif headings:
            self._record("", DAMAGED, "body missing",
                         f"Pasal headings only after the body (Penjelasan?): {self._snippet(headings[0].start)}")
        elif diktum and not PASAL_HEADING.search(masked):
            self._record("", NO_ARTICLES, "diktum form", self._snippet(diktum.start()))
        else:
            truncated = "" if CLOSING.search(masked) else "; no closing formula (truncated)"
            self._record("", DAMAGED, "no Pasal heading (stub or truncated file)",
                         f"no Pasal heading anywhere in {len(masked.strip())} characters{truncated}")

    def gaps(self, run: list[StructuralNode]) -> None:
        keys = [_key(node.label) for node in run]
        if keys[0] != Key(1):
            self._missing((self.body[0], run[0].start), range(1, keys[0].number), _is_roman(run))
        for previous, node, previous_key, key in zip(run, run[1:], keys, keys[1:]):
            if not follows(previous_key, key):
                self._missing((previous.start, node.start), range(previous_key.number + 1, key.number), _is_roman(run))

    def headings_after(self, run: list[StructuralNode]) -> list[str]:
        """Labels of headings on lines of their own after the run's last article, numbered
        beyond it: the run stopped early."""
        last, roman = _key(run[-1].label), _is_roman(run)
        later = [c for c in self.candidates.values() if c.start > run[-1].start and c.weight >= 3]
        return [label for c in later for label, key in _first_reading(c, roman) if last < key < Key(last.number + 30)]

    def short_tail(self, run: list[StructuralNode], beyond: list[str]) -> None:
        """Articles numbered after the body's last one exist (explained in the Penjelasan, or
        headed further on): the body lost its end, or the run stopped early."""
        if not beyond:
            return
        self.health.problems.append(f"body ends at Pasal {run[-1].label}, but Pasal {beyond[-1]} exists")
        numbers = range(_key(run[-1].label).number + 1, _key(beyond[-1]).number + 1)
        for label in _labels(numbers, _is_roman(run)):
            cause, reason, evidence = self._blame((run[-1].start, self.body[1]), label)
            if cause == PARSER_GAP and self.health.cause == DAMAGED:
                # The run stopped at damage; headings after it were left for that reason.
                cause, reason, evidence = DAMAGED, "after damage", f"after the damage above, {evidence}"
            self._record(label, cause, reason, evidence)

    def _missing(self, between: tuple[int, int], numbers: range, roman: bool) -> None:
        for label in _labels(numbers, roman):
            self.health.problems.append(f"missing Pasal {label}")
            self._record(label, *self._blame(between, label))

    def _record(self, label: str, cause: str, reason: str, evidence: str) -> None:
        health = self.health
        health.evidence.append(f"Pasal {label}: {evidence}" if label else evidence)
        if reason not in health.reasons:
            health.reasons.append(reason)
        if health.cause != PARSER_GAP:  # one parser gap makes the file the parser's fault
            health.cause = cause

    def _blame(self, between: tuple[int, int], label: str) -> tuple[str, str, str]:
        """(cause, reason, evidence): why Pasal `label` is not in the run, judged from the
        text between its neighbours."""
        readable = [match for match, labels in self.readable if label in labels]
        for match in (m for m in readable if between[0] < m.start() < between[1]):
            if match.start() in self.candidates:
                return PARSER_GAP, "heading not taken", self._snippet(match.start())
            if _starts_sentence(self.masked, match.start()):
                return PARSER_GAP, "heading read as a cross-reference", self._snippet(match.start())
        elsewhere = [m for m in readable if m.start() in self.candidates]
        if elsewhere:
            start = elsewhere[0].start()
            return DAMAGED, "out of order", f"only at offset {start}, out of order: {self._snippet(start)}"
        garbled = self._garbled_heading(between, label)
        if garbled is not None:
            return DAMAGED, "garbled heading", f"garbled heading: {self._snippet(garbled)}"
        return DAMAGED, "heading or text lost", (
            f"no heading in the {between[1] - between[0]} characters between its neighbours: "
            f"...{self._snippet(max(between[0], between[1] - SNIPPET))}")

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


def _first_reading(candidate: Candidate, roman: bool) -> list[tuple[str, Key]]:
    if roman:
        return [(int_to_roman(candidate.roman), Key(candidate.roman))] if candidate.roman else []
    return list(candidate.arabic[:1])


def _starts_sentence(masked: str, start: int) -> bool:
    """At a line start, or after a full stop, semicolon or colon."""
    before = masked[max(0, start - 40):start]
    return not before[before.rfind("\n") + 1:].strip() or before.rstrip().endswith((".", ";", ":"))


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
