"""Regular expressions for the pieces of a citation, compiled once at import.

All are case-insensitive: queries are typed in lower case ("pasal 14 huruf i pp disiplin pns"),
headings in upper case. OCR slips seen in the corpus are accepted where they cannot be taken for
ordinary words: "PasaI"/"Pasa1" for Pasal, "hurufe" for "huruf e", "Undang- Undang",
"danlatau"/"danf atau" for dan/atau, "2Ol4" for 2014.

Every pattern runs in time linear in the text it reads, whatever that text is: they read search
queries, reports and uploaded files. Python's `re` backtracks, so whitespace that two neighbouring
terms could share ("\\s*,?\\s*" over a run of spaces) costs the square or the cube of the run's
length when the match then fails. Such terms are possessive (`*+`, `++`) or atomic (`(?>...)`):
they take all the whitespace there is and never give it back. That changes no match, because what
follows them never begins with whitespace. tests/test_regex_linear.py holds them to it.
"""

from __future__ import annotations

import re

from core.refs import LEVELS, ORDINAL

FLAGS = re.IGNORECASE | re.VERBOSE


def compile_pattern(pattern: str) -> re.Pattern:
    return re.compile(pattern, FLAGS)


# Whitespace that may wrap onto the next line once, but not run across a blank line. Atomic: the
# three parts could otherwise share a run of spaces in quadratically many ways.
GAP = r"(?>[^\S\n]*\n?[^\S\n]*)"
# A year, OCR letters allowed for digits ("2Ol4"; see `read_year`). Case-sensitive, or the class
# would also admit "L" and "i".
YEAR = r"(?-i:[12][0-9OoIl]{3})"
UNDANG = r"undang\s*+-?\s*+undang"
# Free words between a type and its number: the ministry of a Peraturan Menteri, the region of a
# Peraturan Daerah. No digits, no sentence ends, and never the word Nomor itself.
FREE_WORDS = r"(?:\s++(?!nomor\b|no\b)[^\s\d.;:][^\s;:]*+){0,12}?"


def issuer_words(most: int) -> str:
    """The issuers named after a decree's or circular's type: capitalised words ("Menteri Dalam
    Negeri, Kepala Badan Kepegawaian Negara, dan Ketua ..."), "dan", or an ellipsis standing for
    them; never a regulation's name or Nomor, so that "Keputusan Bersama tersebut merujuk
    Undang-Undang Nomor 5 Tahun 2014" is no joint decree 5/2014."""
    word = r"(?-i:[A-Z])(?!(?:nomor|no|undang|peraturan|keputusan|surat|tahun)\b)[^\s\d;:]*+"
    return rf"(?:\s++(?:{word}|dan|\.\.\.|…)){{0,{most}}}?"


# The offices whose decrees (Keputusan Menteri, Kepala or Ketua of a national body) are cited as
# regulations; a regent's or mayor's decree is a case document, not a rule.
NATIONAL_OFFICE = r"(?-i:Menteri|Kepala|Ketua|MENTERI|KEPALA|KETUA)\b"

# Words naming each regulation type (codes of core/refs.py), longest first where one name
# begins another ("Peraturan Pemerintah Pengganti Undang-Undang" before "Peraturan Pemerintah").
TYPE_WORDS = {
    "PERPPU": rf"peraturan\s+pemerintah\s+pengganti\s+{UNDANG}|perppu|perpu"
              r"|government\s+regulation\s+in\s+lieu\s+of\s+law",
    "PP": r"peraturan\s+pemerintah|government\s+regulation|pp",
    "UU": rf"{UNDANG}(?!\s*+-?\s*+dasar)|uu(?!d)|law",
    "PERPRES": r"peraturan\s+presiden|perpres|presidential\s+regulation",
    "KEPPRES": r"keputusan\s+presiden|keppres|kepres|presidential\s+decree",
    "PERMENKEU": r"peraturan\s+menteri\s+keuangan|pmk",
    "PERMEN": rf"(?:peraturan\s+menteri|permen[a-z]*){FREE_WORDS}",
    "PERDA": rf"(?:peraturan\s+daerah|perda){FREE_WORDS}",
    "PERBAWASLU": r"peraturan\s+(?:badan\s+pengawas\s+pemilihan\s+umum|bawaslu)|perbawaslu",
    "PKPU": r"peraturan\s+(?:komisi\s+pemilihan\s+umum|kpu)|pkpu",
    "SKB": rf"(?:surat\s+)?keputusan\s+bersama{issuer_words(40)}|skb",
    "SE": rf"(?:surat\s+edaran|(?-i:SE)){issuer_words(12)}",
    "KEPUTUSAN": rf"keputusan(?=\s++{NATIONAL_OFFICE}){issuer_words(12)}",
}
# How an issuer's words begin, after which they name the office (the "Dalam Negeri" of "Peraturan
# Menteri Dalam Negeri", the "dagri" of "Permendagri").
ISSUER_START = {
    "PERMEN": r"peraturan\s+menteri|permen", "PERDA": r"peraturan\s+daerah|perda",
    "SE": r"surat\s+edaran|se", "KEPUTUSAN": r"keputusan",
}
ANY_TYPE = "|".join(f"(?:{words})" for words in TYPE_WORDS.values())

# "Undang-Undang Nomor 5 Tahun 2014", "UU No. 5 Tahun 2014", "UU 5/2014", "uu 10 tahun 2016",
# "Law Number 5 of 2014", "PMK Nomor 12/PMK.05/2019" (the whole string is the number).
NUMBERED_REGULATION = compile_pattern(
    r"\b(?:" + "|".join(f"(?P<{code}>{words})" for code, words in TYPE_WORDS.items()) + r")(?!\w)"
    r"""
    (?:\s++(?:republik\s++indonesia|ri)\b)?
    \s*+(?:
        # a circular's or decree's number may begin with letters: "Nomor B/71/M.SM.00.00/2017"
        (?:nomor|no|nr|number)\s*+\.?\s*+:?\s*+
        (?P<coded>(?-i:[A-Z])[\w.-]*+(?:/[\w.-]++)+/(?P<coded_year>""" + YEAR + r"""))\b
      | (?:(?:nomor|no|nr|number)\s*+\.?\s*+:?\s*+)?
        (?:
            (?P<compound>\d+(?:/[\w.-]+)+/(?P<compound_year>""" + YEAR + r"""))\b
          | (?P<number>\d+(?:[.-]\d+)*)\s*+(?:/|,?\s*+(?:tahun|th\.?|of)\s)\s*+(?P<year>""" + YEAR + r""")\b
        )
    )
    """
)
ISSUER_PREFIX = {code: compile_pattern(words) for code, words in ISSUER_START.items()}

# The constitution: refs.py has no type for it, so it is recognised but gets no RegulationRef.
CONSTITUTION = compile_pattern(
    rf"""\b(?:uud(?:\s*+nri|\s*+ri)?|{UNDANG}\s*+-?\s*+dasar(?:\s++negara)?(?:\s++republik\s++indonesia)?)
    (?:\s++tahun)?(?:\s*+1945)?\b"""
)

# "Undang-Undang ini": the regulation being read.
THIS_REGULATION = compile_pattern(rf"\b(?:{ANY_TYPE})\s++ini\b")
# A type word that none of the forms above explains ("Undang-Undang Pajak Penghasilan"): a
# regulation is named, but not one we can identify.
UNRECOGNISED_REGULATION = compile_pattern(rf"\b(?:{ANY_TYPE})\b(?:[^\S\n]+(?-i:[A-Z])[\w-]*){{0,4}}")

# -- provisions -----------------------------------------------------------------------------

LEVEL_WORDS = {
    "pasal": r"pasa[l1i]|psl\.?|article",
    "ayat": r"ayat|paragraph",
    "huruf": r"huruf|letter",
    "angka": r"angka",
    "diktum": r"diktum",
    "lampiran": r"lampiran",
}
# A chapter of a Lampiran ("angka 2 BAB III Lampiran II"): read inside a citation, never the start
# of one (a Pasal law's "BAB III" heading cites nothing).
CHAPTER_WORDS = {"bab": r"bab"}
# A label written after its level word. Pasal: "87", "12A"; ayat: "(4)", "(1a)" or "4" in
# queries; huruf: "c", "b1" (inserted), also glued on by OCR ("hurufe"); angka: "6"; diktum:
# "KESATU", "kedua belas"; BAB and Lampiran: a Roman number, which a Lampiran may lack.
LABELS = {
    "pasal": r"\d+(?:(?-i:[A-Z])\b)?",
    "ayat": r"\(\s*+\d+[a-z]?\s*+\)|\d+[a-z]?\b",
    "huruf": r"[a-z]\d?\b",
    "angka": r"\d+[a-z]?\b",
    "diktum": ORDINAL,
    "lampiran": r"(?-i:[IVX]{1,6})\b",
    "bab": r"(?-i:[IVXLC]{1,7})\b",
}
# Words after a bare number that show it counts something and is no label ("dan 6 (enam) bulan").
NOT_A_LABEL = r"(?![^\S\n]*+(?:\(|tahun|bulan|hari|jam|orang|persen|%|kali))"
# A label continuing a list without its level word: "Pasal 119 dan 123", "ayat (1), (2)",
# "huruf a, b, dan c". Stricter than LABELS (ayat needs its brackets) since no word announces it.
BARE_LABELS = {
    "pasal": compile_pattern(r"(?P<label>\d+(?:(?-i:[A-Z]))?)\b" + NOT_A_LABEL),
    "ayat": compile_pattern(r"\(\s*+(?P<label>\d+[a-z]?)\s*+\)"),
    "huruf": compile_pattern(r"(?P<label>[a-z]\d?)\b"),
    "angka": compile_pattern(r"(?P<label>\d+[a-z]?)\b" + NOT_A_LABEL),
}
# One level with its word and label, after optional whitespace: " ayat (4)". A Lampiran's number
# needs a space before it ("Lampiran II"), and the Lampiran may have none.
LEVEL = compile_pattern(
    GAP + r"\b(?:" + "|".join(
        rf"(?P<{level}>{words})\s*+(?P<{level}_label>{LABELS[level]})"
        for level, words in {**LEVEL_WORDS, **CHAPTER_WORDS}.items() if level != "lampiran"
    ) + rf"|(?P<lampiran>{LEVEL_WORDS['lampiran']})\b(?:\s++(?P<lampiran_label>{LABELS['lampiran']}))?)"
)

# Between the items of a list or range.
_AND_OR = r"(?:dan\s*+[/lf|]?\s*+atau|dan|atau|serta|and|or)\b"
JOINER = compile_pattern(
    GAP + rf"""(?:
        (?P<range>sampai\s++dengan|s\.\s?d\.|s/d|sd\b|hingga|sampai|to\b|through\b|[-–—]
                 |,?\s*+(?:\.\.\.|…)\s*+,?(?:\s*+{_AND_OR})?)
      | ,(?:\s*+{_AND_OR})?
      | {_AND_OR}
    )""" + GAP
)
# Between provisions and the regulation named after them: "Pasal 5 dari Undang-Undang ...".
BEFORE_REGULATION = compile_pattern(GAP + r"(?:(?:dari|of)\s++)?")
# Between a regulation and provisions named after it, on one line: "UU 5/2014 Pasal 31".
AFTER_REGULATION = compile_pattern(r"[^\S\n]*+[,:]?[^\S\n]*+")
# Between relative provisions and the Pasal they belong to, on one line: "ayat (2) Pasal 57".
BEFORE_PASAL = compile_pattern(r"[^\S\n]++")

# -- court rulings --------------------------------------------------------------------------

# "Putusan Mahkamah Konstitusi Nomor 41/PUU-XII/2014", "keputusan MK No. 41/PPU-XI11/2024",
# "Putusan Nomor 31/PUU-V/2007" (a court is needed unless the case type is one of the MK's).
# The Roman numeral counts years since the court opened; OCR turns its I into 1 or l.
RULING = compile_pattern(
    r"""\b(?:putusan|keputusan|decision)
    (?P<court>\s++(?:mahkamah\s++konstitusi|constitutional\s++court|mk)(?:\s++(?:republik\s++indonesia|ri))?)?
    (?:\s++tanggal\s++\d{1,2}\s++[a-z]+\s++\d{4})?  # "Putusan Mahkamah Konstitusi tanggal 13 Agustus 2008 Nomor ..."
    \s*+(?:(?:nomor|no|number)\s*+\.?\s*+:?\s*+)?
    (?P<number>\d+\s*+/\s*+(?P<case_type>[A-Z][A-Z.]*(?:\s*+-\s*+[A-Z][A-Z.]*)*?)\s*+[-/]\s*+(?P<roman>[IVXL1l]+)
      \s*+/\s*+(?P<year>""" + YEAR + r"""))\b"""
)

# -- where to look ----------------------------------------------------------------------------

# The words that can begin a citation. The extractor searches for these and then reads what
# follows with the patterns above; one search over the text keeps extraction fast. The leading
# look-ahead at their first letters is redundant but lets `re` skip other positions quickly
# (about three times faster). "Lampiran" and "Diktum" only look at what follows them: most often
# nothing is cited there ("Lampiran Undang-Undang Nomor 1 Tahun 2015"), and the search must go on
# right after the word, to read the regulation.
FIRST_LETTERS = "adghklpsu"
START = compile_pattern(
    rf"(?=[{FIRST_LETTERS}])\b(?:(?P<ruling>putusan|keputusan|decision)\b"
    rf"|(?P<regulation>{ANY_TYPE}|uud|{UNDANG})\b"
    rf"|(?P<level>(?:{'|'.join(LEVEL_WORDS[level] for level in LEVELS)})\s*+[(\da-z]"
    rf"|(?:{LEVEL_WORDS['diktum']}|{LEVEL_WORDS['lampiran']})(?=\s*+[(\da-z])))"
)


def read_year(written: str) -> tuple[int, bool]:
    """The year as a number, and whether OCR letters had to be read as digits ("2Ol4")."""
    digits = written.translate(str.maketrans("OoIl", "0011"))
    return int(digits), digits != written
