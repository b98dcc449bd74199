"""`netra timeline ENTITY_OR_CASE`: what happened when, for a case, person, agency or election."""

from __future__ import annotations

import dataclasses
import json

import click

from cli.resources import open_graph

DATED_BY = {"document": "the document's date", "register": "the register's date", "sentence": "stated in the sentence"}


@click.command()
@click.argument("entity_or_case")
@click.option("--limit", type=click.IntRange(1, 500), default=500, show_default=True,
              help="Show at most this many events (the total is always given).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def timeline(entity_or_case, limit, as_json):
    """The dated events of a case (id or register number), a person (id, NIP or name), an agency
    or an election (id or name): conduct, findings, reviews, recommendations, decisions,
    sanctions, dated links and reports, each with its document and evidence sentence, sorted by
    date; events without a date are listed last, marked so.

    \b
    Example: netra timeline case:c000001     netra timeline "Pilkada 2024 Kota Padang" --json
    """
    from graph.timeline import timeline_of
    from search.cases import act_label

    view = timeline_of(open_graph(), entity_or_case, limit)
    view.events = [dataclasses.replace(event, detail=act_label(event.detail))
                   if event.type == "conduct" and event.detail else event for event in view.events]
    if as_json:
        click.echo(json.dumps(view.to_json(), indent=2, ensure_ascii=False))
        return
    undated = len(view.undated)
    click.echo(f"Timeline of {view.name} [{view.label}] {view.id}: {view.total} events"
               + (f", {undated} of those shown without a date" if undated else "") + ".")
    year = None
    for event in view.events:
        heading = event.date[:4] if event.date else "Without a date (no document or sentence gives one)"
        if heading != year:
            year = heading
            click.echo(f"\n{heading}")
        _print_event(event)
    if view.more:
        click.echo(f"\n{view.more} more events not shown (--limit {limit}).")


def _print_event(event) -> None:
    parties = " -> ".join(part["name"] or part["id"] for part in (event.subject, event.other) if part)
    extras = [text for text in (parties, event.agency and event.agency["name"], event.detail) if text]
    click.echo(f"  {event.date or '----------'}  {event.type}{' [' + event.status + ']' if event.status else ''}"
               + (f"  {' · '.join(extras)}" if extras else ""))
    source = []
    if event.case:
        source.append(f"{event.case['id']}" + (f" ({event.case['number']})" if event.case.get("number") else ""))
    if event.document:
        document = event.document
        span = f":{event.start}-{event.end}" if event.start is not None else ""
        source.append(f"{document['title'] or document['kind'] or 'document'}"
                      f"{', ' + document['date'] if document.get('date') else ''} [{document['id']}{span}]")
    if event.dated_by:
        source.append(f"dated by {DATED_BY.get(event.dated_by, event.dated_by)}")
    if source:
        click.echo(f"              {' · '.join(source)}")
    if event.sentence:
        click.echo(f"              \"{event.sentence}\"")
