import pytest

from core.refs import ProvisionRef, RegulationRef

PP_94 = RegulationRef("PP", "94", 2021)


def test_ids_and_citations_read_like_the_law():
    ref = ProvisionRef(PP_94, pasal="5", huruf="n", angka="4")
    assert ref.id == "pp/2021/94/pasal-5/huruf-n/angka-4"
    assert ref.citation == "Pasal 5 huruf n angka 4 PP 94/2021"
    ayat = ProvisionRef(RegulationRef("UU", "5", 2014), pasal="87", ayat="4", huruf="c")
    assert ayat.citation == "Pasal 87 ayat (4) huruf c UU 5/2014"


def test_nesting_order_is_kept_when_angka_holds_huruf():
    ref = ProvisionRef(RegulationRef("PP", "53", 2010), pasal="4", angka="12", huruf="a", order=("angka", "huruf"))
    assert ref.id == "pp/2010/53/pasal-4/angka-12/huruf-a"
    assert ref.citation == "Pasal 4 angka 12 huruf a PP 53/2010"
    assert ProvisionRef.from_id(ref.id) == ref
    assert ProvisionRef.from_id(ref.id).order == ("angka", "huruf")


def test_round_trip_through_the_eval_set_shape():
    data = {"type": "UU", "number": "5", "year": 2014, "pasal": "87", "ayat": "4", "huruf": "c"}
    assert ProvisionRef.from_dict(data).to_dict() == data


def test_parents_and_containment():
    ref = ProvisionRef(PP_94, pasal="5", huruf="n", angka="4")
    assert ref.parent() == ProvisionRef(PP_94, pasal="5", huruf="n")
    assert ref.within(ProvisionRef(PP_94, pasal="5"))
    assert not ref.within(ProvisionRef(PP_94, pasal="6"))
    assert ProvisionRef(PP_94).parent() is None


def test_inserted_pasal_and_rulings():
    assert ProvisionRef(RegulationRef("UU", "10", 2016), pasal="22A").id == "uu/2016/10/pasal-22a"
    ruling = RegulationRef("PUTUSAN_MK", "41/PUU-XII/2014", 2014)
    assert ruling.citation == "Putusan MK 41/PUU-XII/2014"
    assert ruling.id == "putusan-mk/2014/41-puu-xii-2014"


def test_invalid_refs_are_rejected():
    with pytest.raises(ValueError):
        RegulationRef("XYZ", "1", 2000)
    with pytest.raises(ValueError):
        ProvisionRef(PP_94, huruf="a")  # no Pasal


def test_inserted_pasal_survives_the_id_round_trip():
    ref = ProvisionRef(RegulationRef("UU", "10", 2016), pasal="22A", ayat="1")
    assert ProvisionRef.from_id(ref.id) == ref
