"""Keyword search behind one small interface, with two engines:

- `WhooshIndex`: files under the data directory; the default, fast on one machine.
- `Neo4jFulltextIndex`: Neo4j's own Lucene index over terms our analyser wrote onto the nodes,
  for deployments too large for one machine's files.

Both analyse text with `search.analysis` (one analyser, so both find the same things), treat a
plain question as OR-ed words that rank higher the more of them match, and keep quoted
phrases and field filters (`type:pp`, `year:2021`, `level:huruf`; for cases `region`,
`election`, `year`, `act`, `sanction`, `outcome`). Each index holds one kind of document
(provisions or cases); filters match the document's facets exactly (normalised).
"""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Protocol

from whoosh import highlight, index
from whoosh import query as q
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.qparser import MultifieldParser, OrGroup

from graph.db import Graph
from graph.errors import NetraError
from search.analysis import analyse, indonesian_analyzer
from search.documents import KINDS, SearchDocument, facet_properties, normalise_facet

FIELD_BOOSTS = {"text": 2.0, "citation": 1.5, "context": 0.6, "elucidation": 0.5}
# The filter names people type -> the facet they narrow, per kind of document.
FILTER_ALIASES = {
    "provision": {"type": "reg_type", "year": "reg_year", "level": "level"},
    "case": {"region": "region", "election": "election", "year": "year", "act": "act",
             "sanction": "sanction", "outcome": "outcome"},
}
FACETS = sorted({facet for aliases in FILTER_ALIASES.values() for facet in aliases.values()})
PHRASE = re.compile(r'"([^"]+)"')
FILTERED_CANDIDATES = 2000  # Lucene ranks before Cypher filters: look deeper when filtering


@dataclass
class KeywordHit:
    id: str
    score: float
    snippet: str = ""  # HTML: escaped text, matches in <mark>
    fields: dict = field(default_factory=dict)


@dataclass
class ParsedQuery:
    words: str  # free text without filters
    phrases: list[str]
    filters: dict[str, str]  # reg_type / reg_year / level -> value


def parse_query(query: str, kind: str = "provision") -> ParsedQuery:
    """Filters and quoted phrases out of a typed query; an unmatched quote is just a character."""
    aliases = FILTER_ALIASES[kind]
    pattern = re.compile(rf"\b({'|'.join(aliases)}):(\S+)", re.IGNORECASE)
    filters = {aliases[m.group(1).lower()]: normalise_facet(m.group(2)) for m in pattern.finditer(query)}
    rest = pattern.sub(" ", query)
    phrases = [p.strip() for p in PHRASE.findall(rest) if p.strip()]
    words = PHRASE.sub(" ", rest).replace('"', " ")
    return ParsedQuery(words=" ".join(words.split()), phrases=phrases, filters=filters)


def facet_filters(kind: str, filters: dict[str, str] | None) -> dict[str, str]:
    """Filters given as options (`region="Kota Padang"`) -> facet -> normalised value; an unknown
    name is an error that lists the known ones (a typo must not silently return everything)."""
    aliases = FILTER_ALIASES[kind]
    resolved = {}
    for name, value in (filters or {}).items():
        if name.lower() not in aliases:
            raise NetraError(f"Unknown filter {name!r} for {kind}s; use one of {', '.join(aliases)}.")
        if str(value).strip():
            resolved[aliases[name.lower()]] = normalise_facet(value)
    return resolved


class KeywordIndex(Protocol):
    name: str
    kind: str

    def rebuild(self, documents: Iterable[SearchDocument]) -> int: ...

    def search(self, query: str, k: int = 10, filters: dict[str, str] | None = None) -> list[KeywordHit]:
        """`filters`: facet -> normalised value (see `facet_filters`), on top of those typed in the query."""


# -- Whoosh -------------------------------------------------------------------------------


def _schema() -> Schema:
    analyzer = indonesian_analyzer()
    facets = {name: KEYWORD(stored=True, commas=True) for name in FACETS}
    return Schema(
        id=ID(stored=True, unique=True), kind=ID(stored=True), ref=STORED,
        citation=TEXT(stored=True, analyzer=analyzer),
        text=TEXT(stored=True, analyzer=analyzer, phrase=True),
        context=TEXT(analyzer=analyzer), elucidation=TEXT(analyzer=analyzer), **facets,
    )


class WhooshIndex:
    """One folder per kind of document: `whoosh/` for provisions, `whoosh-cases/` for cases."""

    name = "whoosh"

    def __init__(self, folder: Path, kind: str = "provision"):
        self.folder = Path(folder)
        self.kind = kind
        self._index = None

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        """Write a fresh index beside the old one and swap it in: readers never see half an index."""
        fresh = self.folder.with_name(self.folder.name + ".new")
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        built = index.create_in(str(fresh), _schema())
        count = 0
        with built.writer(limitmb=256) as writer:
            for doc in documents:
                facets = {name: ",".join(values) for name, values in doc.facets.items()}
                writer.add_document(id=doc.id, kind=doc.kind, ref=doc.ref, citation=doc.citation, text=doc.text,
                                    context=doc.context, elucidation=doc.elucidation, **facets)
                count += 1
        shutil.rmtree(self.folder, ignore_errors=True)
        fresh.rename(self.folder)
        self._index = None
        return count

    def _opened(self):
        if self._index is None:
            if not index.exists_in(str(self.folder)):
                raise NetraError(f"No keyword index at {self.folder}. Build it with `netra index`.")
            self._index = index.open_dir(str(self.folder))
        return self._index

    def search(self, query: str, k: int = 10, filters: dict[str, str] | None = None) -> list[KeywordHit]:
        parsed = parse_query(query, self.kind)
        filters = {**parsed.filters, **(filters or {})}
        ix = self._opened()
        parser = MultifieldParser(list(FIELD_BOOSTS), ix.schema, fieldboosts=FIELD_BOOSTS,
                                  group=OrGroup.factory(0.9))
        text = " ".join([_plain(parsed.words)] + [f'"{_plain(p)}"' for p in parsed.phrases]).strip()
        if not text and not filters:
            return []
        wanted = parser.parse(text) if text else q.Every()
        # A filter narrows without scoring: the same filter must not reorder what it keeps.
        narrow = q.And([q.Term(name, value) for name, value in filters.items()]) if filters else None
        with ix.searcher() as searcher:
            results = searcher.search(wanted, filter=narrow, limit=k, terms=True)
            results.fragmenter = highlight.ContextFragmenter(maxchars=240, surround=60)
            results.formatter = highlight.HtmlFormatter(tagname="mark", between=" … ")
            return [KeywordHit(hit["id"], float(hit.score), hit.highlights("text") or hit["text"][:240],
                               {"citation": hit["citation"], "level": hit.get("level", ""), "ref": hit["ref"]})
                    for hit in results]


def _plain(text: str) -> str:
    """Whoosh query syntax typed by accident ("AND", "(", "*", "field:") becomes plain words."""
    return " ".join(re.findall(r"[\w/]+", text))


# -- Neo4j full-text -----------------------------------------------------------------------

# {label} comes from search.documents.KINDS, never from input.
SET_SEARCH_TERMS = """
UNWIND $rows AS row
MATCH (n:{label} {{id: row.id}})
SET n.search_terms = row.terms, n.search_context = row.context, n.search_snippet = row.snippet,
    n += row.facets
"""

# Provisions' index is made by graph/schema.py; the case index is made here, like the vector indexes.
CREATE_CASE_FULLTEXT = """
CREATE FULLTEXT INDEX case_search IF NOT EXISTS FOR (n:Case) ON EACH [n.search_terms, n.search_context]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}
"""

FULLTEXT_QUERY = """
CALL db.index.fulltext.queryNodes($index, $lucene, {limit: $limit}) YIELD node, score
WHERE all(f IN $filters WHERE f.value IN node['facet_' + f.name])
RETURN node.id AS id, score, coalesce(node.search_snippet, node.text) AS text,
       coalesce(node.citation, node.number, node.id) AS citation, node.kind AS level
LIMIT $k
"""


class Neo4jFulltextIndex:
    """Terms analysed in Python are written to the nodes and indexed with Lucene's whitespace
    analyser, so both engines share one analysis (Lucene's own Indonesian analyser drops "tidak")."""

    name = "neo4j"

    def __init__(self, graph: Graph, kind: str = "provision"):
        self.graph = graph
        self.kind = kind

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        if self.kind == "case":
            self.graph.run_autocommit(CREATE_CASE_FULLTEXT)
        batch, count = [], 0
        for doc in documents:
            batch.append({"id": doc.id, "terms": " ".join(analyse(doc.citation + " " + doc.text)),
                          "context": " ".join(analyse(doc.context + " " + doc.elucidation)),
                          "snippet": doc.text[:240], "facets": facet_properties(doc)})
            if len(batch) == 2000:
                count += self._write(batch)
                batch = []
        count += self._write(batch)
        self.graph.run_autocommit("CALL db.awaitIndexes(600)")
        return count

    def _write(self, batch: list[dict]) -> int:
        if batch:
            self.graph.write(SET_SEARCH_TERMS.format(label=KINDS[self.kind].label), rows=batch)
        return len(batch)

    def search(self, query: str, k: int = 10, filters: dict[str, str] | None = None) -> list[KeywordHit]:
        parsed = parse_query(query, self.kind)
        filters = {**parsed.filters, **(filters or {})}
        lucene = _lucene_query(parsed)
        if not lucene:
            return []
        rows = self.graph.read(FULLTEXT_QUERY, index=KINDS[self.kind].fulltext_index, lucene=lucene,
                               limit=FILTERED_CANDIDATES if filters else k * 5, k=k,
                               filters=[{"name": name, "value": value} for name, value in filters.items()])
        return [KeywordHit(row["id"], float(row["score"]), html.escape((row["text"] or "")[:240]),
                           {"citation": row["citation"], "level": row["level"]}) for row in rows]


def _lucene_query(parsed: ParsedQuery) -> str:
    """Analysed words OR-ed, phrases quoted; every term is [a-z0-9] so nothing needs escaping."""
    words = [f"search_terms:{t}^2 OR search_context:{t}" for t in dict.fromkeys(analyse(parsed.words))]
    phrases = [f'search_terms:"{" ".join(analyse(p))}"^3' for p in parsed.phrases if analyse(p)]
    return " OR ".join(f"({part})" for part in words + phrases)
