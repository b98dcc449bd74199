"""A document being written: its lines, the people named, the citations and the evidence.

Templates build sentences from pieces the draft renders (names, numbers, citations); those
pieces are protected from noise, and the draft records what they were (mention variants, gold
citations). A sentence that states a link is recorded, as finally printed, as that link's
evidence, so the gold sentence always occurs verbatim in the document.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from core.refs import ProvisionRef

from . import noise, regulations
from .people import Person, spaced_number, written_name

OPEN, CLOSE = "\x01", "\x02"
LinkKey = tuple[str, str, str]  # (type, from key, to key)


def keep(text: str) -> str:
    """Protect `text` from noise."""
    return f"{OPEN}{text}{CLOSE}"


def _unmark(text: str) -> str:
    return text.replace(OPEN, "").replace(CLOSE, "")


@dataclass(frozen=True)
class NoiseProfile:
    sentence_typo: float = 0.0
    sentence_ocr: float = 0.0
    citation_ocr: float = 0.0
    name_typo: float = 0.003


CLEAN = NoiseProfile()
TYPOS = NoiseProfile(sentence_typo=0.2, name_typo=0.01)
SCANNED = NoiseProfile(sentence_ocr=0.5, citation_ocr=0.35, name_typo=0.03)


def draw_noise(rng: random.Random) -> NoiseProfile:
    """Most documents are clean; some carry typing slips; a few are OCR'd scans."""
    return rng.choices((CLEAN, TYPOS, SCANNED), (0.78, 0.17, 0.05))[0]


@dataclass
class Draft:
    rng: random.Random
    doc_id: str
    kind: str
    on: date  # the document's date: common names of regulations are read as of this day
    noise: NoiseProfile = CLEAN
    lines: list[str] = field(default_factory=list)
    paragraph: list[str] = field(default_factory=list)
    mentions: list[tuple[Person, str]] = field(default_factory=list)
    citations: dict[str, None] = field(default_factory=dict)
    notes: list[dict] = field(default_factory=list)
    evidence: dict[LinkKey, list[str]] = field(default_factory=dict)

    # -- protected pieces ----------------------------------------------------------------

    def name(self, person: Person, style: str = "full") -> str:
        """The person's name in a style of people.written_name (sometimes misspelt), recorded."""
        text = written_name(self.rng, person, style)
        if self.rng.random() < self.noise.name_typo:
            printed = text.replace(person.name, noise.misspell_name(self.rng, person.name), 1)
            if printed != text:
                self.notes.append({"kind": "name_typo", "person": person.key, "printed": printed, "intended": text})
                text = printed
        self.mentions.append((person, text))
        return keep(text)

    def mention(self, person: Person, text: str) -> str:
        """A reference to the person written some other way ("Kadisdik Agam X"), recorded as is."""
        self.mentions.append((person, text))
        return keep(text)

    def number(self, person: Person, labelled: bool = True) -> str:
        """"NIP 1978...", "NIP. 19780620 200501 1 003", "NI PPPK ..."; just the digits if not `labelled`."""
        person.number_printed = True
        digits = spaced_number(person.nip) if self.rng.random() < 0.3 else person.nip
        if not labelled:
            return keep(digits)
        label = "NI PPPK" if person.employment == "PPPK" else "NIP"
        return keep(f"{label}{self.rng.choice(('', '.', ':'))} {digits}")

    def cite(self, refs: list[ProvisionRef]) -> str:
        printed = regulations.cite(self.rng, refs, self.on)
        return self._record_citation(printed.text, printed.gold)

    def cite_regulation(self, regulation, full: bool = True) -> str:
        """A whole regulation ("Undang-Undang Nomor 5 Tahun 2014 tentang ..."), gold "UU 5/2014"."""
        return self._record_citation(regulations.regulation_name(self.rng, regulation, self.on, full=full),
                                     [regulation.citation])

    def _record_citation(self, text: str, gold: list[str]) -> str:
        for item in gold:
            self.citations.setdefault(item, None)
        if self.rng.random() < self.noise.citation_ocr:
            slipped = noise.ocr_citation(self.rng, text)
            if slipped != text:
                self.notes.append({"kind": "ocr_citation", "printed": slipped, "intended": text})
                text = slipped
        return keep(text)

    def note(self, entry: dict) -> None:
        self.notes.append(entry)

    # -- text ----------------------------------------------------------------------------

    def _noisy(self, text: str) -> str:
        if self.rng.random() < self.noise.sentence_typo:
            text = noise.add_typo(self.rng, text)
        if self.rng.random() < self.noise.sentence_ocr:
            text = noise.add_ocr_slip(self.rng, text)
        return _unmark(text)

    def say(self, text: str, *links: LinkKey) -> None:
        """Add a sentence to the current paragraph; it states `links`."""
        sentence = self._noisy(text)
        if sentence.endswith(".."):  # a name ending in a title ("S.T.") closes the sentence
            sentence = sentence[:-1]
        self.paragraph.append(sentence)
        for link in links:
            self.evidence.setdefault(link, []).append(sentence)

    def end_paragraph(self) -> None:
        if self.paragraph:
            self.lines += [" ".join(self.paragraph), ""]
            self.paragraph = []

    def line(self, text: str = "", *links: LinkKey) -> None:
        """A line of its own (headings, list items, signatures)."""
        self.end_paragraph()
        if not text and self.lines and not self.lines[-1]:
            return  # one blank line is enough
        printed = self._noisy(text) if text else ""
        self.lines.append(printed)
        for link in links:
            self.evidence.setdefault(link, []).append(printed)

    def text(self) -> str:
        self.end_paragraph()
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return "\n".join(self.lines) + "\n"
