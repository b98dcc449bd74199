"""Reading a run of provisions: "Pasal 87 ayat (4) huruf c", "Pasal 5 huruf a, huruf b, dan
huruf c", "ayat (1) sampai dengan ayat (3)", "Pasal 119 dan 123 ayat (3)", "huruf a dan huruf b
Pasal 9".

A run is a list of groups joined by "," / "dan" / "atau" / "sampai dengan" ... . A group is one
provision written from the top down ("Pasal 87 ayat (4) huruf c"); a later group borrows the
upper levels it leaves out from the group before ("huruf b" after "Pasal 7 huruf a" is Pasal 7
huruf b), and may drop its level word ("Pasal 119 dan 123"). Ranges are expanded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from core.refs import describe_path

from .model import Path, complete_path, starts_at_anchor
from .patterns import BARE_LABELS, BEFORE_PASAL, CHAPTER_WORDS, JOINER, LEVEL, LEVEL_WORDS

# Levels that may follow each other inside one group (huruf and angka nest either way round).
NEXT_LEVELS = {"pasal": {"ayat", "huruf", "angka"}, "ayat": {"huruf", "angka"}, "huruf": {"angka"}, "angka": {"huruf"},
               "diktum": {"ayat", "huruf", "angka"}, "lampiran": {"bab", "huruf", "angka"}, "bab": {"huruf", "angka"}}
MAX_RANGE = 500  # "Pasal 1 sampai dengan Pasal 206" is fine; a misread range must not explode
# Provisions that ranges may add, over all the runs of one text: a regulation's longest lists stay
# far below it, while "Pasal 1-500, 1-500, ..." would otherwise add 70 provisions per character
# typed (seven million, and half a minute, for a 100,000-character query).
MAX_EXPANDED = 10_000


@dataclass
class Run:
    paths: list[Path]  # one per provision, lists and ranges expanded
    end: int
    notes: list[str] = field(default_factory=list)
    expand_limit: int = MAX_EXPANDED  # provisions its ranges may still add
    expanded: int = 0  # provisions its ranges added
    over_limit: bool = False  # a range was left unexpanded for want of `expand_limit`


def read_run(text: str, pos: int, expand_limit: int = MAX_EXPANDED) -> Run | None:
    """The provisions written from `pos` on, which must start with a level word. Its ranges add
    at most `expand_limit` provisions; past that, only their ends are listed."""
    first = _read_group(text, pos, bare_level=None)
    if first is None:
        return None
    group, end = first
    run = Run([group], end, expand_limit=expand_limit)
    while joiner := JOINER.match(text, run.end):
        following = _read_group(text, joiner.end(), bare_level=run.paths[-1][-1][0])
        if following is None:
            break
        path = complete_path(run.paths[-1], following[0])
        if joiner["range"]:
            _add_range(run, run.paths[-1], path)
        else:
            run.paths.append(path)
        run.end = following[1]
    _attach_trailing_anchor(text, run)
    return run


def _read_group(text: str, pos: int, bare_level: str | None) -> tuple[Path, int] | None:
    """One provision from the top down. Without a level word, a label of `bare_level` will do."""
    match = LEVEL.match(text, pos)
    if match:
        level, label = _level_and_label(match)
        if level in CHAPTER_WORDS:
            return None  # a BAB alone is a heading, not a provision
    elif bare_level in BARE_LABELS:  # "Pasal 119 dan 123"; a diktum or Lampiran keeps its word
        match = BARE_LABELS[bare_level].match(text, pos)
        if not match:
            return None
        level, label = bare_level, match["label"]
    else:
        return None
    path, end = [(level, normalise_label(level, label))], match.end()
    while match := LEVEL.match(text, end):
        level, label = _level_and_label(match)
        if level not in NEXT_LEVELS[path[-1][0]] or any(level == seen for seen, _ in path):
            break
        path.append((level, normalise_label(level, label)))
        end = match.end()
    return tuple(path), end


def _level_and_label(match) -> tuple[str, str]:
    level = next(level for level in (*LEVEL_WORDS, *CHAPTER_WORDS) if match[level])
    return level, match[f"{level}_label"] or ""


def normalise_label(level: str, label: str) -> str:
    """ "(4)" -> "4"; Pasal suffixes, diktum and Roman numbers upper case ("12A", "KEDUA BELAS",
    "II"), other letters lower case ("huruf c")."""
    label = " ".join(label.strip("() \t\n").split())
    return label.upper() if level in ("pasal", "diktum", "lampiran", "bab") else label.lower()


def _add_range(run: Run, first: Path, last: Path) -> None:
    """Add the provisions after `first` up to `last`: "ayat (1) sampai dengan ayat (3)"."""
    if first == last:
        return
    labels = None
    if first[:-1] == last[:-1] and first[-1][0] == last[-1][0]:
        labels = _labels_between(first[-1][1], last[-1][1])
    if labels is not None and run.expanded + len(labels[0]) > run.expand_limit:
        labels = None
        if not run.over_limit:  # noted once, not once per range
            run.over_limit = True
            run.notes.append(f"range {describe_path(first)} to {describe_path(last)}: the text's ranges add more "
                             f"than {MAX_EXPANDED} provisions, so from here on only their ends are listed")
    elif labels is None:
        run.notes.append(f"range {describe_path(first)} to {describe_path(last)}: only its ends are listed")
    if labels is None:
        run.paths.append(last)
        return
    level = last[-1][0]
    codes, label = labels
    run.expanded += len(codes)
    run.paths.extend(first[:-1] + ((level, label(code)),) for code in codes)


def _labels_between(low: str, high: str) -> tuple[range, Callable[[int], str]] | None:
    """Labels after `low` up to `high`: numbers ("1".."3") or single letters ("a".."h"), as a
    range of codes and the function that spells a code (counted before they are spelled out).
    None when that is not a plain run, e.g. inserted Pasal such as 12A."""
    if low.isdigit() and high.isdigit() and 0 < int(high) - int(low) <= MAX_RANGE:
        return range(int(low) + 1, int(high) + 1), str
    if len(low) == len(high) == 1 and low.isalpha() and high.isalpha() and low < high:
        return range(ord(low) + 1, ord(high) + 1), chr
    return None


def _attach_trailing_anchor(text: str, run: Run) -> None:
    """ "ayat (2) Pasal 57", "huruf a dan huruf b Pasal 9", "angka 7 huruf a Lampiran", "angka 2
    BAB III Lampiran II": the Pasal, diktum or Lampiran comes after its parts."""
    if any(starts_at_anchor(path) for path in run.paths):
        return
    gap = BEFORE_PASAL.match(text, run.end)
    if not gap:
        return
    anchor = _read_group(text, gap.end(), bare_level=None) or _chapter_of_lampiran(text, gap.end())
    if anchor and starts_at_anchor(anchor[0]):
        run.paths = [complete_path(anchor[0], path) for path in run.paths]
        run.end = anchor[1]


def _chapter_of_lampiran(text: str, pos: int) -> tuple[Path, int] | None:
    """ "BAB III Lampiran II", a chapter named before its Lampiran, as the path Lampiran II BAB III."""
    chapter = LEVEL.match(text, pos)
    if not chapter or not chapter["bab"]:
        return None
    gap = BEFORE_PASAL.match(text, chapter.end())
    lampiran = LEVEL.match(text, gap.end()) if gap else None
    if not lampiran or not lampiran["lampiran"]:
        return None
    path = (("lampiran", normalise_label("lampiran", lampiran["lampiran_label"] or "")),
            ("bab", normalise_label("bab", chapter["bab_label"])))
    return path, lampiran.end()
