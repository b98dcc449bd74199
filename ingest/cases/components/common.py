"""Helpers shared by the components: span extensions and span bookkeeping."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span
from spacy.util import filter_spans



def _get_value(span: Span) -> object:
    return span.doc.user_data.get(("netra_value", span.label_, span.start, span.end))


def _set_value(span: Span, value: object) -> None:
    span.doc.user_data[("netra_value", span.label_, span.start, span.end)] = value


# What a span means, once read: a date, a NipReading, a PersonName, a CandidateRef... Keyed by
# label as well as position: spaCy's plain span extensions are keyed by position only, so a
# ballot number and the candidate reference over the same words would overwrite each other.
if not Span.has_extension("value"):
    Span.set_extension("value", getter=_get_value, setter=_set_value)
# The project's citations (ingest.citations) found in the document.
if not Doc.has_extension("citations"):
    Doc.set_extension("citations", default=[])


def char_spans(doc: Doc, found: Iterable[tuple[int, int, object]], label: str) -> list[Span]:
    """Spans over the tokens covering each (start, end, value) character range, value attached."""
    spans = []
    for start, end, value in found:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None and len(span):
            span._.value = value
            spans.append(span)
    return filter_spans(spans)


def ent_at(doc: Doc, index: int, labels: set[str] | None = None) -> Span | None:
    """The entity covering token `index` (of one of `labels`), if any."""
    token = doc[index]
    if not token.ent_type_ or (labels and token.ent_type_ not in labels):
        return None
    start, end = index, index + 1
    while doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_, span_id=token.ent_id_)


def spans_starting(doc: Doc, group: str) -> dict[int, Span]:
    return {span.start: span for span in doc.spans.get(group, [])}


def spans_ending(doc: Doc, group: str) -> dict[int, Span]:
    return {span.end: span for span in doc.spans.get(group, [])}


def region_in(span: Span) -> str | None:
    """The value of the first REGION entity inside `span` ("... Kota Pariaman" -> "Kota Pariaman")."""
    return next((token.ent_id_ for token in span if token.ent_type_ == "REGION"), None)
