"""Realistic noise: typing slips, OCR confusions, a misspelt name now and then.

Noise touches ordinary words only. Names, numbers and citations are written inside protected
spans (see draft.keep) and changed only on purpose, by the functions for them here, so that the
gold can say what was printed.
"""

from __future__ import annotations

import random
import re

PROTECTED = re.compile("(\x01[^\x02]*\x02)")
WORD = re.compile(r"[a-z]{5,}")
OCR_SWAPS = (("l", "I"), ("m", "rn"), ("rn", "m"), ("e", "c"), ("i", "l"), ("h", "b"))
CITATION_SLIPS = (("Pasal", "PasaI"), ("Pasal", "Pasa1"), ("Tahun 20", "Tahun 2O"), ("ayat", "ayal"),
                  ("huruf", "hurut"), ("Nomor", "Nornor"), ("dan/atau", "danlatau"))


def _typo(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word) - 2)
    operation = rng.randrange(3)
    if operation == 0:  # swap two neighbours
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if operation == 1:  # drop a letter
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]  # double a letter


def _ocr(rng: random.Random, word: str) -> str:
    options = [(a, b) for a, b in OCR_SWAPS if a in word[1:]]
    if not options:
        return word
    a, b = rng.choice(options)
    i = word.index(a, 1)
    return word[:i] + b + word[i + len(a):]


def _change_one_word(rng: random.Random, text: str, change) -> str:
    """Apply `change` to one ordinary word outside protected spans."""
    pieces = PROTECTED.split(text)
    spots = [(p, m.span()) for p, piece in enumerate(pieces) if not piece.startswith("\x01")
             for m in WORD.finditer(piece)]
    if not spots:
        return text
    p, (start, end) = rng.choice(spots)
    piece = pieces[p]
    pieces[p] = piece[:start] + change(rng, piece[start:end]) + piece[end:]
    return "".join(pieces)


def add_typo(rng: random.Random, text: str) -> str:
    return _change_one_word(rng, text, _typo)


def add_ocr_slip(rng: random.Random, text: str) -> str:
    return _change_one_word(rng, text, _ocr)


def misspell_name(rng: random.Random, name: str) -> str:
    """One slip in the longest word of a name (titles untouched by the caller)."""
    word = max(name.split(), key=len)
    if len(word) < 5:
        return name
    return name.replace(word, _typo(rng, word), 1)


def ocr_citation(rng: random.Random, text: str) -> str:
    """A citation with one OCR confusion, if it has a place for one."""
    options = [(a, b) for a, b in CITATION_SLIPS if a in text]
    if not options:
        return text
    a, b = rng.choice(options)
    return text.replace(a, b, 1)
