"""Case-document extraction: entity resolution across documents (ingest.cases.resolve)."""

from __future__ import annotations

import pytest

from ingest.cases import Person, compare, extract_case_document, resolve_persons
from ingest.cases.resolve import DISTINCT, MERGE, REVIEW, normalise_position

DOCUMENTS = {
    "a": "Bawaslu Kota Solok menemukan Drs. H. Zulhendri, M.Si. (NIP 197203151998031004), Kepala Dinas Pendidikan "
         "Kota Solok, menghadiri kampanye calon Wali Kota Solok, Rudi Hartono.",
    "b": "Laporan menyebut Zulhendri (Kadisdik Kota Solok) memberikan sambutan dukungan kepada calon Wali Kota "
         "Solok, Rudi Hartono.",
    "c": "Bawaslu Kabupaten Agam menemukan Budi Santoso, S.Pd., guru SD Negeri 3 Lubuk Basung, Kabupaten Agam, "
         "mengunggah ajakan memilih calon Bupati Agam, Benny Oktavianus.",
    "d": "Bawaslu Kota Padang menemukan Budi Santoso, S.Kom., analis pada Dinas Kesehatan Kota Padang, menyukai "
         "unggahan calon Wali Kota Padang, Arfianto Syahputra.",
    "e": "Dalam laporan lain, Budi Santoso disebut hadir dalam deklarasi calon Wali Kota Padang, Arfianto Syahputra.",
    "f": "Calon Bupati Pesisir Selatan, Marzuki Dt. Rajo Nan Gadang, hadir. Wali Nagari Koto Baru, Hasnul Arifin, "
         "hadir.",
    "g": "Hasnul Arifin merupakan ipar dari calon Bupati Pesisir Selatan, Marzuki Datuak Rajo Nan Gadang.",
}


@pytest.fixture(scope="module")
def resolution():
    return resolve_persons(extract_case_document(text, doc_id) for doc_id, text in DOCUMENTS.items())


def members_of(resolution, name):
    return sorted(sorted(person.members) for person in resolution.persons if person.name == name)


def test_same_person_under_titles_and_abbreviated_position_merges(resolution):
    assert members_of(resolution, "Zulhendri") == [["a#p1", "b#p1"]]
    decision = next(d for d in resolution.merges if {d.a, d.b} == {"a#p1", "b#p1"})
    assert decision.confidence >= 0.9
    assert "same position: kepala dinas pendidikan solok" in decision.evidence
    merged = next(p for p in resolution.persons if p.name == "Zulhendri")
    assert merged.nip == "197203151998031004" and merged.titles == ("Drs.", "H.", "M.Si.")


def test_namesakes_in_different_agencies_stay_apart(resolution):
    assert members_of(resolution, "Budi Santoso") == [["c#p1"], ["d#p1"], ["e#p1"]]
    apart = next(d for d in resolution.distinct if {d.a, d.b} == {"c#p1", "d#p1"})
    assert any(reason.startswith("different agency") for reason in apart.evidence)


def test_same_name_with_nothing_to_compare_goes_to_review(resolution):
    pairs = {frozenset((d.a, d.b)) for d in resolution.review}
    assert frozenset(("d#p1", "e#p1")) in pairs and frozenset(("c#p1", "e#p1")) in pairs
    assert all(d.decision == REVIEW and d.confidence <= 0.6 for d in resolution.review)


def test_candidates_merge_on_name_and_race(resolution):
    assert members_of(resolution, "Rudi Hartono") == [["a#p2", "b#p2"]]
    assert members_of(resolution, "Arfianto Syahputra") == [["d#p2", "e#p2"]]


def test_adat_title_spellings_merge(resolution):
    merged = [p for p in resolution.persons if p.name.startswith("Marzuki")]
    assert len(merged) == 1 and sorted(merged[0].members) == ["f#p1", "g#p2"]


def person(person_id, name, **attributes):
    return Person(id=person_id, name=name, **attributes)


def test_nip_decides_before_names():
    same = compare(person("x#p1", "Budi", nip="197203151998031004"), person("y#p1", "Budi Santoso",
                                                                             nip="197203151998031004"))
    different = compare(person("x#p1", "Budi Santoso", nip="197203151998031004"),
                        person("y#p1", "Budi Santoso", nip="198802142011011002"))
    assert (same.decision, same.confidence) == (MERGE, 1.0)
    assert (different.decision, different.evidence) == (DISTINCT, ("different NIP",))


def test_first_name_alone_needs_two_agreements():
    full = person("x#p1", "Afrizal Munaf", position="Kabag Umum Setda Kota Pariaman", agency="Setda",
                  region="Kota Pariaman")
    short_agreeing = person("y#p1", "Afrizal", position="Kepala Bagian Umum Setda Kota Pariaman", agency="Setda",
                            region="Kota Pariaman")
    short_vague = person("z#p1", "Afrizal", region="Kota Pariaman")
    assert compare(full, short_agreeing).decision == MERGE
    assert compare(full, short_vague).decision == REVIEW
    assert compare(full, person("w#p1", "Munafri")) is None


def test_different_nips_are_never_joined_through_a_third_record():
    cases = [extract_case_document(text, doc_id) for doc_id, text in {
        "p": "Budi Santoso (NIP 197203151998031004), guru SD Negeri 1 Padang, hadir.",
        "q": "Budi Santoso (NIP 198802142011011002), guru SD Negeri 1 Padang, hadir.",
        "r": "Budi Santoso, guru SD Negeri 1 Padang, hadir."}.items()]
    resolution = resolve_persons(cases)
    assert len([p for p in resolution.persons if p.name == "Budi Santoso"]) == 2
    assert any("different NIPs" in " ".join(d.evidence) for d in resolution.review)


def test_position_normalisation_expands_abbreviations():
    assert normalise_position("Kadisdik Kota Solok") == normalise_position("Kepala Dinas Pendidikan Kota Solok")
    assert normalise_position("Sekda Kabupaten Agam") == "sekretaris daerah agam"
