"""Facts about the case as a whole: its stage, register number, dates, outcome and sanction,
and the outcome for each person (which decides the status of the links about them)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .document import Sentence
from .model import ALLEGED, NOT_PROVEN, PROVEN, DateMention, Sanction

# Stage words, most specific first: "LAPORAN HASIL KAJIAN" is a kajian.
STAGES = [("keputusan_ppk", r"keputusan|penjatuhan hukuman"), ("rekomendasi", r"rekomendasi"),
          ("kajian", r"kajian|klarifikasi|pemeriksaan"), ("temuan", r"temuan"),
          ("laporan", r"laporan|pengaduan")]
# Bawaslu's stages: they find that there is a violation to forward; the verdict on an ASN
# (proven or not) is KASN's or BKN's recommendation and the PPK's decision.
PRELIMINARY_STAGES = {"temuan", "laporan", "kajian"}
BODY_STAGES = [("temuan", r"\bmenemukan\b"), ("laporan", r"\b(menerima|memeriksa) laporan\b|\blaporan dari\b")]
HEADING_LINES = 4
HEADING_LINE_LENGTH = 120
SIGNING = re.compile(r"(ditetapkan|dikeluarkan|dibuat)\b", re.IGNORECASE)
# The line a letter is signed with: a place (capitalised words) and the date ("Jakarta, 20 November
# 2024"), or the date under "Ditetapkan di Padang" ("pada tanggal 29 Maret 2020"). Lines are read at
# most this long.
SIGNING_PLACE_CHARS = 60
SIGNING_PLACE = re.compile(r"[ \t]*+[A-Z][\w.'’-]*+(?:[ \t]++[A-Z][\w.'’-]*+){0,4}+[ \t]*+,[ \t]*+")
SIGNED_ON = re.compile(r"[ \t]*+(?:pada[ \t]++)?tanggal[ \t]*+:?[ \t]*+", re.IGNORECASE)
# Not-proven cues that close the case rather than weigh the evidence.
DISMISSALS = {"dihentikan", "tidak dapat ditindaklanjuti", "tidak ditindaklanjuti", "dinyatakan gugur"}

LEVELS = [("PTDH", r"pemberhentian dengan tidak hormat|diberhentikan (?:dengan )?tidak (?:dengan )?hormat|\bPTDH\b"),
          ("moral", r"sanksi moral|pernyataan secara (?:tertutup|terbuka)"),
          ("berat", r"(?:hukuman|sanksi) disiplin (?:tingkat )?berat"),
          ("sedang", r"(?:hukuman|sanksi) disiplin (?:tingkat )?sedang"),
          ("ringan", r"(?:hukuman|sanksi) disiplin (?:tingkat )?ringan")]
TYPES = [r"teguran lisan", r"teguran tertulis", r"pernyataan tidak puas(?: secara tertulis)?",
         r"pemotongan tunjangan kinerja(?: sebesar 25\s?%)?(?: \([^)]*\))?(?: selama \d+(?: \([^)]*\))? bulan)?",
         r"penurunan jabatan[^.;,]{0,40}?(?:selama \d+(?: \([^)]*\))? bulan)?",
         r"pembebasan dari jabatan[^.;,]{0,60}?(?:selama \d+(?: \([^)]*\))? bulan)?",
         r"pemberhentian dengan hormat tidak atas permintaan sendiri", r"pernyataan secara (?:tertutup|terbuka)"]
# PP 94/2021 Pasal 8: ayat -> level, and each huruf of it -> type.
PP_94_2021_PASAL_8 = {
    "2": ("ringan", {"a": "teguran lisan", "b": "teguran tertulis", "c": "pernyataan tidak puas secara tertulis"}),
    "3": ("sedang", {"a": "pemotongan tunjangan kinerja 25% selama 6 bulan",
                     "b": "pemotongan tunjangan kinerja 25% selama 9 bulan",
                     "c": "pemotongan tunjangan kinerja 25% selama 12 bulan"}),
    "4": ("berat", {"a": "penurunan jabatan setingkat lebih rendah selama 12 bulan",
                    "b": "pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan",
                    "c": "pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS"}),
}
RECOMMENDING = re.compile(r"merekomendasikan|rekomendasi|mengusulkan|diusulkan", re.IGNORECASE)
IMPOSING = re.compile(r"menjatuhkan|dijatuhi|dijatuhkan|menghukum|memberikan sanksi", re.IGNORECASE)
HYPOTHETICAL = re.compile(r"\b(?:dapat|apabila|jika|bila|ancaman|diancam)\b", re.IGNORECASE)


def stage_of(text: str) -> str | None:
    """The stage a document's heading names, or else its body's first words suggest."""
    heading = " ".join(_heading_lines(text)).lower()
    for stage, pattern in STAGES:
        if re.search(pattern, heading):
            return stage
    for stage, pattern in BODY_STAGES:
        if re.search(pattern, text, re.IGNORECASE):
            return stage
    return None


def _heading_lines(text: str) -> list[str]:
    """The short lines before the first blank line: a title, a number, a place and date."""
    lines = []
    for line in text.strip().splitlines()[:HEADING_LINES]:
        if not line.strip() or len(line) > HEADING_LINE_LENGTH:
            break
        lines.append(line)
    return lines


def case_number_of(parsed: list[tuple[Doc, int]]) -> str | None:
    """The first register number written; the heading's, in practice."""
    for doc, _offset in parsed:
        for span in doc.spans.get("case_number", []):
            return span._.value
    return None


def dates_of(parsed: list[tuple[Doc, int]], text: str) -> list[DateMention]:
    """Dates, each the document's own (in the heading, or "Ditetapkan di ..., 20 Desember 2024")
    or an event's."""
    heading_end = _heading_end(text)
    dates = []
    for doc, offset in parsed:
        for span in doc.spans.get("date", []):
            start = span.start_char + offset
            line = text[text.rfind("\n", 0, start) + 1:start]
            own = start < heading_end or SIGNING.match(line.strip()) is not None
            dates.append(DateMention(span.text, span._.value.isoformat(), start, span.end_char + offset,
                                     "document" if own else "event"))
    return dates


def document_date(dates: list[DateMention], text: str) -> str | None:
    """The date a document bears (ISO): a date in its heading or after "Ditetapkan di", else the
    last place-and-date line a letter is signed with ("Jakarta, 20 November 2024"), else the date
    under a "Ditetapkan di Padang" line ("pada tanggal 29 Maret 2020"); None if none of these."""
    own = next((date.iso for date in dates if date.role == "document"), None)
    if own:
        return own
    for date in reversed(dates):
        line_start = text.rfind("\n", 0, date.start) + 1
        line_end = text.find("\n", date.end)
        before, after = text[line_start:date.start], text[date.end:len(text) if line_end < 0 else line_end]
        if after.strip(" .") or len(before) > SIGNING_PLACE_CHARS:
            continue
        previous_line = text[text.rfind("\n", 0, max(line_start - 1, 0)) + 1:max(line_start - 1, 0)]
        if SIGNING_PLACE.fullmatch(before) or (SIGNED_ON.fullmatch(before) and SIGNING.match(previous_line.strip())):
            return date.iso
    return None


def _heading_end(text: str) -> int:
    """The heading is what comes before the first blank line."""
    match = re.search(r"\n\s*\n", text.lstrip())
    return match.start() + (len(text) - len(text.lstrip())) if match else 0


# -- outcome -------------------------------------------------------------------------------------

def person_statuses(sentences: list[Sentence], person_ids: list[str], sanctioned: bool,
                    can_prove: bool) -> tuple[dict[str, str], str]:
    """The status of the case against each person (`person_ids`: those the case is about, not the
    candidates), and the outcome of the whole document.

    Outcome words in a sentence about someone (named, or "yang bersangkutan") are about that
    person; elsewhere they are about the case. Not proven wins over proven, and a dismissed or
    not-proven case proves nothing about anyone. A document that `can_prove` nothing (Bawaslu's
    temuan, laporan, kajian) leaves "terbukti" an allegation: the outcome says what the document
    found, the statuses what is established.
    """
    own: dict[str, set[str]] = {pid: set() for pid in person_ids}
    general: set[str] = set()
    dismissed = False
    for sentence in sentences:
        labels = {cue.label for cue in sentence.cues.get("outcome", [])}
        dismissed |= any(cue.text in DISMISSALS for cue in sentence.cues.get("outcome", []))
        about = [pid for pid in sentence.people({"name", "anaphor"}) if pid in own]
        for pid in about:
            own[pid] |= labels
        if not about:
            general |= labels
    statuses = {pid: _status(own[pid], general, sanctioned) for pid in person_ids}
    outcome = _outcome(statuses, general, dismissed)
    if not can_prove:
        statuses = {pid: ALLEGED if status == PROVEN else status for pid, status in statuses.items()}
    return statuses, outcome


def _status(own: set[str], general: set[str], sanctioned: bool) -> str:
    if NOT_PROVEN in own or NOT_PROVEN in general:
        return NOT_PROVEN
    if PROVEN in own or PROVEN in general or sanctioned:
        return PROVEN
    return ALLEGED


def _outcome(statuses: dict[str, str], general: set[str], dismissed: bool) -> str:
    if dismissed:
        return "dismissed"
    if NOT_PROVEN in general:
        return NOT_PROVEN
    found = set(statuses.values())
    if {PROVEN, NOT_PROVEN} <= found:
        return "mixed"
    if PROVEN in found or PROVEN in general:
        return PROVEN
    if found == {NOT_PROVEN}:
        return NOT_PROVEN
    return "pending"


# -- sanction ------------------------------------------------------------------------------------

def sanction_of(sentences: list[Sentence], text: str) -> Sanction | None:
    """The sanction recommended or imposed: the first sentence naming a level, a type or PP
    94/2021 Pasal 8 (the level and type follow from the ayat and huruf cited, and the cited type
    is preferred to the words: it is complete where the words are often cut short)."""
    for sentence in sentences:
        words = text[sentence.start:sentence.end]
        refs = [ref for citation in sentence.citations for ref in citation.refs]
        from_basis = _from_pasal_8(refs)
        level = _first_label(LEVELS, words) or (from_basis[0] if from_basis else None)
        kind = (from_basis[1] if from_basis else None) or _first_match(TYPES, words)
        if level is None and kind is None:
            continue
        return Sanction(level, kind, tuple(str(ref) for ref in refs), _sanction_status(words),
                        (sentence.start, sentence.end))
    return None


def _sanction_status(words: str) -> str:
    if RECOMMENDING.search(words):
        return "recommended"
    if IMPOSING.search(words) and not HYPOTHETICAL.search(words):
        return "imposed"
    return "mentioned"  # "dapat dijatuhi hukuman disiplin berat": a threat, not a sanction


def _from_pasal_8(refs: list) -> tuple[str, str | None] | None:
    for ref in refs:
        regulation = ref.regulation
        if (regulation.type, regulation.number, regulation.year, ref.pasal) == ("PP", "94", 2021, "8") \
                and ref.ayat in PP_94_2021_PASAL_8:
            level, types = PP_94_2021_PASAL_8[ref.ayat]
            return level, types.get(ref.huruf or "")
    return None


def _first_label(table: list[tuple[str, str]], words: str) -> str | None:
    return next((label for label, pattern in table if re.search(pattern, words, re.IGNORECASE)), None)


def _first_match(patterns: list[str], words: str) -> str | None:
    for pattern in patterns:
        match = re.search(pattern, words, re.IGNORECASE)
        if match:
            return re.sub(r"\s+", " ", match.group(0)).strip()
    return None
