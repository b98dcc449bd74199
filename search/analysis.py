"""The Indonesian analyser shared by every keyword backend: text -> index terms.

- Tokens keep legal labels whole ("12A", "22b") and split "dan/atau" into "dan" and "atau".
- The stop list is legal-safe: words that change a rule's meaning stay searchable ("tidak",
  "paling", "dan", "atau", "wajib", "dilarang"), unlike spaCy's or Lucene's Indonesian lists.
- Stems come from PySastrawi (the maintained, fast port), cached per word: legal text repeats
  a small vocabulary, so the cache hits almost always.
"""

from __future__ import annotations

import re
from functools import lru_cache

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer

# Words with no meaning of their own in legal Indonesian. Deliberately short.
STOP_WORDS = frozenset("""
yang di ke dari pada dalam untuk dengan oleh ini itu tersebut adalah ialah yaitu yakni
sebagai serta bagi akan telah sudah juga karena para
""".split())

# A number starts where digits start: tried from inside a run of digits that the run's start could
# not make a token of ("1111...1_"), it fails the same way, after rereading the run each time.
TOKEN_PATTERN = r"(?<!\d)\d++[a-zA-Z]?\b|[a-zA-Z]+(?:-[a-zA-Z]+)*"
_stemmer = StemmerFactory().create_stemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    if not word.isalpha() or len(word) <= 3:
        return word  # numbers, labels ("12a") and short words stay as they are
    return _stemmer.stem(word) or word


class SastrawiStemFilter(Filter):
    def __call__(self, tokens):
        for token in tokens:
            token.text = stem(token.text)
            yield token


# English words of social media, as regulations and people write them ("membuat posting, comment,
# share, like" in the SKB 2022 on ASN neutrality): indexed and searched as the Indonesian words
# for the same acts, so "menyukai unggahan" finds "like" and "share a post" finds "membagikan".
LOANWORDS = {
    "like": "menyukai", "likes": "menyukai", "liked": "menyukai", "share": "membagikan", "shares": "membagikan",
    "shared": "membagikan", "repost": "membagikan", "retweet": "membagikan", "comment": "komentar",
    "comments": "komentar", "posting": "unggah", "post": "unggah", "posts": "unggah", "upload": "unggah",
    "uploaded": "unggah", "postingan": "unggah", "unggahan": "unggah", "memposting": "unggah", "diposting": "unggah",
}


class LoanwordFilter(Filter):
    def __call__(self, tokens):
        for token in tokens:
            token.text = LOANWORDS.get(token.text, token.text)
            yield token


class LegalStopFilter(Filter):
    def __call__(self, tokens):
        for token in tokens:
            if token.text not in STOP_WORDS:
                yield token


def indonesian_analyzer():
    """A Whoosh analyser: tokenise, lowercase, spell social media's English in Indonesian, drop
    the few stop words, stem."""
    return (RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | LoanwordFilter() | LegalStopFilter()
            | SastrawiStemFilter())


_ANALYZER = indonesian_analyzer()


def analyse(text: str) -> list[str]:
    """Index terms of `text`, in order (for the Neo4j backend and for tests)."""
    return [token.text for token in _ANALYZER(text)]


# Everyday and chat Indonesian for what the law spells out. Queries only: legal texts never
# write "yg" or "paslon", so the index needs no such terms.
INFORMAL_WORDS = {
    "yg": "yang", "dgn": "dengan", "utk": "untuk", "krn": "karena", "tdk": "tidak", "gak": "tidak",
    "ga": "tidak", "nggak": "tidak", "enggak": "tidak", "blm": "belum", "sdh": "sudah", "jd": "jadi",
    "dlm": "dalam", "pd": "pada", "org": "orang", "bgmn": "bagaimana", "gimana": "bagaimana",
    "bikin": "membuat", "kasih": "memberi", "pake": "memakai",
    "ikut2an": "ikut serta", "ikutan": "ikut serta", "nyalon": "mencalonkan diri",
    "paslon": "pasangan calon", "cakada": "calon kepala daerah", "caleg": "calon anggota legislatif",
    "capres": "calon presiden", "cawapres": "calon wakil presiden", "cagub": "calon gubernur",
    "cabup": "calon bupati", "cawako": "calon wali kota", "cawalkot": "calon wali kota",
    "timses": "tim kampanye", "medsos": "media sosial", "kades": "kepala desa", "sekda": "sekretaris daerah",
    "kadis": "kepala dinas", "pemda": "pemerintah daerah", "pemkab": "pemerintah kabupaten",
    "pemkot": "pemerintah kota", "pemprov": "pemerintah provinsi", "nge-like": "menyukai",
    "ngelike": "menyukai", "like": "menyukai", "share": "membagikan", "posting": "mengunggah",
    "upload": "mengunggah", "pilpres": "pemilihan presiden", "pileg": "pemilihan umum legislatif",
}
_INFORMAL = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, INFORMAL_WORDS), key=len, reverse=True))
                       + r")(?![\w-])", re.IGNORECASE)


def expand_informal(query: str) -> str:
    """ "pns bikin keputusan yg untungkan paslon" -> "... membuat ... yang ... pasangan calon"."""
    return _INFORMAL.sub(lambda m: INFORMAL_WORDS[m.group(1).lower()], query)
