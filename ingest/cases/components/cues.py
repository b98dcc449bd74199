"""`netra_phrase_cues`: words and phrases that signal relations and outcomes.

One factory, one instance per kind of cue (kin terms, appointment phrasing, support acts,
outcomes, pronouns pointing back at a person), each writing the span group named in its config.
The longest phrase wins, so "tidak terbukti" is one cue and not "terbukti". A cue after a word of
`ignore_after` in the same clause ("apabila terbukti") is hypothetical and dropped.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

LOOKBACK = 6  # tokens before a cue searched for `ignore_after` words, within its clause
CLAUSE_ENDS = {",", ".", ";", ":"}


@Language.factory("netra_phrase_cues", default_config={"group": "cue", "phrases": {}, "ignore_after": []})
def make_phrase_cues(nlp: Language, name: str, group: str, phrases: dict[str, list[str]],
                     ignore_after: list[str]) -> "PhraseCues":
    return PhraseCues(nlp, group, phrases, set(ignore_after))


class PhraseCues:
    def __init__(self, nlp: Language, group: str, phrases: dict[str, list[str]], ignore_after: set[str]):
        self.group = group
        self.ignore_after = ignore_after
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for label, words in phrases.items():
            self.matcher.add(label, [nlp.make_doc(word) for word in _with_enclitic(words)])

    def __call__(self, doc: Doc) -> Doc:
        cues = filter_spans(self.matcher(doc, as_spans=True))
        doc.spans[self.group] = [cue for cue in cues if not self._hypothetical(doc, cue)]
        return doc

    def _hypothetical(self, doc: Doc, cue: Span) -> bool:
        """ "Apabila rekomendasi ini tidak ditindaklanjuti": a condition earlier in the clause."""
        for token in reversed(doc[max(cue.start - LOOKBACK, 0):cue.start]):
            if token.text in CLAUSE_ENDS:
                return False
            if token.lower_ in self.ignore_after:
                return True
        return False


def _with_enclitic(words: list[str]) -> list[str]:
    """Each one-word cue also with "-nya" attached, as Indonesian writes it ("mengunggahnya",
    "istrinya", "melantiknya"): the tokenizer keeps the clitic on the word."""
    return words + [f"{word}nya" for word in words if " " not in word and not word.endswith("nya")]
