"""What `extract_case_document` returns: plain dataclasses, character offsets into the text."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ingest.citations import Citation

# Person kinds.
ASN = "ASN"
CANDIDATE = "Candidate"
OFFICIAL = "Official"  # bound by election rules without being ASN: wali nagari, kepala desa, regents
PERSON = "Person"  # anyone else named: reporters, witnesses

# Link types and statuses.
SUPPORTED = "SUPPORTED"
FAMILY_OF = "FAMILY_OF"
APPOINTED_BY = "APPOINTED_BY"
HOLDS_POSITION = "HOLDS_POSITION"
EMPLOYED_BY = "EMPLOYED_BY"
RUNNING_MATE_OF = "RUNNING_MATE_OF"
ALLEGED, PROVEN, NOT_PROVEN = "alleged", "proven", "not_proven"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Person:
    id: str  # "<doc_id>#p<n>", unique within a batch of documents
    name: str  # without titles or forms of address; adat titles kept (see names.py)
    titles: tuple[str, ...] = ()
    adat_title: str | None = None
    nip: str | None = None  # valid NIP or NI PPPK only; invalid ones are listed in `problems`
    nip_kind: str | None = None  # "PNS" or "PPPK"
    kind: str = PERSON  # ASN, Candidate, Official or Person
    position: str | None = None  # as written: "Kepala Bagian Umum Sekretariat Daerah Kota Pariaman"
    agency: str | None = None  # "Dinas Komunikasi dan Informatika Kabupaten Agam"
    region: str | None = None  # canonical: "Kota Pariaman", "Kabupaten Agam"
    race: str | None = None  # candidates: "Wali Kota Pariaman 2024"
    ballot_number: int | None = None
    incumbent: bool = False
    mentions: list[Mention] = field(default_factory=list)


@dataclass(frozen=True)
class Entity:
    """An agency, region or election named in the document."""

    text: str
    canonical: str  # "Bawaslu Kota Pariaman", "Kecamatan Tanjung Harapan, Kota Solok", "Pilkada 2024"
    start: int
    end: int


@dataclass(frozen=True)
class DateMention:
    text: str
    iso: str
    start: int
    end: int
    role: str  # "document" (in the heading) or "event" (in the body)


@dataclass(frozen=True)
class Sanction:
    level: str | None  # "ringan", "sedang", "berat", "moral" or "PTDH"
    type: str | None  # "pemotongan tunjangan kinerja 25% selama 6 bulan", "teguran tertulis", ...
    legal_basis: tuple[str, ...]  # ProvisionRef citations: "Pasal 8 ayat (3) huruf a PP 94/2021"
    status: str  # "recommended", "imposed" or "mentioned"
    evidence: tuple[int, int]


@dataclass(frozen=True)
class Link:
    type: str  # SUPPORTED, FAMILY_OF, APPOINTED_BY, HOLDS_POSITION, EMPLOYED_BY, RUNNING_MATE_OF
    source: str  # a Person id
    target: str  # a Person id, or the position / agency named (see target_kind)
    status: str  # alleged, proven, not_proven
    evidence: tuple[int, int]  # the sentence that says it
    detail: str | None = None  # the act for SUPPORTED, the kin term for FAMILY_OF, the position for APPOINTED_BY
    target_kind: str = "Person"  # "Person", "Position" or "Agency"
    method: str = "rule"


@dataclass
class CaseExtraction:
    doc_id: str
    stage: str | None  # temuan, laporan, kajian, rekomendasi, keputusan_ppk
    case_number: str | None
    outcome: str  # proven, not_proven, dismissed, mixed, pending
    dates: list[DateMention]
    sanction: Sanction | None
    persons: list[Person]
    agencies: list[Entity]
    regions: list[Entity]
    elections: list[Entity]
    links: list[Link]
    citations: list[Citation]
    problems: list[str]  # things a person should check: invalid NIPs, ...

    def person(self, person_id: str) -> Person:
        return next(person for person in self.persons if person.id == person_id)

    def to_dict(self) -> dict:
        """JSON-ready; citations as their text and references."""
        data = asdict(self)
        data["citations"] = [{"raw": c.raw, "start": c.start, "end": c.end, "refs": [str(ref) for ref in c.refs],
                              "uncertain": c.uncertain} for c in self.citations]
        return data
