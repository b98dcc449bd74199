"""Search snippets that read well: whole sentences, each shown once, and a list item with the
lead-in that makes it a rule.

Why sentences repeat: a provision's indexed text holds every wording it has had, newest first
(search/provisions.py), so an article that an amendment restated unchanged, or changed by a
word, holds the same sentence two or three times; a case's text repeats what several of its
documents say. A snippet is therefore built from the text's sentences: those that hold the
most of the question's words (or, with no words to mark, the first ones), in reading order,
leaving out any that repeats one already chosen: the same sentence, one that holds the other
whole, or one that differs from it by a few words (an earlier wording). The newest wording comes
first, so it is the one shown unless the question's words are only in an older one.

A hit on a huruf or angka ("ikut kampanye;") does not read as a rule on its own: its snippet is
led by the lead-in sentences above it ("PNS dilarang: … memberikan dukungan kepada calon ...
dengan cara:"), read from the graph for the results shown (graph.conduct.provision_readings).
"""

from __future__ import annotations

import difflib
import html
import re

from whoosh import highlight

from graph.conduct import provision_readings
from graph.db import Graph
from search.masking import SNIPPET_CHARS, snippet_start

# A sentence ends at . ; : ! or ? before a space: legal text ends its list items with ";" and
# its lead-ins with ":", and each such piece is what a reader sees as one statement.
SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+")
WORD = re.compile(r"\w+")
GAP = " … "  # between sentences that do not follow each other in the text
# Sentences of fewer words are not compared for near-repeats: list labels ("a.", "2."), "PNS
# dilarang:" may stand in several places without being repeated text.
NEAR_MIN_WORDS = 3
# Two sentences whose words are this alike (difflib's ratio: matching words over both lengths)
# are one sentence in two wordings. Of the amended provisions in the corpus, the wordings an
# amendment left nearly as they were score 0.7 to 1; rewritten ones mostly below 0.5.
NEAR_RATIO = 0.7
LEAD_IN_LEVELS = ("huruf", "angka")
MAX_LEAD_IN_CHARS = 300  # the nearest lead-ins that fit: the one right above says most


def sentences(text: str) -> list[str]:
    return [piece for piece in SENTENCE_END.split(text.strip()) if piece]


def plain_snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The text's first sentences up to `limit` characters, each once (plain text, not HTML)."""
    pieces = sentences(text)
    chosen = _chosen(pieces, range(len(pieces)), limit)
    return snippet_start(_joined([(index, pieces[index]) for index in chosen]), limit)


def marked_snippet(text: str, words: frozenset[str], analyzer, limit: int = SNIPPET_CHARS) -> str:
    """HTML: the sentences holding most of `words` (index terms, as `analyzer` makes them), each
    once, in reading order, the words in <mark>; a sentence longer than `limit` is cut around its
    matches. "" when no sentence holds any of the words."""
    pieces = sentences(text)
    matched = {index: len(words & {token.text for token in analyzer(piece, mode="index")})
               for index, piece in enumerate(pieces)}
    ranked = sorted((index for index, count in matched.items() if count), key=lambda index: (-matched[index], index))
    chosen = _chosen(pieces, ranked, limit)
    return _joined([(index, _marked(pieces[index], words, analyzer, limit)) for index in chosen])


def _chosen(pieces: list[str], order, limit: int) -> list[int]:
    """The indexes of `pieces`, taken in `order`, that fit in `limit` characters (the first always
    does) and repeat none taken before; in reading order."""
    chosen: list[int] = []
    used = 0
    for index in order:
        if chosen and used + len(pieces[index]) > limit:
            continue
        if any(_repeats(pieces[index], pieces[other]) for other in chosen):
            continue
        chosen.append(index)
        used += len(pieces[index])
    return sorted(chosen)


def _repeats(sentence: str, other: str) -> bool:
    """Whether `sentence` says again what `other` says: the same words, one holding the other
    whole, or nearly the same words (another wording of it)."""
    words, others = _words(sentence), _words(other)
    if words == others:
        return bool(words)
    if min(len(words), len(others)) < NEAR_MIN_WORDS:
        return False
    shorter, longer = sorted((" ".join(words), " ".join(others)), key=len)
    if f" {shorter} " in f" {longer} ":
        return True
    matcher = difflib.SequenceMatcher(None, words, others, autojunk=False)
    return matcher.real_quick_ratio() >= NEAR_RATIO and matcher.quick_ratio() >= NEAR_RATIO \
        and matcher.ratio() >= NEAR_RATIO


def _words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


def _joined(pieces: list[tuple[int, str]]) -> str:
    """Sentences that follow each other in the text joined by a space, others by an ellipsis."""
    out = ""
    previous = None
    for index, piece in pieces:
        if out:
            out += " " if index == previous + 1 else GAP
        out += piece
        previous = index
    return out


def _marked(sentence: str, words: frozenset[str], analyzer, limit: int) -> str:
    fragmenter = (highlight.ContextFragmenter(maxchars=limit, surround=60) if len(sentence) > limit
                  else highlight.WholeFragmenter())
    marked = highlight.highlight(sentence, words, analyzer, fragmenter, highlight.HtmlFormatter(tagname="mark"),
                                 top=1, mode="index")
    return marked or html.escape(snippet_start(sentence, limit))


# -- lead-ins ------------------------------------------------------------------------------------

def with_lead_ins(graph: Graph, results: list) -> list:
    """Each result on a huruf or angka with the lead-in sentences above it before its snippet
    (`results`: SearchResults, whose snippets are HTML)."""
    listed = [result for result in results if _is_list_item(result.id)]
    readings = provision_readings(graph, [result.id for result in listed]) if listed else {}
    for result in listed:
        lead = lead_in(readings.get(result.id, {}).get("lead_ins", []))
        if lead:
            result.snippet = f'<span class="lead-in">{html.escape(lead)}</span> {result.snippet}'
    return results


def lead_in(texts: list[str]) -> str:
    """The lead-in sentences of the provisions above a list item (`texts`: their own texts,
    outermost first): of each, its last sentence when it ends with a colon ("PNS dilarang:",
    "... dengan cara:"); when they are too long together, the outermost are left out, and one
    too long alone (an amending law's "Beberapa ketentuan dalam ... diubah sebagai berikut:")
    keeps its end, which is what leads into the item."""
    leads = [sentences(text)[-1] for text in texts if text and text.rstrip().endswith(":")]
    kept: list[str] = []
    for lead in reversed(leads):
        if kept and len(lead) + sum(len(k) for k in kept) > MAX_LEAD_IN_CHARS:
            break
        kept.insert(0, lead)
    if kept and len(kept[0]) > MAX_LEAD_IN_CHARS:
        kept[0] = "… " + kept[0][-MAX_LEAD_IN_CHARS:].split(" ", 1)[-1]  # from a word's start
    return GAP.join(kept)


def _is_list_item(provision_id: str) -> bool:
    return provision_id.rsplit("/", 1)[-1].split("-")[0] in LEAD_IN_LEVELS
