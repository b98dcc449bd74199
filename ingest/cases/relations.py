"""Relations between the people of a case document, read sentence by sentence by rules.

- SUPPORTED: an ASN or official -> a candidate, in a sentence with a support act ("menyampaikan
  sambutan dukungan", "unggahan ajakan memilih", "membagikan paket sembako"); the act is the detail.
- FAMILY_OF: the person before a kin term -> the person (or candidate) after it ("X merupakan
  ipar dari calon Bupati Y"); the kin term is the detail.
- APPOINTED_BY: "Y mengangkat X sebagai ...", "X dilantik oleh Y"; the position is the detail.
- RUNNING_MATE_OF: the second of a pair of candidates -> the first.
- HOLDS_POSITION, EMPLOYED_BY: a person -> the position or agency written next to their name.

Status: SUPPORTED takes the case's status for its supporter (see case_facts.person_statuses),
so a dismissed or not-proven case never yields a proven SUPPORTED link, nor does a Bawaslu
finding, report or review (the verdict is KASN's, BKN's or the PPK's). The other relations are
background the document states; they are "proven" in a proven case and "alleged" otherwise.
"""

from __future__ import annotations

from .document import PersonRef, Sentence
from .model import (ALLEGED, APPOINTED_BY, ASN, CANDIDATE, EMPLOYED_BY, FAMILY_OF, HOLDS_POSITION, OFFICIAL, PROVEN,
                    RUNNING_MATE_OF, SUPPORTED, Link, Person)
from .people import Observation

SUPPORTERS = {ASN, OFFICIAL}


def find_links(sentences: list[Sentence], persons: list[Person], observations: list[Observation],
               person_ids: list[str], statuses: dict[str, str], outcome: str) -> list[Link]:
    by_id = {person.id: person for person in persons}
    background = PROVEN if outcome == PROVEN else ALLEGED
    links = []
    for previous, sentence in zip([None, *sentences], sentences):
        links += _supported(sentence, previous, by_id, statuses)
        links += _family(sentence, background)
        links += _appointed(sentence, by_id, background)
    links += _running_mates(observations, person_ids, by_id, sentences, background)
    links += _positions(persons, observations, person_ids, sentences, background)
    return _unique(links)


def _supported(sentence: Sentence, previous: Sentence | None, persons: dict[str, Person],
               statuses: dict[str, str]) -> list[Link]:
    """Supporters and candidates of a sentence with a support act. A sentence that goes on about
    an act without naming the candidate again ("Selain itu X turut mengumpulkan fotokopi KTP
    tersebut") is about the candidates of the sentence before."""
    acts = sentence.cues.get("support", [])
    if not acts:
        return []
    detail = "; ".join(dict.fromkeys(f"{cue.label}: {cue.text}" for cue in acts))
    supporters = [pid for pid in sentence.people({"name", "anaphor"}) if persons[pid].kind in SUPPORTERS]
    candidates = _candidates_in(sentence, persons)
    if not candidates and previous is not None:
        candidates = _candidates_in(previous, persons)
    return [Link(SUPPORTED, supporter, candidate, statuses[supporter], (sentence.start, sentence.end), detail)
            for supporter in supporters for candidate in candidates]


def _candidates_in(sentence: Sentence, persons: dict[str, Person]) -> list[str]:
    return [pid for pid in sentence.people() if persons[pid].kind == CANDIDATE]


def _family(sentence: Sentence, status: str) -> list[Link]:
    links = []
    for cue in sentence.cues.get("kin", []):
        relative = _first_after(sentence.refs, cue.end)
        if relative is None:
            continue
        subject = _last_before(sentence.refs, cue.start, exclude=relative.person_id)
        if subject is not None:
            links.append(Link(FAMILY_OF, subject.person_id, relative.person_id, status,
                              (sentence.start, sentence.end), cue.text))
    return links


def _appointed(sentence: Sentence, persons: dict[str, Person], status: str) -> list[Link]:
    """Active "Y mengangkat X": X after, Y before; passive "X dilantik oleh Y": the other way."""
    links = []
    for cue in sentence.cues.get("appointment", []):
        after = _first_after(sentence.refs, cue.end)
        before = _last_before(sentence.refs, cue.start, exclude=after.person_id if after else None)
        if after is None or before is None:
            continue
        appointee, appointer = (after, before) if cue.label == "ACTIVE" else (before, after)
        position = persons[appointee.person_id].position
        links.append(Link(APPOINTED_BY, appointee.person_id, appointer.person_id, status,
                          (sentence.start, sentence.end), position))
    return links


def _running_mates(observations: list[Observation], person_ids: list[str], persons: dict[str, Person],
                   sentences: list[Sentence], status: str) -> list[Link]:
    heads: dict[tuple[int, tuple[int, int]], str] = {}
    links = []
    for observation, person_id in zip(observations, person_ids):
        if observation.candidate is None or not observation.candidate.pair:
            continue
        key = (observation.chunk, observation.candidate_span)
        if observation.pair_index == 0:
            heads[key] = person_id
        elif key in heads and heads[key] != person_id:
            evidence = _sentence_at(sentences, observation.mention.start)
            links.append(Link(RUNNING_MATE_OF, person_id, heads[key], status, evidence))
    return links


def _positions(persons: list[Person], observations: list[Observation], person_ids: list[str],
               sentences: list[Sentence], status: str) -> list[Link]:
    links = []
    for person in persons:
        for attribute, link_type, kind in (("position", HOLDS_POSITION, "Position"), ("agency", EMPLOYED_BY, "Agency")):
            value = getattr(person, attribute)
            said = next((o for o, pid in zip(observations, person_ids)
                         if pid == person.id and getattr(o, attribute) == value), None)
            if value and said is not None and person.kind != CANDIDATE:
                links.append(Link(link_type, person.id, value, status,
                                  _sentence_at(sentences, said.mention.start), target_kind=kind))
    return links


def _first_after(refs: list[PersonRef], position: int) -> PersonRef | None:
    return next((ref for ref in refs if ref.start >= position), None)


def _last_before(refs: list[PersonRef], position: int, exclude: str | None) -> PersonRef | None:
    before = [ref for ref in refs if ref.end <= position and ref.person_id != exclude]
    return before[-1] if before else None


def _sentence_at(sentences: list[Sentence], position: int) -> tuple[int, int]:
    sentence = next((s for s in sentences if s.start <= position < s.end), None)
    return (sentence.start, sentence.end) if sentence else (position, position)


def _unique(links: list[Link]) -> list[Link]:
    """One link per (type, source, target): the first said."""
    seen = {}
    for link in links:
        seen.setdefault((link.type, link.source, link.target), link)
    return list(seen.values())
