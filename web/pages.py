"""Server-rendered pages."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from datetime import date
from urllib.parse import urlencode

from flask import Blueprint, render_template, request

from graph.case_views import cases_citing
from core.errors import DatabaseUnavailable, NetraError
from core.refs import REGULATION_TYPES
from graph.regulation_views import provision_view, regulation_list, regulation_view
from search.facets import FACETS, kind_of
from web.api import run_search
from web.auth import current_user
from web.conduct import conduct_view
from web.errors import public_text, unavailable_text
from web.i18n import N_, _
from web.security import public_regulation
from web.services import BadRequest, NotFound, graph, parse_day
from web.statistics import public_statistics, statistics_summary

CASES_LISTED = 50
# Words, runs of spaces and single punctuation marks: a changed word is marked, not the whole line.
DIFF_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")
# Questions a first-time visitor can try, in the words people use (searches run in Indonesian;
# the English page shows what each asks beside it), and a citation, to show that they work too.
EXAMPLE_QUESTIONS = (
    N_("PNS membagikan unggahan calon bupati di media sosial"),
    N_("guru memasang spanduk pasangan calon di pagar sekolah"),
    N_("kepala desa membagikan sembako atas nama calon bupati"),
    N_("apa hukuman bagi PNS yang menjadi anggota partai politik"),
    "Pasal 5 PP 94/2021",  # a citation reads the same in either language
)
YEAR = re.compile(r"\d{4}")

pages = Blueprint("pages", __name__)


@pages.get("/")
def home():
    query = request.args.get("q", "").strip()
    as_of = parse_day(request.args.get("as_of"))
    found = run_search(request.args) if query else None
    provisions = [r.id for r in found.results if kind_of(r) == "provision"] if found else []
    case_counts = cases_citing(graph(), provisions, limit=0) if provisions else {}
    return render_template("search.html", query=query, mode=request.args.get("mode", "hybrid"), as_of=as_of,
                           kind=request.args.get("type") or "provision", found=found, kind_of=kind_of,
                           conduct=conduct_view(found.conduct) if found else None,
                           facet_names=[name for names in FACETS.values() for name in names],
                           search_url=search_url, case_counts=case_counts,
                           overview=None if query else overview())


def overview() -> dict:
    """What the home page tells a first-time visitor: the regulations Netra holds by type (each
    with its years, for the list page's filters) and status, example questions, and the public
    statistics."""
    regulations = regulation_list(graph(), date.today())
    return {"types": regulation_types(regulations), "statuses": Counter(r["status"] for r in regulations),
            "regulations": len(regulations), "examples": EXAMPLE_QUESTIONS,
            "statistics": statistics_summary(public_statistics())}


def regulation_types(regulations: list[dict]) -> list[dict]:
    """[{code ("uu", as the list page's filter takes it), name, count, years: [(year, count)]}],
    in the list's order (the hierarchy of laws)."""
    types: dict[str, dict] = {}
    for regulation in regulations:
        code = (regulation["type"] or "").lower()
        entry = types.setdefault(code, {"code": code, "count": 0, "years": Counter(),
                                        "name": REGULATION_TYPES.get(regulation["type"], regulation["type"])})
        entry["count"] += 1
        entry["years"][regulation["year"]] += 1
    return [{**entry, "years": sorted(entry["years"].items(), key=lambda item: -(item[0] or 0))}
            for entry in types.values()]


def search_url(**changes) -> str:
    """This search with some parameters changed (None drops one); any filter change goes back to
    page 1, since the pages of another result set are other pages."""
    args = request.args.to_dict()
    args.pop("page", None)
    args.update({name: str(value) for name, value in changes.items() if value is not None})
    for name in [name for name, value in changes.items() if value is None]:
        args.pop(name, None)
    return f"{request.path}?{urlencode(args)}"


@pages.get("/provisions/<path:provision_id>")
def provision(provision_id):
    as_of = parse_day(request.args.get("as_of"))
    view = provision_view(graph(), provision_id, as_of)
    if view is None:
        raise NotFound(_("Tidak ada ketentuan {id}.", id=provision_id))
    # The public sees how many cases applied a provision, not which (see web/auth.py roles).
    listed = CASES_LISTED if current_user().can("researcher") else 0
    cases = cases_citing(graph(), [view["id"]], limit=listed)[view["id"]]
    return render_template("provision.html", view=view, cases=cases, changes=version_changes(view["versions"]))


def version_changes(versions: list[dict]) -> list[dict]:
    """Each amendment or revocation against the wording before it, word by word."""
    changes = []
    for before, after in zip(versions, versions[1:]):
        if after["kind"] == "insert" or before["text"] == after["text"]:
            continue  # an inserted provision has no earlier wording to compare with
        changes.append({"before": before, "after": after,
                        "diff": wording_diff(before["text"] or "", after["text"] or "")})
    return changes


def wording_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) pieces, op "same", "del" or "ins", in reading order (deletion before insertion)."""
    a, b = DIFF_TOKENS.findall(old), DIFF_TOKENS.findall(new)
    pieces = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("ins", "".join(b[j1:j2])))
    return pieces


@pages.get("/regulations", endpoint="regulations")
def regulations():
    """The loaded regulations, filtered by type (?type=uu) and year (?year=2017), with their status
    today and the laws that changed them."""
    every = regulation_list(graph(), date.today())
    types = regulation_types(every)
    kind, year = _regulation_filters(types)
    shown = [r for r in every
             if (kind is None or (r["type"] or "").lower() == kind) and (year is None or r["year"] == year)]
    return render_template("regulations.html", regulations=shown, types=types, kind=kind, year=year,
                           years=sorted({r["year"] for r in every if r["year"]}, reverse=True), total=len(every))


def _regulation_filters(types: list[dict]) -> tuple[str | None, int | None]:
    """The list's type and year filters as asked (empty: none); a type Netra holds no regulation
    of, or a year that is not one, is a clear 400."""
    kind = request.args.get("type", "").strip().lower() or None
    year = request.args.get("year", "").strip() or None
    known = [entry["code"] for entry in types]
    if kind is not None and kind not in known:
        raise BadRequest(_("type harus salah satu dari {kinds}, bukan “{value}”.", kinds=", ".join(known),
                           value=kind[:40]))
    if year is not None and not YEAR.fullmatch(year):
        raise BadRequest(_("year harus tahun empat angka seperti 2017, bukan “{value}”.", value=year[:40]))
    return kind, int(year) if year else None


@pages.get("/regulations/<path:regulation_id>")
def regulation(regulation_id):
    view = regulation_view(graph(), regulation_id, parse_day(request.args.get("as_of")))
    if view is None:
        raise NotFound(_("Tidak ada peraturan {id}.", id=regulation_id))
    return render_template("regulation.html", view=public_regulation(view, current_user()))


@pages.get("/healthz")
def health():
    """200 while the database answers, else 503; why, with where, for admins only."""
    try:
        graph().verify()
    except NetraError as exc:
        user = current_user()
        error = unavailable_text(exc, user) if isinstance(exc, DatabaseUnavailable) else public_text(str(exc), user)
        return {"status": "unavailable", "error": error}, 503
    return {"status": "ok"}
