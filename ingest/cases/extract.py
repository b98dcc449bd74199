"""`extract_case_document(text, doc_id)`: read one case document (a Bawaslu finding or report,
a review, a KASN/BKN recommendation, a PPK decision) into a `CaseExtraction`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from .components.common import region_in
from .case_facts import PRELIMINARY_STAGES, case_number_of, dates_of, person_statuses, sanction_of, stage_of
from .document import read_sentences
from .gazetteer import bare_name
from .model import CANDIDATE, CaseExtraction, DateMention, Entity
from .nlp import build_pipeline
from .people import Observation, gather, observe
from .relations import find_links

CHUNK_CHARS = 100_000  # spaCy reads long texts piece by piece; case documents fit in one
MAX_CHARS = 10_000_000  # beyond this the text is not a case document; the rest is not read
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# spaCy's tokenizer strips punctuation off a run without spaces one piece at a time and rereads the
# rest each time: quadratic in the run's length (a run of 100,000 brackets, dashes or emoji takes
# minutes). No word of a case document is this long; longer runs get a space every MAX_RUN characters.
MAX_RUN = 1_000
LONG_RUN = re.compile(rf"(?<!\S)\S{{{MAX_RUN + 1},}}")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# What makes a document about one case rather than about a kind of conduct: who (persons,
# candidates, positions, agencies, units), where and when (places, elections, dates), which file
# (numbers, NIPs, ballots) and the rules it cites. `read_conduct` leaves them out.
PARTICULARS = ("citation", "nip", "date", "case_number", "ballot", "agency", "unit", "position", "candidate", "person")
HEADING = re.compile(r"^[^a-z]*$")  # a line without a lower-case letter: a letterhead or a title
CONDUCT_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True)
class ConductReading:
    """What a description says was done, without whom, where and when."""

    words: str  # its words without the particulars of the case, headings, numbers and citations
    sanction_level: str | None  # the disciplinary sanction level it recommends or imposes, lower case


def extract_case_document(text: str | bytes, doc_id: str) -> CaseExtraction:
    text, problems = _readable(text)
    parsed = _parse(text)
    observations = [o for chunk, (doc, offset) in enumerate(parsed) for o in observe(doc, chunk, offset)]
    dates = dates_of(parsed, text)
    elections = _elections(parsed)
    case_number = case_number_of(parsed)
    persons, person_ids = gather(observations, doc_id, _election_year(elections, dates, case_number))
    sentences = read_sentences(parsed, observations, person_ids, persons)
    sanction = sanction_of(sentences, text)
    sanctioned = sanction is not None and sanction.status != "mentioned"
    subjects = [person.id for person in persons if person.kind != CANDIDATE]  # the case is about them
    stage = stage_of(text)
    statuses, outcome = person_statuses(sentences, subjects, sanctioned, can_prove=stage not in PRELIMINARY_STAGES)
    return CaseExtraction(
        doc_id=doc_id, stage=stage, case_number=case_number, outcome=outcome, dates=dates,
        sanction=sanction, persons=persons, agencies=_agencies(parsed), regions=_regions(parsed),
        elections=elections,
        links=find_links(sentences, persons, observations, person_ids, statuses, outcome),
        citations=[c.moved(offset) for doc, offset in parsed for c in doc._.citations],
        problems=problems + _nip_problems(parsed, observations),
    )


def read_conduct(text: str | bytes) -> ConductReading:
    """The words of a description of conduct (a case document, a report, a sentence someone typed)
    that say what was done: its names, positions, agencies, places, dates, numbers, citations and
    headings left out, since they say which case it is, not what kind of case. With the sanction
    level it recommends or imposes, if any."""
    text, _problems = _readable(text)
    parsed = _parse(text)
    keep = bytearray(b"\x01") * len(text)
    for doc, offset in parsed:
        for span in [*doc.ents, *(span for group in PARTICULARS for span in doc.spans.get(group, []))]:
            keep[span.start_char + offset:span.end_char + offset] = bytes(span.end_char - span.start_char)
    plain = "".join(char if kept else " " for char, kept in zip(text, keep))
    lines = [line for line in plain.splitlines() if not HEADING.match(line)]
    words = " ".join(CONDUCT_WORD.findall(" ".join(lines)))
    observations = [o for chunk, (doc, offset) in enumerate(parsed) for o in observe(doc, chunk, offset)]
    persons, person_ids = gather(observations, "description", None)
    sanction = sanction_of(read_sentences(parsed, observations, person_ids, persons), text)
    level = sanction.level.lower() if sanction is not None and sanction.level and sanction.status != "mentioned" \
        else None
    return ConductReading(words, level)


def _readable(text: str | bytes) -> tuple[str, list[str]]:
    """Text spaCy can read, same length (control characters become spaces, and so does one character
    in every MAX_RUN of a longer run without spaces), and what was wrong."""
    problems = []
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    if len(text) > MAX_CHARS:
        problems.append(f"text of {len(text)} characters: only the first {MAX_CHARS} were read")
        text = text[:MAX_CHARS]
    text = CONTROL_CHARS.sub(" ", text)
    if LONG_RUN.search(text):
        problems.append(f"runs of more than {MAX_RUN} characters without a space: read with a space every {MAX_RUN}")
        text = LONG_RUN.sub(_broken_run, text)
    return text, problems


def _broken_run(match: re.Match) -> str:
    """The run with every MAX_RUN-th character a space (the same length, so offsets hold)."""
    run = match.group()
    return "".join(run[i:i + MAX_RUN - 1] + " " for i in range(0, len(run), MAX_RUN))[:len(run)]


def _parse(text: str) -> list[tuple[Doc, int]]:
    """The text parsed in pieces of at most CHUNK_CHARS, cut at paragraph or line ends."""
    offsets = list(_chunk_offsets(text))
    pieces = [text[start:end] for start, end in offsets]
    return [(doc, start) for doc, (start, _end) in zip(build_pipeline().pipe(pieces), offsets)]


def _chunk_offsets(text: str):
    start = 0
    while start < len(text):
        end = min(start + CHUNK_CHARS, len(text))
        if end < len(text):
            window = text[start:end]
            cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(". "))
            end = start + cut + 1 if cut > CHUNK_CHARS // 2 else end
        yield start, end
        start = end


def _agencies(parsed: list[tuple[Doc, int]]) -> list[Entity]:
    agencies = []
    for doc, offset in parsed:
        for span in doc.spans.get("agency", []):
            region = region_in(span)
            named = str(span._.value) if span._.value != span.text else _tidy(span.text)
            agencies.append(Entity(span.text, _with_region(named, region), span.start_char + offset,
                                   span.end_char + offset))
    return agencies


def _with_region(name: str, region: str | None) -> str:
    """ "Bawaslu" in "Kota Pariaman" -> "Bawaslu Kota Pariaman"; "Kantor Kecamatan Tanjung Harapan"
    in "Kecamatan Tanjung Harapan, Kota Solok" -> "Kantor Kecamatan Tanjung Harapan, Kota Solok"."""
    if not region or "|" in region:
        return name
    place, *larger = [part.strip() for part in region.split(",")]
    named = name if place in name or bare_name(place) in name else f"{name} {place}"
    return ", ".join([named, *(part for part in larger if part not in named)])


def _regions(parsed: list[tuple[Doc, int]]) -> list[Entity]:
    return [Entity(ent.text, ent.ent_id_ if "|" not in ent.ent_id_ else _tidy(ent.text),
                   ent.start_char + offset, ent.end_char + offset)
            for doc, offset in parsed for ent in doc.ents if ent.label_ == "REGION"]


def _elections(parsed: list[tuple[Doc, int]]) -> list[Entity]:
    return [Entity(ent.text, re.sub(r"\s+(?:[Tt]ahun|[Tt]hn\.?)\s+", " ", _tidy(ent.text)),
                   ent.start_char + offset, ent.end_char + offset)
            for doc, offset in parsed for ent in doc.ents if ent.label_ == "ELECTION"]


def _election_year(elections: list[Entity], dates: list[DateMention], case_number: str | None) -> int | None:
    """The year candidates run in: the election's, else the latest date's, else the case number's."""
    for election in elections:
        match = YEAR.search(election.text)
        if match:
            return int(match.group(0))
    if dates:
        return max(int(date.iso[:4]) for date in dates)
    years = YEAR.findall(case_number or "")  # "004/TM/PW/Kota/03.15/X/2024"
    return int(years[-1]) if years else None


def _nip_problems(parsed: list[tuple[Doc, int]], observations: list[Observation]) -> list[str]:
    problems = []
    for doc, _offset in parsed:
        for span in doc.spans.get("nip", []):
            reading = span._.value
            if not reading.valid:
                problems.append(f"NIP {span.text!r} looks wrong: {'; '.join(reading.problems)}")
    return problems


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
