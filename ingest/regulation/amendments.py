"""The instructions of an amending law and the new wording they quote.

An amending law has its own articles numbered I, II ... Pasal I lists numbered instructions:

    27. Ketentuan Pasal 71 diubah sehingga berbunyi sebagai berikut:
        Pasal 71 (1) Pejabat negara, ...
    18. Di antara Pasal 54 dan Pasal 55 disisipkan 4 (empat) pasal, yakni Pasal 54A, ...
    63. Ketentuan Pasal 196 dihapus.

The quoted "Pasal 71" belongs to the amended (base) law, not to the amending law's own body,
so each instruction becomes an `AmendmentInstruction` holding the quoted Pasal as a subtree.
An instruction number counts only if the words after it instruct ("Ketentuan ... diubah"):
the quoted text has numbered lists of its own ("1. Pemilihan adalah ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.refs import RegulationRef

from .articles import Heading, best_run, find_candidates
from .metadata import HEADING_TYPES
from .model import AmendmentInstruction

INSTRUCTION_START = re.compile(r"(?<!\S)(?P<number>\d{1,3})\s?\.\s+(?=[A-Z])")
INSTRUCTION_VERB = re.compile(
    r"\b(?:diubah|disisipkan|dihapus|ditambah|ditambahkan|berubah|diganti|dicabut|berbunyi|menjadi|tetap"
    r"|Mengubah|Menambah|Menambahkan|Menghapus|Menyisipkan|Mengganti|Mencabut)\b")
# Where the instruction ends and the quotation begins.
QUOTE_OPENING = re.compile(r"(?:sebagai\s+berikut|berbunyi|yaitu|yakni[^:]{0,200}?)\s*:\s*[\"“”]?|:\s*[\"“]")
SENTENCE_END = re.compile(r"[.;:\"”]\s*$")
FIRST_SENTENCE = re.compile(r"[^.:]{0,400}")
INSTRUCTION_OPENING = re.compile(r"(?:Ketentuan|Di\s?antara|Penjelasan|Judul|BAB|Bab|Bagian|Paragraf|Lampiran)\b")
AMENDING_LANGUAGE = re.compile(r"\b(?:diubah|disisipkan|dihapus|ditambah|ditambahkan|diganti|dicabut"
                               r"|sebagai\s+berikut|berbunyi|Mengubah|Menambah|Mencabut|Menghapus)\b")
INSERTED_UNIT = re.compile(r"(?:disisipkan|ditambah(?:kan)?|menambah(?:kan)?|menyisipkan)\s+(?:\d+\s*\([\w\s]+\)\s+)?"
                           r"(?P<unit>pasal|bab|bagian|paragraf|ayat|huruf|angka)\b", re.I)
PASAL_LABEL = re.compile(r"\bPasal\s+(\d{1,3}[A-Z]?)\b")
PASAL_RANGE = re.compile(r"\bPasal\s+(\d{1,3})([A-Z])\s+sampai\s+dengan\s+Pasal\s+\1([A-Z])\b")
_NAMES = "|".join(re.escape(name.title()) for name, _ in HEADING_TYPES if name != "PUTUSAN")
BASE_REGULATION = re.compile(rf"(?P<type>{_NAMES})\s+(?:Republik\s+Indonesia\s+)?Nomor\s+(?P<number>\d+[A-Z]?)"
                             r"\s+Tahun\s+(?P<year>\d{4})", re.I)


@dataclass
class InstructionSpan:
    number: str
    start: int  # the number's first character
    quote_start: int  # where the quoted wording begins (== end when nothing is quoted)
    end: int


def is_amending_article(text: str, heading_end: int) -> bool:
    """Pasal I of an amending law starts by saying what it changes."""
    return bool(AMENDING_LANGUAGE.search(text, heading_end, heading_end + 600))


def find_instructions(text: str, start: int, end: int) -> list[InstructionSpan]:
    """The numbered instructions of an amending article (one unnumbered if there is no list)."""
    spans: list[InstructionSpan] = []
    for match in INSTRUCTION_START.finditer(text, start, end):
        expected = int(spans[-1].number) + 1 if spans else 1
        number = int(match["number"])
        if number != expected and not (spans and expected < number <= expected + 2):
            continue  # a number out of sequence is a list inside a quotation
        if not _starts_instruction(text, match, start, glued_ok=number == expected):
            continue
        spans.append(InstructionSpan(match["number"], match.start(), 0, 0))
    if not spans:
        verb = INSTRUCTION_VERB.search(text, start, end)
        if not verb:
            return []
        spans.append(InstructionSpan("", start, 0, 0))
    for current, following in zip(spans, spans[1:] + [None]):
        current.end = following.start if following else end
        opening = QUOTE_OPENING.search(text, current.start, current.end)
        current.quote_start = opening.end() if opening else current.end
    return spans


def _starts_instruction(text: str, match: re.Match, start: int, glued_ok: bool) -> bool:
    """An instruction starts a line or a sentence, or (OCR lost the full stop) is the next
    number and opens the way instructions do ("... Rp96.000.000,00 56. Di antara ...")."""
    window = max(start, match.start() - 200)
    before = text[max(window, text.rfind("\n", window, match.start()) + 1):match.start()]
    glued = bool(before.strip()) and not SENTENCE_END.search(before)
    if glued and not (glued_ok and INSTRUCTION_OPENING.match(text, match.end())):
        return False
    sentence_end = FIRST_SENTENCE.match(text, match.end()).end()
    return bool(INSTRUCTION_VERB.search(text, match.end(), sentence_end))


def base_regulation(text: str, start: int, end: int) -> RegulationRef | None:
    """The regulation an amending article changes: the first one its opening names."""
    found = BASE_REGULATION.search(text, start, end)
    if not found:
        return None
    type_code = dict((name.lower(), code) for name, code in HEADING_TYPES)[" ".join(found["type"].lower().split())]
    return RegulationRef(type_code, found["number"], int(found["year"]))


def quoted_headings(text: str, span: InstructionSpan) -> list[Heading]:
    """The Pasal headings of the quoted wording, in order (any rising sequence of labels)."""
    if span.quote_start >= span.end:
        return []
    candidates = [c for c in find_candidates(text, span.quote_start, span.end) if c.weight >= 2]
    return best_run(candidates, gap_cost=0.0)


def classify(instruction: str, quoted: list[str]) -> tuple[str, tuple[str, ...]]:
    """(kind, target Pasal labels) of one instruction sentence."""
    inserted = INSERTED_UNIT.search(instruction)
    named = tuple(dict.fromkeys(_pasal_labels(instruction)))
    if inserted and inserted["unit"].lower() in ("pasal", "bab", "bagian", "paragraf"):
        inserted_labels = quoted or [label for label in named if not label.isdigit()] or list(named)
        return "insert", tuple(inserted_labels)
    if quoted:
        return "amend", tuple(quoted)
    lowered = instruction.lower()
    if "penjelasan" in lowered:
        return "amend_penjelasan", named
    if "dihapus" in lowered or "dicabut" in lowered:
        return "revoke", named
    return "amend", named


def _pasal_labels(instruction: str) -> list[str]:
    labels = []
    for found in PASAL_RANGE.finditer(instruction):  # "Pasal 178A sampai dengan Pasal 178H"
        labels += [found[1] + chr(c) for c in range(ord(found[2]), ord(found[3]) + 1)]
    labels += PASAL_LABEL.findall(instruction)
    return labels


def build_instruction(text: str, span: InstructionSpan, quoted: list[Heading], article: str,
                      base: RegulationRef | None) -> AmendmentInstruction:
    """The instruction without its quoted Pasal nodes (the parser builds those)."""
    sentence = " ".join(text[span.start:span.quote_start].split())
    kind, targets = classify(sentence, [heading.label for heading in quoted])
    return AmendmentInstruction(article=article, number=span.number, kind=kind, targets=targets,
                                instruction=sentence, base=base, start=span.start, end=span.end)
