"""The Penjelasan (elucidation): "I. UMUM" and "II. PASAL DEMI PASAL".

The Pasal demi Pasal part repeats the body's article numbers ("Pasal 87 Cukup jelas.") and
inside an entry names the units it explains with words: "Ayat (1) ...", "Huruf a ...",
"Angka 12 ...". Each entry becomes a `penjelasan` node whose ref is the provision it explains
(`explains` in `ParsedRegulation.explanations`). Entry headings are only accepted with labels
the body has, in rising order, so a cross-reference inside an explanation cannot start a
new entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .articles import Candidate, Heading, best_run, find_candidates
from .items import Item, read_items
from .labels import Key, arabic_readings
from .model import StructuralNode
from .nodes import Path, Scope, clean, path_id, provision_ref

UMUM = re.compile(r"(?<![A-Za-z])(?:I\s?\.\s*)?U\s?M\s?U\s?M\b")
PASAL_DEMI_PASAL = re.compile(r"(?:\bII\s?\.\s*)?\bP\s?A\s?S\s?A\s?L\s+D\s?E\s?M\s?I\s+P\s?A\s?S\s?A\s?L\b"
                              r"|(?:\bII\s?\.\s*)?\bPasal\s+[Dd]emi\s+[Pp]asal\b")
# "Pasal 3 sampai dengan Pasal 10 Cukup jelas." explains several articles at once.
RANGE_HEADING = re.compile(r"(?<![A-Za-z])Pasal\s+(?P<first>\d{1,3}[A-Z]?)\s+(?:sampai\s+dengan|s\.?\s?d\.?|s/d|dan|hingga)"
                           r"\s+Pasal\s+(?P<last>\d{1,3}[A-Z]?)(?=\s+(?:Cukup|cukup|Yang|\n))")


@dataclass
class PenjelasanEntry:
    heading: Heading
    last_label: str  # the last article a range heading covers ("" for one article)
    end: int


def penjelasan_end(text: str, start: int, end: int, roman: bool) -> int:
    """Where the Penjelasan stops: at its end, or where article numbering starts over at
    "Pasal 1" on a line of its own (a treaty or other annex printed after it)."""
    demi_pasal = PASAL_DEMI_PASAL.search(text, start, end)
    first_seen = False
    for candidate in find_candidates(text, demi_pasal.end() if demi_pasal else start, end):
        is_first = candidate.roman == 1 if roman else any(key == Key(1) for _, key in candidate.arabic)
        if is_first and candidate.weight >= 3 and first_seen:
            return candidate.start
        first_seen = first_seen or is_first
    return end


def parse_penjelasan(text: str, start: int, end: int, scope: Scope, body_labels: list[str],
                     roman: bool) -> list[StructuralNode]:
    """A penjelasan_umum node (if any) and one penjelasan node per explained article."""
    demi_pasal = PASAL_DEMI_PASAL.search(text, start, end)
    entries_start = demi_pasal.end() if demi_pasal else start
    entries = _entries(text, entries_start, end, body_labels, roman)
    nodes = []
    umum = UMUM.search(text, start, demi_pasal.start() if demi_pasal else end)
    umum_end = demi_pasal.start() if demi_pasal else (entries[0].heading.candidate.start if entries else end)
    if umum and umum.start() < umum_end:
        nodes.append(StructuralNode("penjelasan_umum", text=clean(text[umum.end():umum_end]), start=umum.start(),
                                    end=umum_end, node_id=f"{scope.prefix}/penjelasan/umum"))
    for entry in entries:
        nodes.append(_entry_node(text, entry, scope))
    return nodes


def _entries(text: str, start: int, end: int, body_labels: list[str], roman: bool) -> list[PenjelasanEntry]:
    candidates = find_candidates(text, start, end) + _range_candidates(text, start, end)
    candidates.sort(key=lambda c: c.start)
    run = best_run(candidates, roman=roman, gap_cost=0.5, allowed=set(body_labels))
    entries = []
    for heading, following in zip(run, run[1:] + [None]):
        range_end = RANGE_HEADING.match(text, heading.candidate.start)
        last = range_end["last"] if range_end and heading.candidate.end == range_end.end("last") else ""
        entries.append(PenjelasanEntry(heading, last, following.candidate.start if following else end))
    return entries


def _range_candidates(text: str, start: int, end: int) -> list[Candidate]:
    candidates = []
    for match in RANGE_HEADING.finditer(text, start, end):
        readings = tuple(arabic_readings(match["first"]))
        if readings:
            candidates.append(Candidate(match.start(), match.end("last"), match["first"], readings, None, 2.5))
    return candidates


def _entry_node(text: str, entry: PenjelasanEntry, scope: Scope) -> StructuralNode:
    heading = entry.heading
    label = heading.label if not entry.last_label else f"{heading.label}-{entry.last_label}"
    path: Path = (("pasal", heading.label),)
    content_start = heading.candidate.end
    items = read_items(text, content_start, entry.end, penjelasan=True)
    children = _item_nodes(text, items, scope, path)
    own_end = items[0].start if items else entry.end
    return StructuralNode("penjelasan", label, text=clean(text[content_start:own_end]), start=heading.candidate.start,
                          end=entry.end, children=children, ref=provision_ref(scope.regulation, path),
                          node_id=path_id(f"{scope.prefix}/penjelasan", (("pasal", label),)))


def _item_nodes(text: str, items: list[Item], scope: Scope, parent: Path) -> list[StructuralNode]:
    nodes = []
    for item in items:
        path = parent + ((item.kind, item.label),)
        nodes.append(StructuralNode(
            "penjelasan", item.label, text=clean(text[item.text_start:item.end]), start=item.start,
            end=max([item.end] + [child.last_end() for child in item.children]),
            children=_item_nodes(text, item.children, scope, path), ref=provision_ref(scope.regulation, path),
            node_id=path_id(f"{scope.prefix}/penjelasan", path)))
    return nodes


def explained_labels(label: str, body_labels: list[str]) -> list[str]:
    """The articles one entry explains: "5" -> ["5"]; a range "3-10" -> ["3", ..., "10"]."""
    if "-" not in label:
        return [label]
    first, last = label.split("-", 1)
    if first in body_labels and last in body_labels:
        return body_labels[body_labels.index(first):body_labels.index(last) + 1]
    return [first]
