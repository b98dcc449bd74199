"""Masking personal data: the one place it happens.

Every page's template context, every JSON body and every export row passes through `redact`
for viewers below `investigator`. Nothing else in the web layer masks anything, so a new page
or endpoint is masked the moment it renders a template or returns JSON.

What is masked, wherever it appears:
- NIP, NIK and other long identity numbers (15 or more digits, spaces and dots allowed) become
  "[NIP/NIK disamarkan]";
- a person's id (`person:...`) becomes a stable pseudonym (`person:anon-…`, keyed by the
  secret key, so it cannot be recomputed from a NIP), their name and names become "Orang …";
- in case data (cases, people, links, evidence, case search results, networks, traces), every
  word that is part of any person's name or adat title in the graph is replaced by "[nama]",
  except words that also name a region, agency or position ("Tanjung", "Selatan"): one such
  word may show, a whole name cannot. Words of laws and regulations are never touched: they are
  not case data.
Values under keys such as `nip`, `nik`, `phone`, `email`, `address` are dropped to a mask outright.
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

from graph.entities import person_count, person_names
from web.accounts import User

NUMBER = re.compile(r"(?<![\w.])\d(?:[ .]?\d){14,}(?![\w])")
NUMBER_MASK = "[NIP/NIK disamarkan]"
NAME_MASK = "[nama]"
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
# Ids may hold "#" ("person:c000005-kajian#p3") and, inside URLs, be percent-encoded.
PERSON_ID = re.compile(r"\bperson:[^\s\"'<>?&/]+")
PSEUDONYM_PREFIX = "person:anon-"
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
REFRESH_SECONDS = 5.0
# Shorter words ("x", "is") are extraction noise, and masking them would garble every sentence.
MIN_NAME_WORD = 3


class Redactor:
    def __init__(self, key: bytes, name_words: frozenset[str] | Callable[[], frozenset[str]]):
        """`name_words` may be a function: it is called only once case data is met, so pages
        without any (an error page while the database is down) need no graph."""
        self.key, self._name_words = key, name_words

    @cached_property
    def name_words(self) -> frozenset[str]:
        return self._name_words() if callable(self._name_words) else self._name_words

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
        redacted = {}
        for key, value in record.items():
            if key in PERSONAL_KEYS and value not in (None, "", [], ()):
                redacted[key] = [] if isinstance(value, (list, tuple)) else (
                    NUMBER_MASK if key in ("nip", "nik") else PERSONAL_MASK)
            elif key in NAME_KEYS and person(key):
                label = self.label(person(key))
                redacted[key] = [label] if isinstance(value, (list, tuple)) else label
            else:
                redacted[key] = self(value, key, case_data)
        return redacted

    def text(self, text: str, key: str = "", case_data: bool = False) -> str:
        # Person ids first: some hold a NIP, which must turn into the pseudonym, not a mask.
        text = PERSON_ID.sub(lambda match: self.pseudonym(unquote(match.group(0))), text)
        text = NUMBER.sub(NUMBER_MASK, text)
        if case_data and key not in STRUCTURAL_KEYS:
            text = WORD.sub(lambda match: NAME_MASK if match.group(0).casefold() in self.name_words
                            else match.group(0), text)
        return text

    def query(self, text: str) -> str:
        """A case-search query without names or numbers in it: finding the cases that match a
        typed name would tell a researcher who is behind a pseudonym."""
        text = NUMBER.sub(" ", text)
        return WORD.sub(lambda match: " " if match.group(0).casefold() in self.name_words else match.group(0), text)


def _is_case_data(record: dict) -> bool:
    identifier = record.get("id")
    labels = set(record.get("labels") or ([record["label"]] if record.get("label") else []))
    return (bool(CASE_DATA_KEYS & record.keys()) or bool(labels - PUBLIC_LABELS)
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
    """Every word of every person's name in the graph and every person id, reloaded when the
    number of persons changes (checked at most every few seconds), so an ingest run by another
    process is seen."""

    def __init__(self):
        self._lock = threading.Lock()
        self.words: frozenset[str] = frozenset()
        self.ids: list[str] = []
        self._count, self._checked = -1, 0.0

    def refresh(self, graph) -> "People":
        with self._lock:
            if time.monotonic() - self._checked > REFRESH_SECONDS:
                count = person_count(graph)
                if count != self._count:
                    names, self.ids, other_names = person_names(graph)
                    self.words = name_words(names, other_names)
                    self._count = count
                self._checked = time.monotonic()
            return self


def name_words(names: list[str], other_names: list[str]) -> frozenset[str]:
    """The words to mask: those of persons' names, except words that also name a place, office or
    position, unless some person's name is made of such words alone (then it would show whole)."""
    shared = _words(names) & _words(other_names)
    whole = {word for name in names if (words := _words([name])) and words <= shared for word in words}
    return _words(names) - (shared - whole)


def _words(names: list[str]) -> frozenset[str]:
    return frozenset(word for name in names for word in map(str.casefold, WORD.findall(name))
                     if len(word) >= MIN_NAME_WORD)


def people() -> People:
    from web.services import graph

    return current_app.extensions.setdefault("netra_people", People()).refresh(graph())


def redactor_for(user: User) -> Redactor | None:
    """The redactor for this viewer; None for investigators and admins, who see everything."""
    if user.can("investigator"):
        return None
    return Redactor(current_app.secret_key, lambda: people().words)


def entity_lookup(user: User, text: str) -> str | None:
    """What `text` may look up for this viewer: anything (id, NIP, name) for investigators; for
    others a pseudonym, turned into the person's id, or an agency id. Looking a person up by name
    or NIP would tie the name to the pseudonym shown."""
    if user.can("investigator"):
        return text
    if text.startswith(PSEUDONYM_PREFIX):
        redactor = Redactor(current_app.secret_key, frozenset())
        return next((pid for pid in people().ids if redactor.pseudonym(pid) == text), None)
    return text if text.startswith("agency:") else None


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
