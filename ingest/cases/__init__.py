"""Case documents on ASN neutrality (Bawaslu findings and reports, reviews, KASN/BKN
recommendations, PPK decisions) read into people, their positions and agencies, the relations
between them, the case's outcome and sanction, and the citations.

    >>> from ingest.cases import extract_case_document, resolve_persons
    >>> case = extract_case_document(text, "d01")
    >>> [(link.type, case.person(link.source).name, link.status) for link in case.links]

`build_pipeline()` is the spaCy pipeline underneath (see nlp.py for its components);
`python -m ingest.cases FILE` prints one document's extraction as JSON and
`python -m ingest.cases.evaluate DIR` scores extraction against a gold file.

The names below are imported on first use: loading spaCy takes seconds, and most `netra`
commands (and the readers of names, NIPs and resolution) never need it.
"""

from importlib import import_module

_SUBMODULE_OF = {
    "extract_case_document": "extract",
    "read_conduct": "extract",
    "ConductReading": "extract",
    "build_pipeline": "nlp",
    **dict.fromkeys(("resolve_persons", "resolve_records", "compare", "MERGE", "REVIEW", "DISTINCT",
                     "Resolution", "ResolvedPerson", "MergeDecision"), "resolve"),
    **dict.fromkeys(("CaseExtraction", "Person", "Link", "Mention", "Entity", "DateMention", "Sanction",
                     "ASN", "CANDIDATE", "OFFICIAL", "PERSON", "SUPPORTED", "FAMILY_OF", "APPOINTED_BY",
                     "HOLDS_POSITION", "EMPLOYED_BY", "RUNNING_MATE_OF", "ALLEGED", "PROVEN", "NOT_PROVEN"),
                    "model"),
    **dict.fromkeys(("PersonName", "parse_name", "name_key"), "names"),
    **dict.fromkeys(("NipReading", "read_nip"), "nip"),
    "parse_date": "dates",
}

__all__ = list(_SUBMODULE_OF)


def __getattr__(name: str):
    if name not in _SUBMODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_SUBMODULE_OF[name]}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
