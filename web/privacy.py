"""Masking personal data: the one place it happens.

Every page's template context, every JSON body and every export row passes through `redact`
for viewers below `investigator`. Nothing else in the web layer masks anything, so a new page
or endpoint is masked the moment it renders a template or returns JSON.

What is masked, wherever it appears (the masks themselves are search/masking.py's, which the
search engine applies to what these viewers' searches match and to the snippets it builds):
- NIP, NIK and other long identity numbers (15 or more digits, groups separated by spaces,
  dots, dashes or underscores, glued to letters or not) become "[NIP/NIK disamarkan]"; in case
  data, so does any run of six or more digits that is part of a NIP known to the graph;
- a person's id (`person:...`) becomes a stable pseudonym (`person:anon-…`, keyed by the
  secret key, so it cannot be recomputed from a NIP), their name and names become "Orang …";
- in case data (cases, people, links, evidence, case search results, networks, traces), every
  word that is part of any person's name or adat title in the graph is replaced by "[nama]",
  except words that also name a region, agency or position ("Tanjung", "Selatan"): one such
  word may show, a whole name cannot. Words of laws and regulations are never touched: they are
  not case data.
Values under keys such as `nip`, `nik`, `phone`, `email`, `address` are dropped to a mask outright.
Of the stored properties of persons, mentions and merge decisions (entity pages' `properties`,
exports) these viewers get only those listed in SHOWN_PROPERTIES: a property added later, or
derived from names (`name_keys`), stays hidden until it is listed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import re
import threading
import time
from collections.abc import Callable
from functools import cached_property
from urllib.parse import unquote

from flask import current_app

from graph.entities import person_count, person_names, person_numbers
from search.masking import NAME_MASK, NUMBER, NUMBER_MASK, Mask, name_words
from web.accounts import User

PERSONAL_MASK = "[disamarkan]"
PERSONAL_KEYS = frozenset({"nip", "nik", "phone", "email", "address", "contact", "reporter",
                           "birth_date", "titles", "adat_title"})
NAME_KEYS = frozenset({"name", "names", "other_name"})
# Keys whose values are codes, dates or numbers, never free text: left as they are.
STRUCTURAL_KEYS = frozenset({"label", "type", "status", "stage", "outcome", "date", "start", "end", "level",
                             "kind", "direction", "act", "act_date", "score", "score_parts", "rank", "step",
                             "state", "method", "citation", "provision_id", "provisions", "legal_basis", "url"})
# A record holding any of these, or with a case/person id, is case data (and so is all it holds).
CASE_DATA_KEYS = frozenset({"people", "sentence", "other_id", "hops", "nip", "links", "respondent", "case_id"})
# Nodes of any other label (people, mentions, cases, documents, merge decisions...) are case data.
PUBLIC_LABELS = frozenset({"Agency", "Region", "Position", "Election", "Regulation", "Provision"})
CASE_DATA_IDS = ("case:", "person:", "mention:")
# Ids may hold "#" ("person:c000005-kajian#p3") and "/" (a register's path:
# "person:register:cases/register.jsonl#c000118-p2") and, inside URLs, be percent-encoded; in a
# URL, "/network" or "/timeline" after one is the route's.
PERSON_ID = re.compile(r"\bperson:[^\s\"'<>?&]+?(?=/(?:network|timeline)\b|[\s\"'<>?&]|$)")
PSEUDONYM_PREFIX = "person:anon-"
HELD = re.compile("\ue000(\\d+)\ue000")  # a pseudonym set aside while the rest of a text is masked
REFRESH_SECONDS = 5.0  # how often the number of persons is compared
RELOAD_SECONDS = 300.0  # names and NIPs are read again at least this often, whatever the count says
# Keys whose values are ids: their digits are not taken for parts of a NIP (a whole NIP still is).
ID_KEYS = frozenset({"id", "source", "target", "from", "to", "a", "b"})
# What viewers below investigator see of a node's stored properties, by label (see the docstring).
SHOWN_PROPERTIES = {
    "Person": frozenset({"id", "name", "names", "kind", "positions", "agencies", "regions", "documents", "race",
                         "ballot_number", "incumbent", "nip_kind"}),
    "PersonMention": frozenset({"id", "case_id", "document_id", "name", "kind", "position", "agency", "region",
                                "race", "ballot_number", "incumbent", "nip_kind", "rank", "start", "end"}),
    "MergeDecision": frozenset({"id", "a", "b", "decision", "confidence", "verdict", "decided_by", "decided_at",
                                "a_document", "b_document"}),
}


class Redactor:
    def __init__(self, key: bytes, mask: Mask | frozenset[str] | Callable[[], Mask]):
        """`mask` (or just the name words) may be a function: it is called only once case data is
        met, so pages without any (an error page while the database is down) need no graph."""
        self.key, self._mask = key, mask

    @cached_property
    def mask(self) -> Mask:
        mask = self._mask() if callable(self._mask) else self._mask
        return mask if isinstance(mask, Mask) else Mask(mask)

    @property
    def name_words(self) -> frozenset[str]:
        return self.mask.name_words

    def pseudonym(self, person_id: str) -> str:
        if person_id.startswith(PSEUDONYM_PREFIX):
            return person_id
        digest = hmac.new(self.key, person_id.encode(), hashlib.sha256).hexdigest()[:12]
        return f"{PSEUDONYM_PREFIX}{digest}"

    def label(self, person_id: str) -> str:
        return f"Orang {self.pseudonym(person_id)[len(PSEUDONYM_PREFIX):][:6].upper()}"

    def __call__(self, value, key: str = "", case_data: bool = False):
        if isinstance(value, str):
            return self.text(value, key, case_data)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value) if f.init}
            return dataclasses.replace(value, **self._record(fields, case_data))
        if type(value) is dict:
            return self._record(value, case_data)
        if isinstance(value, (list, tuple)) and type(value) in (list, tuple):
            return type(value)(self(item, key, case_data) for item in value)
        return value

    def _record(self, record: dict, case_data: bool) -> dict:
        case_data = case_data or _is_case_data(record)
        person = _person_id(record)
        shown = _shown_label(record)
        redacted = {}
        for key, value in record.items():
            if key == "properties" and shown and type(value) is dict:
                redacted[key] = self._properties(shown, value)
            elif key in PERSONAL_KEYS and value not in (None, "", [], ()):
                redacted[key] = [] if isinstance(value, (list, tuple)) else (
                    NUMBER_MASK if key in ("nip", "nik") else PERSONAL_MASK)
            elif key in NAME_KEYS and person(key):
                label = self.label(person(key))
                redacted[key] = [label] if isinstance(value, (list, tuple)) else label
            else:
                redacted[key] = self(value, key, case_data)
        return redacted

    def _properties(self, label: str, properties: dict) -> dict:
        """A node's stored properties: only those shown for its label; a mention's or merge
        decision's names (there is no pseudonym to show instead) masked whole."""
        redacted = self._record({key: value for key, value in properties.items()
                                 if key in SHOWN_PROPERTIES[label]}, True)
        if label != "Person":
            redacted.update({key: NAME_MASK for key in NAME_KEYS & redacted.keys() if redacted[key]})
        return redacted

    def text(self, text: str, key: str = "", case_data: bool = False) -> str:
        # Person ids first, set aside: some hold a NIP, which must turn into the pseudonym, not a
        # mask; and a pseudonym's hex digits are no part of a NIP.
        held: list[str] = []

        def hold(match) -> str:
            held.append(self.pseudonym(unquote(match.group(0))))
            return f"\ue000{len(held) - 1}\ue000"

        text = PERSON_ID.sub(hold, text.replace("\ue000", "\ufffd"))
        if case_data:
            text = self.mask.text(text, names=key not in STRUCTURAL_KEYS,
                                  parts=key not in STRUCTURAL_KEYS and not _is_id_key(key), html=key == "snippet")
        else:
            text = NUMBER.sub(NUMBER_MASK, text)
        return HELD.sub(lambda match: held[int(match.group(1))], text) if held else text

    def query(self, text: str) -> str:
        """A case-search query without names or numbers in it: finding the cases that match a
        typed name would tell a researcher who is behind a pseudonym (see search/masking.py)."""
        return self.mask.query(text)


def _labels(record: dict) -> set[str]:
    """The node labels a record says it has (`labels` or `label`), if they are strings: an
    OpenAPI schema has a `label` too."""
    labels = record.get("labels")
    if isinstance(labels, (list, tuple)):
        return {label for label in labels if isinstance(label, str)}
    label = record.get("label")
    return {label} if isinstance(label, str) and label else set()


def _shown_label(record: dict) -> str | None:
    """For a record that carries a node's stored `properties` (an export row, an entity view),
    the label whose SHOWN_PROPERTIES apply to them."""
    return next((label for label in sorted(_labels(record)) if label in SHOWN_PROPERTIES), None) \
        if "properties" in record else None


def _is_id_key(key: str) -> bool:
    return key in ID_KEYS or key.endswith(("_id", "_ids"))


def _is_case_data(record: dict) -> bool:
    identifier = record.get("id")
    return (bool(CASE_DATA_KEYS & record.keys()) or bool(_labels(record) - PUBLIC_LABELS)
            or (isinstance(identifier, str) and identifier.startswith(CASE_DATA_IDS)))


def _person_id(record: dict):
    """For a name key, the id of the person the name belongs to, if the record says."""
    def person(key: str) -> str | None:
        id_key = "other_id" if key == "other_name" else "id"
        identifier = record.get(id_key)
        if isinstance(identifier, str) and identifier.startswith("person:"):
            return identifier
        if key != "other_name" and record.get("label") == "Person" and isinstance(identifier, str):
            return identifier
        return None
    return person


# -- per app ----------------------------------------------------------------------------------

class People:
    """The mask (every word of every person's name in the graph, every NIP) and every person
    id, read again when the number of persons and mentions changes (compared at most every
    REFRESH_SECONDS), so an ingest run by another process is seen, and at least every
    RELOAD_SECONDS (a changed document can rename a person without changing the count)."""

    def __init__(self):
        self._lock = threading.Lock()
        self.mask = Mask()
        self.ids: list[str] = []
        self._count, self._checked, self._loaded = -1, 0.0, 0.0

    @property
    def words(self) -> frozenset[str]:
        return self.mask.name_words

    def refresh(self, graph) -> "People":
        with self._lock:
            now = time.monotonic()
            if now - self._checked > REFRESH_SECONDS:
                count = person_count(graph)
                if count != self._count or now - self._loaded > RELOAD_SECONDS:
                    names, ids, other_names = person_names(graph)
                    self.mask, self.ids = Mask(name_words(names, other_names), person_numbers(graph)), ids
                    self._count, self._loaded = count, now
                self._checked = now
            return self


def people() -> People:
    from web.services import graph

    return current_app.extensions.setdefault("netra_people", People()).refresh(graph())


def redactor_for(user: User) -> Redactor | None:
    """The redactor for this viewer; None for investigators and admins, who see everything."""
    if user.can("investigator"):
        return None
    return Redactor(current_app.secret_key, lambda: people().mask)


def search_mask(user: User) -> Mask | None:
    """What this viewer's searches may not match or show (search.masking.Mask); None for
    investigators and admins."""
    return None if user.can("investigator") else people().mask


def entity_lookup(user: User, text: str) -> str | None:
    """What `text` may look up for this viewer: anything (id, NIP, name) for investigators; for
    others a pseudonym, turned into the person's id, or an agency or election id. Looking a person
    up by name or NIP would tie the name to the pseudonym shown."""
    if user.can("investigator"):
        return text
    if text.startswith(PSEUDONYM_PREFIX):
        redactor = Redactor(current_app.secret_key, frozenset())
        return next((pid for pid in people().ids if redactor.pseudonym(pid) == text), None)
    return text if text.startswith(("agency:", "election:")) else None


def case_search_query(user: User, text: str) -> str:
    """The query a viewer may search cases with: researchers' without names and numbers (see
    Redactor.query); the public may not search cases at all."""
    from web.i18n import _
    from web.services import BadRequest, Forbidden

    if not user.can("researcher"):
        raise Forbidden(_("Masuk sebagai peneliti atau penyelidik untuk mencari kasus."))
    redactor = redactor_for(user)
    if redactor is None:
        return text
    scrubbed = redactor.query(text)
    if text.strip() and not scrubbed.strip():
        raise BadRequest(_("Nama orang dan NIP tidak dapat dicari dengan peran Anda; cari perbuatan, wilayah atau ketentuan."))
    return scrubbed
