"""Case-document extraction: entity resolution across documents (ingest.cases.resolve)."""

from __future__ import annotations

import pytest

from ingest.cases import Person, compare, extract_case_document, resolve_persons
from ingest.cases.resolve import DISTINCT, MERGE, REVIEW, normalise_position, one_typo_apart, resolve_records

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


def test_every_pair_compared_passes_through_progress():
    people = {person.id: (doc_id, person) for doc_id, text in DOCUMENTS.items()
              for person in extract_case_document(text, doc_id).persons}
    shown = []
    resolution = resolve_records(people, progress=lambda pairs: shown.extend(pairs) or pairs)
    assert ("c#p1", "d#p1") in shown and shown == sorted(shown)
    assert resolution == resolve_records(people)


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


def test_a_letter_slipped_in_an_agency_or_a_name_does_not_split_a_person():
    chair = person("x#p1", "Usman Ilyas", kind="Official", position="Ketua Bawaslu Kabupaten Agam",
                   agency="Bawaslu Kabupaten Agam", region="Kabupaten Agam")
    slipped_agency = person("y#p1", "Usman Ilyas", kind="Official", position="Ketua Bawaslu Kabpaten Agam",
                            agency="Bawaslu Kabpaten Agam")
    slipped_name = person("z#p1", "Usmam Ilyas", kind="Official", position="Ketua Bawaslu Kabupaten Agam",
                          agency="Bawaslu Kabupaten Agam")
    assert compare(chair, slipped_agency).decision == MERGE
    assert compare(chair, slipped_name).decision == MERGE  # one letter apart: needs two agreements
    assert compare(chair, person("w#p1", "Usmam Ilyas", region="Kabupaten Agam")).decision == REVIEW
    assert compare(chair, person("v#p1", "Usmam Ilyas")) is None
    assert one_typo_apart("bawaslu kota padnag panjang", "bawaslu kota padang panjang")
    assert one_typo_apart("provinsi surnatera barat", "provinsi sumatera barat")  # "rn" scanned for "m"
    assert not one_typo_apart("smp negeri 1 padang", "smp negeri 7 padang")  # digits and short words are exact
    assert not one_typo_apart("dinas kesehatan agam", "dinas kesehatan")


def test_a_civil_servant_is_not_a_candidate_or_an_elected_official_of_the_same_name():
    asn = person("x#p1", "Nofrita Anwar", kind="ASN", position="pranata komputer", agency="Dinas Sosial Kota Solok",
                 region="Kota Solok")
    mayor = person("y#p1", "Nofrita Anwar", kind="Official", position="Wali Kota Solok", region="Kota Solok")
    candidate = person("z#p1", "Nofrita Anwar", kind="Candidate", race="Wali Kota Solok 2024", region="Kota Solok")
    acting = person("w#p1", "Nofrita Anwar", kind="Official", position="Pj. Wali Kota Solok", region="Kota Solok")
    assert compare(asn, mayor).decision == DISTINCT and compare(asn, candidate).decision == DISTINCT
    assert compare(asn, acting).decision == MERGE  # an acting head is a civil servant
    assert compare(mayor, candidate).decision == MERGE  # an incumbent runs again


def test_namesakes_in_neighbouring_regencies_stay_apart():
    """Kota Padang is not Kota Padang Panjang, though one name contains the other."""
    a = person("x#p1", "Budi Santoso", region="Kota Padang", position="Guru")
    b = person("y#p1", "Budi Santoso", region="Kota Padang Panjang", position="Guru")
    assert compare(a, b).decision == DISTINCT


def _people(*records: Person) -> dict:
    return {record.id: (record.id.split("#")[0], record) for record in records}


def test_a_bare_name_joins_its_own_case_even_when_that_record_is_a_copy():
    race = "Wali Kota Padang 2024"
    people = _people(person("c1-kajian#p1", "Dedi Hendra", kind="Candidate", race=race, region="Kota Padang"),
                     person("c2-kajian#p1", "Dedi Hendra", kind="Candidate", race=race, region="Kota Padang"),
                     person("c2-keputusan#p1", "Dedi Hendra", kind="Candidate"),
                     person("c3-keputusan#p1", "Dedi Hendra", kind="Candidate"))
    cases = {person_id: person_id.split("-")[0] for person_id in people}
    resolution = resolve_records(people, cases=cases)
    groups = sorted(sorted(p.members) for p in resolution.persons)
    assert groups == [["c1-kajian#p1", "c2-kajian#p1", "c2-keputusan#p1"], ["c3-keputusan#p1"]]
    # One question for the bare name in c3, not one per record of the person it may be.
    assert [(d.decision, "c3-keputusan#p1" in (d.a, d.b)) for d in resolution.review] == [(REVIEW, True)]


def _varied_records(count: int, seed: int) -> dict[str, tuple[str, Person]]:
    """Records over small pools, so that namesakes, slipped letters, one-word names, NIPs, roles,
    regions and agencies meet in every combination."""
    import random

    rng = random.Random(seed)
    names = ["Budi Santoso", "Budi Santosa", "Budi", "Santoso", "Rina Marlina", "Rina", "Marzuki Dt. Rajo Nan Gadang",
             "Marzuki", "Hendra Saputra", "Hendra Saputra"]
    regions = [None, None, "Kota Solok", "Kabupaten Agam", "Kabpaten Agam", "Kecamatan Lubuk Basung, Kabupaten Agam",
               "Kota Padang", "Kota Padang Panjang"]
    agencies = [None, None, "Dinas Pendidikan Kota Solok", "Dinas Pendidikan", "Dinas Kesehatan Kabupaten Agam",
                "Dinas Kesehatan Kabupatn Agam", "Sekretariat Daerah Kota Padang"]
    positions = [None, None, "Guru", "Kepala Dinas Pendidikan Kota Solok", "Kadisdik Kota Solok", "Bupati Agam",
                 "Pj. Wali Kota Padang", "Camat"]
    kinds = ["ASN", "ASN", "Candidate", "Official", "Person"]
    nips = [None, None, None, "197203151998031004", "198001012005011002"]
    races = [None, None, "Bupati Agam 2024", "Wali Kota Solok 2024"]
    people = {}
    for index in range(count):
        person_id = f"d{index}#p1"
        people[person_id] = (f"d{index}", Person(
            id=person_id, name=rng.choice(names), nip=rng.choice(nips), kind=rng.choice(kinds),
            position=rng.choice(positions), agency=rng.choice(agencies), region=rng.choice(regions),
            race=rng.choice(races)))
    return people


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_blocking_compares_every_pair_that_could_merge_or_be_asked_about(seed, monkeypatch):
    """The resolver compares only some pairs (namesakes in two regencies, say, are not compared):
    against comparing every pair, it must miss no pair that would merge or go to review (bare
    common names aside: the next test)."""
    from ingest.cases import resolve
    from ingest.cases.resolve import _candidate_pairs

    monkeypatch.setattr(resolve, "COMMON_NAME", 10**6)
    people = _varied_records(400, seed)
    cases = {person_id: f"case-{person_id}" for person_id in people}
    compared = _candidate_pairs(people, cases)
    ids = sorted(people)
    wanted = {(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]
              if (decision := compare(people[a][1], people[b][1])) and decision.decision in (MERGE, REVIEW)}
    assert len(wanted) > 1000 and len(compared) < len(ids) * (len(ids) - 1) / 2 / 2
    assert wanted <= compared


def test_a_common_name_alone_is_not_asked_about_in_every_pair():
    """Sixty documents naming a "Budi Santoso" and nothing else about him: no one can tell which
    of them are one person, so they are not questions; two such documents are one question."""
    from ingest.cases.resolve import COMMON_NAME

    def bare(count):
        return {f"d{i}#p1": (f"d{i}", Person(id=f"d{i}#p1", name="Budi Santoso")) for i in range(count)}

    assert len(resolve_records(bare(2)).review) == 1
    many = resolve_records(bare(COMMON_NAME + 10))
    assert not many.review and not many.merges and len(many.persons) == COMMON_NAME + 10


def test_weighted_batches_keep_order_and_bound_each_batch():
    from ingest.person_resolution import weighted_batches
    rows = [1, 4, 2, 9, 1, 1, 3]
    batches = list(weighted_batches(rows, 5, weight=lambda row: row))
    assert batches == [[1, 4], [2], [9], [1, 1, 3]]
    assert [row for batch in batches for row in batch] == rows
    assert list(weighted_batches([], 5, weight=lambda row: row)) == []
