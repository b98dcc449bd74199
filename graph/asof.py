"""The law as of a date: which wording of a provision was in force, and its status.

A provision's wordings are its original text (valid from its regulation's in-force date)
and the versions amending laws gave it (valid from theirs); a wording is valid until the next
one starts. A "revoke" version ends the provision; revoking the whole regulation ends all of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.regulations import parse_date

IN_FORCE, AMENDED, REVOKED, NOT_YET = "in force", "amended", "revoked", "not yet in force"


@dataclass
class Wording:
    text: str | None  # None: the provision was revoked from valid_from on
    valid_from: date | None  # None: as long as we know
    valid_to: date | None
    source: str  # the regulation whose text it is
    kind: str  # original, amend, insert, revoke


def wordings(provision: dict, versions: list[dict]) -> list[Wording]:
    """All wordings, oldest first, each with the date the next one took over."""
    items = []
    if not provision.get("placeholder"):
        items.append(Wording(provision.get("text"), parse_date(provision.get("valid_from")), None,
                             provision.get("regulation_id"), "original"))
    for version in versions:
        items.append(Wording(version.get("text"), parse_date(version.get("valid_from")), None,
                             version.get("introduced_by"), version.get("kind", "amend")))
    items.sort(key=lambda w: w.valid_from or date.min)
    for current, following in zip(items, items[1:]):
        current.valid_to = following.valid_from
    return items


def wording_as_of(items: list[Wording], day: date) -> Wording | None:
    in_force = [w for w in items if (w.valid_from or date.min) <= day]
    return in_force[-1] if in_force else None


def revoked_on(revocations: list[dict]) -> date | None:
    """When the whole regulation stopped being law, if it did."""
    dates = [parse_date(r["properties"].get("date")) for r in revocations
             if r["properties"].get("scope", "whole") == "whole"]
    dates = [d for d in dates if d is not None]
    return min(dates) if dates else None


def status_as_of(items: list[Wording], regulation_revoked: date | None, day: date) -> str:
    if regulation_revoked is not None and regulation_revoked <= day:
        return REVOKED
    current = wording_as_of(items, day)
    if current is None:
        return NOT_YET
    if current.kind == "revoke":
        return REVOKED
    return IN_FORCE if current is items[0] else AMENDED  # an inserted provision's first wording is not an amendment
