"""Regulations and provisions as people read them: the wording in force on a date, its status,
history and children. Shared by `netra show`, the pages and the JSON API."""

from __future__ import annotations

from datetime import date

from graph.asof import AMENDED, IN_FORCE, NOT_YET, REVOKED, revoked_on, status_as_of, wording_as_of, wordings
from graph.db import Graph
from core.refs import REGULATION_TYPES, ProvisionRef
from graph.regulations import parse_date, provision_detail, regulation_detail, table_of_contents


def label_text(node: dict) -> str:
    kind, label = node.get("kind", ""), node.get("label", "")
    if kind == "ayat":
        return f"({label})"
    if kind in ("huruf", "angka"):
        return f"{label}."
    if kind in ("bab", "bagian", "paragraf"):
        return f"{kind.upper()} {label} {node.get('heading') or ''}".strip()
    if kind in ("pasal", "diktum", "lampiran"):
        return f"{kind.capitalize()} {label}".strip()
    return kind.replace("_", " ").capitalize()


def provision_view(graph: Graph, provision_id: str, day: date) -> dict | None:
    detail = provision_detail(graph, provision_id)
    if detail is None:
        return None
    provision = detail["provision"]
    revoked = revoked_on(detail["regulation_revocations"])
    items = wordings(provision, detail["versions"])
    current = wording_as_of(items, day)
    children = _children_in_force(detail["children"], revoked, day)
    own_text = current.text if current else None
    status = status_as_of(items, revoked, day)
    return {
        "id": provision_id,
        "ref": ProvisionRef.from_id(provision_id).to_dict(),
        "citation": provision.get("citation"),
        "as_of": day.isoformat(),
        "status": status,
        "change": status_change(items, detail["regulation_revocations"], status, day),
        "text": _text(current, children, provision.get("tail")),
        "own_text": own_text,
        "tail": provision.get("tail"),
        "wording_from": current.source if current else None,
        "versions": [_version_view(w, graph) for w in items],
        "children": children,
        "elucidation": " ".join(detail["elucidations"]) or None,
        "breadcrumb": [{"id": n["id"], "label_text": n.get("citation") or label_text(n),
                        "is_provision": n.get("node") == "Provision"} for n in detail["trail"]],
        "regulation": {"id": provision["regulation_id"],
                       "citation": (detail["regulation"] or {}).get("citation")},
        "source": {"document_id": provision.get("document_id"), "start": provision.get("start"),
                   "end": provision.get("end"), "page": provision.get("page")},
    }


# Search ranks many provisions at once and needs their status, wordings' history and text (the
# snippet of a hit no retriever gave one): one read for all of them, without the trail,
# elucidations and stored vectors a page shows.
PROVISION_STATUSES = """
UNWIND $ids AS id
MATCH (p:Provision {id: id})
OPTIONAL MATCH (r:Regulation {id: p.regulation_id})
RETURN p {.id, .citation, .placeholder, .text, .tail, .valid_from, .regulation_id} AS provision,
       [(p)-[:HAS_VERSION]->(v) | v {.*}] AS versions,
       [(p)-[h:HAS_PART]->(c) | c {.id, .kind, .label, .heading, .citation, .placeholder, .text, .valid_from,
                                  ord: h.ord, node: labels(c)[0],
                                  versions: [(c)-[:HAS_VERSION]->(cv) | cv {.*}]}] AS children,
       [(s:Regulation)-[x:REVOKES|REPLACES]->(r) | {properties: x {.*}, by: s.id}] AS regulation_revocations
"""


def status_change(items: list, revocations: list[dict], status: str, day: date) -> dict | None:
    """What a status other than in force rests on, on `day`: {kind (the status), citation (of the
    law that made it so, None if not known), date (ISO, from when)}; None when in force. Pages say
    it in their language ("diubah oleh UU 10/2016 sejak 1 Juli 2016"), search's `note` in English."""
    current = wording_as_of(items, day)
    if status == AMENDED and current is not None:
        return _change(status, current.source, current.valid_from)
    if status == REVOKED:
        revoked = revoked_on(revocations)
        if revoked is not None and revoked <= day:  # the whole regulation
            source = next((r.get("by") for r in revocations if parse_date(r["properties"].get("date")) == revoked),
                          None)
            return _change(status, source, revoked)
        return _change(status, current.source, current.valid_from)  # its own wording: a "revoke" version
    if status == NOT_YET and items:
        return _change(status, None, items[0].valid_from)
    return None


def _change(kind: str, source: str | None, valid_from: date | None) -> dict:
    return {"kind": kind, "citation": _citation_of(source), "date": valid_from.isoformat() if valid_from else None}


def status_note(view: dict) -> str:
    """A search result's status note in English: "amended by UU 10/2016 from 2016-07-01",
    "revoked by PP 94/2021 from 2021-08-31" (the API's `note`; `change` holds its parts)."""
    change = view.get("change")
    if not change or change["kind"] not in (AMENDED, REVOKED):
        return ""
    return " ".join([change["kind"]] + ([f"by {change['citation']}"] if change["citation"] else [])
                    + ([f"from {change['date']}"] if change["date"] else []))


def provision_statuses(graph: Graph, provision_ids: list[str], day: date) -> dict[str, dict]:
    """id -> the status, citation, ref, text and versions `provision_view` gives; unknown ids are left out."""
    views = {}
    for row in graph.read(PROVISION_STATUSES, ids=list(provision_ids)):
        provision = row["provision"]
        revoked = revoked_on(row["regulation_revocations"])
        items = wordings(provision, row["versions"])
        status = status_as_of(items, revoked, day)
        views[provision["id"]] = {
            "id": provision["id"],
            "ref": ProvisionRef.from_id(provision["id"]).to_dict(),
            "citation": provision.get("citation"),
            "status": status,
            "change": status_change(items, row["regulation_revocations"], status, day),
            "text": _text(wording_as_of(items, day), _children_in_force(row["children"], revoked, day),
                          provision.get("tail")),
            "versions": [_version_view(w, graph) for w in items],
        }
    return views


def _children_in_force(children: list[dict], revoked: date | None, day: date) -> list[dict]:
    views = [_child_view(child, revoked, day) for child in sorted(children, key=_child_order)]
    return [child for child in views if child["status"] != NOT_YET and not child["dropped"]]


def _text(current, children: list[dict], tail: str | None = None) -> str | None:
    """The wording in force with its parts, None once revoked."""
    return _full_text(current.text, children, tail) if current and current.kind != "revoke" else None


def _full_text(own: str | None, children: list[dict], tail: str | None = None) -> str:
    """The provision as one reads it: its own words, then each part in force below it, then the
    words that close its list (a Lampiran's "Dengan tidak dalam status cuti ...")."""
    lines = [own] if own else []
    lines += [f"{child['label_text']} {child['text'] or ''}".strip() for child in children]
    return "\n".join(lines + ([tail] if tail else []))


def _child_view(child: dict, revoked: date | None, day: date) -> dict:
    items = wordings(child, child.get("versions", []))
    if child["node"] != "Provision":
        items = []
    current = wording_as_of(items, day)
    status = status_as_of(items, revoked, day) if child["node"] == "Provision" else IN_FORCE
    return {"id": child["id"], "kind": child["kind"], "label": child["label"], "label_text": label_text(child),
            "citation": child.get("citation"), "status": status,
            "text": current.text if current else child.get("text"),
            "dropped": current is not None and current.kind == "revoke"}  # by an amendment


def _child_order(child: dict):
    """Document order; provisions inserted by a later law (no order of their own) by label."""
    label = child.get("label") or ""
    digits = "".join(ch for ch in label if ch.isdigit())
    return (child.get("ord") is None, child.get("ord") or 0, int(digits) if digits else 0, label)


def _version_view(wording, graph: Graph) -> dict:
    return {"kind": wording.kind, "valid_from": wording.valid_from, "valid_to": wording.valid_to,
            "source": wording.source, "source_citation": _citation_of(wording.source), "text": wording.text}


def _citation_of(regulation_id: str | None) -> str | None:
    if not regulation_id:
        return None
    return ProvisionRef.from_id(regulation_id).regulation.citation


def regulation_status(regulation: dict, incoming: list[dict], day: date) -> str:
    """A whole regulation's status on `day`, from the relations other laws have to it (`incoming`:
    {type, properties}): revoked or replaced as a whole, not yet in force, amended, or in force."""
    revoked = revoked_on([r for r in incoming if r["type"] in ("REVOKES", "REPLACES")
                          and r["properties"].get("scope", "whole") == "whole"])
    amended = any(r["type"] == "AMENDS" and (r["properties"].get("date") is None or r["properties"]["date"] <= day)
                  for r in incoming)
    in_force_from = regulation.get("in_force_from")
    if revoked is not None and revoked <= day:
        return REVOKED
    if in_force_from is not None and in_force_from > day:
        return NOT_YET
    return AMENDED if amended else IN_FORCE


# The regulations whose text is loaded (not those only cited or amended, kept as stubs), with
# what other laws did to them: the list page and the home page.
REGULATION_LIST = """
MATCH (r:Regulation) WHERE NOT coalesce(r.stub, false)
RETURN r {.id, .type, .number, .year, .citation, .title, .in_force_from} AS regulation,
       [(s:Regulation)-[x:AMENDS|REVOKES|REPLACES]->(r) |
        {type: type(x), other: s.id, other_citation: s.citation, properties: x {.*}}] AS incoming
"""
CHANGE_KINDS = {"AMENDS": AMENDED, "REVOKES": REVOKED, "REPLACES": REVOKED}
LISTED_PROPERTIES = ("id", "type", "number", "year", "citation", "title")


def regulation_list(graph: Graph, day: date) -> list[dict]:
    """Every loaded regulation, in the order of the hierarchy of laws (UU, Perppu, PP, ...), then
    newest first: {id, type, number, year, citation, title, status on `day`, changes: the laws
    that amended, revoked or replaced it by then, oldest first ({kind, id, citation, date})}."""
    regulations = []
    for row in graph.read(REGULATION_LIST):
        regulation, incoming = row["regulation"], row["incoming"]
        changes = [{"kind": CHANGE_KINDS[r["type"]], "id": r["other"], "citation": r["other_citation"] or r["other"],
                    "date": parse_date(r["properties"].get("date"))} for r in incoming
                   if r["type"] == "AMENDS" or r["properties"].get("scope", "whole") == "whole"]
        changes = sorted((c for c in changes if c["date"] is None or c["date"] <= day),
                         key=lambda c: (c["date"] or date.min, c["citation"]))
        regulations.append({**{key: regulation.get(key) for key in LISTED_PROPERTIES},
                            "status": regulation_status(regulation, incoming, day), "changes": changes})
    return sorted(regulations, key=_hierarchy_order)


def _hierarchy_order(regulation: dict):
    """core.refs lists the types from the highest law down (a type it does not know comes last);
    within a type, newest first, then by number."""
    kinds = list(REGULATION_TYPES)
    rank = kinds.index(regulation["type"]) if regulation["type"] in kinds else len(kinds)
    number = str(regulation["number"] or "")
    return (rank, regulation["type"] or "", -(regulation["year"] or 0), int(number) if number.isdigit() else 0, number)


def regulation_view(graph: Graph, regulation_id: str, day: date) -> dict | None:
    detail = regulation_detail(graph, regulation_id)
    if detail is None:
        return None
    regulation = detail["regulation"]
    status = regulation_status(regulation, [r for r in detail["relations"] if r["direction"] == "in"], day)
    return {
        "id": regulation_id,
        "ref": {"type": regulation.get("type"), "number": regulation.get("number"), "year": regulation.get("year")},
        "citation": regulation.get("citation"),
        "title": regulation.get("title"),
        "as_of": day.isoformat(),
        "status": status,
        "stub": regulation.get("stub", False),
        "text": None,
        "enacted": regulation.get("enacted"),
        "promulgated": regulation.get("promulgated"),
        "versions": [],
        "children": [{"id": c["id"], "kind": c["kind"], "label": c["label"], "label_text": label_text(c),
                      "citation": c.get("citation"), "status": IN_FORCE}
                     for c in sorted(detail["children"], key=_child_order)],
        "relations": [_relation_view(r) for r in detail["relations"]],
        "toc": _toc_view(table_of_contents(graph, regulation_id)),
        "document": detail["document"],
    }


def _toc_view(entries: list[dict]) -> list[dict]:
    """Headings and units; the points of a list (a Lampiran, a circular) and a diktum show their
    words, which is what a reader scans them for."""
    return [{"id": e["id"], "label_text": label_text(e), "is_provision": e["node"] == "Provision",
             "text": e.get("text") if e["kind"] in ("diktum", "angka", "huruf") else None,
             "children": _toc_view(e["children"])} for e in entries]


RELATION_WORDS = {
    ("AMENDS", "out"): "amends", ("AMENDS", "in"): "amended by",
    ("INSERTS", "out"): "inserts provisions into", ("INSERTS", "in"): "provisions inserted by",
    ("REVOKES", "out"): "revokes", ("REVOKES", "in"): "revoked by",
    ("REPLACES", "out"): "replaces", ("REPLACES", "in"): "replaced by",
    ("IMPLEMENTS", "out"): "implements", ("IMPLEMENTS", "in"): "implemented by",
}


def _relation_view(relation: dict) -> dict:
    words = RELATION_WORDS[(relation["type"], relation["direction"])]
    if relation["type"] == "REVOKES" and relation["properties"].get("scope") == "partial":
        words = "revokes provisions of" if relation["direction"] == "out" else "provisions revoked by"
    when = relation["properties"].get("date")
    return {**relation, "description": f"{words} {relation['other_citation'] or relation['other']}"
                                       + (f" (from {when})" if when else "")}
