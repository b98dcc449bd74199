"""What viewers below `investigator` may neither see nor search by: identity numbers (NIP, NIK)
and the words of persons' names. One `Mask` says it for one state of the graph; web/privacy.py
applies it to everything those viewers are shown, and the search engine applies it to what
their searches match and to the snippets it builds (see `Mask.query`, `Mask.text`).

Why a researcher's search cannot find a case by a masked value: the case index holds every
identity number as one run of 15 or more digits (`compact_numbers`, in search/cases.py and on
each case query); a masked query keeps no token that contains six digits in a row, and no token
that the analyser turns into a term of a masked word (the word itself, its stem, or any part of
it). So no term of the query can be a term that a masked span put into the index: such spans
neither match nor add to any score. Snippets are cut from text whose numbers are masked, marked,
then their names masked (search/engine.py `_highlighted`); the case semantic index embeds masked
facts (search/semantic.py `passage_text`).
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Iterable

from search.analysis import STOP_WORDS, TOKEN_PATTERN, stem

# A NIP, NIK or other identity number: 15 or more digits whose groups are separated by up to
# three spaces, dots, dashes or underscores in any mix ("19850310 200903 1 002",
# "NIP.19850310-200903-1-002", double spaces), whatever letter is glued to it ("x1985...").
# Linear: separators and digits never overlap, and the quantifiers give nothing back.
SEPARATORS = r"[\s.\-\u2010-\u2015_]"
NUMBER = re.compile(rf"(?<!\d)\d(?:{SEPARATORS}{{0,3}}+\d){{14,}}+")
NUMBER_MASK = "[NIP/NIK disamarkan]"
NAME_MASK = "[nama]"
# Six digits in a row: a part of a NIP that may stand alone ("NIP 19850310", a birth date).
NIP_PART = 6
DIGIT_RUN = re.compile(rf"(?<!\d)\d{{{NIP_PART},}}+")
SIX_DIGITS = re.compile(rf"\d{{{NIP_PART}}}")
CHUNK = re.compile(r"\S+")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
WORD_OR_NOTHING = re.compile(rf"(?!)()|{WORD.pattern}")  # WORD, with the (empty) group WORD_IN_HTML has
# A word, or what a snippet's HTML holds that is no word of its text (its marks, entities): kept.
# Only for snippets, which escape their text: in text, "<Hendrizal>" is a name.
WORD_IN_HTML = re.compile(rf"(<[^<>]*>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);)|{WORD.pattern}")
TOKEN = re.compile(TOKEN_PATTERN)
# Shorter words ("x", "is") are extraction noise, and masking them would garble every sentence.
MIN_NAME_WORD = 3
# Particles and possessives written onto a word ("Hendrizalnya", "Rahmatlah"): a name with one
# (or two) is still the name. The stemmer removes them only from words in its dictionary.
CLITICS = ("nya", "lah", "kah", "tah", "pun", "ku", "mu")
SNIPPET_CHARS = 240
MAX_SEEN = 500_000
WINDOWS = 10 ** NIP_PART


class Mask:
    """The masked words (`name_words`) and the identity numbers known in the graph (`numbers`:
    their six-digit parts are masked where they stand alone in case data)."""

    def __init__(self, name_words: Iterable[str] = (), numbers: Iterable[str] = ()):
        self.name_words = frozenset(name_words)
        self._numbers = [re.sub(r"\D", "", number) for number in numbers if number]
        self._seen: dict[str, bool] = {}  # word -> is_name_word: case texts repeat their words

    @cached_property
    def windows(self) -> bytearray:
        """One byte per six-digit number: 1 if it is part of a known NIP (a megabyte, any corpus)."""
        seen = bytearray(WINDOWS)
        for digits in self._numbers:
            for start in range(len(digits) - NIP_PART + 1):
                seen[int(digits[start:start + NIP_PART])] = 1
        return seen

    @cached_property
    def terms(self) -> frozenset[str]:
        """Every index term a masked word can become: each run of letters the analyser reads in
        it, as written and stemmed ("Hakimi" -> "hakimi", "hakim"; "Ma'ruf" -> "ma", "ruf")."""
        terms = set()
        for word in self.name_words:
            for piece in TOKEN.findall(word):
                piece = piece.lower()
                terms.update((piece, stem(piece)))
        return frozenset(terms)

    def is_name_word(self, word: str) -> bool:
        """Whether a (casefolded) word is a masked word, maybe with a particle or two written onto it."""
        known = self._seen.get(word)
        if known is None:
            known = word in self.name_words or (word.endswith(CLITICS) and any(
                form in self.name_words for form in _without_clitics(word)))
            if len(self._seen) > MAX_SEEN:
                self._seen.clear()
            self._seen[word] = known
        return known

    def is_number_part(self, digits: str) -> bool:
        """Whether a run of digits shares six digits in a row with a known NIP."""
        if not digits.isascii():
            digits = "".join(str(int(char)) for char in digits)
        windows = self.windows
        return any(windows[int(digits[start:start + NIP_PART])] for start in range(len(digits) - NIP_PART + 1))

    def text(self, text: str, names: bool = True, parts: bool = True, html: bool = False) -> str:
        """`text` as a lower role sees it: identity numbers masked; with `parts`, six or more
        digits of a known NIP standing alone too; with `names`, every word of a name. `html`:
        `text` is a snippet (escaped text and marks), whose marks and entities are left whole."""
        text = NUMBER.sub(NUMBER_MASK, text)
        if parts:
            text = DIGIT_RUN.sub(lambda m: NUMBER_MASK if self.is_number_part(m.group(0)) else m.group(0), text)
        if names:
            name = lambda m: NAME_MASK if m.group(1) is None and self.is_name_word(m.group(0).casefold()) \
                else m.group(0)  # noqa: E731
            text = (WORD_IN_HTML if html else WORD_OR_NOTHING).sub(name, text)
        return text

    def query(self, text: str) -> str:
        """A query without anything that could match a masked span: identity numbers in any
        spelling, every chunk holding six digits in a row (with what is glued to it), and every
        token whose term is a masked word's. What is left keeps its place (quotes, filters and
        citations read as before)."""
        text = NUMBER.sub(" ", text)
        text = CHUNK.sub(lambda m: " " if SIX_DIGITS.search(m.group(0)) else m.group(0), text)
        return TOKEN.sub(lambda m: " " * len(m.group(0)) if self._masked_token(m.group(0)) else m.group(0), text)

    def _masked_token(self, token: str) -> bool:
        token = token.lower()
        if token in STOP_WORDS:
            return False  # never indexed
        terms = self.terms
        return any(form in terms or stem(form) in terms
                   for piece in (token, *token.split("-")) for form in _without_clitics(piece))


def _without_clitics(word: str) -> list[str]:
    """The word, and the word without one or two particles at its end ("rahmatnyalah" -> "rahmatnya", "rahmat")."""
    forms = [word]
    for _ in range(2):
        stripped = next((forms[-1][:-len(c)] for c in CLITICS
                         if forms[-1].endswith(c) and len(forms[-1]) - len(c) >= MIN_NAME_WORD), None)
        if stripped is None:
            break
        forms.append(stripped)
    return forms


def name_words(names: list[str], other_names: list[str]) -> frozenset[str]:
    """The words to mask: those of persons' names, except words that also name a place, office or
    position, unless some person's name is made of such words alone (then it would show whole)."""
    shared = _words(names) & _words(other_names)
    whole = {word for name in names if (words := _words([name])) and words <= shared for word in words}
    return _words(names) - (shared - whole)


def _words(names: list[str]) -> frozenset[str]:
    return frozenset(word for name in names for word in map(str.casefold, WORD.findall(name))
                     if len(word) >= MIN_NAME_WORD)


def compact_numbers(text: str) -> str:
    """Every identity number as its digits alone: "NIP. 19850310 200903 1 002" -> "NIP. 198503102009031002".
    Case documents are indexed so (one term per number, whatever its spelling) and case queries
    are read so."""
    return NUMBER.sub(lambda m: re.sub(r"\D", "", m.group(0)), text)


def snippet_start(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The first `limit` characters, cut before a number the cut would split (half a NIP is no
    longer recognisable as one)."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    if re.match(rf"{SEPARATORS}{{0,3}}\d", text[limit:limit + 4]) and re.search(rf"\d{SEPARATORS}{{0,3}}$", head):
        head = TRAILING_NUMBER.sub("", head)
    return head


TRAILING_NUMBER = re.compile(rf"(?<!\d)\d(?:{SEPARATORS}{{0,3}}+\d)*+{SEPARATORS}*+$")


def graph_mask(graph) -> Mask:
    """The mask for the graph as it is now (for indexing; the web app keeps its own, refreshed)."""
    from graph.entities import person_names, person_numbers

    names, _ids, other_names = person_names(graph)
    return Mask(name_words(names, other_names), person_numbers(graph))
