"""The case-document pipeline: `build_pipeline()` -> a blank Indonesian spaCy pipeline with
tokenizer exceptions for legal and title abbreviations, an EntityRuler over the gazetteers and
small components, each doing one thing (see `COMPONENTS`).

What the pipeline leaves on a Doc:
- `doc.ents`: gazetteer entities REGION, AGENCY (heads), POSITION (heads), ROLE (elected
  offices, value "office|region"), ELECTION;
- `doc.spans[...]`: "citation", "nip", "date", "case_number", "ballot", "agency", "unit",
  "position", "candidate", "kin", "appointment", "support", "outcome", "anaphor", "person",
  each span's reading in `span._.value`;
- `doc._.citations`: the project's citations (ingest.citations).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import spacy
from spacy.attrs import IS_STOP, ORTH
from spacy.lang.id.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from . import components  # noqa: F401  (registers the components)
from .gazetteer import PROVINCE, PROVINCE_NAMES, REGION_VARIANTS, REGIONS, bare_name, regions_named
from .lexicon import (AGENCIES, APPOINTMENT_ACTIVE, APPOINTMENT_PASSIVE, CONDITIONALS, DEGREE_SHAPE,
                      DINAS_HEAD_ABBREVIATION, KIN_TERMS,
                      NEGATIONS, OPEN_AGENCY_HEADS, OUTCOME_CUES, PERSON_ANAPHORS, POSITION_HEADS, PREFIX_TITLES,
                      SUPPORT_ACTS)

# Abbreviations kept whole (with their dot) by the tokenizer; degrees are kept whole by shape.
ABBREVIATIONS = [*PREFIX_TITLES, "Sdr.", "Sdri.", "Bpk.", "Tn.", "Ny.", "Dt.", "St.", "Kec.", "Kab.", "Kel.",
                 "Prov.", "No.", "jo.", "Jo.", "Jl.", "Tgl.", "NIP.", "Plt.", "Plh.", "an.", "a.n.", "Yth.",
                 "dkk.", "dll.", "Reg.", "Ket.", "Hal.", "ttd.", "Ttd.", "TTD."]

COMPONENTS = [
    "netra_sentences",  # sentence boundaries, line-break aware
    "netra_citations",  # legal citations, through ingest.citations
    "netra_nip",  # NIP / NI PPPK numbers, validated
    "netra_dates",  # Indonesian dates -> ISO
    "netra_case_numbers",  # register numbers of findings, reports, recommendations
    "netra_ballot_numbers",  # "nomor urut 2"
    "entity_ruler",  # gazetteers: regions, agencies, positions, offices, elections
    "netra_places",  # "Kecamatan X", "Nagari X"
    "netra_agencies",  # agency names with their region
    "netra_positions",  # positions with the unit and agency they head
    "netra_candidates",  # candidate references
    "kin_cues", "appointment_cues", "support_cues", "outcome_cues", "anaphor_cues",  # netra_phrase_cues
    "netra_persons",  # names, titles apart
]
YEAR = r"^(19|20)\d\d$"
# "Pasal 12A." ends a sentence: spaCy's rules would keep the dot on "12A".
ARTICLE_FULL_STOP = r"(?<=\d[A-Z])\."


@lru_cache(maxsize=1)
def build_pipeline() -> Language:
    """The pipeline, built once per process (it is read-only once built; building takes seconds,
    most of it spaCy loading its 30,000 Indonesian tokenizer exceptions)."""
    nlp = spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": "netra_case_tokenizer.v1"}}})
    _keep_negations(nlp)
    nlp.add_pipe("netra_sentences")
    for name in ("netra_citations", "netra_nip", "netra_dates", "netra_case_numbers", "netra_ballot_numbers"):
        nlp.add_pipe(name)
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(gazetteer_patterns())
    for name in ("netra_places", "netra_agencies", "netra_positions", "netra_candidates"):
        nlp.add_pipe(name)
    _add_cues(nlp)
    nlp.add_pipe("netra_persons")
    return nlp


@spacy.registry.tokenizers("netra_case_tokenizer.v1")
def make_case_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's Indonesian tokenizer, plus: the abbreviations above keep their dot, degrees
    ("S.Pd.", "M.Si.", "A.Md.Kep.") are one token each (without this "M.AP." splits off its dot),
    and a full stop after an article number ("Pasal 12A.") is split off.
    Built in one go: changing a built tokenizer reloads all its exceptions, which is slow."""

    def create(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        rules = {**defaults.tokenizer_exceptions, **{word: [{ORTH: word}] for word in ABBREVIATIONS}}
        return Tokenizer(
            nlp.vocab, rules=rules,
            # Every prefix is anchored at `^`, so `match` finds what `search` would, without first
            # trying every other position of the string (quadratic over "x)))...", stripped one by one).
            prefix_search=compile_prefix_regex(defaults.prefixes).match,
            suffix_search=_EndSearch(compile_suffix_regex([*defaults.suffixes, ARTICLE_FULL_STOP])).search,
            infix_finditer=compile_infix_regex(defaults.infixes).finditer,
            token_match=_degree_or(defaults.token_match), url_match=defaults.url_match,
        )

    return create


class _EndSearch:
    """`regex.search` for a pattern whose alternatives all end at `$` (spaCy's suffixes), reading
    only the end of the string. The tokenizer strips suffixes one at a time and searches the
    whole rest each time: over a run of 100,000 brackets or quotes that is minutes.
    A search from any position up to the leftmost match finds that match; a match starting more
    than SUFFIX_WINDOW characters from the end can only be a run of dots (the one suffix of
    unbounded length, the others have at most 9 characters), hence the start used here.
    `pattern` is there for spaCy's tokenizer serialisation, which reads `search.__self__.pattern`."""

    SUFFIX_WINDOW = 32

    def __init__(self, regex: re.Pattern):
        self.regex, self.pattern = regex, regex.pattern

    def search(self, text: str) -> re.Match | None:
        start = min(len(text) - self.SUFFIX_WINDOW, len(text.rstrip(".\n")))
        return self.regex.search(text, max(start, 0))


# Longer than any degree ("A.Md.Kep.", "Dr.rer.nat."). The tokenizer asks again after each piece it
# strips, so reading the shape of a long "A.b.c.d..." each time would be quadratic.
MAX_DEGREE_CHARS = 30


def _degree_or(default: Callable[[str], object] | None) -> Callable[[str], bool]:
    return lambda text: (len(text) <= MAX_DEGREE_CHARS and bool(DEGREE_SHAPE.fullmatch(text))) or bool(
        default and default(text))


def _keep_negations(nlp: Language) -> None:
    """spaCy's Indonesian stop list holds "tidak"; here negation decides outcomes, so it stays a word."""
    stop_words = frozenset(STOP_WORDS - NEGATIONS)
    nlp.vocab.lex_attr_getters[IS_STOP] = lambda string: string.lower() in stop_words
    for word in NEGATIONS:
        for form in (word, word.capitalize(), word.upper()):
            nlp.vocab[form].is_stop = False


def _add_cues(nlp: Language) -> None:
    nlp.add_pipe("netra_phrase_cues", name="kin_cues", config={"group": "kin", "phrases": {"KIN": KIN_TERMS}})
    nlp.add_pipe("netra_phrase_cues", name="appointment_cues", config={
        "group": "appointment", "phrases": {"ACTIVE": APPOINTMENT_ACTIVE, "PASSIVE": APPOINTMENT_PASSIVE}})
    nlp.add_pipe("netra_phrase_cues", name="support_cues", config={"group": "support", "phrases": SUPPORT_ACTS})
    nlp.add_pipe("netra_phrase_cues", name="outcome_cues", config={
        "group": "outcome", "phrases": OUTCOME_CUES, "ignore_after": sorted(CONDITIONALS)})
    nlp.add_pipe("netra_phrase_cues", name="anaphor_cues", config={
        "group": "anaphor", "phrases": {"PERSON": PERSON_ANAPHORS}})


# -- gazetteer patterns ------------------------------------------------------------------------

def gazetteer_patterns() -> list[dict]:
    return [*_region_patterns(), *_role_patterns(), *_agency_patterns(), *_position_patterns(),
            *_election_patterns()]


def _pattern(label: str, phrase: str, ent_id: str) -> dict:
    return {"label": label, "pattern": phrase, "id": ent_id}


def _region_patterns() -> list[dict]:
    patterns = [_pattern("REGION", name, PROVINCE) for name in PROVINCE_NAMES]
    for region in REGIONS:
        kind, bare = region.split(" ", 1)
        names = (bare, *REGION_VARIANTS.get(region, ()))
        prefixes = ("Kota",) if kind == "Kota" else ("Kabupaten", "Kab.", "Kab")
        patterns += [_pattern("REGION", f"{prefix} {name}", region) for prefix in prefixes for name in names]
        patterns += [_pattern("REGION", name, "|".join(regions_named(name))) for name in names]
    return patterns


def _role_patterns() -> list[dict]:
    """Elected offices, alone ("Bupati") or with their region ("Wali Kota Solok"): value "office|region"."""
    patterns = []
    for office, spellings in {"Bupati": ["Bupati"], "Wali Kota": ["Wali Kota", "Walikota"],
                              "Gubernur": ["Gubernur"]}.items():
        for spelling in spellings:
            patterns += [_pattern("ROLE", spelling, f"{office}|"),
                         _pattern("ROLE", f"Wakil {spelling}", f"Wakil {office}|")]
    for region in REGIONS:
        office = "Wali Kota" if region.startswith("Kota") else "Bupati"
        for spelling in ("Wali Kota", "Walikota") if office == "Wali Kota" else ("Bupati",):
            for name in (bare_name(region), *REGION_VARIANTS.get(region, ())):
                patterns += [_pattern("ROLE", f"{spelling} {name}", f"{office}|{region}"),
                             _pattern("ROLE", f"Wakil {spelling} {name}", f"Wakil {office}|{region}")]
    for name in PROVINCE_NAMES[2:]:
        patterns += [_pattern("ROLE", f"Gubernur {name}", f"Gubernur|{PROVINCE}"),
                     _pattern("ROLE", f"Wakil Gubernur {name}", f"Wakil Gubernur|{PROVINCE}")]
    return patterns


def _agency_patterns() -> list[dict]:
    return ([_pattern("AGENCY", phrase, canonical) for phrase, canonical in AGENCIES.items()]
            + [_pattern("AGENCY", head, "open") for head in OPEN_AGENCY_HEADS])


def _position_patterns() -> list[dict]:
    return ([_pattern("POSITION", head, head.lower()) for head in POSITION_HEADS]
            + [{"label": "POSITION", "pattern": [{"TEXT": {"REGEX": DINAS_HEAD_ABBREVIATION}}], "id": "kadis"}])


def _election_patterns() -> list[dict]:
    year = {"TEXT": {"REGEX": YEAR}}
    short = {"LOWER": {"IN": ["pilkada", "pemilu", "pilpres", "pileg", "pilgub", "pilbup", "pilwako", "pilwalkot"]}}
    long_words = {"LOWER": {"REGEX": r"^(umum|kepala|daerah|dan|wakil|wali|kota|walikota|bupati|gubernur|serentak)$"}}
    place_words = {"IS_TITLE": True, "OP": "*"}
    in_year = {"LOWER": {"IN": ["tahun", "thn", "thn."]}, "OP": "?"}
    return [
        {"label": "ELECTION", "pattern": [short, {"LOWER": "serentak", "OP": "?"}, in_year, year], "id": "election"},
        {"label": "ELECTION", "pattern": [{"LOWER": "pemilihan"}, {**long_words, "OP": "*"}, place_words, in_year, year],
         "id": "election"},
    ]
