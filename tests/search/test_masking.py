"""The masks for viewers below investigator (search/masking.py), without a graph: NIPs in any
spelling, parts of NIPs, names with what is written onto them, and the property the case search
relies on: no term of a masked query meets a masked span of an indexed text."""

import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.analysis import analyse
from search.masking import NAME_MASK, NUMBER, NUMBER_MASK, Mask, compact_numbers, name_words, snippet_start

NAMES = ["Hendrizal Hakimi", "Rahmat Tanjung", "Siti-Aminah Koto", "Ma'ruf Amrizal", "Yusnimar", "Ilham Datuak Rajo Basa"]
PLACES = ["Kecamatan Tanjung", "Koto Tangah"]
NIPS = ["198503102009031002", "197806202005011003", "199110212021021588"]
MASK = Mask(name_words(NAMES, PLACES), NIPS)
DIGITS = re.compile(r"\d+")

separators = st.sampled_from([" ", "  ", "   ", ".", "-", "_", ". ", " - ", "\t", "\n", "-  ", "–", ""])
labels = st.sampled_from(["", "NIP", "NIP ", "NIP.", "NIP. ", "NIP:", "NIP : ", "NI PPPK ", "NIK ", "(", "x", "Q", "nip"])
glued = st.sampled_from(["", "x", "a", "Z", ")", ",", "."])


@st.composite
def spelled_numbers(draw, numbers=st.sampled_from(NIPS)):
    """A NIP as people write it: groups (8, 6, 1, 3 or any other split) joined by separators,
    behind a label or glued to letters."""
    digits = draw(st.one_of(numbers, st.text("0123456789", min_size=15, max_size=20)))
    cuts = sorted(draw(st.sets(st.integers(1, len(digits) - 1), max_size=5)) | (
        {8, 14, 15} if draw(st.booleans()) else set()))
    groups = [digits[a:b] for a, b in zip([0, *cuts], [*cuts, len(digits)])]
    spelled = groups[0] + "".join(draw(separators) + group for group in groups[1:])
    return digits, draw(labels) + spelled + draw(glued)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(spelled_numbers(), st.sampled_from(["", "Sdr. Hendrizal hadir, ", "tanggal 2 Oktober 2024, "]))
def test_a_nip_in_any_spelling_is_masked_whole_and_dropped_from_queries(number, before):
    digits, spelled = number
    text = f"{before}{spelled} kampanye"
    shown = MASK.text(text)
    assert NUMBER_MASK in shown and not any(len(run) >= 3 and run in digits for run in DIGITS.findall(shown))
    assert not any(run in digits for run in DIGITS.findall(MASK.query(text)) if len(run) >= 2)
    assert DIGITS.findall(compact_numbers(text))[-1] == digits  # one term in the case index


@given(st.sampled_from(NIPS), st.data())
def test_every_part_of_a_nip_of_six_digits_or_more_is_masked_and_dropped(nip, data):
    start = data.draw(st.integers(0, len(nip) - 6))
    part = nip[start:data.draw(st.integers(start + 6, len(nip)))]
    text = data.draw(glued) + part + data.draw(glued)
    assert part not in MASK.text(f"NIP {text} kampanye") and NUMBER_MASK in MASK.text(text)
    assert not DIGITS.search(MASK.query(f"{text} kampanye")) and "kampanye" in MASK.query(f"{text} kampanye")


def test_numbers_that_are_no_nip_stay():
    for text in ("Pasal 9 ayat (2) UU 5/2014", "PP 94/2021", "2 Oktober 2024", "001/Reg/TM/PB/Kab/03.06/X/2024",
                 "Rp 500.000.000,00"):
        assert MASK.text(text) == text and MASK.query(text) == text
    assert MASK.text("case:c000123") == "case:c000123"  # six digits, but no part of a known NIP
    assert MASK.query("case:c000123").strip() == ""  # a query cannot tell: six digits in a row go
    assert NUMBER.search("1 2 3 4 5 6 7 8 9 0 1 2 3 4 5")  # fifteen digits, one apart: a number
    assert not NUMBER.search("1    2    3    4    5    6    7    8    9    0    1    2    3    4    5")


@settings(max_examples=300)
@given(st.sampled_from([w for name in NAMES for w in name.split()]),
       st.sampled_from(["", "nya", "lah", "kah", "pun", "ku", "mu", "nyalah"]),
       st.sampled_from([str.lower, str.upper, str.title, lambda s: s]))
def test_a_name_word_with_a_particle_in_any_case_is_masked_and_dropped(word, suffix, case):
    typed = case(word + suffix)
    hidden = {"Tanjung", "Koto", "Datuak"}  # also name places, or an adat word kept by the place list
    if word in hidden or len(word) < 3:
        return
    shown = MASK.text(f"kata {typed} di sini").casefold()
    assert NAME_MASK in shown and not any(piece.casefold() in shown for piece in re.findall(r"[A-Za-z]{3,}", word))
    assert [token for token in MASK.query(f"{typed} kampanye").split() if re.search(r"\w", token)] == ["kampanye"]


def test_a_query_is_scrubbed_by_the_terms_the_index_holds_not_by_its_surface():
    assert MASK.query("hakiminya").strip() == ""  # the stemmer reads it as "hakim", as "Hakimi" is indexed
    assert MASK.query("hakim").strip() == ""  # so "hakim" would find Hakimi's cases: it goes too
    assert MASK.query("siti-aminah datang").split() == ["datang"]  # one token for the analyser
    assert MASK.query("Ma'ruf").strip(" '") == ""
    assert MASK.query('"Rahmat" region:kota-padang pasal 9').split() == ['"', '"', "region:kota-padang", "pasal", "9"]
    assert MASK.query("Tanjung").strip() == "Tanjung"  # a place too: shown, so searchable


def test_a_masked_query_never_meets_a_masked_span():
    """For any text and any query made of the same pieces: every occurrence the index holds of a
    term of the masked query is an occurrence the viewer sees (so masked spans neither match nor
    add to a score)."""
    pieces = st.one_of(
        st.sampled_from(["kampanye", "hakim", "rahmat", "Rahmatnya", "di", "pasal", "9", "ayat", "(2)", "UU", "5/2014",
                         "Tanjung", "Koto", "Siti-Aminah", "Ma'ruf", "x", "NIP.", "1", "002", "2021", "HENDRIZAL",
                         "hendrizal-putra", "Datuak", "Sdr.", "Ilham", "1985", "0310"]),
        st.builds(lambda number: number[1], spelled_numbers()),
        st.builds(lambda nip, a, b: nip[min(a, b):max(a, b) + 6], st.sampled_from(NIPS), st.integers(0, 12),
                  st.integers(0, 12)))

    @settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(pieces, min_size=1, max_size=30), st.lists(pieces, min_size=1, max_size=8))
    def check(document, query):
        indexed = compact_numbers(" ".join(document))
        index, seen = Counter(analyse(indexed)), Counter(analyse(MASK.text(indexed)))
        for term in set(analyse(MASK.query(compact_numbers(" ".join(query))))):
            assert index[term] <= seen[term], (term, indexed, MASK.text(indexed))

    check()


@given(st.text(st.sampled_from("ab .-"), max_size=300), spelled_numbers(), st.integers(200, 260))
def test_a_snippet_never_cuts_a_number_in_two(before, number, limit):
    head = snippet_start(f"{before} {number[1]} selesai", limit)
    assert len(head) <= limit and "".join(DIGITS.findall(head)) in ("", number[0])


def test_pieces_of_names_and_numbers_that_are_too_short_stay():
    assert MASK.text("Pasal 1 ayat 2 002") == "Pasal 1 ayat 2 002"
    assert "Ni" in MASK.text("Ni Luh")  # two letters: noise, never masked
