"""From PERSON spans to `Person` records: what the text around each mention says about the
person (NIP, position, agency, candidacy), then mentions of one person gathered together."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .components.candidates import CandidateRef
from .components.common import region_in, spans_ending, spans_starting
from .gazetteer import bare_name
from .lexicon import BYSTANDER_WORDS, OFFICIAL_POSITIONS, POSITION_ABBREVIATIONS
from .model import ASN, CANDIDATE, OFFICIAL, PERSON, Mention, Person
from .names import PersonName, name_key
from .nip import NipReading, read_nip

NIP_WORDS = {"(", ")", ",", ":", ".", "nip", "nip.", "ni", "pppk", "nomor", "induk"}
AT_WORDS = {"pada", "di"}  # "analis pada Dinas ...", "guru di SD Negeri 3 ..."
ROLE_WORDS = {"selaku", "sebagai", "menjadi"}
# Words between a name and its position: "X, yang dilantik sebagai Camat ...", "X yang menjabat Sekda".
POSITION_LEAD_WORDS = {"yang", "dilantik", "diangkat", "ditunjuk", "menjabat", "bertugas", "kini", "juga", "saat",
                       "ini"}
POSITION_LEAD_LENGTH = 4
# Words of a clause that goes on to say someone is a candidate: "X, yang kini mencalonkan diri
# kembali sebagai calon Bupati petahana", "X, yang juga calon Wali Kota".
CANDIDACY_CLAUSE_WORDS = {",", "(", "yang", "juga", "kini", "saat", "ini", "sekarang", "merupakan", "adalah",
                          "mencalonkan", "diri", "kembali", "sebagai", "selaku", "menjadi", "maju", "sudah", "telah"}
CANDIDACY_CLAUSE_LENGTH = 8
NIP_LOOKAHEAD = 8  # tokens of "(NIP. 19780620 200501 1 003)," after a name
SIGNATURE_WORDS = {"ttd.", "ttd", "dto.", "dto"}
FORM_LENGTH = 60  # tokens of "NIP : ...", "Jabatan : ..." lines after "Nama : X"
# Reads as `^\s*(NIP|Jabatan|Unit Kerja|Instansi)\s*:\s*(.+?)\s*$` (the same fields and values) in
# linear time: the value runs to the line's last non-space instead of growing one character at a
# time, and only a line's own leading spaces come before the field name.
FORM_FIELD = re.compile(r"^[^\S\n]*+(NIP|Jabatan|Unit Kerja|Instansi)\s*+:\s*(.(?:.*\S)?)[^\S\n]*$",
                        re.IGNORECASE | re.MULTILINE)


@dataclass
class Observation:
    """One mention of a person and what its surroundings say."""

    chunk: int  # which parsed piece of the text
    span: Span
    offset: int  # of the chunk in the text
    name: PersonName
    nip: NipReading | None = None
    position: str | None = None
    position_head: str | None = None
    agency: str | None = None
    region: str | None = None
    candidate: CandidateRef | None = None
    candidate_span: tuple[int, int] | None = None  # the reference that introduced this candidate
    pair_index: int = 0  # 0 for the first of a pair of candidates, 1 for the running mate
    bystander: bool = False  # pelapor, saksi

    @property
    def mention(self) -> Mention:
        return Mention(self.span.start_char + self.offset, self.span.end_char + self.offset, self.span.text)


def observe(doc: Doc, chunk: int, offset: int) -> list[Observation]:
    """An observation for each PERSON span of `doc`, in order."""
    context = _Context(doc)
    observations = []
    for span in doc.spans.get("person", []):
        observation = Observation(chunk, span, offset, span._.value)
        context.read(observation, observations[-1] if observations else None)
        observations.append(observation)
    for first, second in zip(observations, observations[1:]):
        context.share_candidacy_backwards(first, second)
    return observations


class _Context:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.nips = spans_starting(doc, "nip")
        self.positions_from = spans_starting(doc, "position")
        self.positions_to = spans_ending(doc, "position")
        self.agencies_from = spans_starting(doc, "agency")
        self.agencies = list(doc.spans.get("agency", []))
        self.candidates_to = spans_ending(doc, "candidate")
        self.candidates_from = spans_starting(doc, "candidate")
        self.roles_to = {ent.end: ent for ent in doc.ents if ent.label_ == "ROLE"}

    def read(self, observation: Observation, previous: Observation | None) -> None:
        span = observation.span
        after = self._read_nip(observation, span.end)
        self._read_position_after(observation, after)
        before = self._before(span.start)
        if before > 0 and self.doc[before - 1].lower_ == "nama":
            self._read_form(observation, span.end)
        self._read_before(observation, before)
        if observation.candidate is None:
            self._read_candidacy_clause(observation, span.end)
        if observation.candidate is None and previous is not None:
            self._share_candidacy(observation, previous)
        observation.bystander = self._bystander(before)

    def _before(self, start: int) -> int:
        """Where what is written before a name ends: past "," or ":" or "(", and for a signature
        past the line breaks and "ttd." between the office and the name."""
        index = start
        while index > 0 and (self.doc[index - 1].is_space or self.doc[index - 1].lower_ in SIGNATURE_WORDS):
            index -= 1
        if index > 0 and self.doc[index - 1].text in {",", ":", "("}:
            index -= 1
        return index

    def _read_form(self, observation: Observation, index: int) -> None:
        """A form: "Nama : X" then lines "NIP : ...", "Jabatan : ...", "Unit Kerja : ..."."""
        text = self.doc[index:min(index + FORM_LENGTH, len(self.doc))].text
        for field, value in FORM_FIELD.findall(text):
            field = field.lower()
            if field == "nip" and observation.nip is None:
                observation.nip = read_nip(value)
            elif field == "jabatan" and observation.position is None:
                observation.position = value.strip()
            elif field in {"unit kerja", "instansi"} and observation.agency is None:
                observation.agency = value.strip()

    def _read_nip(self, observation: Observation, index: int) -> int:
        """Skip "(NIP 1978...)," after the name, keeping the number; returns where it ends."""
        limit = min(index + NIP_LOOKAHEAD, len(self.doc))
        while index < limit:
            if index in self.nips:
                observation.nip = self.nips[index]._.value
                index = self.nips[index].end
            elif self.doc[index].lower_ in NIP_WORDS:
                index += 1
            else:
                break
        return index

    def _read_position_after(self, observation: Observation, index: int) -> None:
        limit = min(index + POSITION_LEAD_LENGTH, len(self.doc))
        while index < limit and index not in self.positions_from and self.doc[index].lower_ in POSITION_LEAD_WORDS:
            index += 1
        if index < len(self.doc) and self.doc[index].lower_ in ROLE_WORDS:
            index += 1
        position = self.positions_from.get(index)
        if position is None:
            return
        self._take_position(observation, position)
        if position.end + 1 < len(self.doc) and self.doc[position.end].lower_ in AT_WORDS:
            agency = self.agencies_from.get(position.end + 1)
            if agency is not None:
                observation.agency = agency.text
                observation.region = observation.region or region_in(agency)

    def _read_before(self, observation: Observation, index: int) -> None:
        if index in self.candidates_to:
            ref = self.candidates_to[index]
            observation.candidate, observation.candidate_span = ref._.value, (ref.start, ref.end)
        elif observation.position is None and index in self.positions_to:
            self._take_position(observation, self.positions_to[index])
        elif observation.position is None and index in self.roles_to:
            role = self.roles_to[index]
            observation.position, observation.position_head = role.text, role.ent_id_.partition("|")[0].lower()
            observation.region = role.ent_id_.partition("|")[2] or None

    def _read_candidacy_clause(self, observation: Observation, index: int) -> None:
        limit = min(index + CANDIDACY_CLAUSE_LENGTH, len(self.doc))
        while index < limit and index not in self.candidates_from and self.doc[index].lower_ in CANDIDACY_CLAUSE_WORDS:
            index += 1
        if index in self.candidates_from:
            ref = self.candidates_from[index]
            observation.candidate, observation.candidate_span = ref._.value, (ref.start, ref.end)

    def _take_position(self, observation: Observation, position: Span) -> None:
        observation.position, observation.position_head = position.text, position._.value
        agency = next((span for span in self.agencies if position.start <= span.start and span.end <= position.end),
                      None)
        region = region_in(position)
        implied = POSITION_ABBREVIATIONS.get(position[0].lower_, (None, None))[1]
        if agency is not None:
            observation.agency = agency.text
        elif implied is not None:
            observation.agency = f"{implied} {region}" if region else implied
        observation.region = region

    def share_candidacy_backwards(self, first: Observation, second: Observation) -> None:
        """ "Muslimin Mansur dan Drs. H. Afdhal, M.Pd. (bakal pasangan calon ...)": the reference
        after the second of a pair makes the first a candidate too, at the head of the pair."""
        if first.candidate is None and second.candidate is not None and self._joined(first, second):
            first.candidate, first.candidate_span = second.candidate, second.candidate_span
            second.pair_index = first.pair_index + 1

    def _joined(self, first: Observation, second: Observation) -> bool:
        between = self.doc[first.span.end:second.span.start]
        return first.chunk == second.chunk and 0 < len(between) <= 2 and all(
            token.lower_ in {"dan", ",", "-", "–", "&", "serta"} for token in between)

    def _share_candidacy(self, observation: Observation, previous: Observation) -> None:
        """ "..., Taufik Hidayat dan Sari Rahmadani": the second of a pair is a candidate too."""
        if previous.candidate is not None and self._joined(previous, observation):
            observation.candidate, observation.candidate_span = previous.candidate, previous.candidate_span
            observation.pair_index = previous.pair_index + 1

    def _bystander(self, before: int) -> bool:
        """ "pelapor Budi", "saksi, Budi": not a subject of the case."""
        return any(token.lower_ in BYSTANDER_WORDS for token in self.doc[max(before - 2, 0):before + 1])


# -- gathering mentions into persons -------------------------------------------------------------

@dataclass
class _Gathered:
    observations: list[Observation] = field(default_factory=list)

    @property
    def key(self) -> str:
        return name_key(self.observations[0].name.given_name)


def gather(observations: list[Observation], doc_id: str, year: int | None) -> tuple[list[Person], list[str]]:
    """Persons of one document, and the person id of each observation (same order)."""
    groups: list[_Gathered] = []
    owner: dict[int, _Gathered] = {}
    longest_first = sorted(range(len(observations)), key=lambda i: -len(observations[i].name.given_name.split()))
    for index in longest_first:
        group = _group_for(observations[index], groups)
        if group is None:
            group = _Gathered()
            groups.append(group)
        group.observations.append(observations[index])
        owner[index] = group
    groups.sort(key=lambda g: min(o.mention.start for o in g.observations))
    ids = {id(group): f"{doc_id}#p{number}" for number, group in enumerate(groups, start=1)}
    persons = [_person(ids[id(group)], group, year) for group in groups]
    return persons, [ids[id(owner[index])] for index in range(len(observations))]


def _group_for(observation: Observation, groups: list[_Gathered]) -> _Gathered | None:
    key = name_key(observation.name.given_name)
    exact = [group for group in groups if group.key == key]
    if exact:
        return exact[0]
    if len(key.split()) == 1:  # "Afrizal" or "Munaf" for Afrizal Munaf, if only one person fits
        partial = [group for group in groups if key in (group.key.split()[0], group.key.split()[-1])]
        if len(partial) == 1:
            return partial[0]
    return None


def _person(person_id: str, group: _Gathered, year: int | None) -> Person:
    observations = sorted(group.observations, key=lambda o: o.mention.start)
    fullest = max(observations, key=lambda o: len(o.name.name.split()))
    person = Person(id=person_id, name=fullest.name.name, adat_title=fullest.name.adat_title,
                    mentions=[o.mention for o in observations])
    person.titles = tuple(dict.fromkeys(title for o in observations for title in o.name.titles))
    valid_nip = next((o.nip for o in observations if o.nip is not None and o.nip.valid), None)
    if valid_nip is not None:
        person.nip, person.nip_kind = valid_nip.digits, valid_nip.kind
    for attribute in ("position", "agency", "region"):
        setattr(person, attribute, next((getattr(o, attribute) for o in observations if getattr(o, attribute)), None))
    candidacy = next((o for o in observations if o.candidate is not None), None)
    if candidacy is not None:
        _describe_candidacy(person, candidacy, year)
    person.kind = _kind(person, observations, candidacy)
    return person


def _describe_candidacy(person: Person, observation: Observation, year: int | None) -> None:
    ref = observation.candidate
    office = _office(ref.offices, observation.pair_index, ref.pair)
    region = _region_for(office, ref.region) or person.region  # "Bupati Tanah Datar, X, ... calon Bupati"
    person.region = person.region or region
    person.ballot_number = ref.ballot
    person.incumbent = ref.incumbent
    if office:
        parts = [office, bare_name(region) if region and " " in region else region, str(year) if year else None]
        person.race = " ".join(part for part in parts if part)


def _office(offices: tuple[str, ...], index: int, pair: bool) -> str | None:
    if index < len(offices):
        return offices[index]
    if offices and pair and index == 1 and not offices[0].startswith("Wakil"):
        return f"Wakil {offices[0]}"
    return None


def _region_for(office: str | None, region: str | None) -> str | None:
    """ "Solok" after "Wali Kota" is Kota Solok, after "Bupati" Kabupaten Solok."""
    if not region or "|" not in region:
        return region
    options = region.split("|")
    wanted = {"Wali Kota": "Kota", "Bupati": "Kabupaten"}.get((office or "").removeprefix("Wakil "))
    return next((option for option in options if option.split(" ", 1)[0] == wanted), None)


def _kind(person: Person, observations: list[Observation], candidacy: Observation | None) -> str:
    if candidacy is not None:
        return CANDIDATE
    if person.nip:
        return ASN
    heads = {o.position_head for o in observations if o.position_head}
    if heads & set(OFFICIAL_POSITIONS):
        return OFFICIAL
    if heads or any(o.nip is not None for o in observations):
        return ASN
    return PERSON
