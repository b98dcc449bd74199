"""Numbers and letters that label structural units, and how OCR garbles them.

A label is compared through a `Key`: Pasal "12A" is (12, "A"), huruf "b" is (2, ""),
huruf "b1" (inserted by an amendment) is (2, "1"), ayat "(1a)" is (1, "a"). Keys make
"what comes next" a simple question: the next unit is (n + 1, "") or an insertion (n, s').
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple


# Characters OCR puts where a digit was printed ("Pasal l2", "Pasal 1O", "Pasal 4T").
_LOOKALIKES = {"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "i": "1", "|": "1", "!": "1", "L": "1",
               "Z": "2", "z": "2", "S": "5", "s": "5", "B": "8", "T": "7", "g": "9", "q": "9", "b": "6", "G": "6"}
OCR_DIGITS = str.maketrans(_LOOKALIKES)
DIGIT_LOOKALIKES = frozenset(_LOOKALIKES)

class Key(NamedTuple):
    number: int
    suffix: str = ""


def int_to_roman(number: int) -> str:
    parts = []
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                           (5, "V"), (4, "IV"), (1, "I")):
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


EXACT_NUMBER = re.compile(r"(\d{1,3})([A-Z]?)")
THREE_DIGITS = re.compile(r"\d{1,3}")
LETTER_LABEL = re.compile(r"([a-z])\1?(\d?)")


@lru_cache(maxsize=4096)
def arabic_readings(token: str) -> tuple[tuple[str, Key], ...]:
    """Possible (label, key) readings of a Pasal/ayat/angka number as printed, best first.

    "12A" -> 12A; "l2" -> 12; "4T" -> 4T or 47; "1 1 1" -> 111, 11 or 1; "1.2" -> 12 (the
    caller's sequence decides).
    """
    token = token.replace("'", "").replace(".", "")
    if " " in token:
        groups = token.split(" ")
        prefixes = ["".join(groups[:count]) for count in range(len(groups), 0, -1)]
        return tuple(dict.fromkeys(reading for prefix in prefixes for reading in arabic_readings(prefix)))
    readings = []
    exact = EXACT_NUMBER.fullmatch(token)
    if exact:
        readings.append((token, Key(int(exact[1]), exact[2])))
    if len(token) > 2 and not re.search(r"[\dOo]", token):
        return tuple(readings)  # letters only, and too long to be a garbled number
    for body, suffix in ((token, ""), (token[:-1], token[-1:])):
        if suffix and not (suffix.isupper() and (body.isdigit() or suffix not in DIGIT_LOOKALIKES)):
            continue  # "1OA" is 10A, but "II" is not 1I
        digits = body.translate(OCR_DIGITS)
        if THREE_DIGITS.fullmatch(digits):
            reading = (str(int(digits)) + suffix, Key(int(digits), suffix))
            if reading not in readings:
                readings.append(reading)
    return tuple(readings)


@lru_cache(maxsize=1024)
def letter_key(label: str) -> Key | None:
    """Huruf labels: "a".."z", then "aa", "bb" ...; an inserted "b1" follows "b"."""
    match = LETTER_LABEL.fullmatch(label)
    if not match:
        return None
    position = ord(match[1]) - ord("a") + 1
    if len(label) - len(match[2]) == 2:
        position += 26
    return Key(position, match[2])


def follows(previous: Key, key: Key) -> bool:
    """True if `key` can directly follow `previous` in one numbered run: the next number,
    or an inserted unit after it ("12A" after "12", "(1a)" after "(1)")."""
    if key.number == previous.number + 1 and not key.suffix:
        return True
    return key.number == previous.number and key.suffix > previous.suffix
