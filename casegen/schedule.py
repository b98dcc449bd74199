"""When things happen: act dates in chronological order, and the dates of each stage after.

Act dates are drawn as the order statistics of `count` draws from the elections' phase
densities, one at a time (each next uniform is drawn conditionally on the previous one), so
cases stream out in date order without holding them all: register numbers then rise with dates
as they do in real registers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterator

from .elections import ELECTIONS, Election, Phase

REPORT_DEADLINE_DAYS = 7  # a report must reach Bawaslu within 7 days of the event becoming known


@dataclass(frozen=True)
class Slot:
    election: Election
    phase: Phase
    act_date: date


def _segments() -> list[tuple[Election, Phase, float]]:
    return [(election, phase, election.share * phase.weight) for election in ELECTIONS for phase in election.phases]


def _locate(u: float, segments: list[tuple[Election, Phase, float]]) -> Slot:
    for election, phase, weight in segments:
        if u < weight:
            days = (phase.end - phase.start).days + 1
            return Slot(election, phase, phase.start + timedelta(days=min(int(u / weight * days), days - 1)))
        u -= weight
    election, phase, _ = segments[-1]
    return Slot(election, phase, phase.end)


def act_slots(rng: random.Random, count: int) -> Iterator[Slot]:
    """`count` act dates (with their election and phase) in ascending order."""
    segments = _segments()
    total = sum(weight for _, _, weight in segments)
    u = 0.0
    for k in range(count):
        u = 1.0 - (1.0 - u) * rng.random() ** (1.0 / (count - k))
        yield _locate(u * total, segments)


def days_after(rng: random.Random, day: date, low: int, high: int) -> date:
    return day + timedelta(days=rng.randint(low, high))


@dataclass
class Stages:
    act: date
    reported: date  # temuan found / laporan received, and registered
    review: date  # kajian or klarifikasi concluded
    recommendation: date | None = None
    decision: date | None = None
    gakkumdu: date | None = None


def draw_stages(rng: random.Random, act: date, source: str, late_report: bool) -> Stages:
    if source == "temuan":
        reported = days_after(rng, act, 0, 3)
    elif late_report:
        reported = days_after(rng, act, REPORT_DEADLINE_DAYS + 1, 20)
    else:
        reported = days_after(rng, act, 1, REPORT_DEADLINE_DAYS)
    return Stages(act, reported, days_after(rng, reported, 2, 5))
