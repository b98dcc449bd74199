"""Aggregated case statistics: the part of the case data everyone may see."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template

from graph.statistics import case_statistics
from web.services import graph

statistics = Blueprint("statistics", __name__)


@statistics.get("/statistics", endpoint="page")
def statistics_page():
    return render_template("statistics.html", stats=case_statistics(graph()))


@statistics.get("/api/v1/statistics", endpoint="api")
def statistics_json():
    return jsonify(case_statistics(graph()))
