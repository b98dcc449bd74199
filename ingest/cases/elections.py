"""Election names: one Election node for each election however documents write it.

- The general election: "pemilu 2024", "Pemilu Serentak 2024", "Pemilihan Umum Tahun 2024" ->
  "Pemilu 2024" (its presidential and legislative parts, "Pilpres 2024" and "Pileg 2024", stay
  apart).
- A regional head election: "Pilkada 2024", "Pemilihan Kepala Daerah Serentak 2024", "Pemilihan
  Wali Kota Padang 2024", "Pilbup Agam 2024", UU 10/2016's bare "Pemilihan 2024" -> "Pilkada
  2024" and the region it elects for ("Pilkada 2024 Kota Padang"): the region the name gives,
  else the region of the document (`region`), else none ("Pilkada 2024", the simultaneous
  elections as a whole). A governor's election is the province's.

Different years and different regions stay different elections. A name read as neither keeps
its words ("PILKADA" capitalised as "Pilkada").
"""

from __future__ import annotations

import re

from .gazetteer import PROVINCE
from .places import bare_region, place_of

YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
FILLER = re.compile(r"\b(?:tahun|thn\.?|serentak|nasional)(?=\s|$)", re.IGNORECASE)
GENERAL = re.compile(r"^(?:pemilu|pemilihan umum)$", re.IGNORECASE)
PARTS = re.compile(r"^(?:pilpres|pileg)$", re.IGNORECASE)
# Words that name a regional head election (the office first: "Pemilihan Wali Kota Padang").
REGIONAL = re.compile(
    r"^(?P<kind>pemilihan(?: umum)? (?:gubernur|bupati|wali ?kota)(?: dan wakil (?:gubernur|bupati|wali ?kota))?"
    r"|pilkada|pemilukada|pilgub|pilbup|pilwako|pilwalkot|pilwalikota|pemilihan(?: umum)?(?: kepala daerah)?)"
    r"(?=\s|$)", re.IGNORECASE)


def election_name(written: str, region: str | None = None) -> str:
    """The election `written` names, as the graph names it. `region`: the region of the document
    it is written in ("Kota Solok"), for a regional election named without one."""
    text = " ".join(FILLER.sub(" ", written or "").split())
    years = YEAR.findall(text)
    words = " ".join(YEAR.sub(" ", text).split())
    regional = REGIONAL.match(words)
    if not years:
        return re.sub(r"\b(?:pilkada|pemilu)\b", lambda m: m.group(0).title(), text, flags=re.IGNORECASE)
    year = years[-1]
    if GENERAL.match(words):
        return f"Pemilu {year}"
    if PARTS.match(words):
        return f"{words.capitalize()} {year}"
    if regional is None:
        return re.sub(r"\b(?:pilkada|pemilu)\b", lambda m: m.group(0).title(), text, flags=re.IGNORECASE)
    office = _office_level(regional["kind"])
    where = _named_region(words[regional.end():].strip(), office) or _document_region(region, office)
    return f"Pilkada {year} {where}" if where else f"Pilkada {year}"


def _office_level(kind: str) -> str | None:
    """The level of region whose head the election elects: "pilbup", "pemilihan bupati" -> Kabupaten."""
    key = kind.casefold()
    return "Provinsi" if "gub" in key else "Kabupaten" if "bup" in key else "Kota" if "wal" in key else None


def _named_region(words: str, office: str | None) -> str | None:
    """The region the words after the election's name give: "Kabupaten Asahan", "Kota Padang",
    "Padang" after "Wali Kota" (the city), "Sumatera Barat"."""
    if not words:
        return None
    for text in (words, f"{office} {words}" if office else None):
        place = place_of(text) if text else None
        if place is not None and place.level in ("province", "regency"):
            return place.region
    found = bare_region(words)
    return found.region if found else None


def _document_region(region: str | None, office: str | None) -> str | None:
    """The document's region, for an election named without one; a governor's election is the province's."""
    place = place_of(region) if region else None
    if place is None or place.level == "national":
        return None
    if office == "Provinsi":
        return PROVINCE if place.known else None
    return place.region
