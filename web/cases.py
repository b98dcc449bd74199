"""Cases, persons and agencies, and the paths between them: the pages and their JSON API."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

from flask import Blueprint, jsonify, render_template, request
from werkzeug.datastructures import MultiDict

from graph.case_views import CaseView, case_view, document_labels
from graph.entities import EntityView, LinkView, entity_view
from graph.network import link_degrees
from graph.precedent import find_case_id
from core.dates import parse_day
from core.errors import DatabaseUnavailable, NetraError, QueryTimeout
from graph.trace import (HUB_DEGREE, MAX_HOPS, MAX_HUB_DEGREE, MAX_PATHS, TRACE_TYPES, TracePath,
                         trace)
from search.cases import case_summaries
from search.precedent import Precedent, PrecedentSearch, precedent_search
from web.errors import STATUS
from web.auth import current_user
from web.conduct import case_suggestions
from web.i18n import N_, _, reason_in_language
from web.network import GROUP_PAGE, LINK_STATUSES, MAX_GROUP_PAGE, MAX_GROUP_PAGES, group_page, network_of
from web.privacy import case_search_query, entity_lookup, search_mask
from web.query_audit import audit_case_query
from web.services import BadRequest, NotFound, engine, found_entity, graph, resources
from web.timeline import PAGE_EVENTS, timeline_for

case_pages = Blueprint("case_pages", __name__)
case_api = Blueprint("case_api", __name__)

# An agency may be linked to thousands of cases: the page shows the first ones, the API all.
LINKS_SHOWN = 500
LINK_TYPES = TRACE_TYPES.split("|")
SIMILAR_SHOWN = 5
MAX_SIMILAR = 100
TRUE_WORDS, FALSE_WORDS = ("1", "true", "on", "yes"), ("", "0", "false", "off", "no")
HUB_CHOICES = ("allow", "exclude")
# The date window of a trace: `from` and `to` on the page and /trace; /paths calls its ends from
# and to, so there the window is date_from and date_to.
WINDOW, PATHS_WINDOW = ("from", "to"), ("date_from", "date_to")


# -- reading ----------------------------------------------------------------------------------

def find_case(case_id: str) -> CaseView:
    """The case with node id "case:t001" (or just "t001"); NotFound if there is none."""
    node_id = case_id if case_id.startswith("case:") else f"case:{case_id}"
    view = case_view(graph(), node_id)
    if view is None:
        raise NotFound(_("Tidak ada kasus {id}.", id=case_id))
    return view


def find_entity(entity_id: str) -> EntityView:
    """The person, agency or election with this id (or NIP, or name); NotFound if none, BadRequest
    if several. Viewers who see pseudonyms look persons up by pseudonym only (see web/privacy.py)."""
    lookup = entity_lookup(current_user(), entity_id)
    if lookup is None:
        raise NotFound(_("Tidak ada orang atau instansi “{text}”.", text=entity_id))
    resolve_entity(lookup, elections=True)
    return entity_view(graph(), lookup, elections=True)


def resolve_entity(text: str, elections: bool = False) -> str:
    return found_entity(text, elections)["id"]


@dataclass
class TraceQuery:
    a: str
    b: str
    k: int = 3
    max_hops: int = 4
    exclude_not_proven: bool = False
    hubs: str = "allow"  # or "exclude": no path through a node with more than hub_degree links
    hub_degree: int = HUB_DEGREE
    date_from: str | None = None  # the date window (YYYY-MM-DD, inclusive); undated links are kept
    date_to: str | None = None


def parse_trace_query(args: MultiDict, ends: tuple[str, str] = ("a", "b"),
                      window: tuple[str, str] = WINDOW) -> TraceQuery:
    """The trace parameters as typed, the two ends named `ends` and the date window's `window`;
    BadRequest for anything out of range."""
    query = TraceQuery(args.get(ends[0], "").strip(), args.get(ends[1], "").strip())
    if not query.a or not query.b:
        raise BadRequest(_("{a} dan {b} wajib diisi: dua orang atau instansi (id, NIP atau nama).",
                           a=ends[0], b=ends[1]))
    query.k = whole_number(args, "k", query.k, MAX_PATHS)
    query.max_hops = whole_number(args, "max_hops", query.max_hops, MAX_HOPS)
    flag = args.get("exclude_not_proven", "").lower()
    if flag not in TRUE_WORDS + FALSE_WORDS:
        raise BadRequest(_("exclude_not_proven harus 1 atau 0, bukan “{value}”.", value=flag))
    query.exclude_not_proven = flag in TRUE_WORDS
    hubs = args.get("hubs", "").strip().lower() or query.hubs
    if hubs not in HUB_CHOICES:
        raise BadRequest(_("hubs harus allow atau exclude, bukan “{value}”.", value=hubs))
    query.hubs = hubs
    query.hub_degree = whole_number(args, "hub_degree", query.hub_degree, MAX_HUB_DEGREE)
    since, until = parse_day_param(args, window[0]), parse_day_param(args, window[1])
    if since and until and since > until:
        raise BadRequest(_("{since} ({start}) jatuh setelah {until} ({end}).", since=window[0],
                           start=since.isoformat(), until=window[1], end=until.isoformat()))
    query.date_from, query.date_to = since and since.isoformat(), until and until.isoformat()
    return query


def whole_number(args: MultiDict, name: str, default: int, highest: int) -> int:
    """An optional whole number from 1 to `highest`, written in ASCII digits ("²" is a digit to
    str.isdigit, not to int)."""
    value = args.get(name, "").strip()
    if not value:
        return default
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= highest:
        raise BadRequest(_("{name} harus bilangan bulat dari 1 sampai {highest}, bukan “{value}”.",
                           name=name, highest=highest, value=value))
    return int(value)


def parse_day_param(args: MultiDict, name: str) -> date | None:
    """An optional date parameter; unlike `as_of`, absent means no bound rather than today."""
    return parse_day(args.get(name, "").strip() or None,
                     lambda value: BadRequest(_("{name} harus tanggal seperti 2024-10-01, bukan “{value}”.",
                                                name=name, value=value)))


def parse_link_types(args: MultiDict) -> list[str]:
    """`types=SUPPORTED,FAMILY_OF` (or the parameter repeated) -> link types; none means all."""
    wanted = [link_type.upper() for link_type in _listed(args, "types")]
    unknown = [t for t in wanted if t not in LINK_TYPES]
    if unknown:
        raise BadRequest(_("Jenis hubungan tidak dikenal: {unknown}. Pilih dari {known}.",
                           unknown=", ".join(unknown), known=", ".join(LINK_TYPES)))
    return list(dict.fromkeys(wanted))


def _listed(args: MultiDict, name: str) -> list[str]:
    """The values of a parameter given comma-separated, repeated, or both."""
    return [value.strip() for given in args.getlist(name) for value in given.split(",") if value.strip()]


def run_trace(query: TraceQuery) -> list[TracePath]:
    """Unknown ends are 404, ambiguous ones 400, like the entity pages; a search for paths that runs
    past the trace timeout (Settings.trace_timeout) is stopped by the database: 503."""
    a, b = resolve_entity(query.a), resolve_entity(query.b)
    seconds = resources().settings.trace_timeout
    try:
        return trace(graph(), a, b, k=query.k, max_hops=query.max_hops, exclude_not_proven=query.exclude_not_proven,
                     exclude_hubs=query.hubs == "exclude", hub_degree=query.hub_degree,
                     since=_day(query.date_from), until=_day(query.date_to), timeout=seconds)
    except QueryTimeout:
        raise QueryTimeout(_(
            "Pencarian jalur melebihi {seconds} detik dan dihentikan. Kurangi langkah, jalur, atau abaikan simpul pusat.",
            seconds=format(seconds, "g"))) from None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def named_documents(document_ids) -> dict[str, dict]:
    """The title, date and kind of each document a page's evidence names, to show instead of its
    id (templates/_evidence.html)."""
    return document_labels(graph(), document_ids)


def case_document_ids(view: CaseView) -> list[str]:
    return ([document["id"] for document in view.documents] + [s["document_id"] for s in view.sanctions]
            + [link.document_id for person in view.people for link in person.links])


# -- pages ------------------------------------------------------------------------------------

@case_pages.get("/cases/<path:case_id>")
def case(case_id):
    """The case, without the provisions it likely breaks and its similar cases: each is a search
    of its own (a tenth of a second to a second or more each on 2,000 cases), which the page loads
    after it (`suggestions_page`, `similar_cases_page`)."""
    view = find_case(case_id)
    return render_template("case.html", view=view, timeline=timeline_for("Case", view.id),
                           documents=named_documents(case_document_ids(view)))


@case_pages.get("/cases/<path:case_id>/suggestions", endpoint="suggestions")
def suggestions_page(case_id):
    """The provisions a case likely breaks (web/conduct.py): a page of its own for a browser
    without JavaScript, and the part static/load-after.js puts into the case page."""
    view = find_case(case_id)
    return render_template("case_suggestions.html", view=view, conduct=case_suggestions(view))


@case_pages.get("/cases/<path:case_id>/similar", endpoint="similar")
def similar_cases_page(case_id):
    """A case's similar cases with their reasons: a page of its own for a browser without
    JavaScript, and the list static/load-after.js puts into the case page."""
    found = find_case_id(graph(), case_id)
    if found is None:
        raise NotFound(_("Tidak ada kasus {id}.", id=case_id))
    audit_case_query("similar_cases", request.args, subject=found)
    similar, similar_error = [], None
    try:
        similar = find_similar(case_id=found, k=SIMILAR_SHOWN)
    except DatabaseUnavailable:
        raise
    except NetraError as exc:  # no case index yet: say so where the list would be
        similar_error = str(exc)
    return render_template("case_similar.html", case_id=found, number=case_number(found), similar=similar,
                           similar_error=similar_error, reason_text=reason_text)


@case_pages.get("/entities/<path:entity_id>")
def entity(entity_id):
    """The entity, its drawing and its links table, both filtered by the form's parameters."""
    view = find_entity(entity_id)
    network_filter = parse_network_filter(request.args)
    links = filtered_links(view.links, **network_filter)
    return render_template("entity.html", view=view, links=links[:LINKS_SHOWN], matching=len(links),
                           documents=named_documents(link.document_id for link in links[:LINKS_SHOWN]),
                           network=network_of(view, links, neighbour_degrees(links), hub_degree_param(request.args)),
                           network_filter=network_filter, link_types=sorted({link.type for link in view.links}),
                           link_statuses=LINK_STATUSES, timeline=timeline_for(view.label, view.id, PAGE_EVENTS))


@case_pages.get("/trace", endpoint="trace")
def trace_page():
    """The form, and the paths once both ends are given; a bad query is shown on the form."""
    form = TraceQuery(request.args.get("a", ""), request.args.get("b", ""))
    paths, error, status = None, None, 200
    if "a" in request.args or "b" in request.args:
        try:
            form = parse_trace_query(request.args)
            paths = run_trace(form)
        except DatabaseUnavailable:
            raise
        except NetraError as exc:
            error, status = str(exc), _status_of(exc)
    return render_template("trace.html", form=form, paths=paths, error=error,
                           documents=named_documents(hop.document_id for path in paths or () for hop in path.hops),
                           max_paths=MAX_PATHS, max_hops=MAX_HOPS, max_hub_degree=MAX_HUB_DEGREE), status


def _status_of(exc: NetraError) -> int:
    return next(status for kind, (status, _code) in STATUS.items() if isinstance(exc, kind))


def case_number(case_id: str) -> str:
    """A case's register number, or its id when it has none (as the case page's heading says)."""
    return case_summaries(graph(), [case_id]).get(case_id, {}).get("number") or case_id


def find_similar(case_id: str | None = None, text: str | None = None, k: int = SIMILAR_SHOWN) -> list[Precedent]:
    """Past cases like a case or a description (search.precedent), facts compared on the case
    semantic index when there is one, else on the case keyword index, as `netra similar` does;
    for a viewer who sees masked data, on facts without what the mask hides."""
    return search_precedent(case_id, text, k).results


def search_precedent(case_id: str | None = None, text: str | None = None, k: int = SIMILAR_SHOWN) -> PrecedentSearch:
    """`find_similar`, with the conduct compared on (a description's: read from its closest cases
    on the case keyword index)."""
    search = engine()
    return precedent_search(graph(), search.case_retriever(), case_id=case_id, text=text, k=k,
                            mask=search_mask(current_user()), conduct_index=search.case_keyword)


# Precedent reasons are English sentences (search.precedent._precedent); these read them back
# into their parts so that the page can say them in its language. The conduct's label and the
# citations are Indonesian in either language. ("cites the same" and "same act" are the words of
# earlier versions, still read.)
REASONS = (
    (re.compile(r"similar facts \((?P<share>[\d.]+) of the closest\)"), N_("fakta serupa ({share} dari yang terdekat)")),
    (re.compile(r"(?:applies|cites) the same (?P<cited>.+) and (?P<more>\d+) more"),
     N_("menerapkan ketentuan yang sama: {cited} dan {more} lainnya")),
    (re.compile(r"(?:applies|cites) the same (?P<cited>.+)"), N_("menerapkan ketentuan yang sama: {cited}")),
    (re.compile(r"same conduct: (?P<act>.+)"), N_("perbuatan yang sama: {act}")),
    (re.compile(r"same act: (?P<act>.+)"), N_("perbuatan yang sama: {act}")),
    (re.compile(r"same sanction level: (?P<levels>.+)"), N_("tingkat sanksi yang sama: {levels}")),
)


def reason_text(reason: str) -> str:
    """A precedent's reason in the page's language; one not recognised as written."""
    return reason_in_language(reason, REASONS)


def parse_network_filter(args: MultiDict) -> dict:
    return {"types": parse_link_types(args), "statuses": parse_link_statuses(args),
            "since": parse_day_param(args, "from"), "until": parse_day_param(args, "to")}


def parse_link_statuses(args: MultiDict) -> list[str]:
    """`status=proven,alleged` (or the parameter repeated) -> statuses; "none" is a link without
    one (a case's FOUND_BY); none given means all."""
    wanted = [status.lower() for status in _listed(args, "status")]
    unknown = [status for status in wanted if status not in LINK_STATUSES]
    if unknown:
        raise BadRequest(_("Status hubungan tidak dikenal: {unknown}. Pilih dari {known}.",
                           unknown=", ".join(unknown), known=", ".join(LINK_STATUSES)))
    return list(dict.fromkeys(wanted))


def filtered_links(links: list[LinkView], types: list[str], statuses: list[str], since: date | None,
                   until: date | None) -> list[LinkView]:
    """The links of the given types and statuses dated within [since, until]; with a date bound,
    an undated link is left out (nothing says it falls inside)."""
    kept = [link for link in links if (not types or link.type in types)
            and (not statuses or (link.status or "none") in statuses)]
    if since or until:
        kept = [link for link in kept if _dated_within(link.date, since, until)]
    return kept


def _dated_within(value: str | None, since: date | None, until: date | None) -> bool:
    try:
        day = date.fromisoformat((value or "")[:10])
    except ValueError:
        return False
    return (since is None or since <= day) and (until is None or day <= until)


def neighbour_degrees(links: list[LinkView]) -> dict[str, int]:
    """How many links each neighbour has in the whole graph (for telling hubs: graph/network.py)."""
    return link_degrees(graph(), ((link.other_id, link.other_label) for link in links))


def hub_degree_param(args: MultiDict) -> int:
    return whole_number(args, "hub_degree", HUB_DEGREE, MAX_HUB_DEGREE)


def group_json(view: EntityView, links: list[LinkView], hub_degree: int, args: MultiDict) -> dict:
    """`group=KEY&page=N&page_size=M`: one page of a group's members (web/network.py group_page)."""
    key = args.get("group", "").strip()
    page = group_page(view, links, neighbour_degrees(links), hub_degree, key,
                      whole_number(args, "page", 1, MAX_GROUP_PAGES),
                      whole_number(args, "page_size", GROUP_PAGE, MAX_GROUP_PAGE))
    if page is None:
        raise NotFound(_("{name} tidak punya kelompok hubungan “{group}” (dengan saringan ini).",
                         name=view.name, group=key[:100]))
    return page


# -- JSON API (registered under /api/v1) -------------------------------------------------------

@case_api.get("/cases/<path:case_id>", endpoint="case")
def case_json(case_id):
    return jsonify(find_case(case_id).to_json())


@case_api.get("/entities/<path:entity_id>", endpoint="entity")
def entity_json(entity_id):
    return jsonify(find_entity(entity_id).to_json())


@case_api.get("/entities/<path:entity_id>/network", endpoint="network")
def network_json(entity_id):
    view = find_entity(entity_id)
    network_filter = parse_network_filter(request.args)
    links = filtered_links(view.links, **network_filter)
    hub_degree = hub_degree_param(request.args)
    drawn = (group_json(view, links, hub_degree, request.args) if request.args.get("group", "").strip()
             else network_of(view, links, neighbour_degrees(links), hub_degree))
    return jsonify({"id": view.id, "types": network_filter["types"], "status": network_filter["statuses"],
                    "from": network_filter["since"], "to": network_filter["until"], **drawn})


@case_api.get("/trace", endpoint="trace")
def trace_json():
    query = parse_trace_query(request.args)
    return jsonify({"query": asdict(query), "paths": [path.to_json() for path in run_trace(query)]})


@case_api.get("/paths", endpoint="paths")
def paths_json():
    """/trace with the ends called from and to (and so the date window date_from and date_to)."""
    query = parse_trace_query(request.args, ends=("from", "to"), window=PATHS_WINDOW)
    return jsonify({"query": asdict(query), "paths": [path.to_json() for path in run_trace(query)]})


@case_api.get("/similar", endpoint="similar")
def similar_json():
    """case=ID or q=description, k."""
    case_id, text = request.args.get("case", "").strip(), request.args.get("q", "").strip()
    if bool(case_id) == bool(text):
        raise BadRequest(_("Berikan case (id atau nomor register kasus) atau q (uraian kasus), salah satu saja."))
    audit_case_query("similar_cases", request.args, subject=case_id)
    if case_id and find_case_id(graph(), case_id) is None:
        raise NotFound(_("Tidak ada kasus {id}.", id=case_id))
    k = whole_number(request.args, "k", 10, MAX_SIMILAR)
    text = case_search_query(current_user(), text) if text else text
    found = search_precedent(case_id=case_id or None, text=text or None, k=k)
    return jsonify({"query": {"case": case_id or None, "q": text or None, "k": k},
                    "conduct": found.conduct.to_json() if found.conduct else None,
                    "results": [result.to_json() for result in found.results]})
