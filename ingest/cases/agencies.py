"""Agency names: one name, and one Agency node, for each body however documents write it.

A name is read in three steps, each the same for every document (so the result never depends on
the order documents are loaded in):

1. normalised: spaces, punctuation at the ends, written-out abbreviations ("Kab." -> "Kabupaten",
   "Pemkab" -> "Pemerintah Kabupaten", "SMPN" -> "SMP Negeri"), numbers without leading zeros;
2. a word one slip away from a word of the gazetteer's names is read as that word ("Negcri" ->
   "Negeri", "Kabupatcn" -> "Kabupaten"; OCR's "rn" for "m" counts as no slip), and a region or
   district name one slip away (two if long) from one of ingest/cases/gazetteer.py as that place
   ("Pesiisir Selatan" -> "Pesisir Selatan");
3. matched against the gazetteer of bodies (corpus/agencies.toml): a body's name, full name,
   acronym or variant, then its place, is the body's own name with the place as the gazetteer
   spells it ("Badan Pengawas Pemilu" -> "Bawaslu RI", "Disdik Kab. Agam" -> "Dinas Pendidikan
   Kabupaten Agam"). A name the gazetteer does not know (a school, a health centre) keeps its
   words, its place spelt as the region.

A bare head word ("Badan", "Dinas") or a regional body without its region is no agency: None.

`plan_agencies` then works on every name the graph holds (ingest/agency_resolution.py): it
honours reviewers' verdicts, merges names still one slip apart within one region and kind
("Puskesmas Koto Tingi" into "Puskesmas Koto Tinggi"), sends uncertain pairs to review, and says
which links move to which Agency. Every merge that is more than normalising (an acronym, a
variant, a slip) is a decision a reviewer can see, and reject.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from core.config import REPO_ROOT

from .places import (LEVEL_WORDS, MIN_SLIP, Place, bare_region, closest, compare_key, place_of, place_words,
                     read_place, region_of_district_at_end, slip_limit, split_suffix)

GAZETTEER_FILE = REPO_ROOT / "corpus" / "agencies.toml"
MAX_NAME_CHARS = 160  # longer is a sentence the extractor took for a name, not an agency's name
MERGE, REVIEW = "merge", "review"  # decisions, spelt as ingest.cases.resolve and the review queue spell them
ACCEPTED, REJECTED = "accepted", "rejected"  # a reviewer's verdicts, as graph.entities stores them
GAZETTEER, RULES = "gazetteer", "rules"  # who decided a merge

# Abbreviations written out first (keys: the word case-folded, without its dot).
ABBREVIATIONS = {
    "kab": "Kabupaten", "prov": "Provinsi", "prop": "Provinsi", "propinsi": "Provinsi", "kec": "Kecamatan",
    "pemkab": "Pemerintah Kabupaten", "pemko": "Pemerintah Kota", "pemkot": "Pemerintah Kota",
    "pemprov": "Pemerintah Provinsi", "sdn": "SD Negeri", "smpn": "SMP Negeri", "sman": "SMA Negeri",
    "smkn": "SMK Negeri", "mtsn": "MTs Negeri",
}
EDGE_PUNCTUATION = " \t,.;:()[]{}\"'“”‘’-–—/\\|"
LETTER = re.compile(r"[^\W\d_]")
# Words a proper name follows: "Puskesmas Pasar Anau", "Kantor Camat Koto Tangah", "Kantor Lurah Pauh Lamo".
NAME_HEADS = {"puskesmas", "camat", "lurah", "kelurahan", "nagari", "desa", "jorong"}
NUMBER = re.compile(r"\d+")

# Two names the gazetteers cannot tell apart and one slip apart are merged when the names are
# long enough that the slip is unlikely to be another body's name, else sent to review.
PAIR_MERGE_ONE = 12  # characters, for one edit
PAIR_MERGE_TWO = 20  # characters, for two edits
PAIR_REVIEW_MIN = 6
CONFIDENCE = {GAZETTEER: 0.95, RULES: 0.85}  # of a merge read from one name
SAME_BUT_OCR, ONE_APART, TWO_APART, UNSURE = 0.95, 0.9, 0.8, 0.5  # of a merge of two names


def agency_id(name: str) -> str:
    return f"agency:{slug(name)}"


def slug(text: str) -> str:
    """The part of a shared node's id made from its name: "Bawaslu Kota Padang" -> "bawaslu-kota-padang"."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


@dataclass(frozen=True)
class Body:
    """One entry of the gazetteer (see corpus/agencies.toml for the fields)."""

    name: str
    kind: str | None
    levels: tuple[str, ...]
    national: str | None = None
    district_word: str | None = None
    full: str | None = None
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class AgencyName:
    """What a written agency name resolves to."""

    name: str  # the body's name in the graph: "Bawaslu Kabupaten Pesisir Selatan"
    kind: str | None  # "Bawaslu", "dinas", "school", ...
    level: str | None  # national, province, regency, district; None if not known
    region: str | None  # the regency, city or province the body belongs to
    as_written: str  # the written name only normalised: its name if a reviewer rejects `name`
    reasons: tuple[str, ...] = ()  # why `name` is more than `as_written` normalised (empty: trivially the same)
    decided_by: str | None = None  # GAZETTEER or RULES, when there are reasons
    settled: bool = False  # body and place both from the gazetteers: never a slip of another name

    @property
    def id(self) -> str:
        return agency_id(self.name)

    @property
    def own_id(self) -> str:
        return agency_id(self.as_written)

    def as_own(self) -> AgencyName:
        """The name as written, kept apart from the body it was read as (a reviewer said it is not)."""
        return AgencyName(self.as_written, agency_kind(self.as_written), None, self.region, self.as_written)


# -- the gazetteer ---------------------------------------------------------------------------

@dataclass
class Gazetteer:
    bodies: list[Body]
    generic: frozenset[str]  # compare keys of names that alone are no particular body
    extra_words: frozenset[str] = frozenset()  # words of agency names the bodies lack ("Negeri")
    _keys: dict[str, tuple[Body, str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for body in self.bodies:  # compare key -> (body, how the key names it)
            for written, how in ((body.name, "name"), (body.full, "full"), *((a, "also") for a in body.also)):
                if written:
                    self._keys.setdefault(compare_key(written), (body, how))
        # What a slip is read as: compare key of a word of the names -> the word as spelt.
        spelt = [*(body.name for body in self.bodies), *(body.full or "" for body in self.bodies),
                 *(name for body in self.bodies for name in body.also), *LEVEL_WORDS, *self.extra_words]
        self.terms = {compare_key(word): word.casefold() for name in spelt for word in re.split(r"[\W_]+", name)
                      if word.isalpha()}
        self._longest = max((len(key.split()) for key in self._keys), default=0)

    @classmethod
    def from_toml(cls, text: str) -> Gazetteer:
        data = tomllib.loads(text)
        bodies = [Body(entry["name"], entry.get("kind"), tuple(entry.get("levels", ())), entry.get("national"),
                       entry.get("district_word"), entry.get("full"), tuple(entry.get("also", ())))
                  for entry in data.get("agency", [])]
        generic = data.get("generic", {})
        return cls(bodies, frozenset(compare_key(name) for name in generic.get("names", [])),
                   frozenset(generic.get("words", [])))

    def is_generic(self, text: str) -> bool:
        return compare_key(text) in self.generic

    def resolve(self, written: str, region: str | None = None) -> AgencyName | None:
        """The agency a name written in a document is, or None if it names none. `region`: where
        the person employed there works ("Kota Solok"), for a name without its place ("Dinas
        Pendidikan" of a teacher in Kota Solok)."""
        text = normalise(written)
        if text is None or (self.is_generic(text) and not region):
            return None
        main, suffix = split_suffix(text)
        words, reasons = self._read_slips(main.split())
        found = self._body_at_start(words)
        place = _body_place(found[0], words[found[2]:], suffix) if found else None
        if found and (place is not None or found[2] == len(words)):
            resolved = self._body_name(found[0], found[1], words[:found[2]], place, region, text, reasons)
        else:  # not a body the gazetteer knows, or one followed by words that are no place ("Bawaslu Solok")
            resolved = self._unknown_body_name(words, suffix, text, reasons)
        # Indonesian agency names are written in Latin letters: a name with none in its id
        # ("agency:" of "机构", "agency:0" of "㍘") is no name Netra can keep.
        return resolved if resolved and _has_letter(resolved.name) and _has_letter(resolved.as_written) else None

    def _body_at_start(self, words: list[str]) -> tuple[Body, str, int] | None:
        """The body whose name, acronym or variant the words begin with (the longest such):
        (body, how that name is known, how many words)."""
        for length in range(min(self._longest, len(words)), 0, -1):
            found = self._keys.get(compare_key(" ".join(words[:length])))
            if found:
                return found[0], found[1], length
        return None

    def _read_slips(self, words: list[str]) -> tuple[list[str], list[str]]:
        """The words, each one slip off a word of the gazetteer's names read as that word; the
        reasons. Words after a number, a level word or a head that a proper name follows are a
        name ("Puskesmas Pasar Anau" is no "Dasar"): a slip there is left to the refresh, which
        compares whole names."""
        reasons, read, in_name = [], [], False
        for word in words:
            fixed = None if in_name else self._term_for(word)
            if fixed:
                reasons.append(f"'{word}' read as '{fixed}' (one letter off a word of agency names)")
            read.append(fixed or word)
            key = compare_key(fixed or word)
            in_name = in_name or key in NAME_HEADS or key in LEVEL_WORDS or key.isdigit()
        return read, reasons

    def _term_for(self, word: str) -> str | None:
        """The word of agency names `word` is a slip of (OCR's "rn" for "m" included), or None."""
        if not word.isalpha():
            return None
        key = compare_key(word)
        if key in self.terms:
            return _cased_like(word, self.terms[key]) if word.casefold() != self.terms[key] else None
        if not slip_limit(key) or key in place_words():
            return None
        found = closest(key, self.terms, slip_limit(key))
        return _cased_like(word, self.terms[found]) if found else None

    def _body_name(self, body: Body, how: str, head: list[str], place: Place | None, context: str | None,
                   text: str, reasons: list[str]) -> AgencyName | None:
        written_as = " ".join(head)
        if how != "name":
            reasons = [*reasons, f"'{written_as}' is {'the full name' if how == 'full' else 'another name'} "
                                 f"of {body.name} (gazetteer)"]
        if place is None and context:
            place = _context_place(body, context)
            text = f"{text} {place.text()}" if place else text
        if place is None or place.level == "national":
            if not body.national or (place is None and self.is_generic(written_as)):
                return None  # "Dinas Pendidikan" of no region, a bare "Bawaslu": no particular office
            if place is None and compare_key(body.national) not in (compare_key(body.name), compare_key(written_as)):
                reasons = [*reasons, f"named without a region: the national office, {body.national} (gazetteer)"]
            name, level, region = body.national, "national", None
        else:
            name, level, region = f"{body.name} {place.text(body.district_word)}", place.level, place.region
            reasons = [*reasons, place.slip] if place.slip else reasons
        settled = place is None or place.level == "national" or place.known
        return AgencyName(name, body.kind or agency_kind(name), level, region, text, tuple(reasons),
                          _decided_by(reasons), settled)

    def _unknown_body_name(self, words: list[str], suffix: Place | None, text: str,
                           reasons: list[str]) -> AgencyName | None:
        """A name the gazetteer does not know: its words, and its place spelt as the region."""
        head, place = _split_at_place(words, suffix)
        if not head or self.is_generic(" ".join(head)):
            return None
        place = place or suffix
        if place is not None and place.slip:
            reasons = [*reasons, place.slip]
        joiner = ", " if place is suffix else " "
        name = joiner.join([" ".join(head), place.text()]) if place else " ".join(head)
        region = place.region if place else region_of_district_at_end(head)
        return AgencyName(name, agency_kind(name), place.level if place else None, region, text, tuple(reasons),
                          _decided_by(reasons))


def _has_letter(name: str) -> bool:
    return re.search("[a-z]", slug(name)) is not None


def _decided_by(reasons: list[str]) -> str | None:
    if not reasons:
        return None
    return GAZETTEER if all(reason.endswith("(gazetteer)") for reason in reasons) else RULES


@lru_cache(maxsize=1)
def gazetteer(path: Path = GAZETTEER_FILE) -> Gazetteer:
    """The shipped gazetteer, read once per process."""
    return Gazetteer.from_toml(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=50_000)
def resolve_agency(written: str, region: str | None = None) -> AgencyName | None:
    """`Gazetteer.resolve` with the shipped gazetteer (cached: a register names the same bodies
    thousands of times)."""
    return gazetteer().resolve(written, region)


# -- normalising -----------------------------------------------------------------------------

def normalise(written: str) -> str | None:
    """The name with regular spaces, edge punctuation, abbreviations and numbers; None if it has
    no letters or is too long to be a name."""
    text = unicodedata.normalize("NFKC", written or "")
    text = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in text)
    text = re.sub(r"\.(?=[^\W\d_])", ". ", text)  # "Kab.Agam"
    text = re.sub(r"\s*,\s*", ", ", text).strip(EDGE_PUNCTUATION)
    if len(text) > MAX_NAME_CHARS or not LETTER.search(text):
        return None
    words: list[str] = []
    for word in text.split():
        expanded = ABBREVIATIONS.get(word.rstrip(".").casefold(), _number(word))
        for part in expanded.split():
            if not words or part.casefold() != words[-1].casefold():  # "Pemerintah Kabupaten Kabupaten Agam"
                words.append(part)
    return " ".join(words).strip(EDGE_PUNCTUATION) or None


def _number(word: str) -> str:
    """ "02" -> "2" (a school's number); other words as they are."""
    return str(int(word)) if word.isascii() and word.isdigit() and len(word) <= 6 else word


# -- the place after a body's name -----------------------------------------------------------

def _body_place(body: Body, words: list[str], suffix: Place | None) -> Place | None:
    """The place written after a body's name: with its level word ("Kabupaten Agam"), or a bare
    region or district name ("Bawaslu Agam", "Kantor Camat Koto Tangah"), or "RI". None if the
    words are something else (then the name is not this body's)."""
    if not words:
        return suffix
    if "district" in body.levels and compare_key(words[0]) != "kecamatan":
        words = ["Kecamatan", *words]  # "Kantor Camat Koto Tangah"
    place = read_place(words, suffix)
    if place is not None or suffix is not None:
        return place
    return bare_region(" ".join(words))


def _context_place(body: Body, context: str) -> Place | None:
    """The region of a person's post as the place of a body named without one, if it has offices there."""
    place = place_of(normalise(context) or "")
    if place is not None and place.level == "district" and "district" not in body.levels:
        place = Place("regency", place.region, known=place.known) if place.region else None
    return place if place is not None and place.level in body.levels else None


def _split_at_place(words: list[str], suffix: Place | None) -> tuple[list[str], Place | None]:
    """A name the gazetteer does not know, split at the first level word that begins its place:
    "Wali Kota Solok" -> "Wali" and Kota Solok; "SD Negeri 5 Kota Solok" -> "SD Negeri 5" and Kota Solok."""
    for index in range(1, len(words)):
        if compare_key(words[index]) in LEVEL_WORDS:
            place = read_place(words[index:], suffix)
            if place is not None:
                return words[:index], place
    return words, None


def _cased_like(word: str, term: str) -> str:
    return term.upper() if word.isupper() and len(word) > 1 else term.capitalize() if word[:1].isupper() else term


# -- kinds -----------------------------------------------------------------------------------

# The kind of a body the gazetteer does not list, by its name.
AGENCY_KINDS = [("Bawaslu", r"^(Bawaslu|Panwascam|Panwaslu|Pengawas)\b"), ("KASN", r"^KASN$|Komisi Aparatur"),
                ("BKN", r"^BKN$|Badan Kepegawaian Negara"), ("Sentra Gakkumdu", r"Gakkumdu"),
                ("PPK", r"^(Bupati|Wali ?Kota|Gubernur|Menteri|PPK)\b"), ("school", r"^(SD|SMP|SMA|SMK|MTs|MAN?)\b"),
                ("dinas", r"^Dinas\b"), ("police", r"^Pol(res|da|sek)\b"), ("prosecutor", r"^Kejaksaan\b")]


def agency_kind(name: str | None) -> str | None:
    if not name:
        return None
    return next((kind for kind, pattern in AGENCY_KINDS if re.search(pattern, name)), None)


# -- every name in the graph: verdicts, slips between names, where links go ----------------------

@dataclass(frozen=True)
class AgencyDecision:
    """A merge of two agency names (or a question about one), as a MergeDecision records it."""

    a: str  # the Agency id merged away (the name as written, for a merge read from one name)
    b: str  # the Agency id it was merged into
    a_name: str
    b_name: str
    decision: str  # MERGE or REVIEW
    confidence: float
    evidence: tuple[str, ...]
    decided_by: str  # GAZETTEER or RULES
    links: int = 0  # links of `a`: what the decision moves
    region: str | None = None

    @property
    def id(self) -> str:
        return decision_id(self.a, self.b)

    def row(self) -> dict:
        return {"id": self.id, "subject": "agency", "a": self.a, "b": self.b, "a_name": self.a_name,
                "b_name": self.b_name, "decision": self.decision, "confidence": self.confidence,
                "evidence": list(self.evidence), "decided_by": self.decided_by, "links": self.links,
                "region": self.region}


def decision_id(a: str, b: str) -> str:
    """A short handle for a decision about two Agency ids (either order), for `netra entities accept|reject`."""
    return "ag-" + hashlib.sha1("|".join(sorted((a, b))).encode()).hexdigest()[:10]


@dataclass
class AgencyPlan:
    agencies: list[dict]  # {id, properties: {name, kind, level, region, names}}: the Agencies links end at
    moves: list[dict]  # {from, to, named_as, named_region}: links to move (named_as None: written before it was kept)
    decisions: list[AgencyDecision]


@dataclass
class _Target:
    resolved: AgencyName
    links: int = 0
    names: set[str] = field(default_factory=set)


def plan_agencies(rows: list[dict], verdicts: list[dict], resolve=resolve_agency) -> AgencyPlan:
    """Where each agency link belongs. `rows`: {id, name} of an Agency, and of the links to it the
    name they were written with (named_as, named_region) and how many (links); `verdicts`: {a, b,
    verdict} of reviewed agency decisions. A name a reviewer kept apart from its body keeps its own
    Agency; two names a reviewer joined are one."""
    rejected = {frozenset((v["a"], v["b"])) for v in verdicts if v["verdict"] == REJECTED}
    accepted = {frozenset((v["a"], v["b"])) for v in verdicts if v["verdict"] == ACCEPTED}
    targets: dict[str, _Target] = {}
    decisions: dict[str, AgencyDecision] = {}  # by id: one name written with several regions is one decision
    placed: list[tuple[dict, str]] = []  # (row, the Agency id its name resolves to)
    for (named, region), group in _by_name(rows).items():
        resolved = resolve(named, region)
        if resolved is None:
            continue  # nothing to say about it: its links stay where they are
        links = sum(row["links"] for row in group)
        if resolved.reasons and resolved.own_id != resolved.id:
            earlier = decisions.get(decision_id(resolved.own_id, resolved.id))
            decision = AgencyDecision(resolved.own_id, resolved.id, resolved.as_written, resolved.name, MERGE,
                                      CONFIDENCE[resolved.decided_by], resolved.reasons, resolved.decided_by,
                                      links + (earlier.links if earlier else 0), resolved.region)
            decisions[decision.id] = decision
            if frozenset((resolved.own_id, resolved.id)) in rejected:
                resolved = resolved.as_own()
        target = targets.setdefault(resolved.id, _Target(resolved))
        target.links += links
        target.names.add(named)
        placed += [(row, resolved.id) for row in group]
    final, pair_decisions = _join_slips(targets, rejected, accepted)
    moves = [{"from": row["id"], "to": final[target], "named_as": row.get("named_as"),
              "named_region": row.get("named_region")}
             for row, target in placed if row["id"] != final[target]]
    return AgencyPlan(_agencies(targets, final), moves, [*decisions.values(), *pair_decisions])


def _by_name(rows: list[dict]) -> dict[tuple[str, str | None], list[dict]]:
    """Rows grouped by the name their links were written with (a link written before names were
    kept on links: its Agency's name)."""
    groups: dict[tuple[str, str | None], list[dict]] = defaultdict(list)
    for row in rows:
        if row.get("links"):
            groups[(row.get("named_as") or row["name"], row.get("named_region"))].append(row)
    return groups


def _agencies(targets: dict[str, _Target], final: dict[str, str]) -> list[dict]:
    names: dict[str, set[str]] = defaultdict(set)
    for target_id, target in targets.items():
        names[final[target_id]] |= target.names | {target.resolved.name}
    return [{"id": agency, "properties": {"name": targets[agency].resolved.name, "kind": targets[agency].resolved.kind,
                                          "level": targets[agency].resolved.level,
                                          "region": targets[agency].resolved.region, "names": sorted(written)}}
            for agency, written in sorted(names.items())]


def _join_slips(targets: dict[str, _Target], rejected: set[frozenset], accepted: set[frozenset]):
    """Agencies still one slip apart joined (the one with more links stays), uncertain pairs to
    review, reviewers' verdicts honoured: ({Agency id: the id it ends as}, decisions)."""
    clusters = _Clusters(targets, rejected)
    for pair in accepted:
        if all(member in targets for member in pair):
            clusters.union(*pair)
    decisions = []
    for a, b, distance in _slip_pairs(targets):
        pair = frozenset((a, b))
        if pair in accepted:
            continue
        absorbed, kept = sorted((a, b), key=lambda member: _rank(targets[member]), reverse=True)
        decision = _pair_decision(targets[absorbed], targets[kept], distance)
        if decision is None:
            continue
        if decision.decision == MERGE and pair not in rejected and not clusters.union(absorbed, kept):
            decision = AgencyDecision(*_sides(decision), REVIEW, UNSURE,
                                      decision.evidence + ("but joining them would join names a reviewer kept apart",),
                                      RULES, decision.links, decision.region)
        decisions.append(decision)
    return clusters.finals(), decisions


def _sides(decision: AgencyDecision) -> tuple[str, str, str, str]:
    return decision.a, decision.b, decision.a_name, decision.b_name


def _rank(target: _Target) -> tuple:
    """Which of two names stays: the one with more links, then fewer unknown words, then the first."""
    unknown = sum(1 for word in compare_key(target.resolved.name).split()
                  if word.isalpha() and word not in gazetteer().terms and word not in place_words())
    return -target.links, unknown, target.resolved.id


def _slip_pairs(targets: dict[str, _Target]) -> Iterable[tuple[str, str, int]]:
    """Pairs of agencies of one kind, region and numbers whose names are at most two edits apart
    (the gazetteers cannot tell them apart: not both settled, and no word of one a different
    known word of the other)."""
    blocks: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
    for target_id, target in targets.items():
        key = compare_key(target.resolved.name)
        blocks[(target.resolved.kind, target.resolved.region, tuple(NUMBER.findall(key)))].append((target_id, key))
    for members in blocks.values():
        keys = [key for _id, key in members]
        for index, (a, key) in enumerate(members):
            for _other, distance, offset in process.extract(key, keys[index + 1:], scorer=OSA.distance,
                                                             score_cutoff=2, limit=None):
                b = members[index + 1 + offset][0]
                if not (targets[a].resolved.settled and targets[b].resolved.settled) \
                        and not _known_words_differ(key, keys[index + 1 + offset]):
                    yield a, b, distance


def _known_words_differ(a: str, b: str) -> bool:
    """Whether a word of one name is another known word in the other ("Koto Baru" and "Koto
    Besar", two districts): two names, not a slip."""
    words_a, words_b = a.split(), b.split()
    known = set(gazetteer().terms) | place_words()
    return len(words_a) == len(words_b) and any(x != y and x in known and y in known for x, y in zip(words_a, words_b))


def _short_words_differ(a: str, b: str) -> bool:
    """Whether the names differ in a short word ("SD" and "SMA"): too short to carry a slip, so
    more likely another body than a misspelling."""
    words_a, words_b = a.split(), b.split()
    return len(words_a) != len(words_b) or any(x != y and max(len(x), len(y)) < MIN_SLIP
                                               for x, y in zip(words_a, words_b))


def _pair_decision(absorbed: _Target, kept: _Target, distance: int) -> AgencyDecision | None:
    a, b = absorbed.resolved, kept.resolved
    length = min(len(compare_key(a.name)), len(compare_key(b.name)))
    if distance == 0:
        decision, confidence, why = MERGE, SAME_BUT_OCR, "the same name but for case, punctuation or OCR's rn for m"
    elif length >= (PAIR_MERGE_ONE if distance == 1 else PAIR_MERGE_TWO) \
            and not _short_words_differ(compare_key(a.name), compare_key(b.name)):
        decision, confidence = MERGE, ONE_APART if distance == 1 else TWO_APART
        why = f"{distance} letter{'s' if distance > 1 else ''} apart in a name of {length}: a slip"
    elif length >= PAIR_REVIEW_MIN:
        decision, confidence = REVIEW, UNSURE
        why = f"{distance} letter{'s' if distance > 1 else ''} apart in a short name: a slip, or another body"
    else:
        return None
    where = f" in {a.region}" if a.region else ""
    evidence = (f"'{a.name}' ({absorbed.links} links) and '{b.name}' ({kept.links} links): {why}",
                f"both {a.kind or 'of no known kind'}{where}")
    return AgencyDecision(a.id, b.id, a.name, b.name, decision, confidence, evidence, RULES, absorbed.links, a.region)


class _Clusters:
    """Union-find over Agency ids that never joins two a reviewer kept apart."""

    def __init__(self, targets: dict[str, _Target], apart: set[frozenset]):
        self.parent = {member: member for member in targets}
        self.members = {member: {member} for member in targets}
        self.targets, self.apart = targets, apart

    def find(self, member: str) -> str:
        while self.parent[member] != member:
            self.parent[member] = self.parent[self.parent[member]]
            member = self.parent[member]
        return member

    def union(self, a: str, b: str) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return True
        if any(frozenset((x, y)) in self.apart for x in self.members[root_a] for y in self.members[root_b]):
            return False
        self.parent[root_a] = root_b
        self.members[root_b] |= self.members.pop(root_a)
        return True

    def finals(self) -> dict[str, str]:
        """Each member -> the member its cluster ends as (the one that ranks first)."""
        best = {root: min(members, key=lambda member: _rank(self.targets[member]))
                for root, members in self.members.items()}
        return {member: best[self.find(member)] for member in self.parent}
