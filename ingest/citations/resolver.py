"""Checking citations against the provisions we know: `resolve_citation(citation, lookup)`.

`lookup` is any `ProvisionIndex`: `InMemoryProvisionIndex` over a set of `ProvisionRef` ids (what
the regulation parser produces) now, the Neo4j graph later. A citation resolves when every provision
it cites is found; otherwise each failing provision gets a `Problem` with one of the `Reason`s and
a sentence a person can act on ("Pasal 87 ayat (4) UU 5/2014 has no huruf e (it has huruf a, b,
c, d)").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from core.refs import (ANCHORS, CONTAINERS, ProvisionRef, RegulationRef, describe_path, ordinal_value,
                       parse_segment, provision_at, roman_to_int)

from .aliases import AMENDED_BY
from .model import Citation, CitedProvision, ProvisionCitation, RegulationCitation, RulingCitation

MAX_LISTED = 8  # siblings named in a "has no huruf e (it has ...)" message


class Reason(StrEnum):
    REGULATION_NOT_IN_CORPUS = "regulation_not_in_corpus"
    PROVISION_DOES_NOT_EXIST = "provision_does_not_exist"
    AMBIGUOUS = "ambiguous"  # the text could mean several things
    INCOMPLETE = "incomplete"  # relative reference without the context to complete it


class ProvisionIndex(Protocol):
    """What the resolver needs to know about the corpus. Ids are `ProvisionRef.id`s."""

    def has_regulation(self, regulation: RegulationRef) -> bool: ...

    def find(self, ref: ProvisionRef) -> list[str]:
        """Ids of the provisions `ref` can mean: its own id if it exists; otherwise the provisions
        of its Pasal (diktum, Lampiran) that have every level it names and are no deeper than the
        deepest of them. So "Pasal 87 huruf c" (a citation skipping the ayat) finds Pasal 87 ayat
        (4) huruf c, "angka 2 Lampiran" finds angka 2 of the Lampiran's only BAB that has one, and
        levels written in the other order ("angka 12 huruf a" for "huruf a angka 12") are found."""
        ...

    def children(self, provision_id: str) -> list[str]:
        """Ids of the provisions directly inside `provision_id`, in reading order."""
        ...


@dataclass(frozen=True)
class Problem:
    provision: CitedProvision
    reason: Reason
    detail: str
    nearest_id: str | None = None  # the deepest part of the cited provision that does exist


@dataclass(frozen=True)
class Resolution:
    citation: Citation
    ids: tuple[str, ...] = ()  # the provisions found, for all cited provisions that resolved
    problems: tuple[Problem, ...] = ()  # one per cited provision that did not
    amended_ids: tuple[str, ...] = ()  # the same provisions as worded by later amending laws, newest first
    notes: tuple[str, ...] = ()

    @property
    def resolved(self) -> bool:
        return not self.problems

    @property
    def reason(self) -> Reason | None:
        return self.problems[0].reason if self.problems else None


def resolve_citation(citation: Citation, lookup: ProvisionIndex) -> Resolution:
    ids, problems, amended, notes = [], [], [], []
    for provision in citation.provisions:
        outcome = _resolve(provision, citation, lookup)
        if isinstance(outcome, Problem):
            problems.append(outcome)
        else:
            ids += outcome.ids
            amended += outcome.amended_ids
            notes += outcome.notes
    return Resolution(citation, tuple(ids), tuple(problems), tuple(amended), tuple(notes))


@dataclass(frozen=True)
class _Found:
    ids: list[str]
    amended_ids: list[str]
    notes: tuple[str, ...] = ()


def _resolve(provision: CitedProvision, citation: Citation, lookup: ProvisionIndex) -> _Found | Problem:
    regulation = provision.regulation
    if regulation is None:
        return _without_regulation(provision, citation)
    if not provision.complete:
        return Problem(provision, Reason.INCOMPLETE,
                       f"{describe_path(provision.path)} of {regulation.citation}: the text does not say which Pasal")
    ref = provision.to_ref()
    if not lookup.has_regulation(regulation):
        return _in_later_law(ref, citation, lookup)
    amended = _later_wordings(ref, lookup)
    found = lookup.find(ref)
    if len(found) == 1:
        return _Found(found, amended)
    if found:
        return Problem(provision, Reason.AMBIGUOUS, f"{provision} could be any of {', '.join(found)}")
    return _missing_part(provision, lookup)


def _without_regulation(provision: CitedProvision, citation: Citation) -> Problem:
    named = citation if isinstance(citation, RegulationCitation) else None
    if isinstance(citation, ProvisionCitation):
        named = citation.named_regulation
    if named is not None and named.form != "this":
        return Problem(provision, Reason.REGULATION_NOT_IN_CORPUS,
                       f"{named.raw!r} is no regulation we can identify")
    return Problem(provision, Reason.INCOMPLETE,
                   f"{describe_path(provision.path)}: the text does not say which regulation, and no context does")


def _in_later_law(ref: ProvisionRef, citation: Citation, lookup: ProvisionIndex) -> _Found | Problem:
    """The regulation is not in the corpus; its provision may live on in a later law that is
    (Perppu 1/2014 was enacted as the annex of UU 1/2015)."""
    provision = CitedProvision(ref.regulation, tuple(ref.path()))
    for later in AMENDED_BY.get(ref.regulation, ()):
        found = lookup.find(_moved_to(ref, later)) if lookup.has_regulation(later) else []
        if found:
            note = f"{ref.regulation.citation} is not in the corpus; {provision} found in {later.citation}"
            return _Found(found, _later_wordings(_moved_to(ref, later), lookup), (note,))
    if isinstance(citation, RulingCitation) and citation.uncertain:
        return Problem(provision, Reason.AMBIGUOUS,
                       f"{citation.raw!r} is not a well-formed ruling number: {'; '.join(citation.notes)}")
    return Problem(provision, Reason.REGULATION_NOT_IN_CORPUS, f"{ref.regulation.citation} is not in the corpus")


def _later_wordings(ref: ProvisionRef, lookup: ProvisionIndex) -> list[str]:
    """The same provision in the laws that amended `ref`'s regulation, newest first."""
    later_laws = AMENDED_BY.get(ref.regulation, ())
    return [found for later in reversed(later_laws) if lookup.has_regulation(later)
            for found in lookup.find(_moved_to(ref, later))]


def _moved_to(ref: ProvisionRef, regulation: RegulationRef) -> ProvisionRef:
    return provision_at(regulation, ref.path())


def _missing_part(provision: CitedProvision, lookup: ProvisionIndex) -> Problem:
    """Name the first level of the cited provision that does not exist."""
    nearest = provision.regulation.id
    for depth, (level, label) in enumerate(provision.path):
        found = lookup.find(CitedProvision(provision.regulation, provision.path[: depth + 1]).to_ref())
        if len(found) > 1:
            detail = f"{provision} is not inside any of {', '.join(found)}"
            return Problem(provision, Reason.PROVISION_DOES_NOT_EXIST, detail)
        if not found:
            existing = CitedProvision(provision.regulation, provision.path[:depth])
            siblings = [child_label for child_level, child_label in map(_last_level, lookup.children(nearest))
                        if child_level == level]
            detail = f"{existing} has no {describe_path(((level, label),))} ({_listing(level, siblings)})"
            return Problem(provision, Reason.PROVISION_DOES_NOT_EXIST, detail, nearest)
        nearest = found[0]
    return Problem(provision, Reason.PROVISION_DOES_NOT_EXIST, f"{provision} was not found", nearest)


def _listing(level: str, labels: list[str]) -> str:
    """ "it has huruf a, b, c, d", "it has ayat (1), (4)", "it has Pasal 1, 2, …, 141", "it has
    Diktum KESATU, KEDUA"."""
    word = level.capitalize() if level in ANCHORS else level.upper() if level in CONTAINERS else level
    if not labels:
        return f"it has no {word} directly inside it"
    if level == "ayat":
        labels = [f"({label})" for label in labels]
    if len(labels) > MAX_LISTED:
        labels = labels[:2] + ["…", labels[-1]]
    return f"it has {word} {', '.join(labels)}"


def _last_level(provision_id: str) -> tuple[str, str]:
    """ "uu/2014/5/pasal-12a" -> ("pasal", "12A"), with labels as written (see core.refs)."""
    return parse_segment(provision_id.rsplit("/", 1)[-1])


class InMemoryProvisionIndex:
    """A `ProvisionIndex` over a plain set of provision ids, e.g. the regulation parser's output.
    The regulations and the upper levels of each id are implied: "uu/2014/5/pasal-87/ayat-4/huruf-a"
    also adds Pasal 87 ayat (4), Pasal 87 and UU 5/2014."""

    def __init__(self, ids: Iterable[str]):
        self._ids: set[str] = set()
        self._children: dict[str, set[str]] = defaultdict(set)
        self.add(ids)

    def add(self, ids: Iterable[str]) -> None:
        """Add provisions (and, implied, their upper levels and regulations)."""
        for provision_id in ids:
            ref = ProvisionRef.from_id(provision_id)
            while ref is not None and ref.id not in self._ids:
                self._ids.add(ref.id)
                parent = ref.parent()
                if parent is not None:
                    self._children[parent.id].add(ref.id)
                ref = parent

    def has_regulation(self, regulation: RegulationRef) -> bool:
        return regulation.id in self._ids

    def find(self, ref: ProvisionRef) -> list[str]:
        if ref.id in self._ids:
            return [ref.id]
        within = _searched_within(ref)
        if within is None:
            return []
        wanted = set(_levels(ref.id))
        return [candidate for candidate in self.descendants(within.id)
                if wanted <= set(_levels(candidate)) and _levels(candidate)[-1] in wanted]

    def children(self, provision_id: str) -> list[str]:
        return sorted(self._children.get(provision_id, ()), key=_reading_order)

    def descendants(self, provision_id: str) -> list[str]:
        """Everything inside `provision_id`, in reading order."""
        found = []
        for child in self.children(provision_id):
            found += [child, *self.descendants(child)]
        return found


def _searched_within(ref: ProvisionRef) -> ProvisionRef | None:
    """Where a provision not found as written may sit a level or more deeper: its Pasal, diktum
    or Lampiran (with its BAB, if named); the whole regulation for a circular's own points.
    None for a reference to a regulation or one of those units itself."""
    path = ref.path()
    anchor = [pair for pair in path if pair[0] in ANCHORS + CONTAINERS]
    if len(anchor) == len(path):
        return None
    return provision_at(ref.regulation, anchor)


def _levels(provision_id: str) -> list[str]:
    """ "uu/2014/5/pasal-87/ayat-4" -> ["pasal-87", "ayat-4"]."""
    return provision_id.split("/")[3:]


def _reading_order(provision_id: str):
    """Sort key: level, then number, then letters ("pasal-12" < "pasal-12a" < "pasal-13", diktum
    KESATU < KEDUA, Lampiran I < II)."""
    level, label = _last_level(provision_id)
    if level == "diktum":
        return level, ordinal_value(label) or 0, ""
    if level in CONTAINERS:
        return level, roman_to_int(label) or 0, ""
    number, letters = re.fullmatch(r"(\d*)(.*)", label).groups()
    return level, int(number) if number else -1, letters
