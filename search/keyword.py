"""Keyword search behind one small interface, with two engines:

- `WhooshIndex`: files under the data directory; the default, fast on one machine.
- `Neo4jFulltextIndex`: Neo4j's own Lucene index over terms our analyser wrote onto the nodes,
  for deployments too large for one machine's files.

Both analyse text with `search.analysis` (one analyser, so both find the same things), treat a
plain question as OR-ed words that rank higher the more of them match, and keep quoted
phrases and field filters (`type:pp`, `year:2021`, `level:huruf`).
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
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.qparser import MultifieldParser, OrGroup

from graph.db import Graph
from graph.errors import NetraError
from search.analysis import analyse, indonesian_analyzer
from search.documents import SearchDocument

FIELD_BOOSTS = {"text": 2.0, "citation": 1.5, "context": 0.6, "elucidation": 0.5}
FILTER_ALIASES = {"type": "reg_type", "year": "reg_year", "level": "level"}
FILTER = re.compile(r"\b(type|year|level):(\S+)", re.IGNORECASE)
PHRASE = re.compile(r'"([^"]+)"')


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


def parse_query(query: str) -> ParsedQuery:
    """Filters and quoted phrases out of a typed query; an unmatched quote is just a character."""
    filters = {FILTER_ALIASES[m.group(1).lower()]: m.group(2).lower() for m in FILTER.finditer(query)}
    rest = FILTER.sub(" ", query)
    phrases = [p.strip() for p in PHRASE.findall(rest) if p.strip()]
    words = PHRASE.sub(" ", rest).replace('"', " ")
    return ParsedQuery(words=" ".join(words.split()), phrases=phrases, filters=filters)


class KeywordIndex(Protocol):
    name: str

    def rebuild(self, documents: Iterable[SearchDocument]) -> int: ...

    def search(self, query: str, k: int = 10) -> list[KeywordHit]: ...


# -- Whoosh -------------------------------------------------------------------------------


def _schema() -> Schema:
    analyzer = indonesian_analyzer()
    return Schema(
        id=ID(stored=True, unique=True), kind=ID(stored=True), level=ID(stored=True),
        reg_type=ID(stored=True), reg_year=NUMERIC(stored=True), ref=STORED,
        citation=TEXT(stored=True, analyzer=analyzer),
        text=TEXT(stored=True, analyzer=analyzer, phrase=True),
        context=TEXT(analyzer=analyzer), elucidation=TEXT(analyzer=analyzer),
    )


class WhooshIndex:
    name = "whoosh"

    def __init__(self, folder: Path):
        self.folder = Path(folder)
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
                writer.add_document(id=doc.id, kind=doc.kind, level=doc.level, reg_type=doc.reg_type,
                                    reg_year=doc.reg_year, ref=doc.ref, citation=doc.citation, text=doc.text,
                                    context=doc.context, elucidation=doc.elucidation)
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

    def search(self, query: str, k: int = 10) -> list[KeywordHit]:
        parsed = parse_query(query)
        ix = self._opened()
        parser = MultifieldParser(list(FIELD_BOOSTS), ix.schema, fieldboosts=FIELD_BOOSTS,
                                  group=OrGroup.factory(0.9))
        text = " ".join([_plain(parsed.words)] + [f'"{_plain(p)}"' for p in parsed.phrases]).strip()
        if not text and not parsed.filters:
            return []
        parts = [parser.parse(text)] if text else [q.Every()]
        for name, value in parsed.filters.items():
            parts.append(q.Term(name, int(value)) if name == "reg_year" and value.isdigit() else q.Term(name, value))
        with ix.searcher() as searcher:
            results = searcher.search(q.And(parts), limit=k, terms=True)
            results.fragmenter = highlight.ContextFragmenter(maxchars=240, surround=60)
            results.formatter = highlight.HtmlFormatter(tagname="mark", between=" … ")
            return [KeywordHit(hit["id"], float(hit.score), hit.highlights("text") or hit["text"][:240],
                               {"citation": hit["citation"], "level": hit["level"], "ref": hit["ref"]})
                    for hit in results]


def _plain(text: str) -> str:
    """Whoosh query syntax typed by accident ("AND", "(", "*", "field:") becomes plain words."""
    return " ".join(re.findall(r"[\w/]+", text))


# -- Neo4j full-text -----------------------------------------------------------------------

SET_SEARCH_TERMS = """
UNWIND $rows AS row
MATCH (p:Provision {id: row.id})
SET p.search_terms = row.terms, p.search_context = row.context
"""

FULLTEXT_QUERY = """
CALL db.index.fulltext.queryNodes('provision_search', $lucene, {limit: $limit}) YIELD node, score
WHERE ($reg_type IS NULL OR toLower(node.regulation_id) STARTS WITH $reg_type + '/')
  AND ($reg_year IS NULL OR split(node.regulation_id, '/')[1] = $reg_year)
  AND ($level IS NULL OR node.kind = $level)
RETURN node.id AS id, score, node.text AS text, node.citation AS citation, node.kind AS level
LIMIT $k
"""


class Neo4jFulltextIndex:
    """Terms analysed in Python are written to the nodes and indexed with Lucene's whitespace
    analyser, so both engines share one analysis (Lucene's own Indonesian analyser drops "tidak")."""

    name = "neo4j"

    def __init__(self, graph: Graph):
        self.graph = graph

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        batch, count = [], 0
        for doc in documents:
            batch.append({"id": doc.id, "terms": " ".join(analyse(doc.citation + " " + doc.text)),
                          "context": " ".join(analyse(doc.context + " " + doc.elucidation))})
            if len(batch) == 2000:
                count += self._write(batch)
                batch = []
        count += self._write(batch)
        self.graph.run_autocommit("CALL db.awaitIndexes(600)")
        return count

    def _write(self, batch: list[dict]) -> int:
        if batch:
            self.graph.write(SET_SEARCH_TERMS, rows=batch)
        return len(batch)

    def search(self, query: str, k: int = 10) -> list[KeywordHit]:
        parsed = parse_query(query)
        lucene = _lucene_query(parsed)
        if not lucene:
            return []
        filters = {name: parsed.filters.get(key) for name, key in
                   (("reg_type", "reg_type"), ("reg_year", "reg_year"), ("level", "level"))}
        rows = self.graph.read(FULLTEXT_QUERY, lucene=lucene, limit=k * 5, k=k, **filters)
        return [KeywordHit(row["id"], float(row["score"]), html.escape((row["text"] or "")[:240]),
                           {"citation": row["citation"], "level": row["level"]}) for row in rows]


def _lucene_query(parsed: ParsedQuery) -> str:
    """Analysed words OR-ed, phrases quoted; every term is [a-z0-9] so nothing needs escaping."""
    words = [f"search_terms:{t}^2 OR search_context:{t}" for t in dict.fromkeys(analyse(parsed.words))]
    phrases = [f'search_terms:"{" ".join(analyse(p))}"^3' for p in parsed.phrases if analyse(p)]
    return " OR ".join(f"({part})" for part in words + phrases)
