"""The vector index plumbing (caching, re-embedding only what changed, querying), with a small
bag-of-words embedder so that it runs without the neural model; the model has its own tests."""

import math

import pytest

from search.documents import SearchDocument
from search.semantic import SemanticIndex
from embedders import BagOfWordsEmbedder

pytestmark = pytest.mark.neo4j


def documents(texts):
    return [SearchDocument(id=f"uu/2099/1/pasal-{i}", kind="provision", citation=f"Pasal {i} UU 1/2099",
                           text=text, context="") for i, text in enumerate(texts, start=1)]


def test_embeddings_are_cached_and_only_changes_are_redone(graph, tmp_path):
    texts = ["pegawai dilarang menjadi anggota partai politik", "hukuman disiplin sedang berupa pemotongan tunjangan",
             "kampanye di media sosial oleh aparatur sipil negara"]
    graph.write("UNWIND $ids AS id CREATE (:Provision {id: id, regulation_id: 'uu/2099/1'})",
                ids=[d.id for d in documents(texts)])
    embedder = BagOfWordsEmbedder()
    index = SemanticIndex(graph, embedder, tmp_path / "cache.sqlite")
    assert index.rebuild(documents(texts), show_progress=False) == {"embedded": 3, "from_cache": 0, "unchanged": 0}
    assert index.rebuild(documents(texts), show_progress=False)["unchanged"] == 3
    changed = texts[:2] + ["kampanye di media sosial oleh pegawai negeri sipil"]
    assert index.rebuild(documents(changed), show_progress=False) == {"embedded": 1, "from_cache": 0, "unchanged": 2}
    assert embedder.calls == 4
    # A fresh data directory's cache is empty, but the graph already holds the vectors.
    assert SemanticIndex(graph, embedder, tmp_path / "other.sqlite").rebuild(documents(changed), show_progress=False)["unchanged"] == 3
    hits = index.search("anggota partai politik", k=3)
    assert hits[0].id == "uu/2099/1/pasal-1"


def test_passages_are_embedded_in_batches_of_similar_length(graph, tmp_path):
    """A batch pads every text to its longest: texts of mixed lengths, one long outlier per batch,
    would cost the model several times the work."""
    texts = [" ".join(["kata"] * (1 + (i * 37) % 200)) + f" nomor {i}" for i in range(150)]
    graph.write("UNWIND $ids AS id CREATE (:Provision {id: id, regulation_id: 'uu/2099/1'})",
                ids=[d.id for d in documents(texts)])
    batches = []

    class RecordingEmbedder(BagOfWordsEmbedder):
        def embed_passages(self, batch):
            batches.append([len(text) for text in batch])
            return super().embed_passages(batch)

    SemanticIndex(graph, RecordingEmbedder(), tmp_path / "cache.sqlite").rebuild(documents(texts), show_progress=False)
    assert len(batches) > 2 and sum(map(len, batches)) == 150
    lengths = [length for batch in batches for length in batch]
    assert lengths == sorted(lengths)


class CountingModel:
    """Stands in for a SentenceTransformer: counts what it encodes and the torch threads it had."""

    def __init__(self):
        self.encoded, self.threads = [], []

    def get_embedding_dimension(self):
        return 2

    def encode(self, texts, **options):
        import numpy as np
        import torch

        self.encoded += texts
        self.threads.append(torch.get_num_threads())
        return np.ones((len(texts), 2)) / math.sqrt(2)


def test_query_vectors_are_embedded_once_on_one_thread():
    torch = pytest.importorskip("torch")
    from search.embedder import ModelEmbedder

    model = CountingModel()
    embedder = ModelEmbedder(model, "counting")
    threads = torch.get_num_threads()
    assert embedder.embed_queries(["kampanye"]) == embedder.embed_queries(["kampanye"])
    assert model.encoded == ["kampanye"] and model.threads == [1] and torch.get_num_threads() == threads
    embedder.forget_queries()
    embedder.embed_queries(["kampanye"])
    assert len(model.encoded) == 2


def test_bfloat16_is_chosen_only_where_the_cpu_multiplies_it(tmp_path):
    from types import SimpleNamespace

    from search.embedder import cpu_has_amx_bf16, passages_in_bfloat16

    with_amx, without = tmp_path / "amx", tmp_path / "avx2"
    with_amx.write_text("processor\t: 0\nflags\t\t: fpu avx2 avx512f amx_bf16 amx_tile\n")
    without.write_text("processor\t: 0\nflags\t\t: fpu avx2 avx512_bf16\n")
    assert cpu_has_amx_bf16(with_amx) and not cpu_has_amx_bf16(without)
    assert not cpu_has_amx_bf16(tmp_path / "no-such-file")
    on_cpu, on_gpu = SimpleNamespace(device=SimpleNamespace(type="cpu")), SimpleNamespace(device=SimpleNamespace(type="cuda"))
    assert passages_in_bfloat16("auto", on_cpu) == cpu_has_amx_bf16()
    assert not passages_in_bfloat16("auto", on_gpu)
    assert passages_in_bfloat16("bfloat16", on_gpu) and not passages_in_bfloat16("float32", on_cpu)
