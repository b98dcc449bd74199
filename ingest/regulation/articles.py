"""Find the Pasal headings of a text span, robust to OCR noise.

Every "Pasal <number>" is a candidate, however garbled ("PasaI 5", "Pasal l2", "P a s a l 7",
"Pasal 4T") and wherever it stands (own line, or glued into running text by the converter).
Cross-references ("sebagaimana dimaksud dalam Pasal 5", "Pasal 7 Peraturan Pemerintah Nomor
15 ...") are dropped by their context. From what is left, `best_run` picks the sequence that
best reads as consecutive articles 1, 2, 3 ... (with inserted "12A" allowed): a heading on its
own line counts more than one glued into a sentence, and every skipped number costs. This is
what keeps a stray reference or a repeated catchword out of the article list while still
finding headings that lost their line break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.refs import roman_to_int

from .labels import Key, arabic_readings, int_to_roman

# "Pasal" as printed and as OCR garbles it: "PasaI", "Pasai", "Pasa1", "Pasa]", "PaseJ",
# "Pa.sal", "Pa-sa1", "Pasarl", "Pasil", "Pasl", "Pasd", "I'asal", "P a s a l", and "Pasa" or
# "asal" right before an article's opening. The last letter may be read as a digit and glued
# to the number ("Pasa128" is Pasal 28), so the word takes that character before the number.
_GAP = r"[.\-]?\s?"
PASAL_WORD = (rf"(?:P{_GAP}[aA]{_GAP}[sS5]{_GAP}[aAei]{_GAP}(?:-?[lLI1i|\]\[!JjtT7\\]|d|rl)|Pas[lI1d]|Paal"
              r"|PASAL|P\s?A\s?S\s?A\s?L|pasal|I'asal|Psal|Pa\*l|Pasp[lJ]|Pasqal"
              r"|(?:Pasa|asal|Pasar)(?=[ \t]*\d{1,3}[ \t]+(?:\(1\)|[A-Z])))")  # "Pasa 2 (1) ...", "asal 24 (1) ..."
# OCR may split the number ("Pasal 1 1 1" for 111, "Pasal 4 I" for 41, "Pasal 2'7" and
# "Pasal 1.2" for 27 and 12)
# and repeat the word ("Pasal pasal 1"); " 1." after the number opens an item instead.
PASAL_HEADING = re.compile(rf"(?<![A-Za-z])(?:{PASAL_WORD}[ \t]+)?{PASAL_WORD}[ \t]*[.,:·']?[ \t]*"
                           rf"(?P<number>[0-9A-Za-z|!](?:[0-9A-Za-z|!']|\.(?=\d)){{0,4}}"
                           rf"(?: (?!1\.)[0-9lIiO]{{1,2}}(?![)\w])){{0,2}})"
                           rf"(?P<dot>[.:])?(?=[\s,;.)(`\"']|$)")

# Words that, right before "Pasal", make it a reference ("dalam Pasal 5", "dan Pasal 6").
# "dan"/"atau" after ";" close a list item instead ("...; atau Pasal 10 (1) Wajib Pajak").
REFERENCE_WORD_BEFORE = re.compile(
    r"\b(?:dalam|pada|oleh|dengan|menurut|berdasarkan|sesuai|lihat|dimaksud|tersebut|ke"
    r"|bagi|terhadap|atas|tentang|yaitu|yakni|sebagai|termasuk|kecuali|dari|di|antara|diubah|ketentuan"
    r"|Ketentuan|mengubah|menjadi|khususnya|jo|juncto|sampai|hingga|s/d|s\.d\.?|sd|dimaksudkan|maksud"
    r"|melanggar|seperti|ialah|adalah|untuk|mengenai|bunyi|penjelasan|Penjelasan|perubahan"
    r"|huruf|angka|ayat|butir|[Aa]d|(?<![;:] )(?:dan|atau|serta|dan/atau))\s*$")  # "Ad pasal VII" explains
REFERENCE_MARK_BEFORE = re.compile(r"[,(/&]\s*$")
# What follows a reference on the same line: "Pasal 5 ayat (2)", "PASAL 34 AYAT 5" (in a title),
# "Pasal 5 dan Pasal 6", "Pasal 7 Undang-Undang Nomor ...", "Pasal 12 tersebut", and the
# amending verbs of an instruction ("Pasal 31 diubah sehingga berbunyi ...").
REFERENCE_AFTER = re.compile(
    r"[ \t]*(?:ayat|huruf|angka|butir|dan\b|atau\b|serta\b|sampai|s\.?\s?d|s/d|hingga|jo\b|juncto|tersebut"
    r"|AYAT|HURUF|ANGKA|DAN\b|ATAU\b|SAMPAI"  # in upper-case titles; "Ayat (1)" opens a Penjelasan entry
    r"|di\s+atas|diatas|yang\b|dari\b|pada\b|dalam\b|ini\b(?!\s+mulai)|itu\b|[,;/)\]-]"
    r"|(?:diubah|dihapus|dicabut|disisipkan|ditambah\w*|berubah|berbunyi|menjadi)\b"
    r"|(?:Undang|UU|UUD|Peraturan|Perpu|Perppu|PP\b|Keputusan|Kitab|KUHP|KUHAP|Ketetapan|Instruksi"
    r"|Penetapan|Wet\b|Staatsblad|Stb|Reglement|Ordonnantie|Lampiran|Konstitusi|Rechtsreglement)"
    r"[^.;\n]{0,80}?\b(?:Nomor|No\.?|Tahun|Dasar|tentang|Republik|Sementara|RI\b|\d{4})"
    r"|(?:Undang-[Uu]ndang|UU|UUD|Peraturan)\s+(?:Dasar|Nomor|No\b|tentang))")
# ... unless the text names itself: "Pasal 25 Peraturan Pemerintah ini mulai berlaku ...".
SELF_REFERENCE = re.compile(r"[ \t]*(?:Undang-[Uu]ndang|Peraturan(?:\s+[A-Z]\w+){1,3}|Keputusan(?:\s+[A-Z]\w+){1,2})"
                            r"\s+ini\b")
# Old laws write "Pasal 20." (or "Pasal 20. -") before the article's first sentence or "(1)".
DOTTED = re.compile(r"\s+(?:-\s+)?(?:[A-Z(\"“]|$)")
# An article whose first ayat follows its number directly.
FIRST_AYAT = re.compile(r"[ \t]*\(1\)[ \t]+[A-Z]")
SENTENCE_END = re.compile(r"(?:[.;:!?)\"”]|\bjelas|\b[A-Z]{3,})\s*$")
CONTEXT = 80  # characters of the line looked at on either side


@dataclass(frozen=True)
class Candidate:
    start: int  # where the word "Pasal" begins
    end: int  # right after the number (and a trailing dot)
    token: str  # the number as printed
    arabic: tuple[tuple[str, Key], ...]  # possible readings as article numbers
    roman: int | None  # "I", "II" (articles of an amending law)
    weight: float  # how much it looks like a heading


@dataclass(frozen=True)
class Heading:
    candidate: Candidate
    label: str  # "12A", or "I" for a Roman-numbered article
    key: Key


def find_candidates(text: str, start: int, end: int) -> list[Candidate]:
    candidates = []
    for match in PASAL_HEADING.finditer(text, start, end):
        token = match["number"]
        arabic = tuple(arabic_readings(token))
        roman = roman_to_int(token.replace(" ", ""))
        if not arabic and roman is None:
            continue
        weight = _heading_weight(text, match)
        if weight > 0:
            candidates.append(Candidate(match.start(), match.end(), token, arabic, roman, weight))
    return candidates


def _heading_weight(text: str, match: re.Match) -> float:
    """3 for a heading on its own line, less for one glued into text, 0 for a reference."""
    line_start = text.rfind("\n", max(0, match.start() - CONTEXT), match.start()) + 1
    before = text[max(line_start, match.start() - CONTEXT):match.start()]
    at_line_start = not before.strip()
    line_end = text.find("\n", match.end(), match.end() + 2 * CONTEXT)
    after = text[match.end():line_end if line_end >= 0 else match.end() + 2 * CONTEXT]
    if at_line_start and not after.strip(" \t.:"):
        return 3.0
    if FIRST_AYAT.match(after):
        return 2.0  # "... dalam Pasal 49 (1) Pemerintah ..." : a reference would say "ayat (1)"
    dotted = match["dot"] == "." and DOTTED.match(after)
    if not at_line_start and (REFERENCE_WORD_BEFORE.search(before)
                              or (not dotted and REFERENCE_MARK_BEFORE.search(before))):
        return 0.0
    if not dotted and not SELF_REFERENCE.match(after) and REFERENCE_AFTER.match(after):
        return 0.0
    if at_line_start:
        return 2.5
    if SENTENCE_END.search(before) or dotted:
        return 2.0
    # Lower case "pasal" inside a sentence is almost always a reference.
    return 0.0 if match.group().startswith("p") else 1.0


def continues_sentence(text: str, start: int) -> bool:
    """True if the line before `start` ends with a word that makes what starts there a reference
    ("... sebagaimana dimaksud dalam" + new line + "Pasal 21 dapat ...")."""
    line_start = text.rfind("\n", max(0, start - CONTEXT), start)
    before = text[max(0, start - CONTEXT):start]
    return line_start >= 0 and not text[line_start:start].strip() and bool(REFERENCE_WORD_BEFORE.search(before))


def best_run(candidates: list[Candidate], roman: bool = False, gap_cost: float = 2.0,
             allowed: set[str] | None = None) -> list[Heading]:
    """The highest-scoring sequence of article headings, in text order.

    Score = sum of candidate weights - gap_cost for every article number the run skips
    (also before its first article). `allowed` restricts labels (a Penjelasan may only name
    articles the body has). A run's numbers must rise; an "A" suffix inserts after its number.
    A garbled number read as digits ("4T" as 47) counts a little less than a clean one.

    Dynamic programming over the candidates in text order. Coming from article m to n skips
    n - m - 1 numbers, so the best predecessor with a smaller number maximises
    score(m) + gap_cost * m: a prefix maximum over m, kept in a Fenwick tree.
    """
    states: list[tuple[Heading, int]] = []  # (heading, index of the previous state or -1)
    lower = _PrefixMax()  # by number: best score(m) + gap_cost * m, with its state
    same_number: dict[int, dict[str, tuple[float, int]]] = {}  # number -> suffix -> (score, state)
    best_final = (float("-inf"), -1)
    for candidate in candidates:
        updates = []
        for rank, (label, key) in enumerate(_readings(candidate, roman)):
            if allowed is not None and label not in allowed:
                continue
            adjusted, previous = lower.query(key.number - 1)
            score = adjusted - gap_cost * (key.number - 1 + (1 if key.suffix else 0))
            for suffix, (earlier, state) in same_number.get(key.number, {}).items():
                if suffix < key.suffix and earlier > score:  # "12A" right after "12"
                    score, previous = earlier, state
            updates.append((key, score + candidate.weight - 0.2 * rank, Heading(candidate, label, key), previous))
        for key, score, heading, previous in updates:
            known = same_number.setdefault(key.number, {})
            if key.suffix in known and known[key.suffix][0] >= score:
                continue
            states.append((heading, previous))
            known[key.suffix] = (score, len(states) - 1)
            lower.update(key.number, score + gap_cost * key.number, len(states) - 1)
            best_final = max(best_final, (score, len(states) - 1))
    run, state = [], best_final[1]
    while state >= 0:
        heading, state = states[state]
        run.append(heading)
    return run[::-1]


class _PrefixMax:
    """Maximum (value, state) over positions 0..i, with values only ever raised."""

    SIZE = 1024  # article numbers have at most three digits

    def __init__(self):
        self.tree = [(float("-inf"), -1)] * (self.SIZE + 1)
        self.update(0, 0.0, -1)  # a run may start anywhere, as if after "article 0"

    def update(self, position: int, value: float, state: int) -> None:
        index = position + 1
        while index <= self.SIZE:
            if value > self.tree[index][0]:
                self.tree[index] = (value, state)
            index += index & -index

    def query(self, position: int) -> tuple[float, int]:
        best, index = (float("-inf"), -1), min(position + 1, self.SIZE)
        while index > 0:
            best = max(best, self.tree[index])
            index -= index & -index
        return best


def _readings(candidate: Candidate, roman: bool) -> list[tuple[str, Key]]:
    if roman:
        return [(int_to_roman(candidate.roman), Key(candidate.roman))] if candidate.roman else []
    return list(candidate.arabic)


def fill_gaps(text: str, run: list[Heading], start: int) -> list[Heading]:
    """Add headings that were taken for cross-references but sit exactly where a missing
    article must be, at the start of a line or sentence ("Pasal 11, (1) Anggota ...",
    "Pasal 1 Peraturan Pemerintah No. 3 tahun 1947 dirubah sebagai berikut: ...")."""
    filled: list[Heading] = []
    wanted, position = 1, start
    for heading in run:
        while wanted < heading.key.number:
            found = heading_at_sentence_start(text, position, heading.candidate.start, Key(wanted))
            if not found:
                break
            filled.append(found)
            wanted, position = wanted + 1, found.candidate.end
        filled.append(heading)
        wanted, position = heading.key.number + 1, heading.candidate.end
    return filled


def heading_at_sentence_start(text: str, start: int, end: int, wanted: Key) -> Heading | None:
    """The first "Pasal <wanted>" at a line or sentence start; failing that, the first that
    no reference word precedes ("... Bentuk Kegiatan pasal 3 Bentuk kegiatan ...")."""
    fallback = None
    for match in PASAL_HEADING.finditer(text, start, end):
        readings = tuple((label, key) for label, key in arabic_readings(match["number"]) if key == wanted)
        if not readings:
            continue
        before = text[max(0, match.start() - CONTEXT):match.start()]
        heading = Heading(Candidate(match.start(), match.end(), match["number"], readings, None, 0.5), *readings[0])
        if not before.strip() or before.rstrip().endswith((".", ";", ":")):
            return heading
        if fallback is None and not REFERENCE_WORD_BEFORE.search(before):
            fallback = heading
    return fallback
