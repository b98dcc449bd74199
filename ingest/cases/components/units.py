"""Components that build places, agencies and positions out of the gazetteer entities:

- `netra_places`: "Kecamatan X", "Nagari X", "Kelurahan X", "Desa X" -> REGION entities
  (a listed district gets its regency or city as value);
- `netra_agencies`: an agency word and the name and region after it ("Dinas Komunikasi dan
  Informatika Kabupaten Agam", "Bawaslu Kota Pariaman") -> "agency"; units inside an agency
  ("Bagian Umum") -> "unit";
- `netra_positions`: a position word and what it heads ("Kepala Bagian Umum Sekretariat Daerah
  Kota Pariaman", "analis sistem informasi", "Kadisdik Kota Solok") -> "position".
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..gazetteer import district_regions
from ..lexicon import DAYS, DOMAIN_WORDS, MONTHS, PLACE_WORDS, UNIT_HEADS
from ..names import is_honorific, is_prefix_title, is_suffix_title
from .common import ent_at, spans_starting

PLACE_NAME_WORD = re.compile(r"[A-Z][a-z'’]+|[IVX]+|\d+[xX]\d+|\d+")
NOT_PLACE_WORDS = DOMAIN_WORDS | DAYS | set(MONTHS)
MAX_PLACE_WORDS = 3
MAX_DISTRICT_WORDS = 5
MAX_NAME_WORDS = 6
MAX_LOWERCASE_POSITION_WORDS = 3
# Lower-case words that end a functional position ("analis sistem informasi pada ...").
POSITION_STOPS = {"pada", "di", "yang", "dan", "dari", "untuk", "selaku", "sebagai", "serta", "atau", "ke",
                  "dengan", "dalam", "bernama", "atas", "tersebut", "itu", "ini", "telah", "juga"}
VERB_PREFIX = re.compile(r"(me|ber|di)[a-z]{3,}")  # menghadiri, bertugas, diketahui
DISTRICTS = district_regions()


@Language.component("netra_places")
def netra_places(doc: Doc) -> Doc:
    places = filter_spans([place for token in doc if (place := _place_named_after(doc, token)) is not None])
    taken = {i for place in places for i in range(place.start, place.end)}
    kept = [ent for ent in doc.ents if not any(i in taken for i in range(ent.start, ent.end))]
    doc.ents = sorted(kept + places, key=lambda span: span.start)
    return doc


def _place_named_after(doc: Doc, keyword: Token) -> Span | None:
    """The place a place word names: "Kecamatan Pariaman Tengah" is a district of Kota Pariaman.

    A free place word is part of the REGION; one that ends an agency or position ("Pengawas
    Kecamatan", "Wali Nagari") leaves it, and only the name becomes the REGION.
    """
    kind = PLACE_WORDS.get(keyword.lower_)
    if kind is None:
        return None
    enclosing = ent_at(doc, keyword.i)
    if enclosing is not None and (enclosing.end != keyword.i + 1 or enclosing.label_ == "REGION"):
        return None
    name_end = _district_end(doc, keyword.i + 1) if kind == "Kecamatan" else None
    name_end = name_end or _place_words_end(doc, keyword.i + 1)
    if name_end == keyword.i + 1:
        return None
    name = doc[keyword.i + 1:name_end].text
    regions = DISTRICTS.get(name.casefold(), []) if kind == "Kecamatan" else []
    where = f", {regions[0]}" if len(regions) == 1 else ""
    start = keyword.i if enclosing is None else keyword.i + 1
    return Span(doc, start, name_end, label="REGION", span_id=f"{kind} {name}{where}")


def _district_end(doc: Doc, start: int) -> int | None:
    """The end of the longest listed district name starting at `start`."""
    for length in range(MAX_DISTRICT_WORDS, 0, -1):
        if start + length <= len(doc) and doc[start:start + length].text.casefold() in DISTRICTS:
            return start + length
    return None


def _place_words_end(doc: Doc, start: int) -> int:
    end = start
    while end < len(doc) and end - start < MAX_PLACE_WORDS and _is_place_word(doc[end]):
        end += 1
    return end


def _is_place_word(token: Token) -> bool:
    """A word of a place name; a bare region name counts ("Pariaman" in "Pariaman Tengah")."""
    return ((not token.ent_type_ or token.ent_type_ == "REGION") and PLACE_NAME_WORD.fullmatch(token.text) is not None
            and token.lower_ not in NOT_PLACE_WORDS and not is_prefix_title(token.text)
            and not is_honorific(token.text))


@Language.component("netra_agencies")
def netra_agencies(doc: Doc) -> Doc:
    agencies, units = [], []
    codes = {i for group in ("case_number", "citation") for span in doc.spans.get(group, [])
             for i in range(span.start, span.end)}
    for ent in doc.ents:
        if ent.label_ != "AGENCY" or ent.start in codes or (ent.ent_id_ == "open" and ent[0].is_lower):
            continue  # "BKPSDM" inside a register number, "mobil dinas": no agency named
        span = _extend_agency(doc, ent)
        (units if ent.root.lower_ in UNIT_HEADS and ent.ent_id_ == "open" else agencies).append(span)
    doc.spans["agency"] = filter_spans(agencies)
    doc.spans["unit"] = filter_spans(units)
    return doc


def _extend_agency(doc: Doc, head: Span) -> Span:
    """The head with the name and region written after it."""
    end = _name_words_end(doc, head.end)
    region = ent_at(doc, end, {"REGION"}) if end < len(doc) else None
    if region is not None and region.start == end:
        end = region.end
    span = Span(doc, head.start, end, label="AGENCY")
    span._.value = head.ent_id_ if head.ent_id_ != "open" else span.text
    return span


def _name_words_end(doc: Doc, start: int) -> int:
    """The end of the capitalised words (and numbers, and "dan" between them) from `start`."""
    end = start
    while end < len(doc) and end - start < MAX_NAME_WORDS:
        token = doc[end]
        if _is_unit_name_word(token):
            end += 1
        elif token.lower_ in {"dan", "&"} and end > start and end + 1 < len(doc) and _is_unit_name_word(doc[end + 1]):
            end += 1
        else:
            break
    return end


def _is_unit_name_word(token: Token) -> bool:
    if token.ent_type_ or is_prefix_title(token.text) or is_honorific(token.text):
        return False
    return token.is_title or token.like_num or PLACE_NAME_WORD.fullmatch(token.text) is not None


@Language.component("netra_positions")
def netra_positions(doc: Doc) -> Doc:
    inside_agency = {i for span in doc.spans.get("agency", []) for i in range(span.start, span.end)}
    units, agencies = spans_starting(doc, "unit"), spans_starting(doc, "agency")
    positions = [_extend_position(doc, ent, units, agencies) for ent in doc.ents
                 if ent.label_ == "POSITION" and ent.start not in inside_agency]
    doc.spans["position"] = filter_spans(positions)
    return doc


def _extend_position(doc: Doc, head: Span, units: dict[int, Span], agencies: dict[int, Span]) -> Span:
    """The position word with the unit, agency or region it heads (spans by their first token)."""
    end = head.end
    if head.text.islower():  # a functional position: "analis sistem informasi"
        end = _lowercase_words_end(doc, end)
    while end < len(doc) and end in units:
        end = units[end].end
    if end < len(doc) and end in agencies:
        end = agencies[end].end
    elif end < len(doc) and (region := ent_at(doc, end, {"REGION", "ROLE"})) is not None and region.start == end:
        end = region.end  # "Kadisdik Kota Solok", "Penjabat Wali Kota Sawahlunto"
    elif not head.text.islower():
        end = _leave_the_name(doc, end, _name_words_end(doc, end))  # "Camat Lubuk Basung", "Kasi Pemerintahan"
    span = Span(doc, head.start, end, label="POSITION")
    span._.value = head.ent_id_
    return span


def _leave_the_name(doc: Doc, start: int, end: int) -> int:
    """ "Kasi Pemerintahan Masrizal Rivai, S.IP.": capitalised words after a position run on into
    a name written without a comma; titles or a NIP right after show it. The name is taken to be
    the last two words (one, if only two follow the position)."""
    words = end - start
    if words < 2 or end >= len(doc) or not _name_evidence_at(doc, end):
        return end
    return end - (2 if words >= 3 else 1)


def _name_evidence_at(doc: Doc, index: int) -> bool:
    token = doc[index]
    if is_suffix_title(token.text) or (token.text == "," and index + 1 < len(doc) and is_suffix_title(doc[index + 1].text)):
        return True
    return token.text == "(" and index + 1 < len(doc) and doc[index + 1].lower_ in {"nip", "nip.", "nip:"}


def _lowercase_words_end(doc: Doc, start: int) -> int:
    end = start
    while (end < len(doc) and end - start < MAX_LOWERCASE_POSITION_WORDS and doc[end].is_lower
           and doc[end].is_alpha and doc[end].lower_ not in POSITION_STOPS and not doc[end].ent_type_
           and not VERB_PREFIX.fullmatch(doc[end].lower_)):
        end += 1
    return end
