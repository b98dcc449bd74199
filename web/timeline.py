"""Timelines of cases, persons, agencies and elections (graph/timeline.py): the JSON API, and the
timeline the case and entity pages show (web/cases.py puts it in their templates).

The same viewers as the case and entity endpoints, and masked the same way: every JSON body and
page passes through web/privacy.py, and a viewer who sees pseudonyms looks persons up by
pseudonym only (`entity_lookup`)."""

from __future__ import annotations

import dataclasses

from flask import Blueprint, jsonify

from graph.timeline import EVENT_TYPES, MAX_EVENTS, Timeline, case_timeline, timeline
from search.cases import act_label
from web.auth import current_user
from web.i18n import _, term
from web.privacy import entity_lookup
from web.services import NotFound, found_entity, graph

timeline_api = Blueprint("timeline_api", __name__)

# An entity page shows the first events only: a hub agency has hundreds, and drawing them all was
# most of its page's time; the JSON linked beside them has up to MAX_EVENTS.
PAGE_EVENTS = 100


def timeline_for(label: str, node_id: str, limit: int = MAX_EVENTS) -> Timeline | None:
    """The timeline of a case or entity already found (a page's), acts in the page's words."""
    return _in_words(timeline(graph(), label, node_id, limit), term)


def case_events(case_id: str) -> Timeline:
    """The timeline of the case "case:t001" (or "t001"); NotFound if there is none."""
    found = case_timeline(graph(), case_id)
    if found is None:
        raise NotFound(_("Tidak ada kasus {id}.", id=case_id))
    return _in_words(found)


def entity_events(entity_id: str) -> Timeline:
    """The timeline of the person, agency or election `entity_id` names (for investigators an id,
    NIP or name; for viewers who see pseudonyms a pseudonym or an agency or election id); NotFound
    if none, BadRequest if several."""
    lookup = entity_lookup(current_user(), entity_id)
    if not lookup:
        raise NotFound(_("Tidak ada orang, instansi atau pemilihan “{text}”.", text=entity_id))
    found = found_entity(lookup, elections=True)
    view = timeline(graph(), found["label"], found["id"])
    if view is None:  # removed in between
        raise NotFound(_("Tidak ada orang, instansi atau pemilihan “{text}”.", text=entity_id))
    return _in_words(view)


def _in_words(view: Timeline | None, words=act_label) -> Timeline | None:
    """The act of a conduct event in words ("social_media" -> "kampanye melalui media sosial"; the
    API's in Indonesian, as search words it, a page's in its language with `words` term)."""
    if view is not None:
        view.events = [dataclasses.replace(event, detail=words(event.detail)) if event.type == "conduct"
                       and event.detail else event for event in view.events]
    return view


def _json(view: Timeline) -> dict:
    """The timeline, with the name of each event type present in Indonesian and English."""
    present = {event.type for event in view.events}
    return {**view.to_json(), "types": {kind: {"indonesian": term(kind, "id"), "english": term(kind, "en")}
                                        for kind in EVENT_TYPES if kind in present}}


# -- JSON API (registered under /api/v1) -------------------------------------------------------

@timeline_api.get("/entities/<path:entity_id>/timeline", endpoint="entity")
def entity_timeline_json(entity_id):
    return jsonify(_json(entity_events(entity_id)))


@timeline_api.get("/cases/<path:case_id>/timeline", endpoint="case")
def case_timeline_json(case_id):
    return jsonify(_json(case_events(case_id)))
