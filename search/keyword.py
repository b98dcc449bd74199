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
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol

import numpy as np
from whoosh import index
from whoosh import query as q
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.qparser import MultifieldParser, OrGroup

from graph.db import Graph
from graph.schema import await_indexes
from graph.search_index import fulltext_search, set_search_terms
from core.errors import NetraError
from search.analysis import analyse, indonesian_analyzer
from search.documents import SearchDocument, facet_properties, normalise_facet
from search.snippets import marked_snippet, plain_snippet

FIELD_BOOSTS = {"text": 2.0, "citation": 1.5, "context": 0.6, "elucidation": 0.5}
# The filter names people type -> the facet they narrow, per kind of document.
FILTER_ALIASES = {
    "provision": {"type": "reg_type", "year": "reg_year", "level": "level"},
    "case": {"region": "region", "election": "election", "year": "year", "act": "act",
             "sanction": "sanction", "outcome": "outcome"},
}
FACETS = sorted({facet for aliases in FILTER_ALIASES.values() for facet in aliases.values()})
PHRASE = re.compile(r'"([^"]+)"')
COORDINATION = 0.9  # how much matching more of the question's words adds (Whoosh's OrGroup scale)
BM25_B, BM25_K1 = 0.75, 1.2  # Whoosh's BM25F defaults
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

    def highlights(self, query: str, ids: list[str], redact: Callable[[str], str] | None = None) -> dict[str, str]:
        """id -> snippet with the query's words marked, for those it can mark. With `redact`,
        the snippets are cut from the redacted text, and every document it keeps the text of
        gets one (its start when nothing is marked)."""


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
        self._open: _OpenIndex | None = None
        self._lock = threading.Lock()

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
        return count

    @contextmanager
    def _opened(self) -> Iterator[_OpenIndex]:
        """The open index, to one question at a time (a Whoosh searcher's files are not safe to
        share between threads); opened again once a rebuild, here or in another process, swapped
        the folder."""
        with self._lock:
            if self._open is None or self._open.identity != _identity(self.folder):
                if not index.exists_in(str(self.folder)):
                    raise NetraError(f"No keyword index at {self.folder}. Build it with `netra index`.")
                if self._open is not None:
                    self._open.searcher.close()
                self._open = _OpenIndex(self.folder)
            yield self._open

    def search(self, query: str, k: int = 10, filters: dict[str, str] | None = None) -> list[KeywordHit]:
        parsed = parse_query(query, self.kind)
        filters = {**parsed.filters, **(filters or {})}
        words = list(dict.fromkeys(analyse(parsed.words)))
        with self._opened() as opened:
            if words and not parsed.phrases:
                return [_hit(opened.searcher.stored_fields(int(docnum)), float(score))
                        for docnum, score in opened.scored(words, filters)[:k]]
            return _parsed_search(opened.searcher, parsed, filters, k)

    def highlights(self, query: str, ids: list[str], redact: Callable[[str], str] | None = None) -> dict[str, str]:
        """id -> its best passages with the question's words marked. Only for the results shown:
        marking every candidate took longer than finding them. With `redact`, marked in the
        redacted text (and its start for a document where nothing is marked)."""
        parsed = parse_query(query, self.kind)
        words = frozenset(analyse(" ".join([parsed.words, *parsed.phrases])))
        marked = {}
        with self._opened() as opened:
            searcher = opened.searcher
            for doc_id in ids:
                docnum = searcher.document_number(id=doc_id)
                if docnum is None:
                    continue
                text = searcher.stored_fields(docnum)["text"]
                text = redact(text) if redact is not None else text
                marked[doc_id] = marked_snippet(text, words, searcher.schema["text"].analyzer) if words else ""
                if not marked[doc_id] and redact is not None:
                    marked[doc_id] = html.escape(plain_snippet(text))
        return {doc_id: text for doc_id, text in marked.items() if text}


class _OpenIndex:
    """A searcher kept open across questions (opening one reads the stored fields' offsets, a
    few ms each time) and the postings and field lengths read through it."""

    def __init__(self, folder: Path):
        self.identity = _identity(folder)
        self.searcher = index.open_dir(str(folder)).searcher()
        self._postings: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
        self._lengths: dict[str, np.ndarray] = {}

    def scored(self, words: list[str], filters: dict[str, str]) -> list[tuple[int, float]]:
        """(docnum, score), best first, for a question of plain words (no phrases), over all
        documents at once: Whoosh's BM25F of each word in each field, times the field's boost,
        summed, times Whoosh's coordination bonus ("SQR") for matching more of the words. This is
        what Whoosh's parser and matchers compute, a document at a time in Python (~100 ms a
        question), except that Whoosh counts the (field, word) terms for that bonus as its
        posting lists run out, so its bonus drifts with a document's position; here every
        document is counted against all of them. Ties go to the lower docnum, as in Whoosh."""
        searcher = self.searcher
        count = searcher.doc_count_all()
        scores, matched = np.zeros(count), np.zeros(count, dtype=np.int32)
        present = 0
        for word in words:
            for field_name, boost in FIELD_BOOSTS.items():
                docnums, weights = self.postings(field_name, word)
                if not len(docnums):
                    continue  # a word absent from a field does not count against documents
                present += 1
                scores[docnums] += boost * _bm25(searcher.idf(field_name, word), weights,
                                                 self.lengths(field_name)[docnums],
                                                 searcher.avg_field_length(field_name) or 1)
                matched[docnums] += 1
        candidates = np.flatnonzero(matched)
        for name, value in filters.items():
            candidates = np.intersect1d(candidates, self.postings(name, value)[0])
        final = _coordinated(scores[candidates], matched[candidates], present)
        order = np.lexsort((candidates, -final))
        return list(zip(candidates[order], final[order]))

    def postings(self, field_name: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """A term's documents and frequencies, read once (reading them is most of the work)."""
        key = (field_name, text)
        if key not in self._postings:
            reader, docnums, weights = self.searcher.reader(), [], []
            if reader.doc_frequency(field_name, text):
                matcher = reader.postings(field_name, text)
                while matcher.is_active():
                    docnums.append(matcher.id())
                    weights.append(matcher.weight())
                    matcher.next()
            self._postings[key] = (np.array(docnums, dtype=np.int64), np.array(weights))
        return self._postings[key]

    def lengths(self, field_name: str) -> np.ndarray:
        if field_name not in self._lengths:
            reader = self.searcher.reader()
            self._lengths[field_name] = np.array(
                [reader.doc_field_length(docnum, field_name, 0) for docnum in range(reader.doc_count_all())],
                dtype=float)
        return self._lengths[field_name]


def _identity(folder: Path) -> tuple[int, int] | None:
    """Changes when a rebuild swaps a fresh folder in (or the folder's files change)."""
    try:
        stat = folder.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns


def _parsed_search(searcher, parsed: ParsedQuery, filters: dict[str, str], k: int) -> list[KeywordHit]:
    """Quoted phrases, or filters alone: Whoosh's query parser and matchers."""
    parser = MultifieldParser(list(FIELD_BOOSTS), searcher.schema, fieldboosts=FIELD_BOOSTS,
                              group=OrGroup.factory(COORDINATION))
    text = " ".join([_plain(parsed.words)] + [f'"{_plain(p)}"' for p in parsed.phrases]).strip()
    if not text and not filters:
        return []
    wanted = parser.parse(text) if text else q.Every()
    # A filter narrows without scoring: the same filter must not reorder what it keeps.
    narrow = q.And([q.Term(name, value) for name, value in filters.items()]) if filters else None
    return [_hit(hit.fields(), float(hit.score)) for hit in searcher.search(wanted, filter=narrow, limit=k)]


def _hit(stored: dict, score: float) -> KeywordHit:
    """A hit whose snippet is the text's start; `highlights` marks the words in those shown."""
    return KeywordHit(stored["id"], score, html.escape(plain_snippet(stored["text"])),
                      {"citation": stored["citation"], "level": stored.get("level", ""), "ref": stored["ref"]})


def _bm25(idf: float, weights: np.ndarray, lengths: np.ndarray, average: float) -> np.ndarray:
    """Whoosh's BM25F (scoring.bm25) with its default B and K1."""
    return idf * (weights * (BM25_K1 + 1)) / (weights + BM25_K1 * ((1 - BM25_B) + BM25_B * lengths / average))


def _coordinated(scores: np.ndarray, matched: np.ndarray, terms: int) -> np.ndarray:
    """Whoosh's coordination bonus (CoordMatcher, "SQR"): more of the words, higher the rank."""
    if terms == 0 or terms == COORDINATION:
        return np.zeros_like(scores)
    return (scores + (matched - 1) / (terms - COORDINATION) ** 2) * ((terms - 1) / terms)


def _plain(text: str) -> str:
    """Whoosh query syntax typed by accident ("AND", "(", "*", "field:") becomes plain words."""
    return " ".join(re.findall(r"[\w/]+", text))


# -- Neo4j full-text -----------------------------------------------------------------------


class Neo4jFulltextIndex:
    """Terms analysed in Python are written to the nodes and indexed with Lucene's whitespace
    analyser, so both engines share one analysis (Lucene's own Indonesian analyser drops "tidak")."""

    name = "neo4j"

    def __init__(self, graph: Graph, kind: str = "provision"):
        self.graph = graph
        self.kind = kind

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        """Terms onto the nodes; the full-text indexes themselves are made by graph/schema.py."""
        batch, count = [], 0
        for doc in documents:
            batch.append({"id": doc.id, "terms": " ".join(analyse(doc.citation + " " + doc.text)),
                          "context": " ".join(analyse(doc.context + " " + doc.elucidation)),
                          "snippet": plain_snippet(doc.text), "facets": facet_properties(doc)})
            if len(batch) == 2000:
                count += self._write(batch)
                batch = []
        count += self._write(batch)
        await_indexes(self.graph, 600)
        return count

    def highlights(self, query: str, ids: list[str], redact: Callable[[str], str] | None = None) -> dict[str, str]:
        """None: the snippets stay the texts' start (the nodes' full texts are not read back;
        the engine redacts those starts itself)."""
        return {}

    def _write(self, batch: list[dict]) -> int:
        if batch:
            set_search_terms(self.graph, self.kind, batch)
        return len(batch)

    def search(self, query: str, k: int = 10, filters: dict[str, str] | None = None) -> list[KeywordHit]:
        parsed = parse_query(query, self.kind)
        filters = {**parsed.filters, **(filters or {})}
        lucene = _lucene_query(parsed)
        if not lucene:
            return []
        rows = fulltext_search(self.graph, self.kind, lucene, limit=FILTERED_CANDIDATES if filters else k * 5, k=k,
                               filters=[{"name": name, "value": value} for name, value in filters.items()])
        return [KeywordHit(row["id"], float(row["score"]), html.escape(plain_snippet(row["text"] or "")),
                           {"citation": row["citation"], "level": row["level"]}) for row in rows]


def _lucene_query(parsed: ParsedQuery) -> str:
    """Analysed words OR-ed, phrases quoted; every term is [a-z0-9] so nothing needs escaping."""
    words = [f"search_terms:{t}^2 OR search_context:{t}" for t in dict.fromkeys(analyse(parsed.words))]
    phrases = [f'search_terms:"{" ".join(analyse(p))}"^3' for p in parsed.phrases if analyse(p)]
    return " OR ".join(f"({part})" for part in words + phrases)
