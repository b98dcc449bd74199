"""`parse_regulation`: a regulation's text -> `ParsedRegulation`.

The steps, each in its own module:

1. `noise.mask_noise` blanks page furniture (banners, page numbers, catchwords) in a copy of
   the text, keeping every offset.
2. `zones.split_blocks` finds preamble, body, closing, Penjelasan and Lampiran, and any
   regulation carried whole in the Lampiran.
3. `articles` finds the body's Pasal headings (the best-reading run 1..N); `headings` the BAB,
   Bagian and Paragraf before them; `items` the ayat, huruf and angka inside each Pasal. A body
   without Pasal is read by `lists`: a decree's diktum (KESATU, KEDUA ...), or the numbered
   points of a circular.
4. An amending law (Pasal I, II ...) has its instructions and quoted wording read by
   `amendments`; `penjelasan` reads the elucidation and links it to the body; `lists` reads a
   Lampiran's chapters and numbered points.

Nothing is left out in silence: a Pasal heading the article run does not take, a diktum or BAB
out of order, a point no list takes each get a warning naming its line (`where`).

Ids when the Lampiran carries a regulation (UU 1/2015 enacts Perppu 1/2014, whose Pasal 1-206
sit in its Lampiran): people cite those articles as the law's own ("Pasal 188 UU 1/2015"), so
they get the plain ids and refs under the enacting law: `uu/2015/1/pasal-188`. The enacting
law's own two articles keep a distinct id segment, `uu/2015/1/penetapan/pasal-1`, and no
ProvisionRef (a ProvisionRef cannot tell them apart from the Lampiran's Pasal 1). A Lampiran
that is not enacted that way (templates in a law on law-making) gets ids under
`<regulation>/lampiran-<n>/...` and no refs. The node of such a Lampiran is
`<regulation>/lampiran-<n>`. Any other Lampiran (guidelines, lists, tables or forms) is read as
points: `<regulation>/lampiran/angka-1`, `<regulation>/lampiran-ii/bab-iii/angka-2` (a Roman
number as printed in its heading), provisions with refs (core/refs.py).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from core.refs import LIST_TYPES, RegulationRef

from . import amendments, lists
from .articles import (Candidate, Heading, best_run, continues_sentence, fill_gaps, find_candidates,
                       heading_at_sentence_start)
from .headings import HeadingMark, find_headings
from .items import read_items
from .labels import Key, int_to_roman
from .metadata import ENACTED, PROMULGATED, first_date, metadata_from_text
from .model import AmendmentInstruction, ParsedRegulation, SourceInfo, StructuralNode
from .noise import mask_noise
from .nodes import Scope, clean, item_nodes, own_text_end, path_id, provision_node, slug
from .penjelasan import explained_labels, parse_penjelasan, penjelasan_end
from .zones import Block, split_blocks

PREAMBLE_LABEL = re.compile(r"\S+\s*:?")  # "Menimbang :"
# The enacting law's body says its Lampiran is part of it ("... ditetapkan menjadi
# Undang-Undang dan melekat sebagai Lampiran ...").
# What an article run pays per article number it skips (see articles.best_run); a text that
# holds only some articles still has to number them in rising order.
GAP_COST, PARTIAL_GAP_COST = 2.0, 0.0
# A candidate this heading-like (own line, line start, sentence start) that the run leaves out is
# named in a warning; one glued into a sentence is most likely a reference.
HEADING_WEIGHT = 2.0
MAX_LEFT_OUT_NAMED = 100  # past that (a damaged or hostile text), a count
ENACTS_LAMPIRAN = re.compile(r"menjadi\s+Undang-[Uu]ndang|Lampiran\s+yang\s+merupakan\s+bagian\s+tidak\s+terpisahkan")


@dataclass
class BlockParse:
    nodes: list[StructuralNode]
    pasal: list[StructuralNode]
    amendments: list[AmendmentInstruction] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # the warnings on article headings not taken


def parse_regulation(text: str, metadata: SourceInfo | None = None) -> ParsedRegulation:
    """Parse a regulation's text; `metadata` (from a reader in `sources`) names it."""
    return parse_with_layout(text, metadata)[0]


def parse_with_layout(text: str, metadata: SourceInfo | None = None) -> tuple[ParsedRegulation, str, list[Block]]:
    """`parse_regulation`, also returning the masked text and its blocks (for diagnostics)."""
    source = metadata or SourceInfo(path="<text>", format="text")
    from_text = metadata_from_text(text)
    regulation = source.regulation or from_text.regulation()
    masked = mask_noise(text)
    blocks = split_blocks(masked)
    main, *carried = blocks
    base = regulation.id if regulation else "document"
    own_scope, carried_scopes = _scopes(regulation, base, masked, main, carried)
    # A text that says it holds only some articles ("completeness: partial") skips numbers
    # between them: there a heading's place in the sequence cannot speak against it.
    gap_cost = PARTIAL_GAP_COST if source.header.get("completeness", "").startswith("partial") else GAP_COST
    where = _locator(masked, source)
    parsed = _parse_block(masked, main, own_scope, gap_cost, where)
    nodes = list(parsed.nodes)
    for index, (block, scope) in enumerate(zip(carried, carried_scopes), start=1):
        lampiran = _carried_node(masked, block, scope, f"{base}/lampiran-{index}", parsed, gap_cost, where)
        lampiran.label = str(index) if len(carried) > 1 else ""
        nodes.append(lampiran)
    closing = masked[main.closing[0]:main.closing[1]] if main.closing else ""
    regulation = ParsedRegulation(
        ref=regulation, title=source.title or from_text.title,
        enacted=first_date(ENACTED, closing) or source.enacted,
        promulgated=first_date(PROMULGATED, closing) or source.promulgated,
        source=source, nodes=nodes, amendments=parsed.amendments, warnings=parsed.warnings,
        left_out=parsed.left_out)
    return regulation, masked, blocks


def _locator(masked: str, source: SourceInfo) -> lists.Where:
    """How a warning names a place in the text: "line 12" of the file (page too, for a PDF)."""
    line_ends: list[int] = []  # found at the first warning: most texts have none

    def where(offset: int) -> str:
        if not line_ends:
            line_ends.extend(match.start() for match in re.finditer("\n", masked))
            line_ends.append(len(masked))
        line = source.first_line + bisect.bisect_left(line_ends, offset)
        page = source.page_at(offset)
        return f"page {page}, line {line}" if page else f"line {line}"
    return where


def _scopes(regulation: RegulationRef | None, base: str, masked: str, main: Block,
            carried: list[Block]) -> tuple[Scope, list[Scope]]:
    if carried and ENACTS_LAMPIRAN.search(masked, *main.body):
        # The Lampiran's regulation takes the plain ids; see the module docstring.
        rest = [Scope(None, f"{base}/lampiran-{i}") for i in range(2, len(carried) + 1)]
        return Scope(None, f"{base}/penetapan"), [Scope(regulation, base)] + rest
    return Scope(regulation, base), [Scope(None, f"{base}/lampiran-{i}") for i in range(1, len(carried) + 1)]


def _parse_block(masked: str, block: Block, scope: Scope, gap_cost: float, where: lists.Where) -> BlockParse:
    parsed = BlockParse(nodes=[], pasal=[])
    for kind, span in (("menimbang", block.menimbang), ("mengingat", block.mengingat)):
        if span:
            parsed.nodes.append(_preamble_node(masked, kind, span, scope))
    _parse_body(masked, block.body, scope, parsed, gap_cost, where)
    lampiran = block.lampiran
    if block.penjelasan:
        roman = any(not node.label[:1].isdigit() for node in parsed.pasal)
        labels = [node.label for node in parsed.pasal]
        end = penjelasan_end(masked, *block.penjelasan, roman)
        explanations = parse_penjelasan(masked, block.penjelasan[0], end, scope, labels, roman)
        _link_explanations(explanations, parsed)
        parsed.nodes.extend(explanations)
        if end < block.penjelasan[1]:  # an annex follows the Penjelasan
            lampiran = (end, lampiran[1] if lampiran else block.penjelasan[1])
    if lampiran:
        _add(parsed, lists.parse_lampiran(masked, lampiran, scope, where))
    return parsed


def _add(parsed: BlockParse, found: lists.ListParse) -> None:
    parsed.nodes += found.nodes
    parsed.warnings += found.warnings


def _preamble_node(masked: str, kind: str, span: tuple[int, int], scope: Scope) -> StructuralNode:
    label_end = PREAMBLE_LABEL.match(masked, span[0]).end()
    items = read_items(masked, label_end, span[1])
    item_scope = Scope(None, f"{scope.prefix}/{kind}")
    children = item_nodes(masked, items, item_scope, ())
    own_end = own_text_end(items, span[1])
    return StructuralNode(kind, text=clean(masked[label_end:own_end]), start=span[0],
                          end=max([own_end] + [c.end for c in children]), children=children,
                          node_id=item_scope.prefix)


# -- the body ---------------------------------------------------------------------------------

def _parse_body(masked: str, span: tuple[int, int], scope: Scope, parsed: BlockParse, gap_cost: float,
                where: lists.Where) -> None:
    candidates = find_candidates(masked, *span)
    run, amending = _choose_run(masked, span, candidates, gap_cost)
    if not run:
        _parse_list_body(masked, span, scope, parsed, where)
        return
    # The headings before each Pasal; they also end the previous Pasal's text.
    marks = [_distinct(find_headings(masked, run[i - 1].candidate.end if i else span[0], heading.candidate.start))
             for i, heading in enumerate(run)]
    ends = [marks[i + 1][0].start if marks[i + 1] else run[i + 1].candidate.start for i in range(len(run) - 1)]
    ends.append(span[1])
    containers = _Containers(scope, parsed.nodes)
    for heading, heading_marks, end in zip(run, marks, ends):
        for mark in heading_marks:
            containers.open(mark)
        if amending and heading.key.number == 1:
            pasal = _amending_article(masked, heading, end, scope, parsed)
        else:
            pasal = _pasal_node(masked, heading, end, scope)
        containers.add(pasal)
        parsed.pasal.append(pasal)
    containers.close()
    _warn_about_gaps(run, parsed)
    _warn_about_left_out(candidates, run, parsed, masked, where)


def _parse_list_body(masked: str, span: tuple[int, int], scope: Scope, parsed: BlockParse,
                     where: lists.Where) -> None:
    """A body without Pasal: a decree's diktum, else (for types whose rules may be a plain list)
    its numbered points."""
    found = lists.parse_diktum(masked, span, scope, where)
    if not found.nodes and scope.regulation is not None and scope.regulation.type in LIST_TYPES:
        found = lists.parse_points(masked, span, scope, where)
    if not found.nodes and masked[span[0]:span[1]].strip():
        found.warnings.insert(0, "no Pasal or diktum headings found in the body")
    _add(parsed, found)


def _choose_run(masked: str, span: tuple[int, int], candidates, gap_cost: float = GAP_COST) -> tuple[list[Heading], bool]:
    """(the body's article run, whether it is an amending law's I, II ...).

    Roman-numbered articles win when Pasal I instructs (its quotations hold Arabic-numbered
    Pasal of the amended law); otherwise the run that reads better wins (more articles, fewer
    numbers skipped): old laws number their articles I, II ... too, and OCR reads "Pasal 11"
    as "Pasal II".
    """
    roman = best_run(candidates, roman=True)
    if roman and roman[0].key.number == 2:
        roman = _typed_as_arabic_one(masked, span[0], roman)
    if roman and roman[0].key.number > 2:
        roman = []  # "Pasal IV" and on alone are references ("Pasal IV Aturan Peralihan")
    if roman and roman[0].key.number == 1 and amendments.is_amending_article(masked, roman[0].candidate.end):
        return roman, True
    arabic = fill_gaps(masked, best_run(candidates, gap_cost=gap_cost), span[0])
    if len(arabic) == 1 and arabic[0].key.number != 1 and arabic[0].candidate.weight < 2:
        arabic = []  # a lone "Pasal 31" in the middle of a sentence is a reference, not a body
    if roman and (not arabic or _reads_well(roman) > _reads_well(arabic)):
        return roman, False
    return arabic, False


def _reads_well(run: list[Heading]) -> int:
    """Articles found minus article numbers skipped."""
    numbers = [0] + [heading.key.number for heading in run]
    return len(run) - sum(max(0, later - earlier - 1) for earlier, later in zip(numbers, numbers[1:]))


def _typed_as_arabic_one(masked: str, start: int, roman: list[Heading]) -> list[Heading]:
    """Old laws often print "Pasal 1" for their first article and "Pasal II" for the second,
    and "Pasal I Peraturan Pemerintah Nomor 10 tahun 1951 ... diubah" reads like a
    reference: the first "Pasal 1" or "Pasal I" opening a sentence before Pasal II is Pasal I."""
    first = heading_at_sentence_start(masked, start, roman[0].candidate.start, Key(1))
    return [Heading(first.candidate, "I", Key(1))] + roman if first else roman


def _pasal_node(masked: str, heading: Heading, end: int, scope: Scope) -> StructuralNode:
    content_start = heading.candidate.end
    items = read_items(masked, content_start, end)
    path = (("pasal", heading.label),)
    children = item_nodes(masked, items, scope, path)
    return provision_node(masked, "pasal", heading.label, heading.candidate.start, content_start,
                          own_text_end(items, end), children, scope, path)


def _distinct(marks: list[HeadingMark]) -> list[HeadingMark]:
    """"BAB II" printed twice (the second time with its title) is one heading."""
    kept: list[HeadingMark] = []
    for mark in marks:
        if kept and (kept[-1].kind, kept[-1].label) == (mark.kind, mark.label) and not kept[-1].title:
            kept[-1] = mark
        else:
            kept.append(mark)
    return kept


def _warn_about_gaps(run: list[Heading], parsed: BlockParse) -> None:
    for previous, current in zip(run, run[1:]):
        if current.key.number > previous.key.number + 1:
            parsed.warnings.append(f"Pasal numbers jump from {previous.label} to {current.label}")


def _warn_about_left_out(candidates: list[Candidate], run: list[Heading], parsed: BlockParse, masked: str,
                         where: lists.Where) -> None:
    """Headings of articles the run does not have (best_run judged them noise: a stray number
    far from its neighbours), each named with its line. Not left out: a second heading of an
    article the run has (a catchword, a heading printed twice), one numbered the other way
    (Arabic Pasal quoted in an amending law's I, II ...) or too garbled to read as written, an
    amending law's quoted Pasal, and a reference that a line break put at a line start
    ("... dalam\nPasal 21 dapat ...")."""
    roman = not run[0].label[:1].isdigit()
    labels = {heading.label for heading in run}
    quoted = [(instruction.start, instruction.end) for instruction in parsed.amendments]
    named = 0
    for candidate in candidates:
        label = _as_written(candidate, roman)
        if (label is None or _readings(candidate) & labels or candidate.weight < HEADING_WEIGHT
                or any(start <= candidate.start < end for start, end in quoted)
                or continues_sentence(masked, candidate.start)):
            continue
        named += 1
        if named > MAX_LEFT_OUT_NAMED:
            continue
        before = [heading for heading in run if heading.candidate.start < candidate.start]
        holder = f"Pasal {before[-1].label}" if before else "the text before the first article"
        warning = (f'{where(candidate.start)}: heading "Pasal {label}" left out of the articles read '
                   f"(Pasal {run[0].label} to {run[-1].label}); its text stays in {holder}")
        parsed.left_out.append(warning)
        parsed.warnings.append(warning)
    if named > MAX_LEFT_OUT_NAMED:
        parsed.warnings.append(f"{named - MAX_LEFT_OUT_NAMED} more article headings left out of the articles "
                               f"read than the {MAX_LEFT_OUT_NAMED} named")


def _readings(candidate: Candidate) -> set[str]:
    """Every article label a heading may be read as ("3O" is 3O or 30; "II" is 11 or II)."""
    return {label for label, _ in candidate.arabic} | ({int_to_roman(candidate.roman)} if candidate.roman else set())


def _as_written(candidate: Candidate, roman: bool) -> str | None:
    """The heading's number as printed, if it reads cleanly the way the run is numbered."""
    token = candidate.token
    if roman:
        return int_to_roman(candidate.roman) if candidate.roman and int_to_roman(candidate.roman) == token else None
    return token if any(label == token for label, _ in candidate.arabic) else None


class _Containers:
    """BAB > Bagian > Paragraf: where the next Pasal goes."""

    def __init__(self, scope: Scope, top: list[StructuralNode]):
        self.scope, self.top = scope, top
        self.open_nodes: dict[str, StructuralNode] = {}

    def open(self, mark: HeadingMark) -> None:
        levels = ("bab", "bagian", "paragraf")
        depth = levels.index(mark.kind)
        for level in levels[depth:]:
            self.open_nodes.pop(level, None)
        parent = next((self.open_nodes[level] for level in reversed(levels[:depth]) if level in self.open_nodes), None)
        node_id = f"{parent.node_id if parent else self.scope.prefix}/{mark.kind}-{slug(mark.label)}"
        node = StructuralNode(mark.kind, mark.label, heading=mark.title, start=mark.start, end=mark.end,
                              node_id=node_id)
        (parent.children if parent else self.top).append(node)
        self.open_nodes[mark.kind] = node

    def add(self, pasal: StructuralNode) -> None:
        innermost = next((self.open_nodes[level] for level in ("paragraf", "bagian", "bab")
                          if level in self.open_nodes), None)
        (innermost.children if innermost else self.top).append(pasal)

    def close(self) -> None:
        for node in self.top:
            _extend_ends(node)


def _extend_ends(node: StructuralNode) -> int:
    node.end = max([node.end] + [_extend_ends(child) for child in node.children])
    return node.end


# -- amending laws ----------------------------------------------------------------------------

def _amending_article(masked: str, heading: Heading, end: int, scope: Scope,
                      parsed: BlockParse) -> StructuralNode:
    """Pasal I: its numbered instructions become angka nodes and AmendmentInstructions."""
    content_start = heading.candidate.end
    spans = amendments.find_instructions(masked, content_start, end)
    intro_end = spans[0].start if spans and spans[0].number else content_start
    base = amendments.base_regulation(masked, content_start, max(intro_end, content_start + 600))
    path = (("pasal", heading.label),)
    children = []
    for span in spans:
        quoted = amendments.quoted_headings(masked, span)
        instruction = amendments.build_instruction(masked, span, quoted, heading.label, base)
        instruction.pasal = _quoted_pasal(masked, quoted, span, base, scope, heading.label)
        parsed.amendments.append(instruction)
        if span.number:
            angka_path = path + (("angka", span.number),)
            children.append(provision_node(masked, "angka", span.number, span.start,
                                           span.start + len(span.number) + 1, span.end, [], scope, angka_path))
    if not spans:
        parsed.warnings.append(f"Pasal {heading.label} reads as amending but no instruction was found")
    own_end = children[0].start if children else end
    return provision_node(masked, "pasal", heading.label, heading.candidate.start, content_start, own_end,
                          children, scope, path)


def _quoted_pasal(masked: str, quoted: list[Heading], span, base: RegulationRef | None, scope: Scope,
                  article: str) -> list[StructuralNode]:
    """The quoted new wording, as Pasal of the base regulation (ids stay inside this document)."""
    prefix = path_id(scope.prefix, (("pasal", article), ("angka", span.number or "0")))
    quoted_scope = Scope(base, prefix)
    nodes = []
    for index, heading in enumerate(quoted):
        end = quoted[index + 1].candidate.start if index + 1 < len(quoted) else span.end
        nodes.append(_pasal_node(masked, heading, end, quoted_scope))
    return nodes


# -- Penjelasan and Lampiran --------------------------------------------------------------------

def _link_explanations(explanations: list[StructuralNode], parsed: BlockParse) -> None:
    """Point each penjelasan node at the body nodes it explains (same path below Pasal)."""
    by_path = {}
    for pasal in parsed.pasal:
        _index_paths(pasal, (pasal.label,), by_path)
    labels = [pasal.label for pasal in parsed.pasal]
    for entry in explanations:
        if entry.kind != "penjelasan":
            continue
        for label in explained_labels(entry.label, labels):
            if (label,) in by_path:
                entry.explains += (by_path[(label,)].node_id,)
        for child in entry.children:
            _link_child(child, (entry.label,), by_path)


def _index_paths(node: StructuralNode, path: tuple[str, ...], by_path: dict) -> None:
    by_path[path] = node
    for child in node.children:
        _index_paths(child, path + (child.label,), by_path)


def _link_child(node: StructuralNode, parent: tuple[str, ...], by_path: dict) -> None:
    path = parent + (node.label,)
    if path in by_path:
        node.explains = (by_path[path].node_id,)
    for child in node.children:
        _link_child(child, path, by_path)


def _carried_node(masked: str, block: Block, scope: Scope, node_id: str, owner: BlockParse,
                  gap_cost: float, where: lists.Where) -> StructuralNode:
    """A Lampiran that is a whole regulation, parsed like the main one."""
    parsed = _parse_block(masked, block, scope, gap_cost, where)
    owner.warnings.extend(f"Lampiran: {warning}" for warning in parsed.warnings)
    owner.amendments.extend(parsed.amendments)
    heading = clean(masked[block.start:block.menimbang[0] if block.menimbang else block.body[0]])[:300]
    return StructuralNode("lampiran", heading=heading, start=block.start, end=block.end, children=parsed.nodes,
                          node_id=node_id)
