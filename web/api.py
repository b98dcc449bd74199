"""The JSON API under /api/v1."""

from __future__ import annotations

import json
from datetime import date

from flask import Blueprint, current_app, jsonify, request
from werkzeug.datastructures import MultiDict

from graph.alerts import MAX_PAGE_SIZE as ALERT_PAGE_SIZE, PATTERNS as ALERT_PATTERNS, STATE_FILTERS as ALERT_STATES
from graph.regulation_views import provision_view, regulation_view
from graph.trace import HUB_DEGREE, MAX_HOPS, MAX_HUB_DEGREE, MAX_PATHS
from web.review import MAX_PAGE as REVIEW_MAX_PAGE
from web.network import GROUP_PAGE, GROUP_SIZE, LINK_STATUSES, MAX_GROUP_PAGE, MAX_GROUP_PAGES, NETWORK_NODES
from search.conduct import BUNDLE_FROM, ROLES
from search.facets import FACETS, FILTER_PARAMS, KINDS, MAX_PAGE_SIZE, PAGE_SIZE, RESULT_WINDOW, SearchPage, \
    faceted_search, filter_params
from web.auth import current_user
from graph.timeline import EVENT_TYPES, MAX_EVENTS
from web.security import public_regulation
from web.cases import whole_number
from web.conduct import conduct_bundle_for
from web.i18n import _
from web.limits import MAX_PARAMETER_CHARS
from web.privacy import case_search_query, search_mask
from web.query_audit import audit_case_query
from web.services import BadRequest, NotFound, engine, graph, parse_day

api = Blueprint("api", __name__)


@api.get("/search")
def search():
    """q, type (provision|case|all), mode, as_of, page, page_size (or k); filters for provisions
    regulation_type, year, level, status; for cases region, election, year, act, sanction, outcome."""
    if not request.args.get("q", "").strip():
        raise BadRequest("q is required: a question or a citation.")
    return jsonify(run_search(request.args).to_json())


def run_search(args: MultiDict) -> SearchPage:
    """The search a page or API URL asks for (provisions unless `type` says otherwise);
    BadRequest for a parameter out of range."""
    kind = args.get("type") or "provision"
    if kind not in KINDS:
        raise BadRequest(_("type harus salah satu dari {kinds}, bukan “{value}”.", kinds=", ".join(KINDS),
                           value=kind))
    if kind != "provision":  # case data: who searched it for what is on record
        audit_case_query("search_cases", args)
    page_size = whole_number(args, "page_size", whole_number(args, "k", PAGE_SIZE, MAX_PAGE_SIZE), MAX_PAGE_SIZE)
    query = args.get("q", "") if kind == "provision" else case_search_query(current_user(), args.get("q", ""))
    # The search form always sends a date, today's unless changed: today's leaves the date of the
    # conduct to the question ("... pada 1 Mei 2019"), as no date would, for results and bundle alike.
    as_of = parse_day(args.get("as_of"))
    as_of = None if as_of == date.today() else as_of
    found = faceted_search(engine(), query, kind=kind,
                           filters={param: args[param] for param in filter_params(kind) if param in args},
                           page=whole_number(args, "page", 1, 2 * RESULT_WINDOW), page_size=page_size,
                           mode=args.get("mode", "hybrid"), as_of=as_of, mask=search_mask(current_user()))
    if kind == "provision" and found.page == 1:
        # The page's own results serve when they are what the bundle would search for.
        same = args.get("mode", "hybrid") == "hybrid" and not found.filters and len(found.results) >= BUNDLE_FROM
        found.conduct = conduct_bundle_for(engine, query, as_of, results=found.results if same else None)
    return found


@api.get("/provisions/<path:provision_id>")
def provision(provision_id):
    view = provision_view(graph(), provision_id, parse_day(request.args.get("as_of")))
    if view is None:
        raise NotFound(f"No provision {provision_id}.")
    return jsonify(view)


@api.get("/regulations/<path:regulation_id>")
def regulation(regulation_id):
    view = regulation_view(graph(), regulation_id, parse_day(request.args.get("as_of")))
    if view is None:
        raise NotFound(f"No regulation {regulation_id}.")
    return jsonify(public_regulation(view, current_user()))


@api.get("/openapi.json")
def openapi():
    """Written here, with no data in it: sent as it is, not through the viewer's mask (which would
    take its `nip` and `name` schemas for personal data)."""
    return current_app.response_class(json.dumps(OPENAPI, ensure_ascii=False), mimetype="application/json")


def _parameter(name: str, where: str, description: str, schema: dict, required: bool = False) -> dict:
    if where == "query" and schema.get("type") == "string":
        schema = {**schema, "maxLength": MAX_PARAMETER_CHARS}  # longer is a 400 (web/limits.py)
    return {"name": name, "in": where, "required": required or where == "path", "description": description,
            "schema": schema}


def _json(schema_name: str, description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}}}


def _operation(summary: str, parameters: list[dict], ok: str, errors: dict[str, str],
               description: str | None = None) -> dict:
    responses = {"200": _json(ok, "OK")}
    responses.update({status: _json("Error", description) for status, description in errors.items()})
    operation = {"summary": summary, "parameters": parameters, "responses": responses}
    return {"get": {**operation, "description": description} if description else operation}


def _search_filter_params() -> dict[str, list[str]]:
    """Each filter parameter of /search and the result types it applies to."""
    params: dict[str, list[str]] = {}
    for kind, names in FILTER_PARAMS.items():
        for param in names:
            params.setdefault(param, []).append(kind)
    return params


AS_OF = _parameter("as_of", "query", "The law as it stood on this date (default: today).",
                   {"type": "string", "format": "date"})
ID_NOTE = "Ids are paths and are sent as they are, slashes included (e.g. `uu/2014/5/pasal-9/ayat-2`)."
LINK_STATUS = {"type": "string", "nullable": True, "enum": ["alleged", "proven", "not_proven", None]}
EVIDENCE = {"document_id": {"type": "string", "nullable": True},
            "start": {"type": "integer", "nullable": True, "description": "character offset in the document"},
            "end": {"type": "integer", "nullable": True},
            "sentence": {"type": "string", "nullable": True, "description": "the sentence stating it"}}
ANY_OBJECT = {"type": "object", "additionalProperties": True}
# What a provision's status rests on (graph.regulation_views.status_change): `note` in parts.
STATUS_CHANGE = {"type": "object", "nullable": True, "required": ["kind", "citation", "date"], "properties": {
    "kind": {"type": "string", "enum": ["amended", "revoked", "not yet in force"], "description": "the status"},
    "citation": {"type": "string", "nullable": True, "description": "the law that made it so, e.g. UU 10/2016"},
    "date": {"type": "string", "format": "date", "nullable": True, "description": "from when"}},
    "description": "null when in force"}
TRACE_NODE = {"type": "object", "properties": {
    "id": {"type": "string"}, "name": {"type": "string"}, "label": {"type": "string"},
    "degree": {"type": "integer", "description": "links of the traced types"}}}
TRACE_OPTIONS = [
    _parameter("k", "query", "How many paths.",
               {"type": "integer", "minimum": 1, "maximum": MAX_PATHS, "default": 3}),
    _parameter("max_hops", "query", "Longest path.",
               {"type": "integer", "minimum": 1, "maximum": MAX_HOPS, "default": 4}),
    _parameter("exclude_not_proven", "query", "1 to leave out links whose status is not_proven.",
               {"type": "string", "enum": ["0", "1"], "default": "0"}),
    _parameter("hubs", "query", "`allow`: paths through hubs (nodes between the ends with more than `hub_degree` "
                                "links) are kept and ranked lower; `exclude`: left out.",
               {"type": "string", "enum": ["allow", "exclude"], "default": "allow"}),
    _parameter("hub_degree", "query", "Links above which a node is a hub.",
               {"type": "integer", "minimum": 1, "maximum": MAX_HUB_DEGREE, "default": HUB_DEGREE})]
TRACE_DESCRIPTION = (
    "Simple paths only (no entity twice in a path), over the resolved layer. Ranked by `score`, lowest first: "
    "hops + the sum of log10(degree) over the nodes between the ends (degree: links of the traced types) + a "
    "quarter hop per step of status below proven (alleged 0.25, no status 0.5, not_proven 0.75); ties: fewer "
    "hops, stronger statuses, ids. The same function and order as the /trace page and `netra trace`.")


def _window(since: str, until: str) -> list[dict]:
    day = {"type": "string", "format": "date"}
    return [_parameter(since, "query", "Only links dated on or after this day; links without a date are kept "
                                       "(their hop says `window: undated`).", day),
            _parameter(until, "query", "Only links dated on or before this day; links without a date are kept.", day)]


TRACE_ERRORS = ("missing or ambiguous, a bad k, max_hops, flag, hubs, hub_degree or date, a window that ends before "
                "it starts, or both ends the same")
FACET_VALUES = {"type": "array", "items": {"type": "object", "properties": {
    "value": {"type": "string", "description": "what the filter parameter of the same name takes"},
    "label": {"type": "string"}, "count": {"type": "integer", "description": "results it keeps"},
    "selected": {"type": "boolean"}}}}

def _export_operation() -> dict:
    """The one endpoint that answers with a file, not JSON."""
    file = {"schema": {"type": "string", "format": "binary"}}
    return {"get": {
        "summary": "The case layer as a file (researchers get it pseudonymised and masked, like every page)",
        "parameters": [_parameter("format", "query", "jsonl, ftm (FollowTheMoney), graphml or csv (a zip).",
                                  {"type": "string", "enum": ["jsonl", "ftm", "graphml", "csv"], "default": "jsonl"}),
                       _parameter("lang", "query", "csv: the language of the words given beside the codes "
                                  "(columns ending in _text).",
                                  {"type": "string", "enum": ["en", "id"], "default": "en"})],
        "responses": {"200": {"description": "A download", "content": {
                          "application/x-ndjson": file, "application/xml": file, "application/zip": file}},
                      "400": _json("Error", "an unknown format")}}}


OPENAPI = {
    "openapi": "3.0.3",
    "info": {"title": "Netra API", "version": "1",
             "description": "Indonesian regulations and case records on the neutrality of civil servants "
                            "(ASN) in elections. Every error is JSON: `{\"error\": {status, code, message}}`. "
                            "Regulations, provision search and statistics are open; cases, people, similar "
                            "cases and exports need a session of a researcher (pseudonymised, NIP masked) or "
                            "investigator account (log in at /login), traces an investigator: without one "
                            "the answer is 401, with too weak a role 403."},
    "servers": [{"url": "/api/v1"}],
    "paths": {
        "/search": _operation(
            "Provisions or cases (or both, mixed) answering a question or a citation, a page at a time, "
            "with facet counts",
            [_parameter("q", "query", "A question in everyday Indonesian or a citation.", {"type": "string"}, True),
             _parameter("mode", "query", "Retrieval mode.",
                        {"type": "string", "enum": ["hybrid", "keyword", "semantic"], "default": "hybrid"}),
             _parameter("type", "query", "What to search; `all` mixes provisions and cases by score and searches "
                                         "only the kinds every given filter applies to.",
                        {"type": "string", "enum": list(KINDS), "default": "provision"}),
             AS_OF,
             _parameter("page", "query", "Which page, from 1.",
                        {"type": "integer", "minimum": 1, "maximum": 2 * RESULT_WINDOW, "default": 1}),
             _parameter("page_size", "query", "Results per page.",
                        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": PAGE_SIZE}),
             _parameter("k", "query", "Results per page, as before pages existed; `page_size` wins.",
                        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": PAGE_SIZE}),
             *[_parameter(param, "query", f"Filter ({' or '.join(kinds)} results); the `value` of a facet.",
                          {"type": "string"})
               for param, kinds in _search_filter_params().items()]],
            "SearchResults", {"400": "q missing, or a bad mode, type, as_of, page, page_size, k or filter"}),
        "/provisions/{provision_id}": _operation(
            "A provision as in force on a date: text, status, versions, children",
            [_parameter("provision_id", "path", ID_NOTE, {"type": "string"}), AS_OF],
            "Provision", {"400": "bad as_of", "404": "no such provision"}),
        "/regulations/{regulation_id}": _operation(
            "A regulation as in force on a date: status, relations, contents",
            [_parameter("regulation_id", "path", ID_NOTE, {"type": "string"}), AS_OF],
            "Regulation", {"400": "bad as_of", "404": "no such regulation"}),
        "/cases/{case_id}": _operation(
            "A case: stages, outcome, region, election, people with their links and evidence, sanctions, documents",
            [_parameter("case_id", "path", "The case id, `case:t001` or `t001`. " + ID_NOTE, {"type": "string"})],
            "Case", {"404": "no such case"}),
        "/entities/{entity_id}": _operation(
            "A person, agency or election: names seen, NIP, positions, agencies, cases, links with status and "
            "evidence",
            [_parameter("entity_id", "path", "An id (`person:…`, `agency:…`, `election:…`), a NIP or a name.",
                        {"type": "string"})],
            "Entity", {"400": "the name fits several entities", "404": "no such person, agency or election"}),
        "/cases/{case_id}/timeline": _operation(
            "What happened when in a case: its conduct, each step (finding or report, review, recommendation, "
            "decision), its sanctions and the dated links of its people, each with its document and evidence "
            f"sentence, sorted by date, undated events last (at most {MAX_EVENTS}; `more` counts the rest)",
            [_parameter("case_id", "path", "The case id, `case:t001` or `t001`. " + ID_NOTE, {"type": "string"})],
            "Timeline", {"404": "no such case"}),
        "/entities/{entity_id}/timeline": _operation(
            "What happened when for a person (its links, and the steps and sanctions of the cases it is the "
            "respondent in), an agency (the steps it took, the sanctions it imposed, dated links to it, reports "
            "naming it) or an election (everything about its cases, reports naming it); sorted by date, undated "
            f"events last (at most {MAX_EVENTS}; `more` counts the rest)",
            [_parameter("entity_id", "path", "An id (`person:…`, `agency:…`, `election:…`), a NIP or a name "
                                             "(researchers: a pseudonym or an agency or election id).",
                        {"type": "string"})],
            "Timeline", {"400": "the name fits several entities", "404": "no such person, agency or election"}),
        "/trace": _operation(
            "The k strongest simple paths between two entities, each hop with its status and evidence",
            [_parameter("a", "query", "One end: id, NIP or name.", {"type": "string"}, True),
             _parameter("b", "query", "The other end.", {"type": "string"}, True),
             *TRACE_OPTIONS, *_window("from", "to")],
            "Trace", {"400": "a or b " + TRACE_ERRORS, "404": "an end names no person or agency"}, TRACE_DESCRIPTION),
        "/paths": _operation(
            "The same as /trace, with the ends called from and to (so the date window is date_from and date_to)",
            [_parameter("from", "query", "One end: id, NIP or name.", {"type": "string"}, True),
             _parameter("to", "query", "The other end.", {"type": "string"}, True), *TRACE_OPTIONS,
             *_window("date_from", "date_to")],
            "Trace", {"400": "from or to " + TRACE_ERRORS, "404": "an end names no person or agency"},
            TRACE_DESCRIPTION),
        "/entities/{entity_id}/network": _operation(
            "The network the entity page draws: the entity, its neighbours, one edge per neighbour and link type "
            "with the strongest status. Neighbours that are hubs (more than `hub_degree` links, as in /trace) are "
            f"one group per kind when there are two or more; more than {GROUP_SIZE} neighbours of one kind, link "
            f"type and direction are one group; past {NETWORK_NODES} neighbours drawn alone, the largest sets are "
            "grouped too. A group is a node (label `Group`, with `group`, its key, `of` and `size`) and an edge per "
            "link type with `count`. With `group=KEY` the answer is a page of that group's members instead "
            "(strongest status first): `total`, `page`, `page_size`, `more`, `rest_name`, `nodes`, `edges`.",
            [_parameter("entity_id", "path", "An id (`person:…`, `agency:…`), a NIP or a name.",
                        {"type": "string"}),
             _parameter("types", "query", "Only these link types, comma-separated (or the parameter repeated).",
                        {"type": "string", "example": "SUPPORTED,FAMILY_OF"}),
             _parameter("from", "query", "Only links dated on or after this day (undated links are left out).",
                        {"type": "string", "format": "date"}),
             _parameter("to", "query", "Only links dated on or before this day (undated links are left out).",
                        {"type": "string", "format": "date"}),
             _parameter("status", "query", f"Only links of these statuses ({', '.join(LINK_STATUSES)}; `none`: "
                        "links without one), comma-separated (or the parameter repeated).",
                        {"type": "string", "example": "proven,alleged"}),
             _parameter("hub_degree", "query", "Links above which a neighbour is a hub.",
                        {"type": "integer", "minimum": 1, "maximum": MAX_HUB_DEGREE, "default": HUB_DEGREE}),
             _parameter("group", "query", "A group's key (a group node's `group`, e.g. `FOUND_BY:in:Case`, "
                        "`hubs:Agency`): answer with a page of its members.", {"type": "string"}),
             _parameter("page", "query", "With group: which page, from 1.",
                        {"type": "integer", "minimum": 1, "maximum": MAX_GROUP_PAGES, "default": 1}),
             _parameter("page_size", "query", "With group: members per page.",
                        {"type": "integer", "minimum": 1, "maximum": MAX_GROUP_PAGE, "default": GROUP_PAGE})],
            "Network", {"400": "an unknown link type or status, a bad date or number, or the name fits several "
                               "entities",
                        "404": "no such person or agency, or no such group (with these filters)"}),
        "/similar": _operation(
            "Precedent: past cases like a case or a description, ranked by the same conduct, similar facts, the "
            "provisions applied and the sanction level (score_parts act, facts, provisions, sanction), with the "
            "reasons in words (\"same conduct: kampanye melalui media sosial\", \"applies the same Pasal 5 huruf "
            "n angka 1 PP 94/2021\", \"same sanction level: sedang\"). `conduct`: the case's act, or the act q "
            "was read as from the past cases closest to its words (act, label, share of their votes, votes, the "
            "words compared; null if none); `act_code`: each result's act",
            [_parameter("case", "query", "A case id (`case:t001`, `t001`) or register number; or give q.",
                        {"type": "string"}),
             _parameter("q", "query", "A description of conduct, or a case document's text: what was done is "
                                      "compared, its names, offices, places, dates and numbers left out; its "
                                      "citations count as its provisions, the sanction level it recommends or "
                                      "imposes as its level.", {"type": "string"}),
             _parameter("k", "query", "How many cases.", {"type": "integer", "minimum": 1, "maximum": 100,
                                                          "default": 10})],
            "Similar", {"400": "neither or both of case and q, a bad k, or no case index built",
                        "404": "no such case"}),
        "/alerts": _operation(
            "Alerts: the findings of the saved patterns, evaluated after every case ingest, newest first, each with "
            "its state and evidence (investigators and admins)",
            [_parameter("pattern", "query", "Only this pattern: candidate_tie (a civil servant with a family, "
                                            "appointment or employment tie to a candidate in an election both are "
                                            "active in), repeat_respondent (a civil servant in two or more cases), "
                                            "stalled_sanction (a sanction recommended, no decision after "
                                            "NETRA_ALERT_DECISION_DAYS days).",
                        {"type": "string", "enum": list(ALERT_PATTERNS)}),
             _parameter("state", "query", "open: new and seen; resolved: no longer holds (a dismissed alert stays "
                                          "dismissed).", {"type": "string", "enum": list(ALERT_STATES), "default": "open"}),
             _parameter("after", "query", "Start after this alert: the `next` of the page before (newest first).",
                        {"type": "string"}),
             _parameter("page_size", "query", "Alerts per page.",
                        {"type": "integer", "minimum": 1, "maximum": ALERT_PAGE_SIZE, "default": 50})],
            "Alerts", {"400": "a bad pattern, state, after or page_size"}),
        "/review": _operation(
            "The merge review queue: pairs of person (or agency) records entity resolution could not settle, most "
            "impact first (impact: the cases and links of the two persons, which a merge joins), each with both "
            "records and their evidence (investigators and admins; the /review page decides)",
            [_parameter("region", "query", "Only pairs with a record from a case in this region (id or name).",
                        {"type": "string"}),
             _parameter("election", "query", "Only pairs with a record from a case in this election (id or name); "
                                             "with region, a record from a case in both.", {"type": "string"}),
             _parameter("after", "query", "The `next` cursor of a page: the page after it (any depth, as fast as "
                                          "the first).", {"type": "string"}),
             _parameter("before", "query", "The `previous` cursor of a page: the page before it.", {"type": "string"}),
             _parameter("page", "query", "Without a cursor, the page to skip to (slower the deeper); with one, "
                                         "the number given back.",
                        {"type": "integer", "minimum": 1, "maximum": REVIEW_MAX_PAGE, "default": 1})],
            "ReviewQueue", {"400": "an unknown region or election, a bad cursor or page, or both after and before"}),
        "/openapi.json": _operation("This document", [], "OpenAPI", {}),
        "/statistics": _operation("Aggregated case statistics (counts only; open to everyone)", [], "Statistics", {}),
        "/export": _export_operation(),
    },
    "components": {"schemas": {
        "Error": {"type": "object", "required": ["error"], "properties": {"error": {
            "type": "object", "required": ["status", "code", "message"],
            "properties": {"status": {"type": "integer"}, "code": {"type": "string"}, "message": {"type": "string"}}}}},
        "SearchResults": {"type": "object", "properties": {
            "query": {"type": "string"}, "type": {"type": "string", "enum": list(KINDS)}, "filters": ANY_OBJECT,
            "page": {"type": "integer"}, "page_size": {"type": "integer"},
            "total": {"type": "integer", "description": f"results ranked (at most {RESULT_WINDOW} per kind)"},
            "has_more": {"type": "boolean", "description": "a next page exists"},
            "facets": {"type": "object", "description": "per filter parameter, its values among all the results",
                       "properties": {name: FACET_VALUES for kind in FACETS for name in FACETS[kind]}},
            "results": {"type": "array", "items": {"type": "object", "additionalProperties": True, "properties": {
                "id": {"type": "string"}, "kind": {"type": "string", "enum": ["provision", "case"]},
                "ref": ANY_OBJECT, "citation": {"type": "string"},
                "snippet": {"type": "string", "description": "HTML with <mark>"},
                "score": {"type": "number"}, "score_parts": ANY_OBJECT, "status": {"type": "string"},
                "note": {"type": "string", "description": "the status change in English words (provisions)"},
                "change": STATUS_CHANGE}}},
            "conduct": {"allOf": [{"$ref": "#/components/schemas/ConductBundle"}], "nullable": True,
                        "description": "When the question describes conduct (\"kepala dinas mengajak pegawai "
                                       "memilih pasangan nomor 1\"): the prohibition it breaks, the disciplinary "
                                       "sanction and the criminal provision where there is one, on page 1 of a "
                                       "provision search; null otherwise (another type, a later page, a "
                                       "citation or a question about no conduct)"}}},
        "ConductBundle": {"type": "object", "required": ["as_of", "date_from_question", "items"], "properties": {
            "as_of": {"type": "string", "format": "date",
                      "description": "the date of the conduct every status is on: one the question names "
                                     "(date_from_question) or as_of (an as_of of today counts as none: a "
                                     "date in the question may decide), else today"},
            "date_from_question": {"type": "boolean", "description": "as_of is a date the question names"},
            "items": {"type": "array", "description": "best first within each role",
                      "items": {"$ref": "#/components/schemas/ConductItem"}}}},
        "ConductItem": {"type": "object", "required": ["role", "id", "citation", "text", "status", "note", "change",
                                                "reasons"],
                        "properties": {
            "role": {"type": "string", "enum": list(ROLES),
                     "description": "prohibition: the rule the conduct breaks; sanction: the disciplinary sanction "
                                    "(level and type); criminal: the criminal provision"},
            "id": {"type": "string", "description": "the provision's id, for /provisions/{provision_id}"},
            "citation": {"type": "string"}, "text": {"type": "string", "description": "plain text, not HTML"},
            "status": {"type": "string", "enum": ["in force", "amended", "revoked", "not yet in force"],
                       "description": "on the bundle's as_of"},
            "note": {"type": "string", "description": "what the status rests on (may be empty)"},
            "change": STATUS_CHANGE,
            "reasons": {"type": "array", "items": {"type": "string"},
                        "description": "why this provision was chosen"}}},
        "Provision": {"type": "object", "properties": {
            "id": {"type": "string"}, "ref": ANY_OBJECT, "citation": {"type": "string"},
            "as_of": {"type": "string", "format": "date"},
            "status": {"type": "string", "enum": ["in force", "amended", "revoked", "not yet in force"]},
            "change": STATUS_CHANGE,
            "text": {"type": "string", "nullable": True}, "own_text": {"type": "string", "nullable": True},
            "versions": {"type": "array", "items": ANY_OBJECT}, "children": {"type": "array", "items": ANY_OBJECT},
            "elucidation": {"type": "string", "nullable": True}, "breadcrumb": {"type": "array", "items": ANY_OBJECT},
            "regulation": ANY_OBJECT, "source": ANY_OBJECT}},
        "Regulation": {"type": "object", "properties": {
            "id": {"type": "string"}, "citation": {"type": "string"}, "title": {"type": "string", "nullable": True},
            "status": {"type": "string"}, "as_of": {"type": "string", "format": "date"},
            "relations": {"type": "array", "items": ANY_OBJECT}, "children": {"type": "array", "items": ANY_OBJECT},
            "toc": {"type": "array", "items": ANY_OBJECT}}},
        "CaseLink": {"type": "object", "properties": {
            "type": {"type": "string", "example": "SUPPORTED"}, "other_id": {"type": "string"},
            "other_name": {"type": "string", "nullable": True}, "other_label": {"type": "string"},
            "status": LINK_STATUS, "detail": {"type": "string", "nullable": True},
            "date": {"type": "string", "nullable": True}, **EVIDENCE}},
        "Case": {"type": "object", "properties": {
            "id": {"type": "string"}, "number": {"type": "string", "nullable": True},
            "stage": {"type": "string", "nullable": True,
                      "enum": ["temuan", "laporan", "kajian", "rekomendasi", "keputusan_ppk", None]},
            "outcome": {"type": "string", "enum": ["pending", "proven", "not_proven", "dismissed", "mixed"]},
            "source": {"type": "string", "nullable": True}, "act": {"type": "string", "nullable": True},
            "act_date": {"type": "string", "nullable": True},
            "regions": {"type": "array", "items": ANY_OBJECT}, "elections": {"type": "array", "items": ANY_OBJECT},
            "timeline": {"type": "array", "items": {"type": "object", "properties": {
                "step": {"type": "string",
                         "enum": ["temuan_laporan", "kajian", "rekomendasi", "keputusan_ppk", "sanksi"]},
                "state": {"type": "string", "enum": ["done", "current", "ahead"]},
                "documents": {"type": "array", "items": ANY_OBJECT},
                "agencies": {"type": "array", "items": ANY_OBJECT}}}},
            "people": {"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "string"}, "name": {"type": "string"}, "kind": {"type": "string", "nullable": True},
                "nip": {"type": "string", "nullable": True},
                "positions": {"type": "array", "items": {"type": "string"}},
                "agencies": {"type": "array", "items": {"type": "string"}}, "respondent": {"type": "boolean"},
                "links": {"type": "array", "items": {"$ref": "#/components/schemas/CaseLink"}}}}},
            "sanctions": {"type": "array", "items": {"type": "object", "properties": {
                "level": {"type": "string", "nullable": True}, "type": {"type": "string", "nullable": True},
                "status": {"type": "string", "enum": ["recommended", "imposed", "mentioned"]},
                "legal_basis": {"type": "array", "items": {"type": "string"}},
                "by": {"type": "object", "nullable": True},
                "provisions": {"type": "array", "items": ANY_OBJECT}, **EVIDENCE}}},
            "documents": {"type": "array", "items": ANY_OBJECT}, "properties": ANY_OBJECT}},
        "Entity": {"type": "object", "properties": {
            "id": {"type": "string"}, "label": {"type": "string", "enum": ["Person", "Agency", "Election"]},
            "name": {"type": "string"}, "names": {"type": "array", "items": {"type": "string"}},
            "nip": {"type": "string", "nullable": True}, "kind": {"type": "string", "nullable": True},
            "positions": {"type": "array", "items": {"type": "string"}},
            "agencies": {"type": "array", "items": {"type": "string"}}, "properties": ANY_OBJECT,
            "cases": {"type": "array", "items": ANY_OBJECT},
            "links": {"type": "array", "items": {"type": "object", "properties": {
                "type": {"type": "string"}, "direction": {"type": "string", "enum": ["out", "in"]},
                "other_id": {"type": "string"}, "other_name": {"type": "string", "nullable": True},
                "other_label": {"type": "string"}, "status": LINK_STATUS, "date": {"type": "string", "nullable": True},
                "detail": {"type": "string", "nullable": True}, "method": {"type": "string", "nullable": True},
                **EVIDENCE}}}}},
        "Trace": {"type": "object", "properties": {
            "query": ANY_OBJECT,
            "paths": {"type": "array", "description": "strongest first", "items": {"type": "object", "properties": {
                "length": {"type": "integer"},
                "score": {"type": "number", "description": "lower is stronger: hops + hubs + status"},
                "score_parts": {"type": "object", "properties": {
                    "hops": {"type": "number"},
                    "hubs": {"type": "number", "description": "the sum of log10(degree) of the nodes between the ends"},
                    "status": {"type": "number", "description": "0.25 a hop alleged, 0.5 no status, 0.75 not proven"}}},
                "hubs": {"type": "array", "items": {"type": "string"},
                         "description": "ids of the nodes between the ends with more than hub_degree links"},
                "hops": {"type": "array", "items": {"type": "object", "properties": {
                    "type": {"type": "string"}, "direction": {"type": "string", "enum": ["->", "<-"]},
                    "source": TRACE_NODE, "target": TRACE_NODE, "status": LINK_STATUS,
                    "detail": {"type": "string", "nullable": True}, "date": {"type": "string", "nullable": True},
                    "window": {"type": "string", "nullable": True, "enum": ["within", "undated", None],
                               "description": "with a date window: dated inside it, or without a date (kept)"},
                    "evidence_count": {"type": "integer"}, **EVIDENCE}}}}}}}},
        "Network": {"type": "object", "properties": {
            "id": {"type": "string"}, "types": {"type": "array", "items": {"type": "string"}},
            "status": {"type": "array", "items": {"type": "string"}},
            "from": {"type": "string", "format": "date", "nullable": True},
            "to": {"type": "string", "format": "date", "nullable": True},
            "neighbours": {"type": "integer", "description": "distinct neighbours, drawn or in groups"},
            "hub_degree": {"type": "integer"}, "group_size": {"type": "integer"},
            "group": {"type": "string", "description": "with group=: the group paged"},
            "total": {"type": "integer", "description": "with group=: its members"},
            "page": {"type": "integer"}, "page_size": {"type": "integer"},
            "more": {"type": "integer", "description": "with group=: members after this page"},
            "rest_name": {"type": "string", "description": "with group=: the group's name for what is left"},
            "nodes": {"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "string"}, "name": {"type": "string"}, "label": {"type": "string"},
                "kind": {"type": "string"}, "centre": {"type": "boolean"},
                "url": {"type": "string", "description": "its page, for persons, agencies, elections and cases"},
                "degree": {"type": "integer", "description": "a neighbour's links in the whole graph"},
                "hub": {"type": "boolean"},
                "group": {"type": "string", "description": "a group node's key, for group="},
                "of": {"type": "string", "description": "a group node's entity (whose network to ask)"},
                "size": {"type": "integer", "description": "a group node's members"},
                "member_label": {"type": "string"}}}},
            "edges": {"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "string"}, "source": {"type": "string"}, "target": {"type": "string"},
                "type": {"type": "string"}, "label": {"type": "string"},
                "status": {"type": "string", "enum": ["alleged", "proven", "not_proven", "none"]},
                "count": {"type": "integer", "description": "neighbours the edge stands for (a group's members)"},
                "group": {"type": "string", "description": "the group's key, on a group's edges"}}}}}},
        "Timeline": {"type": "object", "required": ["id", "label", "total", "shown", "more", "events"], "properties": {
            "id": {"type": "string"}, "label": {"type": "string", "enum": ["Person", "Agency", "Election", "Case"]},
            "name": {"type": "string", "nullable": True, "description": "a case's register number"},
            "total": {"type": "integer", "description": "events in all"},
            "shown": {"type": "integer", "description": f"events in `events` (at most {MAX_EVENTS})"},
            "more": {"type": "integer", "description": "events left out: total - shown"},
            "undated": {"type": "integer", "description": "events shown without a date (listed last)"},
            "types": {"type": "object", "description": "each event type present -> its name in Indonesian and "
                                                       "English", "additionalProperties": {"type": "object",
                      "properties": {"indonesian": {"type": "string"}, "english": {"type": "string"}}}},
            "events": {"type": "array", "description": "dated events by date (within a day in the order of a "
                                                       "case's steps), then the undated ones",
                       "items": {"type": "object", "properties": {
                "date": {"type": "string", "format": "date", "nullable": True,
                         "description": "null: no document or sentence gives one"},
                "dated_by": {"type": "string", "nullable": True, "enum": ["document", "register", "sentence", None],
                             "description": "the document's own date, a register's date of the step, or the "
                                            "date its sentence states"},
                "type": {"type": "string", "enum": list(EVENT_TYPES),
                         "description": "conduct; a step (temuan, laporan, temuan_laporan, kajian, gakkumdu, "
                                        "rekomendasi, keputusan_ppk); sanction; a person's link (SUPPORTED, "
                                        "APPOINTED_BY, and HOLDS_POSITION and EMPLOYED_BY when dated); "
                                        "named_in_report; document (a case document of no known stage)"},
                "status": {"type": "string", "nullable": True,
                           "description": "a link's status, a sanction's (recommended, imposed) or the outcome "
                                          "a document states"},
                "detail": {"type": "string", "nullable": True,
                           "description": "the act in words, the sanction's level and type, a link's detail"},
                "case": {"type": "object", "nullable": True, "properties": {
                    "id": {"type": "string"}, "number": {"type": "string", "nullable": True}}},
                "document": {"type": "object", "nullable": True, "properties": {
                    "id": {"type": "string"}, "title": {"type": "string", "nullable": True},
                    "date": {"type": "string", "nullable": True},
                    "kind": {"type": "string", "enum": ["CaseDocument", "Register", "Report"]}}},
                **EVIDENCE,
                **{part: {"type": "object", "nullable": True, "description": description, "properties": {
                    "id": {"type": "string"}, "name": {"type": "string", "nullable": True},
                    "label": {"type": "string"}}}
                   for part, description in (("subject", "who did it (a person's link)"),
                                             ("other", "the other end of the link"),
                                             ("agency", "the agency that took the step or imposed the sanction"))}}}}}},
        "Statistics": {"type": "object", "properties": {
            "total": {"type": "integer"},
            **{name: {"type": "object", "additionalProperties": {"type": "integer"}}
               for name in ("years", "regions", "acts", "outcomes", "stages", "sanction_levels")}}},
        "Similar": {"type": "object", "properties": {
            "query": ANY_OBJECT,
            "conduct": {"type": "object", "nullable": True,
                        "description": "the conduct the search compared on: the case's own act, or the one a "
                                       "description (q) was read as, from the acts of the cases closest to it",
                        "properties": {
                            "act": {"type": "string", "description": "act family code, e.g. social_media"},
                            "label": {"type": "string", "description": "the act in words"},
                            "from_description": {"type": "boolean"},
                            "share": {"type": "number", "description": "the act's share of the neighbours' votes"},
                            "votes": {"type": "object", "description": "act -> share of the votes"},
                            "words": {"type": "string", "description": "the words compared (names, places, "
                                                                       "dates and numbers left out)"}}},
            "results": {"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "string"}, "kind": {"type": "string", "enum": ["case"]},
                "citation": {"type": "string", "description": "the case number"}, "score": {"type": "number"},
                "score_parts": {"type": "object", "description": "facts, provisions, act, sanction"},
                "reasons": {"type": "array", "items": {"type": "string"}},
                "act": {"type": "string"}, "year": {"type": "string", "nullable": True},
                "regions": {"type": "array", "items": {"type": "string"}}, "outcome": {"type": "string"},
                "sanction_levels": {"type": "array", "items": {"type": "string"}},
                "act_code": {"type": "string", "description": "the case's act family code"}}}}}},
        "Alerts": {"type": "object", "required": ["total", "page_size", "after", "next", "counts", "alerts"],
                   "properties": {
            "total": {"type": "integer", "description": "alerts the filters keep"},
            "page_size": {"type": "integer"},
            "after": {"type": "string", "nullable": True, "description": "where this page started (null: the first)"},
            "next": {"type": "string", "nullable": True,
                     "description": "`after` of the next page (older alerts); null: this is the last"},
            "pattern": {"type": "string", "nullable": True}, "state": {"type": "string", "enum": list(ALERT_STATES)},
            "counts": {"type": "object", "description": "patterns: alerts of each pattern in the state filter; "
                                                       "states: alerts of each state filter in the pattern filter",
                       "properties": {"patterns": {"type": "object", "additionalProperties": {"type": "integer"}},
                                      "states": {"type": "object", "additionalProperties": {"type": "integer"}}}},
            "alerts": {"type": "array", "items": {"type": "object", "required": ["id", "pattern", "state", "evidence"],
                                                  "properties": {
                "id": {"type": "string", "description": "the same for the same finding at every evaluation"},
                "pattern": {"type": "string", "enum": list(ALERT_PATTERNS)},
                "key": {"type": "string", "description": "the ids that make the finding"},
                "state": {"type": "string", "enum": ["new", "seen", "dismissed", "resolved"]},
                "holds": {"type": "boolean", "description": "whether the last evaluation found it"},
                **{name: {"type": "string", "nullable": True, "description": "ISO date-time (UTC)"}
                   for name in ("first_seen", "last_seen", "updated_at", "resolved_at", "seen_at", "dismissed_at")},
                "seen_by": {"type": "string", "nullable": True}, "dismissed_by": {"type": "string", "nullable": True},
                "reason": {"type": "string", "nullable": True, "description": "why it was dismissed"},
                "subject": {"type": "object", "properties": {
                    "id": {"type": "string"}, "label": {"type": "string", "enum": ["Person", "Case"]},
                    "name": {"type": "string", "nullable": True}}},
                "evidence": {"type": "object", "description":
                    "candidate_tie: person, candidate, ties (kind family|appointment|employment, type, status, detail, "
                    "date, office, document_id, document_title, document_date, start, end, sentence), elections, "
                    "cases; repeat_respondent: person, cases (case_id, number, act, act_date, outcome, elections and "
                    "a document stating it); stalled_sanction: case, recommended_on, days, sanctions (with their "
                    "document), recommended_by, respondents. Lists keep 50 items; `<list>_total` counts them all."}}}}}},
        "ReviewQueue": {"type": "object", "required": ["total", "pairs"], "properties": {
            "page": {"type": "integer"}, "page_size": {"type": "integer"}, "pages": {"type": "integer"},
            "total": {"type": "integer", "description": "open pairs in this listing"},
            "region": {"type": "string", "nullable": True, "description": "the region filter, as an id"},
            "election": {"type": "string", "nullable": True},
            "next": {"type": "string", "nullable": True, "description": "`after` for the next page; null on the last"},
            "previous": {"type": "string", "nullable": True, "description": "`before` for the page before"},
            "pairs": {"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "string", "description": "the handle /review/{id} and `netra entities accept` take"},
                "subject": {"type": "string", "enum": ["person", "agency"]},
                "decision": {"type": "string", "description": "the rules' decision (review, for an open pair)"},
                "confidence": {"type": "number"}, "evidence": {"type": "array", "items": {"type": "string"},
                                                               "description": "the rules' reasons"},
                "impact": {"type": "integer", "description": "impact_cases + impact_links"},
                "impact_cases": {"type": "integer", "description": "cases either person (or agency) is in"},
                "impact_links": {"type": "integer", "description": "typed links of either"},
                "verdict": {"type": "string", "nullable": True, "enum": ["accepted", "rejected", None]},
                "reviewer": {"type": "string", "nullable": True}, "reason": {"type": "string", "nullable": True},
                "decided_at": {"type": "string", "nullable": True},
                **{side: {"type": "object", "description": "a person mention (id, name, nip, kind, position, agency, "
                                                           "region, race, document_id, case_id, start, end, person "
                                                           "{id, name, nip}, document {id, title, date}, case {id, "
                                                           "number}, regions, elections, sentences), or for an "
                                                           "agency merge the agency (id, name, kind, region)",
                          "additionalProperties": True} for side in ("a", "b")}}}}}},
        "OpenAPI": {"type": "object", "description": "An OpenAPI 3 document."},
    }},
}
