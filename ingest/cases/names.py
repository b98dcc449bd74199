"""Person names with their titles taken apart.

"Drs. H. Ahmad Fauzi, M.Si." is Ahmad Fauzi with titles Drs., H. and M.Si.; "Sdr." or "Bapak"
are forms of address and are dropped.

Minangkabau adat titles ("Marzuki Datuak Rajo Nan Gadang") stay part of the name: a man who holds
a gelar adat is named and addressed with it, documents write it as his name, and it tells apart
namesakes. It is also returned on its own (`adat_title`) so that "Marzuki" and "Marzuki Dt. Rajo
Nan Gadang" can be matched when resolving entities; `name_key` spells the adat words one way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import ADAT_SPELLINGS, ADAT_TITLE_WORDS, DEGREE_SHAPE, HONORIFICS, PREFIX_TITLES, SUFFIX_TITLES


@dataclass(frozen=True)
class PersonName:
    name: str  # the name as written, titles and forms of address removed, adat title kept
    titles: tuple[str, ...] = ()  # academic and religious titles, in the order written
    adat_title: str | None = None  # "Datuak Rajo Nan Gadang"

    @property
    def given_name(self) -> str:
        """The name without its adat title."""
        if self.adat_title and self.name.endswith(self.adat_title):
            return self.name[: -len(self.adat_title)].strip()
        return self.name


def is_honorific(word: str) -> bool:
    return word.lower() in HONORIFICS


def is_prefix_title(word: str) -> bool:
    return word in PREFIX_TITLES


def is_suffix_title(word: str) -> bool:
    return word in SUFFIX_TITLES or (DEGREE_SHAPE.fullmatch(word) is not None and word not in PREFIX_TITLES)


def is_adat_word(word: str) -> bool:
    return word.lower() in ADAT_TITLE_WORDS


def split_name(words: list[str]) -> PersonName:
    """Take a written name apart: `words` as tokens, commas included ("Drs.", "H.", "Ahmad", ...)."""
    titles = []
    name_words = []
    for word in words:
        if word in {",", "."} or is_honorific(word):
            continue
        if (is_prefix_title(word) and not name_words) or (is_suffix_title(word) and name_words):
            titles.append(word)
        else:
            name_words.append(word)
    if name_words and all(word.isupper() and len(word) > 1 for word in name_words):  # "WENDRA KASIM"
        name_words = [word.capitalize() for word in name_words]
    adat_title = _adat_title(name_words)
    return PersonName(_join(name_words), tuple(titles), adat_title)


def parse_name(text: str) -> PersonName:
    """`split_name` for a name written as one string."""
    return split_name(re.findall(r"[^\s,]+|,", text))


def name_key(name: str) -> str:
    """A spelling-insensitive key: case, punctuation and adat spellings ("Dt."/"Datuk") ignored."""
    words = []
    for word in name.casefold().replace("-", " ").split():
        word = ADAT_SPELLINGS.get(word, word)
        words.append(re.sub(r"[^\w]", "", word))
    return " ".join(word for word in words if word)


def _adat_title(name_words: list[str]) -> str | None:
    for index, word in enumerate(name_words[1:], start=1):  # never the first word: that is a given name
        if is_adat_word(word):
            return _join(name_words[index:])
    return None


def _join(words: list[str]) -> str:
    return re.sub(r"\s+([-–])\s+", r"\1", " ".join(words)).strip()
