"""`extract_citations`: find every citation in a text.

One search for the words that can begin a citation (Pasal, ayat, UU, Peraturan Pemerintah,
Putusan, ...), then, at each hit, the readers in `regulations`, `chains` and `rulings` read what
is written there. Provisions take their regulation from, in this order:

1. a regulation named right after them ("Pasal 31 UU 5/2014") or right before them on the same
   line ("UU 5/2014 Pasal 31"; the one after wins if both);
2. the regulation being read (`CitationContext.regulation`), also for "Pasal 8 Undang-Undang ini";
3. outside a regulation, the regulation cited last before them, as a reader would take it
   ("Undang-Undang Nomor 5 Tahun 2014 memuat ...: 1. Pasal 2 huruf f"); noted on the citation.

Relative provisions ("pada ayat (1)", "huruf a") are completed from `CitationContext.path`.
"""

from __future__ import annotations

import re

from core.refs import RegulationRef

from .chains import MAX_EXPANDED, Run, read_run
from .model import (ANTECEDENT, CITED, CONTEXT, UNKNOWN, Citation, CitationContext, CitedProvision, Path,
                    ProvisionCitation, RegulationCitation, complete_path, names_a_unit, starts_at_anchor)
from .patterns import AFTER_REGULATION, BEFORE_REGULATION, START
from .regulations import read_regulation, read_regulation_after_provisions
from .rulings import read_ruling


def extract_citations(text: str, context: CitationContext | None = None) -> list[Citation]:
    """All citations in `text`, in order, each with its span (`text[c.start:c.end] == c.raw`)."""
    return _Reader(text, context or CitationContext()).read()


class _Reader:
    def __init__(self, text: str, context: CitationContext):
        self.text = text
        self.context = context
        self.last_regulation: RegulationCitation | None = None  # for rule 3 above
        self.expand_limit = MAX_EXPANDED  # provisions the ranges of this text may still add

    def read(self) -> list[Citation]:
        citations = []
        pos = 0
        while start := START.search(self.text, pos):
            citation = self._citation_at(start)
            if citation is None:
                pos = start.end()
                continue
            citations.append(citation)
            pos = citation.end
        return citations

    def _citation_at(self, start: re.Match) -> Citation | None:
        pos = start.start()
        if start["ruling"]:  # "Putusan ...", but "Keputusan Presiden" is a regulation
            return read_ruling(self.text, pos) or self._regulation_at(pos)
        if start["regulation"]:
            return self._regulation_at(pos)
        return self._provisions_at(pos, before=None)

    def _regulation_at(self, pos: int) -> Citation | None:
        regulation = read_regulation(self.text, pos, self.context.date)
        if regulation is None:
            return None
        following = AFTER_REGULATION.match(self.text, regulation.end).end()
        provisions = self._provisions_at(following, before=regulation)
        if provisions is not None:
            return provisions
        self.last_regulation = regulation
        return regulation

    def _provisions_at(self, pos: int, before: RegulationCitation | None) -> ProvisionCitation | None:
        """Provisions written at `pos`; `before` is a regulation written just before them."""
        run = read_run(self.text, pos, self.expand_limit)
        if run is None:
            return None
        after = read_regulation_after_provisions(self.text, BEFORE_REGULATION.match(self.text, run.end).end(),
                                                 self.context.date)
        if before is not None and (after is not None or not starts_at_anchor(run.paths[0])):
            return None  # the regulation before stands alone (and the run is read again on its own)
        if not any(names_a_unit(path) for path in run.paths):
            return None  # "Lampiran II", "Lampiran Undang-Undang Nomor 1 Tahun 2015": the regulation is read alone
        self.expand_limit -= run.expanded
        named = after or before
        start = before.start if before else pos
        end = after.end if after else run.end
        return self._provision_citation(run, named, start, end)

    def _provision_citation(self, run: Run, named: RegulationCitation | None, start: int,
                            end: int) -> ProvisionCitation:
        regulation, source, notes = self._whose(run, named)
        if named is not None and named.form != "this":
            self.last_regulation = named
        paths = [self._in_context(path) if source == CONTEXT else path for path in run.paths]
        return ProvisionCitation(
            start=start, end=end, raw=self.text[start:end],
            cited=tuple(CitedProvision(regulation, path) for path in paths),
            named_regulation=named, regulation_source=source,
            uncertain=bool(named and named.uncertain),
            notes=tuple(run.notes) + (named.notes if named else ()) + notes,
        )

    def _whose(self, run: Run, named: RegulationCitation | None) -> tuple[RegulationRef | None, str, tuple[str, ...]]:
        """The regulation of these provisions, where it came from (rules 1-3 above), and notes."""
        if named is not None and named.form != "this":
            return named.regulation, CITED, ()
        if named is not None or self.context.regulation is not None:
            return self.context.regulation, CONTEXT, ()
        earlier = self.last_regulation
        if starts_at_anchor(run.paths[0]) and earlier is not None:
            if earlier.regulation is None:
                return None, UNKNOWN, (f"follows {earlier.raw!r}, a regulation we cannot identify",)
            return earlier.regulation, ANTECEDENT, (f"regulation taken from the one cited before: {earlier.raw!r}",)
        return None, UNKNOWN, ()

    def _in_context(self, path: Path) -> Path:
        """ "ayat (1)" read in Pasal 8 is Pasal 8 ayat (1)."""
        if starts_at_anchor(path) or not self.context.path:
            return path
        return complete_path(self.context.path, path)
