"""A parsed regulation -> the rows the graph stores (`graph.regulations.RegulationRecords`).

What it decides:
- which structural nodes are Provisions (Pasal/ayat/huruf/angka with a ProvisionRef of this
  regulation), Sections (BAB, Bagian, Paragraf, preamble, Lampiran, and articles without a
  ref) and Elucidations (Penjelasan);
- each amendment instruction's quoted wording becomes a `ProvisionVersion` of the base law's
  provision, valid from the amending law's date; parts of an amended Pasal that the new
  wording drops get a "revoke" version;
- relations to other regulations (AMENDS, REVOKES, IMPLEMENTS) from the text;
- every citation in the text, resolved against the provisions known (this document plus the
  graph), kept with its span, or kept as unresolved with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from core.refs import ORDINAL, ProvisionRef, RegulationRef
from graph.regulations import RegulationRecords
from ingest.citations import (CitationContext, InMemoryProvisionIndex, Resolution,
                              extract_citations, resolve_citation)

from .model import PROVISION_KINDS, ParsedRegulation, StructuralNode

# Bump when parsing or records change, so that `netra ingest` reloads unchanged files.
RECORDS_VERSION = 4
# A provision's levels, stored as properties of its node.
PROVISION_LEVELS = ("pasal", "diktum", "lampiran", "bab", "ayat", "huruf", "angka")
ELUCIDATION_KINDS = ("penjelasan", "penjelasan_umum")
# What an amending law's instruction does to its base law, as a relation between the two.
INSTRUCTION_RELATIONS = {"amend": "AMENDS", "insert": "INSERTS", "revoke": "REVOKES"}
# Labels at the start of a node's text ("Pasal 5", "(1)", "a.", "Ayat (2)", "Huruf b", "KESATU :",
# "LAMPIRAN II"): they name the node itself and are not citations.
LEADING_LABELS = re.compile(
    r"(?:\s*(?:(?:PASAL|Pasal|Ayat|AYAT|Huruf|HURUF|Angka|ANGKA)\s*\(?\s*[0-9A-Za-z]{1,5}\s*\)?|"
    r"\(\s*[0-9a-z]{1,3}\s*\)|[0-9a-z]{1,3}[.)]"
    rf"|(?:(?i:diktum)\s+)?{ORDINAL}\s*:|LAMPIRAN(?:\s+[IVX]+\b)?|BAB\s+[IVXLC]+\b)(?=\s|$))+\s*"
)
# In a Penjelasan, capitalised "Ayat (2)", "Huruf b", "Angka 3" (and "Pasal 22B Cukup jelas.")
# are the headings of the parts being explained, not citations.
ELUCIDATION_HEADINGS = re.compile(
    r"\b(?:Ayat\s*\(\s*\w+\s*\)|Huruf\s+[a-z]\d?\b|Angka\s+\d+\b|"
    r"Pasal\s+\d+[A-Z]?(?=\s+(?:Cukup\s+jelas|Ayat\b|Huruf\b|Angka\b)))"
)
REVOCATION = re.compile(r"dicabut\s+dan\s+dinyatakan\s+tidak\s+berlaku", re.IGNORECASE)
IMPLEMENTATION = re.compile(r"melaksanakan\s+ketentuan", re.IGNORECASE)


@dataclass
class Source:
    """The document a regulation was read from."""

    document_id: str
    sha256: str
    path: str
    format: str
    size: int


def in_force_from(parsed: ParsedRegulation) -> date | None:
    """Indonesian statutes normally take effect on promulgation ("mulai berlaku pada tanggal
    diundangkan"); the enactment date stands in when that is missing."""
    return parsed.promulgated or parsed.enacted


def build_records(parsed: ParsedRegulation, text: str, source: Source,
                  index: InMemoryProvisionIndex) -> RegulationRecords:
    """`index` knows the provisions of other regulations (e.g. `ingest.lookup.GraphProvisionIndex`);
    this document's own provisions are added to it here."""
    regulation = parsed.ref
    valid_from = in_force_from(parsed)
    builder = _Builder(parsed, text, source, valid_from)
    builder.add_tree()
    index.add(row["id"] for row in builder.records.provisions)
    builder.add_amendments(index)
    index.add(row["target_id"] for row in builder.records.versions)  # inserted provisions can be cited at once
    builder.add_citations(index)
    builder.add_revocations_and_implementations()
    builder.records.regulation.update({
        "id": regulation.id, "type": regulation.type, "number": regulation.number, "year": regulation.year,
        "citation": regulation.citation, "title": parsed.title, "enacted": parsed.enacted,
        "promulgated": parsed.promulgated, "in_force_from": valid_from, "document_id": source.document_id,
    })
    return builder.records


class _Builder:
    def __init__(self, parsed: ParsedRegulation, text: str, source: Source, valid_from: date | None):
        self.parsed = parsed
        self.text = text
        self.source = source
        self.valid_from = valid_from
        self.regulation = parsed.ref
        document = {"id": source.document_id, "sha256": source.sha256, "path": source.path,
                    "format": source.format, "size": source.size, "kind": "regulation",
                    "records_version": RECORDS_VERSION,
                    "regulation_id": parsed.ref.id, "warnings": parsed.warnings}
        self.records = RegulationRecords(document=document, regulation={})
        self.labels: dict[str, str] = {}  # node id -> graph label
        self.contexts: list[tuple[StructuralNode, str, ProvisionRef | None]] = []

    # -- structure -------------------------------------------------------------------

    def add_tree(self) -> None:
        order = 0
        for top in self.parsed.nodes:
            for parent, node in _with_parents(top, None):
                order += 1
                label = self._add_node(node, parent, order)
                self.labels[node.node_id] = label
        self._add_explanations()

    def _add_node(self, node: StructuralNode, parent: StructuralNode | None, order: int) -> str:
        parent_id = parent.node_id if parent else self.regulation.id
        row = {"id": node.node_id, "regulation_id": self.regulation.id, "document_id": self.source.document_id,
               "kind": node.kind, "label": node.label, "heading": node.heading, "text": node.text,
               "start": node.start, "end": node.end, "page": self.parsed.source.page_at(node.start),
               "ord": order, "parent_id": parent_id, "source_sha256": self.source.sha256}
        if self._is_own_provision(node):
            label = "Provision"
            row.update({level: getattr(node.ref, level) for level in PROVISION_LEVELS})
            row.update({"citation": node.ref.citation, "valid_from": self.valid_from, "tail": node.tail or None})
            self.records.provisions.append(row)
            self.contexts.append((node, label, node.ref))
        elif node.kind in ELUCIDATION_KINDS:
            label = "Elucidation"
            self.records.elucidations.append(row)
            self.contexts.append((node, label, node.ref))
        else:
            label = "Section"
            self.records.sections.append(row)
            self.contexts.append((node, label, None))
        self.records.parts.append({"parent_id": parent_id, "parent_label": self.labels.get(parent_id, "Regulation"),
                                   "child_id": node.node_id, "child_label": label, "ord": order})
        return label

    def _is_own_provision(self, node: StructuralNode) -> bool:
        return (node.kind in PROVISION_KINDS and node.ref is not None
                and node.ref.regulation == self.regulation and node.ref.id == node.node_id)

    def _add_explanations(self) -> None:
        for node in self.parsed.walk():
            for explained in node.explains:
                if explained in self.labels:
                    self.records.explains.append({"from_id": node.node_id, "to_id": explained,
                                                  "to_label": self.labels[explained]})

    # -- amendments --------------------------------------------------------------------

    def add_amendments(self, index: InMemoryProvisionIndex) -> None:
        touched: dict[tuple[str, RegulationRef], list] = {}  # (relation, base law) -> instructions
        for instruction in self.parsed.amendments:
            if instruction.base is None or instruction.kind not in INSTRUCTION_RELATIONS:
                continue
            touched.setdefault((INSTRUCTION_RELATIONS[instruction.kind], instruction.base), []).append(instruction)
            if instruction.kind == "revoke":
                self._revoke_pasal(instruction)
            for quoted in instruction.pasal:
                new_ids = set()
                for parent, node in _with_parents(quoted, None):
                    if node.ref is None or node.kind not in PROVISION_KINDS:
                        continue
                    new_ids.add(node.ref.id)
                    self._add_version(node, parent, instruction)
                if instruction.kind == "amend" and quoted.ref is not None:
                    self._revoke_dropped_parts(quoted.ref.id, new_ids, index, instruction)
        for (relation, base), instructions in touched.items():
            provisions = sorted({target for i in instructions for target in i.targets})
            properties = {"date": self.valid_from, "provisions": provisions}
            if relation == "REVOKES":
                properties["scope"] = "partial"
            self._add_relation(relation, base, properties, evidence_start=min(i.start for i in instructions))

    def _revoke_pasal(self, instruction) -> None:
        """ "Pasal 20 dihapus": the base law's Pasal ends on the amending law's date."""
        for label in instruction.targets:
            self._add_revocation(ProvisionRef(instruction.base, pasal=label), instruction)

    def _add_version(self, node: StructuralNode, parent: StructuralNode | None, instruction) -> None:
        ref = node.ref
        parent_id = parent.ref.id if parent is not None and parent.ref is not None else ref.regulation.id
        self.records.versions.append({
            "id": f"{ref.id}@{self.regulation.id}",
            "target_id": ref.id,
            "version": {"text": node.text, "valid_from": self.valid_from, "kind": instruction.kind,
                        "introduced_by": self.regulation.id, "instruction": instruction.instruction,
                        "start": node.start, "end": node.end, "regulation_id": ref.regulation.id,
                        "page": self.parsed.source.page_at(node.start), "source_sha256": self.source.sha256},
            "provision": _placeholder(ref, node, parent_id),
        })

    def _revoke_dropped_parts(self, pasal_id: str, new_ids: set[str], index, instruction) -> None:
        """Parts of the base law's Pasal that the new wording no longer has end on its date."""
        for dropped in (i for i in index.descendants(pasal_id) if i not in new_ids):
            self._add_revocation(ProvisionRef.from_id(dropped), instruction)

    def _add_revocation(self, ref: ProvisionRef, instruction) -> None:
        parent = ref.parent()
        self.records.versions.append({
            "id": f"{ref.id}@{self.regulation.id}", "target_id": ref.id,
            "version": {"text": None, "valid_from": self.valid_from, "kind": "revoke",
                        "introduced_by": self.regulation.id, "instruction": instruction.instruction,
                        "start": instruction.start, "end": instruction.end, "regulation_id": ref.regulation.id,
                        "source_sha256": self.source.sha256},
            "provision": _placeholder(ref, None, parent.id if parent and parent.path() else ref.regulation.id),
        })

    def _add_relation(self, rel_type: str, target: RegulationRef, properties: dict, evidence_start: int) -> None:
        if target == self.regulation:
            return
        self.records.relations.append({
            "type": rel_type, "target_id": target.id, "evidence_start": evidence_start,
            "target": {"type": target.type, "number": target.number, "year": target.year, "citation": target.citation},
            "properties": {**properties, "document_id": self.source.document_id},
        })

    # -- citations ------------------------------------------------------------------------

    def add_citations(self, index: InMemoryProvisionIndex) -> None:
        instructions = self.parsed.amendments
        for node, label, ref in self.contexts:
            context = CitationContext(self.regulation, tuple(ref.path()) if ref else (), self.valid_from)
            start, end = self._own_span(node)
            inside = [i for i in instructions if node.start <= i.start < end]
            if inside and inside[0].base is not None:
                # "Di antara ayat (1) dan ayat (2) Pasal 9 disisipkan ...": the base law's Pasal.
                target = (("pasal", inside[0].targets[0]),) if len(inside[0].targets) == 1 else ()
                context = CitationContext(inside[0].base, target, self.valid_from)
            quoted = [(i.pasal[0].start, i.end) for i in inside if i.pasal]
            for part_start, part_end in _without(start, end, quoted):
                self._cite(node, label, part_start, part_end, context, index)
            if node.tail:  # the words closing a list are the unit's own text too
                self._cite(node, label, node.tail_start, node.end, context, index)
            for instruction in inside:
                self._cite_quoted(node, label, instruction, index)

    def _cite_quoted(self, node: StructuralNode, label: str, instruction, index) -> None:
        """Quoted wording is the base law's text: "ayat (2)" in it means the base law's ayat."""
        for quoted in instruction.pasal:
            for part in quoted.walk():
                if part.ref is None:
                    continue
                context = CitationContext(part.ref.regulation, tuple(part.ref.path()), self.valid_from)
                self._cite(node, label, *self._own_span(part), context, index)

    def _cite(self, node: StructuralNode, label: str, start: int, end: int, context, index) -> None:
        text = self.text[start:end]
        if label == "Elucidation":
            text = ELUCIDATION_HEADINGS.sub(lambda m: " " * len(m.group()), text)  # keeps offsets
        for citation in extract_citations(text, context):
            citation = citation.moved(start)
            self._record(node.node_id, label, citation, resolve_citation(citation, index))

    def _own_span(self, node: StructuralNode) -> tuple[int, int]:
        end = node.children[0].start if node.children else node.tail_start or node.end
        label = LEADING_LABELS.match(self.text, node.start, end)
        return (label.end() if label else node.start), end

    def _record(self, source_id: str, source_label: str, citation, resolution: Resolution) -> None:
        base = {"raw": citation.raw, "start": citation.start, "end": citation.end,
                "document_id": self.source.document_id, "uncertain": citation.uncertain}
        for target_id in resolution.ids:
            target_ref = _ref_or_none(target_id)
            same = target_ref is not None and target_ref.regulation == self.regulation
            self.records.citations.append({
                "source_id": source_id, "source_label": source_label, "target_id": target_id,
                "target_label": "Provision" if target_ref and target_ref.path() else "Regulation",
                "type": "REFERS_TO" if same else "CITES",
                "properties": {**base, "cited_id": target_id,
                               "cited_regulation": target_ref.regulation.id if target_ref else None},
            })
        for problem in resolution.problems:
            ref = problem.provision.to_ref()
            cited_id = ref.id if ref else None
            self.records.unresolved.append({
                "id": f"{self.source.document_id}#{source_id}@{citation.start}-{citation.end}#{cited_id}",
                "source_id": source_id, "source_label": source_label,
                "properties": {**base, "cited_id": cited_id, "cited": str(problem.provision),
                               "cited_regulation": problem.provision.regulation.id if problem.provision.regulation else None,
                               "reason": str(problem.reason), "detail": problem.detail,
                               "nearest_id": problem.nearest_id},
            })

    # -- relations read from the text ----------------------------------------------------

    def add_revocations_and_implementations(self) -> None:
        for node, _label, ref in self.contexts:
            start, end = self._own_span(node)
            own = self.text[start:end]
            if node.kind == "pasal" or (ref and ref.path()):  # a decree revokes in a diktum
                for match in REVOCATION.finditer(own):
                    self._revocations(start, own[:match.start()], match.start() + start)
            if node.node_id.startswith(f"{self.regulation.id}/menimbang") and IMPLEMENTATION.search(own):
                self._implementations(start, own)

    def _revocations(self, offset: int, sentence_before: str, evidence: int) -> None:
        sentence = sentence_before[sentence_before.rfind(". ") + 1:] if ". " in sentence_before else sentence_before
        sentence_offset = offset + len(sentence_before) - len(sentence)
        for citation in extract_citations(sentence):
            for provision in citation.provisions:
                if provision.regulation is None or provision.regulation == self.regulation:
                    continue
                whole = not provision.path
                props = {"date": self.valid_from, "scope": "whole" if whole else "partial",
                         "provisions": [] if whole else [provision.to_ref().id] if provision.to_ref() else []}
                self._add_relation("REVOKES", provision.regulation, props, evidence_start=sentence_offset + citation.start)

    def _implementations(self, offset: int, own: str) -> None:
        after = IMPLEMENTATION.search(own).end()
        for citation in extract_citations(own[after:]):
            refs = citation.refs
            for regulation in {ref.regulation for ref in refs}:
                provisions = sorted(ref.id for ref in refs if ref.regulation == regulation and ref.path())
                self._add_relation("IMPLEMENTS", regulation, {"provisions": provisions},
                                   evidence_start=offset + after + citation.start)


def _with_parents(node: StructuralNode, parent: StructuralNode | None):
    yield parent, node
    for child in node.children:
        yield from _with_parents(child, node)


def _without(start: int, end: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """[start, end) minus the holes."""
    parts, cursor = [], start
    for hole_start, hole_end in sorted(holes):
        if hole_start > cursor:
            parts.append((cursor, min(hole_start, end)))
        cursor = max(cursor, hole_end)
    if cursor < end:
        parts.append((cursor, end))
    return parts


def _placeholder(ref: ProvisionRef, node: StructuralNode | None, parent_id: str) -> dict:
    """What a provision created by an amending law is known by before its base law arrives."""
    path = ref.path()
    return {"regulation_id": ref.regulation.id, "kind": path[-1][0], "label": path[-1][1],
            **{level: getattr(ref, level) for level in PROVISION_LEVELS},
            "citation": ref.citation, "parent_id": parent_id, "heading": "", "text": None}


def _ref_or_none(ref_id: str) -> ProvisionRef | None:
    try:
        return ProvisionRef.from_id(ref_id)
    except (ValueError, StopIteration, TypeError):
        return None
