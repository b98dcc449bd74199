"""Legal citation extraction for Indonesian texts, in the style of eyecite.

    >>> from ingest.citations import extract_citations
    >>> [str(ref) for c in extract_citations("melanggar Pasal 9 ayat (2) UU Nomor 5 Tahun 2014") for ref in c.refs]
    ['Pasal 9 ayat (2) UU 5/2014']

One extractor serves regulations, case documents, reports and search queries. `extract_citations`
returns typed citations (`RegulationCitation`, `ProvisionCitation`, `RulingCitation`) with exact
spans; `resolve_citation` checks them against an index of known provisions (`ProvisionIndex`).
"""

from .documents import extract_from_regulation, regulation_of, split_header
from .extract import extract_citations
from .model import (ANTECEDENT, CITED, CONTEXT, UNKNOWN, Citation, CitationContext, CitedProvision,
                    ProvisionCitation, RegulationCitation, RulingCitation)
from .resolver import InMemoryProvisionIndex, Problem, ProvisionIndex, Reason, Resolution, resolve_citation

__all__ = [
    "extract_citations", "extract_from_regulation", "split_header", "regulation_of",
    "Citation", "CitationContext", "CitedProvision", "ProvisionCitation", "RegulationCitation", "RulingCitation",
    "CITED", "CONTEXT", "ANTECEDENT", "UNKNOWN",
    "resolve_citation", "Resolution", "Problem", "Reason", "ProvisionIndex", "InMemoryProvisionIndex",
]
