"""Turn found spans into `StructuralNode`s with refs and ids."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.refs import ProvisionRef, RegulationRef, id_segment, provision_at

from .items import Item
from .model import StructuralNode

Path = tuple[tuple[str, str], ...]  # (("pasal", "4"), ("angka", "12"), ("huruf", "a"))


@dataclass(frozen=True)
class Scope:
    """Where nodes of one part of a document belong.

    `regulation` is the regulation whose provisions they are (None: they get no ProvisionRef,
    e.g. the enacting articles of UU 1/2015 or a template in a Lampiran); `prefix` starts
    their node ids.
    """

    regulation: RegulationRef | None
    prefix: str


def slug(label: str) -> str:
    # The same rule as core.refs, so a provision's node id equals its ProvisionRef id.
    return re.sub(r"[^0-9a-z.]+", "-", label.lower()).strip("-")


def clean(text: str) -> str:
    return " ".join(text.split())


def path_id(prefix: str, path: Path) -> str:
    return "/".join([prefix] + [id_segment(kind, label) for kind, label in path])


def provision_ref(regulation: RegulationRef | None, path: Path) -> ProvisionRef | None:
    """The ProvisionRef of a path from a Pasal, diktum or Lampiran down; None when a level
    repeats (angka under angka), the path has no anchor a ProvisionRef allows, or there is no
    regulation to cite."""
    if regulation is None or not path:
        return None
    try:
        return provision_at(regulation, path)
    except ValueError:
        return None


def provision_node(text: str, kind: str, label: str, start: int, text_start: int, text_end: int,
                   children: list[StructuralNode], scope: Scope, path: Path,
                   tail: tuple[int, int] | None = None) -> StructuralNode:
    """`tail`: the span of words after the children that close the unit's sentence."""
    end = max([text_end, tail[1] if tail else 0] + [child.end for child in children])
    return StructuralNode(kind, label, text=clean(text[text_start:text_end]), start=start, end=end,
                          children=children, ref=provision_ref(scope.regulation, path),
                          node_id=path_id(scope.prefix, path),
                          tail=clean(text[tail[0]:tail[1]]) if tail else "", tail_start=tail[0] if tail else 0)


def item_nodes(text: str, items: list[Item], scope: Scope, parent: Path) -> list[StructuralNode]:
    """Ayat/huruf/angka nodes for items under the unit at `parent`."""
    nodes = []
    for item in items:
        path = parent + ((item.kind, item.label),)
        children = item_nodes(text, item.children, scope, path)
        nodes.append(provision_node(text, item.kind, item.label, item.start, item.text_start, item.end,
                                    children, scope, path, item.tail))
    return nodes


def own_text_end(items: list[Item], end: int) -> int:
    return items[0].start if items else end
