"""The JSON API under /api/v1."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from graph.law import provision_view, regulation_view
from search.keyword import FILTER_ALIASES
from web.services import BadRequest, NotFound, engine, graph, parse_day, parse_k

api = Blueprint("api", __name__)

# Query parameters that narrow results, per type (besides q, type, mode, as_of, k).
SEARCH_FILTERS = {"provision": [*FILTER_ALIASES["provision"], "status"], "case": list(FILTER_ALIASES["case"])}


@api.get("/search")
def search():
    """q, type (provision|case), mode, as_of, k; filters for provisions regulation_type, year,
    level, status; for cases region, election, year, act, sanction, outcome."""
    query = request.args.get("q", "")
    if not query.strip():
        raise BadRequest("q is required: a question or a citation.")
    kind = request.args.get("type", "provision")
    if kind not in SEARCH_FILTERS:
        raise BadRequest(f"type must be 'provision' or 'case', not {kind!r}.")
    filters = {name: request.args[param] for name, param in _filter_params(kind).items() if param in request.args}
    results = engine().search(query, mode=request.args.get("mode", "hybrid"),
                              as_of=parse_day(request.args.get("as_of")), k=parse_k(request.args.get("k")),
                              kind=kind, filters=filters)
    return jsonify({"query": query, "type": kind, "filters": filters, "results": [r.to_json() for r in results]})


def _filter_params(kind: str) -> dict[str, str]:
    """filter name -> query parameter; `type` already names what to search."""
    return {name: "regulation_type" if name == "type" else name for name in SEARCH_FILTERS[kind]}


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
    return jsonify(view)


@api.get("/openapi.json")
def openapi():
    return jsonify(OPENAPI)


def _parameter(name: str, where: str, description: str, schema: dict, required: bool = False) -> dict:
    return {"name": name, "in": where, "required": required or where == "path", "description": description,
            "schema": schema}


def _json(schema_name: str, description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}}}


def _operation(summary: str, parameters: list[dict], ok: str, errors: dict[str, str]) -> dict:
    responses = {"200": _json(ok, "OK")}
    responses.update({status: _json("Error", description) for status, description in errors.items()})
    return {"get": {"summary": summary, "parameters": parameters, "responses": responses}}


def _search_filter_params() -> dict[str, list[str]]:
    """Each filter parameter of /search and the result types it applies to."""
    params: dict[str, list[str]] = {}
    for kind in SEARCH_FILTERS:
        for param in _filter_params(kind).values():
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

OPENAPI = {
    "openapi": "3.0.3",
    "info": {"title": "Netra API", "version": "1",
             "description": "Indonesian regulations and case records on the neutrality of civil servants "
                            "(ASN) in elections. Every error is JSON: `{\"error\": {status, code, message}}`."},
    "servers": [{"url": "/api/v1"}],
    "paths": {
        "/search": _operation(
            "Provisions or cases answering a question or a citation",
            [_parameter("q", "query", "A question in everyday Indonesian or a citation.", {"type": "string"}, True),
             _parameter("mode", "query", "Retrieval mode.",
                        {"type": "string", "enum": ["hybrid", "keyword", "semantic"], "default": "hybrid"}),
             _parameter("type", "query", "What to search.", {"type": "string", "enum": list(SEARCH_FILTERS),
                                                               "default": "provision"}),
             AS_OF, _parameter("k", "query", "How many results.",
                               {"type": "integer", "minimum": 1, "maximum": 100, "default": 10}),
             *[_parameter(param, "query", f"Filter ({' or '.join(kinds)} results).", {"type": "string"})
               for param, kinds in _search_filter_params().items()]],
            "SearchResults", {"400": "q missing, or a bad mode, type, as_of, k or filter"}),
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
            "A person or agency: names seen, NIP, positions, agencies, cases, links with status and evidence",
            [_parameter("entity_id", "path", "An id (`person:…`, `agency:…`), a NIP or a name.",
                        {"type": "string"})],
            "Entity", {"400": "the name fits several entities", "404": "no such person or agency"}),
        "/trace": _operation(
            "The k shortest typed paths between two entities, each hop with its status and evidence",
            [_parameter("a", "query", "One end: id, NIP or name.", {"type": "string"}, True),
             _parameter("b", "query", "The other end.", {"type": "string"}, True),
             _parameter("k", "query", "How many paths.", {"type": "integer", "minimum": 1, "maximum": 20,
                                                          "default": 3}),
             _parameter("max_hops", "query", "Longest path.", {"type": "integer", "minimum": 1, "maximum": 6,
                                                               "default": 4}),
             _parameter("exclude_not_proven", "query", "1 to leave out links whose status is not_proven.",
                        {"type": "string", "enum": ["0", "1"], "default": "0"})],
            "Trace", {"400": "a or b missing or ambiguous, a bad k, max_hops or flag, or both ends the same",
                      "404": "an end names no person or agency"}),
        "/openapi.json": _operation("This document", [], "OpenAPI", {}),
    },
    "components": {"schemas": {
        "Error": {"type": "object", "required": ["error"], "properties": {"error": {
            "type": "object", "required": ["status", "code", "message"],
            "properties": {"status": {"type": "integer"}, "code": {"type": "string"}, "message": {"type": "string"}}}}},
        "SearchResults": {"type": "object", "properties": {
            "query": {"type": "string"}, "type": {"type": "string"}, "filters": ANY_OBJECT,
            "results": {"type": "array", "items": {"type": "object", "additionalProperties": True, "properties": {
                "id": {"type": "string"}, "kind": {"type": "string", "enum": list(SEARCH_FILTERS)}, "ref": ANY_OBJECT,
                "citation": {"type": "string"}, "snippet": {"type": "string", "description": "HTML with <mark>"},
                "score": {"type": "number"}, "score_parts": ANY_OBJECT, "status": {"type": "string"},
                "note": {"type": "string"}}}}}},
        "Provision": {"type": "object", "properties": {
            "id": {"type": "string"}, "ref": ANY_OBJECT, "citation": {"type": "string"},
            "as_of": {"type": "string", "format": "date"},
            "status": {"type": "string", "enum": ["in force", "amended", "revoked", "not yet in force"]},
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
            "id": {"type": "string"}, "label": {"type": "string", "enum": ["Person", "Agency"]},
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
            "paths": {"type": "array", "items": {"type": "object", "properties": {
                "length": {"type": "integer"},
                "hops": {"type": "array", "items": {"type": "object", "properties": {
                    "type": {"type": "string"}, "direction": {"type": "string", "enum": ["->", "<-"]},
                    "source": ANY_OBJECT, "target": ANY_OBJECT, "status": LINK_STATUS,
                    "detail": {"type": "string", "nullable": True}, "date": {"type": "string", "nullable": True},
                    "evidence_count": {"type": "integer"}, **EVIDENCE}}}}}}}},
        "OpenAPI": {"type": "object", "description": "An OpenAPI 3 document."},
    }},
}
