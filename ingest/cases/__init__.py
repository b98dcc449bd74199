"""Case documents on ASN neutrality (Bawaslu findings and reports, reviews, KASN/BKN
recommendations, PPK decisions) read into people, their positions and agencies, the relations
between them, the case's outcome and sanction, and the citations.

    >>> from ingest.cases import extract_case_document, resolve_persons
    >>> case = extract_case_document(text, "d01")
    >>> [(link.type, case.person(link.source).name, link.status) for link in case.links]

`build_pipeline()` is the spaCy pipeline underneath (see nlp.py for its components);
`python -m ingest.cases FILE` prints one document's extraction as JSON and
`python -m ingest.cases.evaluate DIR` scores extraction against a gold file.
"""

from .extract import extract_case_document
from .model import (ALLEGED, APPOINTED_BY, ASN, CANDIDATE, EMPLOYED_BY, FAMILY_OF, HOLDS_POSITION, NOT_PROVEN,
                    OFFICIAL, PERSON, PROVEN, RUNNING_MATE_OF, SUPPORTED, CaseExtraction, DateMention, Entity, Link,
                    Mention, Person, Sanction)
from .names import PersonName, name_key, parse_name
from .nip import NipReading, read_nip
from .dates import parse_date
from .nlp import build_pipeline
from .resolve import DISTINCT, MERGE, REVIEW, MergeDecision, Resolution, ResolvedPerson, compare, resolve_persons, resolve_records

__all__ = [
    "extract_case_document", "build_pipeline", "resolve_persons", "resolve_records", "compare",
    "MERGE", "REVIEW", "DISTINCT",
    "CaseExtraction", "Person", "Link", "Mention", "Entity", "DateMention", "Sanction",
    "Resolution", "ResolvedPerson", "MergeDecision",
    "PersonName", "parse_name", "name_key", "NipReading", "read_nip", "parse_date",
    "ASN", "CANDIDATE", "OFFICIAL", "PERSON",
    "SUPPORTED", "FAMILY_OF", "APPOINTED_BY", "HOLDS_POSITION", "EMPLOYED_BY", "RUNNING_MATE_OF",
    "ALLEGED", "PROVEN", "NOT_PROVEN",
]
