"""Places as agency and election names write them, read against the regions of
ingest/cases/gazetteer.py: "Kabupaten Pesisir Selatan", "Kab. Pesiisir Selatan" (a slip),
"Provinsi Sumbar", "Kecamatan Koto Tangah, Kota Padang", a bare "Agam" (one region only; "Solok"
is a city and a regency), "RI". A regency or city outside the gazetteer is kept as written.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .gazetteer import PROVINCE, PROVINCE_NAMES, REGION_VARIANTS, REGIONS, bare_name, district_regions

LEVEL_WORDS = {"provinsi": "province", "kabupaten": "regency", "kota": "regency", "kecamatan": "district"}
NATIONAL_WORDS = {"ri", "republik indonesia", "indonesia", "pusat"}
MAX_PLACE_WORDS = 6
PLACE_WORD = re.compile(r"[A-Z0-9][\w'’-]*")
# A slip: one edit (a swap of neighbours is one) in a name of at least MIN_SLIP letters, two in
# one of at least LONG_NAME.
MIN_SLIP = 5
LONG_NAME = 10


def compare_key(text: str) -> str:
    """How two spellings are compared: case, punctuation and OCR's "rn" for "m" ignored."""
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).replace("rn", "m").split())


def closest(key: str, choices: Iterable[str], limit: int) -> str | None:
    """The choice nearest to `key`, at most `limit` edits away; None if none is, or two are as near."""
    found = process.extract(key, list(choices), scorer=OSA.distance, score_cutoff=limit, limit=2)
    if not found or (len(found) == 2 and found[0][1] == found[1][1]):
        return None
    return found[0][0]


def slip_limit(key: str) -> int:
    """How many edits a slip in a word or name of this length may make."""
    return 2 if len(key) >= LONG_NAME else 1 if len(key) >= MIN_SLIP else 0


@dataclass(frozen=True)
class Place:
    level: str  # national, province, regency or district
    region: str | None = None  # "Kabupaten Agam", "Provinsi Sumatera Barat"; of a district, its regency if known
    district: str | None = None  # "Koto Tangah"
    slip: str | None = None  # how a misspelt place name was read, for the evidence
    known: bool = False  # listed in ingest/cases/gazetteer.py (a regency elsewhere is kept as written)

    def text(self, district_word: str | None = "Kecamatan") -> str:
        """As written after a name: "Kabupaten Agam", "Kecamatan Koto Tangah, Kota Padang"."""
        if self.level != "district":
            return self.region or ""
        where = f"{district_word} {self.district}" if district_word else self.district or ""
        return f"{where}, {self.region}" if self.region else where


def read_place(words: list[str], within: Place | None = None) -> Place | None:
    """The place these words are, all of them: "Kabupaten Agam", "Provinsi Sumbar", "Kecamatan
    Koto Tangah" (`within`: the region a comma put after it), "RI". None if they are something else."""
    if not words:
        return None
    if compare_key(" ".join(words)) in NATIONAL_WORDS:
        return Place("national", known=True)
    level_word, *name = words
    level = LEVEL_WORDS.get(compare_key(level_word))
    if level is None or not name or not _looks_like_place(name):
        return None
    if level == "district":
        return _district(" ".join(name), within)
    found = _closest_place(" ".join(name), _region_names()[compare_key(level_word)])
    if found:
        return Place(level, found[0], slip=found[1] or _variant(" ".join(name), found[0]), known=True)
    return Place(level, f"{level_word.capitalize()} {' '.join(name)}")


def split_suffix(text: str) -> tuple[str, Place | None]:
    """ "Kantor Kecamatan Tanjung Harapan, Kota Solok" -> the name, and the region after its last comma."""
    head, comma, tail = text.rpartition(",")
    place = read_place(tail.split()) if comma else None
    return (head.strip(), place) if place is not None and place.level in ("province", "regency") else (text, None)


def place_of(text: str) -> Place | None:
    """The place a whole text is, a region after a comma included ("Kecamatan X, Kota Y")."""
    main, suffix = split_suffix(text)
    return read_place(main.split(), suffix) or suffix


def bare_region(text: str) -> Place | None:
    """The region a bare name is, if it is one region only: "Agam", "Sumbar", "Pesiisir Selatan"."""
    found = _closest_place(text, _bare_region_names())
    if found is None:
        return None
    return Place("province" if found[0] == PROVINCE else "regency", found[0], slip=found[1] or _variant(text, found[0]),
                 known=True)


def _variant(written: str, region: str) -> str | None:
    """Why a region written in another of its names ("Limapuluh Kota", "Sumbar") is that region."""
    if compare_key(written) == compare_key(bare_name(region)):
        return None
    return f"'{written}' is another name of {region} (gazetteer)"


def region_of_district_at_end(words: list[str]) -> str | None:
    """The regency of the district a name ends with: "SMP Negeri 2 Bayang" -> Kabupaten Pesisir Selatan."""
    for start in range(max(0, len(words) - 5), len(words)):
        found = _district_names().get(compare_key(" ".join(words[start:])))
        if found and len(found[1]) == 1:
            return found[1][0]
    return None


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Every word of a region's or district's name (compare keys)."""
    names = [*(key for table in _region_names().values() for key in table), *_district_names()]
    return frozenset(word for name in names for word in name.split())


def _district(name: str, within: Place | None) -> Place:
    found = _closest_place(name, {key: spelt for key, (spelt, _regions) in _district_names().items()})
    if not found:
        return Place("district", within.region if within else None, name)
    district, slip = found
    regions = _district_names()[compare_key(district)][1]
    region = within.region if within else (regions[0] if len(regions) == 1 else None)
    return Place("district", region, district, slip, known=True)


def _looks_like_place(words: list[str]) -> bool:
    """Capitalised words or numbers ("Koto XI Tarusan", "2x11 Kayu Tanam"), not "Solok|Kabupaten"
    (the extractor's two readings of an ambiguous name) nor a sentence."""
    return len(words) <= MAX_PLACE_WORDS and all(PLACE_WORD.fullmatch(word) for word in words)


def _closest_place(text: str, table: dict[str, str]) -> tuple[str, str | None] | None:
    """(the place, how a slip in it was read or None): the listed name `text` is, or is one slip
    off (two if long) with no other as near."""
    key = compare_key(text)
    if key in table:  # the same key, but other letters: OCR's "rn" for "m" ("Pasarnan")
        spelled = _spelled_names().get(key, text)
        return table[key], None if _letters(text) == _letters(spelled) else f"'{text}' read as '{spelled}' (OCR)"
    limit = slip_limit(key)
    found = closest(key, table, limit) if limit else None
    if found is None:
        return None
    return table[found], f"'{text}' read as '{table[found]}' (a slip in a place name)"


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


@lru_cache(maxsize=1)
def _spelled_names() -> dict[str, str]:
    """Compare key -> the name as listed, of every region, variant and district."""
    names = [*(bare_name(region) for region in REGIONS), *(v for variants in REGION_VARIANTS.values() for v in variants),
             *PROVINCE_NAMES, *(district for districts in REGIONS.values() for district in districts)]
    return {compare_key(name.removeprefix("Provinsi ").removeprefix("Prov. ")): name for name in names}


@lru_cache(maxsize=1)
def _region_names() -> dict[str, dict[str, str]]:
    """Level word -> {compare key of a region's bare name or variant -> the region}."""
    names: dict[str, dict[str, str]] = {"kabupaten": {}, "kota": {}, "provinsi": {}}
    for region in REGIONS:
        for name in (bare_name(region), *REGION_VARIANTS.get(region, ())):
            names[region.split(" ", 1)[0].casefold()][compare_key(name)] = region
    for name in PROVINCE_NAMES:
        names["provinsi"][compare_key(name.removeprefix("Provinsi ").removeprefix("Prov. "))] = PROVINCE
    return names


@lru_cache(maxsize=1)
def _bare_region_names() -> dict[str, str]:
    """Compare key of a bare name that is one region only ("agam"; not "solok", a city and a regency)."""
    found: dict[str, set[str]] = defaultdict(set)
    for table in _region_names().values():
        for key, region in table.items():
            found[key].add(region)
    return {key: regions.pop() for key, regions in found.items() if len(regions) == 1}


@lru_cache(maxsize=1)
def _district_names() -> dict[str, tuple[str, list[str]]]:
    """Compare key of a district -> (its name, the regions it is in)."""
    spelt = {compare_key(district): district for districts in REGIONS.values() for district in districts}
    return {compare_key(name): (spelt[compare_key(name)], regions) for name, regions in district_regions().items()}
