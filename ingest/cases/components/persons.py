"""`netra_persons`: person names, with titles and forms of address taken apart.

Names are runs of capitalised words that no gazetteer claims, with the titles around them
("Drs. H. Ahmad Fauzi, M.Si."). Capitalised words are common in these documents (sentence
starts, offices, places), so a run is taken as a person only with evidence:

- titles or a form of address ("dr. Lisa Andriani", "Sdr. Yendri");
- a NIP right after it;
- apposition with a position, candidate reference or kin term ("Wali Nagari Koto Baru, Hasnul
  Arifin", "calon Bupati Agam, Ir. Benny Oktavianus", "Afrizal Munaf, S.Sos. (NIP ...), Kepala
  ..."), or "yaitu/bernama/selaku" next to it;
- being the subject of a verb ("Budi Santoso menghadiri ...", two words or more);
- coordination with an accepted name ("Taufik Hidayat dan Sari Rahmadani"), either way round;
- standing alone on the line under a signature block ("Ketua Bawaslu Kota Solok,\nttd.\nFeni
  Mardanis"), or after "Nama :" in a form, where names are often in capitals ("WENDRA KASIM, S.H.");
- repeating an accepted name, or its first or last word ("Yendri", "Afrizal").

Spans go to "person", each with a `PersonName` as value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..lexicon import NAME_PARTICLES, NON_NAME_WORDS
from ..names import is_adat_word, is_honorific, is_prefix_title, is_suffix_title, name_key, split_name
from .common import spans_ending, spans_starting

NAME_WORD = re.compile(r"[A-Z][a-z'’]*[a-z]|[A-Z]\.|[A-Z][a-z]+(?:-[A-Z][a-z]+)+")
CAPITALS_WORD = re.compile(r"[A-Z][A-Z'’]+")
# Groups whose tokens are never part of a name.
CLAIMED_GROUPS = ("nip", "date", "case_number", "citation", "position", "agency", "unit", "candidate")
# Written before a name: "yaitu Budi", "bernama Budi", "atas nama Budi".
INTRODUCERS = {"yaitu", "yakni", "bernama", "nama", "an.", "oleh", "saudara", "saudari", "pelapor", "terlapor",
               "saksi", "pengadu"}
# Written after a name and a comma or bracket, or right after it: "Budi, selaku ...".
APPOSITION_WORDS = {"selaku", "sebagai", "yang", "jabatan", "pekerjaan", "nip", "nip.", "ni"}
# Lower-case words that follow the subject of a clause.
PREDICATE_WORDS = {"hadir", "ikut", "adalah", "merupakan", "yang", "tidak", "telah", "sudah", "juga",
                   "terbukti", "terlibat", "turut", "selaku", "sebagai"}
VERB = re.compile(r"(me|ber|di|ter)[a-z]{3,}")
CONNECTORS = {"dan", ",", "&", "-", "–", "serta"}
NIP_LOOKAHEAD = 4


@dataclass
class Run:
    start: int
    end: int
    name_start: int  # after forms of address and titles
    name_end: int  # before degrees
    titled: bool

    def words(self, doc: Doc) -> list[str]:
        return [token.text for token in doc[self.start:self.end]]


@Language.component("netra_persons")
def netra_persons(doc: Doc) -> Doc:
    claimed = {i for group in CLAIMED_GROUPS for span in doc.spans.get(group, []) for i in range(span.start, span.end)}
    claimed |= {token.i for token in doc if token.ent_type_}
    signed = _signature_runs(doc, claimed) + _form_runs(doc, claimed)
    signed_tokens = {i for run in signed for i in range(run.start, run.end)}
    runs = sorted(signed + [run for run in _runs(doc, claimed | signed_tokens)], key=lambda run: run.start)
    accepted = _accept(doc, runs, {run.start for run in signed})
    accepted = sorted(accepted + _repeated_in_capitals(doc, claimed, accepted), key=lambda run: run.start)
    spans = []
    for run in accepted:
        span = Span(doc, run.start, run.end, label="PERSON")
        span._.value = split_name(run.words(doc))
        spans.append(span)
    doc.spans["person"] = spans
    return doc


# -- finding runs -----------------------------------------------------------------------------

def _runs(doc: Doc, claimed: set[int]) -> list[Run]:
    runs, index = [], 0
    while index < len(doc):
        run = _run_at(doc, index, claimed)
        if run is None:
            index += 1
        else:
            runs.append(run)
            index = run.end
    return runs


def _run_at(doc: Doc, start: int, claimed: set[int], capitals: bool = False) -> Run | None:
    """The name written at `start`, with its titles; `capitals`: words in capitals count."""
    index = start
    while index < len(doc) and _is_address(doc[index]):
        index += 1
    while index < len(doc) and is_prefix_title(doc[index].text):
        index += 1
    name_start = index
    while index < len(doc) and (_is_name_word(doc[index], claimed, capitals) or _is_particle(doc, index, claimed)):
        index += 1
    if index == name_start:
        return None
    index = _adat_title_end(doc, index, claimed)
    name_end = index
    index = _degrees_end(doc, index)
    return Run(start, index, name_start, name_end, titled=name_start > start or index > name_end)


def _is_address(token: Token) -> bool:
    return is_honorific(token.text) and token.text[0].isupper()


def _is_name_word(token: Token, claimed: set[int], capitals: bool = False) -> bool:
    shaped = NAME_WORD.fullmatch(token.text) is not None or (capitals and CAPITALS_WORD.fullmatch(token.text) is not None)
    return (token.i not in claimed and shaped and token.lower_ not in NON_NAME_WORDS
            and not is_prefix_title(token.text))


def _is_particle(doc: Doc, index: int, claimed: set[int]) -> bool:
    """ "bin"/"binti" between two name words."""
    return (doc[index].lower_ in NAME_PARTICLES and index > 0 and index + 1 < len(doc)
            and _is_name_word(doc[index + 1], claimed))


def _adat_title_end(doc: Doc, index: int, claimed: set[int]) -> int:
    """ "Datuak Rajo Nan Gadang": an adat word, then its capitalised words, whatever they are."""
    if index >= len(doc) or not is_adat_word(doc[index].text) or index in claimed:
        return index
    index += 1
    while index < len(doc) and index not in claimed and NAME_WORD.fullmatch(doc[index].text):
        index += 1
    return index


def _degrees_end(doc: Doc, index: int) -> int:
    """ ", S.Pd., M.Si." or " S.Pd." after a name."""
    while index < len(doc):
        if is_suffix_title(doc[index].text):
            index += 1
        elif doc[index].text == "," and index + 1 < len(doc) and is_suffix_title(doc[index + 1].text):
            index += 2
        else:
            break
    return index


# -- deciding which runs are names ------------------------------------------------------------

def _accept(doc: Doc, runs: list[Run], signed: set[int]) -> list[Run]:
    anchors = _Anchors(doc)
    accepted = signed | {run.start for run in runs if anchors.holds(run)}
    known = _known_names(doc, [run for run in runs if run.start in accepted])
    neighbours = list(zip([None, *runs], runs, [*runs[1:], None]))
    for _ in range(2):  # twice: a repetition may come before the mention that anchors it
        for previous, run, following in neighbours:
            if run.start in accepted:
                continue
            if (_repeats(doc, run, known) or _coordinated(doc, previous, run, accepted)
                    or _coordinated(doc, run, following, accepted)):
                accepted.add(run.start)
                known |= _known_names(doc, [run])
    return [run for run in runs if run.start in accepted]


def _repeated_in_capitals(doc: Doc, claimed: set[int], accepted: list[Run]) -> list[Run]:
    """A whole name found elsewhere, written again in capitals in running text: a decision's
    "VIVI YUNUS, S.AP. terbukti hadir ..." after its form's "Nama : VIVI YUNUS, S.AP.". Capitals
    alone name nothing (headings are in capitals), so only whole names already accepted count."""
    known = {name_key(split_name(run.words(doc)).name) for run in accepted}
    taken = claimed | {i for run in accepted for i in range(run.start, run.end)}
    runs, index = [], 0
    while index < len(doc):
        run = None if index in taken else _run_at(doc, index, taken, capitals=True)
        if run is not None and not doc[run.name_start].is_title \
                and name_key(split_name(run.words(doc)).name) in known:
            runs.append(run)
        index = run.end if run is not None else index + 1
    return runs


def _signature_runs(doc: Doc, claimed: set[int]) -> list[Run]:
    """Names alone on the line after a signature block's office line ("...,") or "ttd."."""
    runs = []
    for line_start, line_end in _lines(doc):
        if line_start == 0 or not _closes_signature_block(doc, line_start):
            continue
        run = _run_at(doc, line_start, claimed, capitals=True)
        if run is not None and run.end == line_end and run.name_end - run.name_start <= 5:
            runs.append(run)
    return runs


def _form_runs(doc: Doc, claimed: set[int]) -> list[Run]:
    """ "Nama : YENNI SARI, S.AP., M.AP." in a decision's form."""
    runs = []
    for token in doc[:-2]:
        if token.lower_ == "nama" and doc[token.i + 1].text == ":":
            run = _run_at(doc, token.i + 2, claimed, capitals=True)
            if run is not None:
                runs.append(run)
    return runs


def _lines(doc: Doc):
    """(first token, end token) of each line, line breaks excluded."""
    start = 0
    for token in doc:
        if "\n" in token.text:
            if token.i > start:
                yield start, token.i
            start = token.i + 1
    if start < len(doc):
        yield start, len(doc)


def _closes_signature_block(doc: Doc, line_start: int) -> bool:
    """Whether the line before `line_start` ends with a comma or is "ttd."."""
    before = line_start - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    return before >= 0 and (doc[before].text == "," or doc[before].lower_ in {"ttd.", "ttd", "dto", "dto."})


class _Anchors:
    """The evidence, other than repetition and coordination, that a run is a person's name."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.left_ends = {end for group in ("position", "candidate", "kin", "ballot", "agency")
                          for end in spans_ending(doc, group)}
        self.left_ends |= {ent.end for ent in doc.ents if ent.label_ in {"ROLE", "REGION", "POSITION"}}
        self.right_starts = {start for group in ("position", "candidate", "nip") for start in spans_starting(doc, group)}
        self.right_starts |= {ent.start for ent in doc.ents if ent.label_ in {"ROLE", "POSITION"}}
        self.candidate_ends = set(spans_ending(doc, "candidate"))
        self.nip_starts = set(spans_starting(doc, "nip"))

    def holds(self, run: Run) -> bool:
        return (run.titled or self._nip_follows(run) or self._left_apposition(run)
                or self._right_apposition(run) or self._subject(run))

    def _nip_follows(self, run: Run) -> bool:
        for index in range(run.end, min(run.end + NIP_LOOKAHEAD, len(self.doc))):
            if index in self.nip_starts:
                return True
            token = self.doc[index]
            if not (token.is_punct or token.is_space or (token.text.isupper() and len(token.text) <= 5)):
                return False
        return False

    def _left_apposition(self, run: Run) -> bool:
        before = run.start - 1
        if before < 0:
            return False
        if run.start in self.candidate_ends or self.doc[before].lower_ in INTRODUCERS:
            return True
        if self.doc[before].text not in {",", ":", "("}:
            return False
        return before in self.left_ends or (before > 0 and self.doc[before - 1].lower_ in INTRODUCERS)

    def _right_apposition(self, run: Run) -> bool:
        after = run.end
        if after >= len(self.doc):
            return False
        if self.doc[after].lower_ in {"selaku", "sebagai"}:
            return True
        if self.doc[after].text not in {",", "("} or after + 1 >= len(self.doc):
            return False
        return after + 1 in self.right_starts or self.doc[after + 1].lower_ in APPOSITION_WORDS

    def _subject(self, run: Run) -> bool:
        after = run.end
        if run.name_end - run.name_start < 2 or after >= len(self.doc):
            return False
        word = self.doc[after].text
        return word.islower() and (word in PREDICATE_WORDS or VERB.fullmatch(word) is not None)


def _known_names(doc: Doc, runs: list[Run]) -> set[str]:
    """Keys of accepted names, of their first words and of their last words."""
    known = set()
    for run in runs:
        name = split_name(run.words(doc))
        key = name_key(name.given_name)
        words = key.split()
        known |= {name_key(name.name), key, words[0], words[-1]}
    return known


def _repeats(doc: Doc, run: Run, known: set[str]) -> bool:
    return name_key(split_name(run.words(doc)).name) in known


def _coordinated(doc: Doc, first: Run | None, second: Run | None, accepted: set[int]) -> bool:
    """ "A dan B": two runs joined by a connector, one of them accepted."""
    if first is None or second is None or not ({first.start, second.start} & accepted):
        return False
    between = doc[first.end:second.start]
    return 0 < len(between) <= 2 and all(token.text.lower() in CONNECTORS for token in between)
