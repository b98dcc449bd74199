"""A stand-in embedder for tests of the semantic index plumbing: no neural model needed."""

import hashlib
import math


class BagOfWordsEmbedder:
    """Hashes words into 64 buckets: similar wording, similar vectors."""

    name, dimensions = "bag-of-words-64", 64

    def __init__(self):
        self.calls = 0

    def _vector(self, text):
        vector = [0.0] * self.dimensions
        for word in text.lower().split():
            vector[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dimensions] += 1.0
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        return [v / norm for v in vector]

    def embed_passages(self, texts):
        self.calls += len(texts)
        return [self._vector(t) for t in texts]

    embed_queries = embed_passages
