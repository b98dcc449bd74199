"""Regulation structure parser: regulation text -> tree of BAB, Pasal, diktum, ayat, huruf, angka,
Penjelasan and Lampiran nodes (a Lampiran's chapters and points too), with amendment instructions.
Pure Python, no database."""

from .model import AmendmentInstruction, PageSpan, ParsedRegulation, SourceInfo, StructuralNode
from .parser import parse_regulation
from .sources import iter_archive, read_archive_member, read_archive_members, read_document

__all__ = ["AmendmentInstruction", "PageSpan", "ParsedRegulation", "SourceInfo", "StructuralNode",
           "iter_archive", "parse_regulation", "read_archive_member", "read_archive_members", "read_document"]
