"""The parser's output: a regulation as a tree of structural nodes.

Offsets (`start`, `end`) always point into the text that was given to `parse_regulation`,
which is the text a reader in `sources.py` returned (for a core `.txt` file: the text after
the `---` line). `text[node.start:node.end]` covers the node's label, its own text and its
children.

Ids (`node_id`) read like citations and are unique within one parsed document:

    uu/2014/5/pasal-87/ayat-4/huruf-c        a body provision (equals its ProvisionRef id)
    uu/2014/5/bab-iv/bagian-kedua            a heading
    uu/2014/5/menimbang/huruf-a              an item of the preamble
    uu/2014/5/penjelasan/umum                the general elucidation
    uu/2014/5/penjelasan/pasal-87/ayat-4     the elucidation of Pasal 87 ayat (4)
    uu/2015/1/penetapan/pasal-1              an article of a law whose Lampiran carries a
                                             whole regulation (see `parser.py`)
    uu/2015/1/pasal-188                      an article of that carried regulation
    uu/2015/1/lampiran-1                     the Lampiran carrying it; a Lampiran of tables
                                             or forms is uu/2014/5/lampiran
    uu/2016/10/pasal-i/angka-27/pasal-71     a Pasal quoted by an amendment instruction
    skb/2022/2/diktum-kesatu                 a decree's diktum (equals its ProvisionRef id)
    skb/2022/2/lampiran/angka-7/huruf-a      a point of a Lampiran (the Lampiran itself and
                                             the BAB of one are provisions too)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterator

from core.refs import ProvisionRef, RegulationRef

NODE_KINDS = (
    "menimbang", "mengingat", "bab", "bagian", "paragraf", "pasal", "diktum", "ayat", "huruf", "angka",
    "penjelasan_umum", "penjelasan", "lampiran",
)
# Kinds that are provisions when they have a ProvisionRef: a Lampiran and its BAB are, when
# their points are (a Pasal law's BAB only groups Pasal, whose numbers run on through it).
PROVISION_KINDS = ("pasal", "diktum", "lampiran", "bab", "ayat", "huruf", "angka")
AMENDMENT_KINDS = ("amend", "insert", "revoke", "amend_penjelasan")


@dataclass
class StructuralNode:
    kind: str  # one of NODE_KINDS
    label: str = ""  # "12A", "4", "n", "IV", "Kedua"; "" where the unit has no number
    heading: str = ""  # the title of a BAB, Bagian, Paragraf or Lampiran
    text: str = ""  # the node's own text without its children, whitespace collapsed
    start: int = 0
    end: int = 0
    children: list[StructuralNode] = field(default_factory=list)
    # Pasal/ayat/huruf/angka: the provision itself. Penjelasan: the provision it explains.
    ref: ProvisionRef | None = None
    node_id: str = ""
    explains: tuple[str, ...] = ()  # penjelasan only: node ids of the body nodes it explains
    # Words after the children that close the unit's sentence ("3. Melakukan pendekatan kepada:
    # a. ...; b. ...; Dengan tidak dalam status cuti ..."): they run from `tail_start` to `end`.
    tail: str = ""
    tail_start: int = 0

    def __post_init__(self):
        if self.kind not in NODE_KINDS:
            raise ValueError(f"unknown node kind {self.kind!r}")

    def walk(self) -> Iterator[StructuralNode]:
        """This node and all its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def child(self, kind: str, label: str) -> StructuralNode | None:
        return next((c for c in self.children if c.kind == kind and c.label == label), None)

    def labels(self, kind: str) -> list[str]:
        return [c.label for c in self.children if c.kind == kind]


@dataclass
class AmendmentInstruction:
    """One numbered instruction of an amending law ("27. Ketentuan Pasal 71 diubah ...").

    `pasal` holds the quoted new wording as Pasal subtrees whose refs point at the amended
    (base) regulation, so a loader can turn them into new versions of its provisions.
    """

    article: str  # the amending law's own article that carries it: "I"
    number: str  # the instruction's number inside that article: "27" ("" if unnumbered)
    kind: str  # one of AMENDMENT_KINDS
    targets: tuple[str, ...]  # Pasal labels of the base regulation: ("71",), ("22A", "22B")
    instruction: str  # the instruction sentence itself
    base: RegulationRef | None  # the regulation being amended, when the text names it
    pasal: list[StructuralNode] = field(default_factory=list)
    start: int = 0
    end: int = 0


@dataclass
class PageSpan:
    """Characters [start, end) of the text came from page `page` (1-based) of the source."""

    page: int
    start: int
    end: int


@dataclass
class SourceInfo:
    """Where a text came from and what was known about it before parsing."""

    path: str  # file path, or "<archive>::uu/2014/5.md" for an archive member
    format: str  # "txt", "markdown", "pdf", "html", "docx", "text"
    regulation: RegulationRef | None = None
    title: str = ""  # "tentang ..." part, as written
    enacted: date | None = None  # disahkan / ditetapkan
    promulgated: date | None = None  # diundangkan
    header: dict[str, str] = field(default_factory=dict)  # core .txt header block, verbatim
    pages: list[PageSpan] = field(default_factory=list)  # PDFs only
    first_line: int = 1  # the file's line number of the text's first line (after a header block)

    def page_at(self, offset: int) -> int | None:
        return next((span.page for span in self.pages if span.start <= offset < span.end), None)


@dataclass
class ParsedRegulation:
    ref: RegulationRef | None
    title: str
    enacted: date | None
    promulgated: date | None
    source: SourceInfo
    nodes: list[StructuralNode]  # top level, in document order
    amendments: list[AmendmentInstruction] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The warnings (also in `warnings`) on body article headings the run did not take.
    left_out: list[str] = field(default_factory=list)

    def walk(self) -> Iterator[StructuralNode]:
        for node in self.nodes:
            yield from node.walk()

    def body_pasal(self) -> list[StructuralNode]:
        """The regulation's own articles in order (not Lampiran, Penjelasan or quotations)."""
        return [node for top in self.nodes if top.kind in ("bab", "bagian", "paragraf", "pasal")
                for node in top.walk() if node.kind == "pasal"]

    def lampiran_pasal(self) -> list[StructuralNode]:
        return [node for top in self.nodes if top.kind == "lampiran" for node in top.walk()
                if node.kind == "pasal"]

    def provision(self, ref_id: str) -> StructuralNode | None:
        """The body or Lampiran node whose ProvisionRef id is `ref_id`."""
        return next((node for node in self.walk()
                     if node.kind in PROVISION_KINDS and node.ref and node.ref.id == ref_id), None)

    def explanations(self) -> dict[str, StructuralNode]:
        """Penjelasan nodes keyed by the node id of each body node they explain."""
        return {explained: node for node in self.walk() if node.kind == "penjelasan" for explained in node.explains}
