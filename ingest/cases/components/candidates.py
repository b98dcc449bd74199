"""`netra_candidates`: references to candidates, named or not.

"pasangan calon Wali Kota dan Wakil Wali Kota Pariaman nomor urut 1", "calon Bupati Agam",
"bakal calon Wali Kota Solok", "Bupati petahana", "paslon 02", "pasangan calon tersebut".
Each becomes a span in "candidate" whose value is a `CandidateRef`; the names that follow are
read by `netra_persons`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..lexicon import CANDIDATE_ABBREVIATION_OFFICES, CANDIDATE_WORDS
from .common import ent_at, spans_starting

ANAPHORIC_WORDS = {"tersebut", "itu", "dimaksud"}
INDEPENDENT_WORDS = {"perseorangan", "independen"}  # "pasangan calon perseorangan Gubernur ..."


@dataclass(frozen=True)
class CandidateRef:
    kind: str  # "candidate", "pre-candidate" (bakal calon) or "incumbent"
    pair: bool  # a pair of candidates (pasangan calon, paslon)
    offices: tuple[str, ...] = ()  # ("Wali Kota", "Wakil Wali Kota")
    region: str | None = None  # "Kota Pariaman"; "Kota Solok|Kabupaten Solok" if the text does not tell
    ballot: int | None = None
    anaphoric: bool = False  # "pasangan calon tersebut": points back at candidates named before
    incumbent: bool = False


@Language.factory("netra_candidates")
def make_candidates(nlp: Language, name: str) -> "CandidateReader":
    return CandidateReader(nlp)


CANDIDATE_WORDS_LOWER = {word.lower(): meaning for word, meaning in CANDIDATE_WORDS.items()}


def _role_starting(doc: Doc, index: int) -> Span | None:
    role = ent_at(doc, index, {"ROLE"}) if index < len(doc) else None
    return role if role is not None and role.start == index else None


class CandidateReader:
    def __init__(self, nlp: Language):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")  # "caIon" lower-cases to "caion"
        self.matcher.add("CANDIDATE", [nlp.make_doc(word) for word in CANDIDATE_WORDS])

    def __call__(self, doc: Doc) -> Doc:
        cues = filter_spans(self.matcher(doc, as_spans=True))
        ballots = spans_starting(doc, "ballot")
        refs = [self._read(doc, cue, ballots) for cue in cues]
        covered = {i for ref in refs for i in range(ref.start, ref.end)}
        refs += [self._ballot_only(ballot) for ballot in doc.spans.get("ballot", []) if ballot.start not in covered]
        doc.spans["candidate"] = filter_spans(refs)
        return doc

    def _read(self, doc: Doc, cue: Span, ballots: dict[int, Span]) -> Span:
        word = cue.text.lower()
        kind, pair = CANDIDATE_WORDS_LOWER[word]
        start, roles, end = self._office_before(doc, cue)
        end += end < len(doc) and doc[end].lower_ in INDEPENDENT_WORDS
        incumbent_before = end < len(doc) and doc[end].lower_ == "petahana"  # "bakal calon petahana Bupati X"
        end += incumbent_before
        roles, end = self._offices_after(doc, end, roles)
        offices = tuple(role.partition("|")[0] for role in roles)
        if word in CANDIDATE_ABBREVIATION_OFFICES:
            offices = offices or (CANDIDATE_ABBREVIATION_OFFICES[word],)
        region = next((role.partition("|")[2] for role in reversed(roles) if role.partition("|")[2]), None)
        if region is None:
            region, end = self._region_at(doc, end)
        ballot, end = self._ballot_at(ballots, cue.start, end)
        incumbent_after = end < len(doc) and doc[end].lower_ == "petahana"  # "calon Bupati petahana"
        end += incumbent_after
        incumbent = kind == "incumbent" or incumbent_before or incumbent_after
        anaphoric = end < len(doc) and doc[end].lower_ in ANAPHORIC_WORDS
        span = Span(doc, start, end + anaphoric, label="CANDIDATE")
        span._.value = CandidateRef(kind, pair, offices, region, ballot, anaphoric, incumbent)
        return span

    @staticmethod
    def _office_before(doc: Doc, cue: Span) -> tuple[int, tuple[str, ...], int]:
        """ "Bupati petahana": the office is written before the word."""
        if cue.text.lower() == "petahana" and cue.start > 0:
            role = ent_at(doc, cue.start - 1, {"ROLE"})
            if role is not None:
                return role.start, (role.ent_id_,), cue.end
        return cue.start, (), cue.end

    @staticmethod
    def _offices_after(doc: Doc, end: int, roles: tuple[str, ...]) -> tuple[tuple[str, ...], int]:
        """ "Wali Kota dan Wakil Wali Kota Pariaman": one office or a head and deputy, as ROLE values
        "office|region"."""
        while (role := _role_starting(doc, end)) is not None:
            roles, end = roles + (role.ent_id_,), role.end
            if end < len(doc) and doc[end].lower_ == "dan" and _role_starting(doc, end + 1) is not None:
                end += 1
        return roles, end

    @staticmethod
    def _region_at(doc: Doc, end: int) -> tuple[str | None, int]:
        region = ent_at(doc, end, {"REGION"}) if end < len(doc) else None
        if region is not None and region.start == end:
            return region.ent_id_, region.end
        return None, end

    @staticmethod
    def _ballot_at(ballots: dict[int, Span], cue_start: int, end: int) -> tuple[int | None, int]:
        """ "nomor urut 1" after the reference, or "paslon 01" read as one."""
        ballot = ballots.get(end) or ballots.get(cue_start)
        return (ballot._.value, max(end, ballot.end)) if ballot is not None else (None, end)

    @staticmethod
    def _ballot_only(ballot: Span) -> Span:
        span = Span(ballot.doc, ballot.start, ballot.end, label="CANDIDATE")
        span._.value = CandidateRef("candidate", True, ballot=ballot._.value)
        return span
