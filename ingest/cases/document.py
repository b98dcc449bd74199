"""A case document as sentences of people and cues, the view that relations and outcomes read.

Spans become character offsets into the whole text, mentions become person ids, and the words
that point back at people are resolved: "ia", "yang bersangkutan" to the person the text is
about; "pasangan calon tersebut", "paslon nomor urut 1", "calon Bupati Agam" to candidates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .components.candidates import CandidateRef
from .model import CANDIDATE, Person
from .people import Observation


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class PersonRef:
    """A person in a sentence: named, pointed at ("ia"), or a candidate reference."""

    start: int
    end: int
    person_id: str
    how: str  # "name", "anaphor" or "candidate"


@dataclass
class Sentence:
    start: int
    end: int
    refs: list[PersonRef] = field(default_factory=list)
    cues: dict[str, list[Cue]] = field(default_factory=dict)
    citations: list = field(default_factory=list)  # ingest.citations Citations inside the sentence

    def people(self, how: set[str] | None = None) -> list[str]:
        """Person ids referred to, in order of first reference, once each."""
        return list(dict.fromkeys(ref.person_id for ref in self.refs if how is None or ref.how in how))


CUE_GROUPS = ("kin", "appointment", "support", "outcome")
POINTING_WORDS = {"tersebut", "itu"}  # "Camat Koto Tangah tersebut"


def read_sentences(parsed: list[tuple[Doc, int]], observations: list[Observation], person_ids: list[str],
                   persons: list[Person]) -> list[Sentence]:
    """Sentences of all parsed pieces (doc, offset), with the people and cues in each."""
    by_id = {person.id: person for person in persons}
    named = _named_refs(observations, person_ids)
    resolver = _Resolver(by_id, observations, person_ids)
    sentences = []
    for chunk, (doc, offset) in enumerate(parsed):
        spans = _SpansBySentence(doc)
        for index, sent in enumerate(doc.sents):
            sentence = Sentence(sent.start_char + offset, sent.end_char + offset)
            sentence.refs = sorted(named.get((chunk, sent.start), []), key=lambda ref: ref.start)
            sentence.cues = {group: [Cue(s.start_char + offset, s.end_char + offset, s.label_, s.text.lower())
                                     for s in spans.get(group, index)] for group in CUE_GROUPS}
            sentence.citations = [c.moved(offset) for c in doc._.citations
                                  if sent.start_char <= c.start < sent.end_char]
            resolver.resolve(chunk, spans, index, offset, sentence, sentences)
            sentences.append(sentence)
    return sentences


class _SpansBySentence:
    """The spans of each group, filed by the sentence they start in: documents can be long, and
    going through every span for every sentence would take time squared."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.sentence_of = {}
        for index, sent in enumerate(doc.sents):
            for token_index in range(sent.start, sent.end):
                self.sentence_of[token_index] = index
        self.filed: dict[tuple[str, int], list[Span]] = {}
        for group in (*CUE_GROUPS, "anaphor", "position", "candidate"):
            for span in doc.spans.get(group, []):
                self.filed.setdefault((group, self.sentence_of[span.start]), []).append(span)

    def get(self, group: str, sentence: int) -> list[Span]:
        return self.filed.get((group, sentence), [])


def _named_refs(observations: list[Observation], person_ids: list[str]) -> dict[tuple[int, int], list[PersonRef]]:
    """Named mentions, keyed by (chunk, first token of their sentence)."""
    refs: dict[tuple[int, int], list[PersonRef]] = {}
    for observation, person_id in zip(observations, person_ids):
        mention = observation.mention
        key = (observation.chunk, observation.span.sent.start)
        refs.setdefault(key, []).append(PersonRef(mention.start, mention.end, person_id, "name"))
    return refs


class _Resolver:
    """Resolves anaphors and candidate references, remembering what came before."""

    def __init__(self, persons: dict[str, Person], observations: list[Observation], person_ids: list[str]):
        self.persons = persons
        self.bystanders = {pid for o, pid in zip(observations, person_ids) if o.bystander}
        # The candidates each reference introduced by name: (chunk, token start) -> person ids.
        self.introduced: dict[tuple[int, int], list[str]] = {}
        for observation, person_id in zip(observations, person_ids):
            if observation.candidate_span is not None:
                key = (observation.chunk, observation.candidate_span[0])
                self.introduced.setdefault(key, []).append(person_id)

    def resolve(self, chunk: int, spans: _SpansBySentence, index: int, offset: int, sentence: Sentence,
                earlier: list[Sentence]) -> None:
        doc, added = spans.doc, []
        for span in spans.get("anaphor", index):
            person_id = self._subject(sentence, span.start_char + offset, earlier)
            if person_id is not None:
                added.append(PersonRef(span.start_char + offset, span.end_char + offset, person_id, "anaphor"))
        for span in spans.get("position", index):
            if span.end < len(doc) and doc[span.end].lower_ in POINTING_WORDS:
                end = doc[span.end].idx + len(doc[span.end]) + offset
                added += [PersonRef(span.start_char + offset, end, pid, "anaphor") for pid in self._holding(span.text)]
        for span in spans.get("candidate", index):
            ids = self.introduced.get((chunk, span.start)) or self._candidates(span._.value, sentence, earlier)
            added += [PersonRef(span.start_char + offset, span.end_char + offset, pid, "candidate") for pid in ids]
        sentence.refs = sorted(sentence.refs + added, key=lambda ref: ref.start)

    def _holding(self, position: str) -> list[str]:
        """ "Camat Koto Tangah tersebut": the one person said to hold that position."""
        holders = [p.id for p in self.persons.values() if p.position and p.position.casefold() == position.casefold()]
        return holders if len(holders) == 1 else []

    def _is_subject(self, person_id: str) -> bool:
        return self.persons[person_id].kind != CANDIDATE and person_id not in self.bystanders

    def _subject(self, sentence: Sentence, position: int, earlier: list[Sentence]) -> str | None:
        """ "ia", "yang bersangkutan": the first person a previous sentence is about; failing
        that, the last one named before it in this sentence."""
        for previous in reversed(earlier):
            subjects = [pid for pid in previous.people({"name", "anaphor"}) if self._is_subject(pid)]
            if subjects:
                return subjects[0]
        before = [ref.person_id for ref in sentence.refs if ref.start < position and self._is_subject(ref.person_id)]
        return before[-1] if before else None

    def _candidates(self, ref: CandidateRef, sentence: Sentence, earlier: list[Sentence]) -> list[str]:
        """Candidates an unnamed reference points at: by ballot number, by office and region,
        or (for "tersebut" and bare references) the candidates named last."""
        candidates = [p for p in self.persons.values() if p.kind == CANDIDATE]
        incumbents = [p.id for p in candidates if p.incumbent]
        if ref.incumbent and incumbents:
            return incumbents
        if ref.ballot is not None:
            return [p.id for p in candidates if p.ballot_number == ref.ballot]
        if ref.offices and not ref.anaphoric:
            return [p.id for p in candidates if _runs_for(p, ref)]
        for previous in [sentence, *reversed(earlier)]:
            named = [pid for pid in previous.people({"name", "candidate"}) if self.persons[pid].kind == CANDIDATE]
            if named:
                return named
        return []


def _runs_for(person: Person, ref: CandidateRef) -> bool:
    """Whether a candidate runs for an office the reference names (a pair: head and deputy)."""
    if not person.race:
        return False
    offices = set(ref.offices) | ({f"Wakil {office}" for office in ref.offices} if ref.pair else set())
    office_matches = any(person.race.startswith(f"{office} ") for office in offices)
    region_matches = ref.region is None or person.region in ref.region.split("|")
    return office_matches and region_matches
