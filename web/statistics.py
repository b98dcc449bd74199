"""Aggregated case statistics: the part of the case data everyone may see. The page draws each
dimension as a chart (Chart.js, web/static/statistics.js, from the page's JSON data block) with
the same numbers in a table after it, for screen readers and anyone without JavaScript."""

from __future__ import annotations

import time

from flask import Blueprint, current_app, jsonify, render_template

from graph.statistics import case_statistics
from web.i18n import term
from web.services import graph

statistics = Blueprint("statistics", __name__)

UNKNOWN = "unknown"
# The charts, in the page's order: (dimension of graph.statistics.case_statistics, bars across).
CHARTS = (("years", False), ("regions", True), ("acts", True), ("sanction_levels", False), ("outcomes", False))
# The counts change only when cases are loaded (by `netra ingest-cases`, in another process, which
# cannot tell the app): read again at most this often, so the home page and this page stay fast.
FRESH_SECONDS = 60
CHARTED_REGIONS = 15  # more bars than this are unreadable; the table lists every region
# Sanction levels from the lightest: PP 94/2021 Pasal 8's ringan, sedang, berat, with a
# dismissal (PTDH) as the heaviest; a moral sanction (PP 42/2004) is no disciplinary penalty.
SANCTION_ORDER = ("moral", "ringan", "sedang", "berat", "PTDH")


@statistics.get("/statistics", endpoint="page")
def statistics_page():
    stats = public_statistics()
    tables = {name: ordered(name, counts) for name, counts in stats.items() if isinstance(counts, dict)}
    return render_template("statistics.html", stats=stats, tables=tables, charts=chart_data(tables),
                           charted_regions=CHARTED_REGIONS)


@statistics.get("/api/v1/statistics", endpoint="api")
def statistics_json():
    return jsonify(public_statistics())


def public_statistics() -> dict:
    """graph.statistics.case_statistics, read at most every FRESH_SECONDS by this app."""
    cache = current_app.extensions.setdefault("netra_statistics", {})
    if cache.get("until", 0.0) <= time.monotonic():
        cache["statistics"] = case_statistics(graph())
        cache["until"] = time.monotonic() + FRESH_SECONDS
    return cache["statistics"]


def ordered(name: str, counts: dict[str, int]) -> list[tuple[str, int]]:
    """A dimension's (value, count) in reading order: years in time, sanction levels from the
    lightest, anything else most frequent first (as counted); "unknown" always last."""
    known = [(value, count) for value, count in counts.items() if value != UNKNOWN]
    if name == "years":
        known.sort()
    elif name == "sanction_levels":
        known.sort(key=lambda item: SANCTION_ORDER.index(item[0]) if item[0] in SANCTION_ORDER else len(SANCTION_ORDER))
    return known + ([(UNKNOWN, counts[UNKNOWN])] if UNKNOWN in counts else [])


def chart_data(tables: dict[str, list[tuple[str, int]]]) -> list[dict]:
    """What statistics.js draws: per chart its canvas id, its categories (the bars' labels, in the
    page's language), counts, and whether the bars lie across (long labels such as acts and
    regions read better so). Not "labels": web/privacy.py reads that key as a node's labels."""
    charts = []
    for name, across in CHARTS:
        rows = tables.get(name, [])
        if name == "regions":
            rows = rows[:CHARTED_REGIONS]  # the most frequent
        if rows:
            charts.append({"id": f"chart-{name}", "categories": [term(value) for value, _count in rows],
                           "counts": [count for _value, count in rows], "across": across})
    return charts


def statistics_summary(stats: dict) -> dict:
    """The home page's few numbers: how many cases, over which years, the most frequent act and
    the outcomes."""
    years = sorted(year for year in stats["years"] if year != UNKNOWN)
    acts = [(act, count) for act, count in stats["acts"].items() if act != UNKNOWN]
    return {"total": stats["total"], "first_year": years[0] if years else None,
            "last_year": years[-1] if years else None, "top_act": acts[0] if acts else None,
            "outcomes": ordered("outcomes", stats["outcomes"])}
