"""Indonesian date formats as they appear in case documents, and Roman month numerals
used in Bawaslu register numbers."""

from __future__ import annotations

import random
from datetime import date

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def long_date(day: date) -> str:
    """"3 Oktober 2024"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def weekday_date(day: date) -> str:
    """"Kamis, 3 Oktober 2024"."""
    return f"{WEEKDAYS[day.weekday()]}, {long_date(day)}"


def slash_date(day: date) -> str:
    """"3/10/2024"."""
    return f"{day.day}/{day.month}/{day.year}"


def dash_date(day: date) -> str:
    """"03-10-2024"."""
    return f"{day.day:02d}-{day.month:02d}-{day.year}"


def short_date(day: date) -> str:
    """"3 Okt 2024"."""
    return f"{day.day} {MONTHS_SHORT[day.month - 1]} {day.year}"


# Weights: long forms dominate formal documents; numeric and abbreviated forms are the minority.
_FORMATS = ((long_date, 5), (weekday_date, 3), (slash_date, 1), (dash_date, 1), (short_date, 1))


def any_date(rng: random.Random, day: date) -> str:
    """The date in one of the formats above."""
    formats, weights = zip(*_FORMATS)
    return rng.choices(formats, weights)[0](day)


def roman_month(day: date) -> str:
    return ROMAN_MONTHS[day.month - 1]
