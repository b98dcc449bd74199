import pytest
from hypothesis import given
from hypothesis import strategies as st

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


# -- rules that are list items: diktum, Lampiran, a circular's own points (issue 18) --------------

SKB = RegulationRef("SKB", "2", 2022)


@pytest.mark.parametrize("ref, ref_id, citation", [
    (ProvisionRef(SKB, diktum="KESATU"), "skb/2022/2/diktum-kesatu", "Diktum KESATU SKB 2/2022"),
    (ProvisionRef(SKB, diktum="KEDUA BELAS", huruf="a"), "skb/2022/2/diktum-kedua-belas/huruf-a",
     "Diktum KEDUA BELAS huruf a SKB 2/2022"),
    (ProvisionRef(SKB, lampiran=""), "skb/2022/2/lampiran", "Lampiran SKB 2/2022"),
    (ProvisionRef(SKB, lampiran="", angka="6"), "skb/2022/2/lampiran/angka-6", "angka 6 Lampiran SKB 2/2022"),
    (ProvisionRef(SKB, lampiran="", angka="7", huruf="a"), "skb/2022/2/lampiran/angka-7/huruf-a",
     "angka 7 huruf a Lampiran SKB 2/2022"),
    (ProvisionRef(SKB, lampiran="II", bab="III", angka="2"), "skb/2022/2/lampiran-ii/bab-iii/angka-2",
     "angka 2 BAB III Lampiran II SKB 2/2022"),
])
def test_list_items_have_ids_and_citations_that_read_naturally(ref, ref_id, citation):
    assert (ref.id, ref.citation) == (ref_id, citation)
    assert ProvisionRef.from_id(ref_id) == ref and ProvisionRef.from_id(ref_id).id == ref_id


def test_the_top_unit_is_the_pasal_the_diktum_or_the_lampiran_s_top_point():
    assert ProvisionRef.from_id("uu/2014/5/pasal-87/ayat-4/huruf-c").top_unit.id == "uu/2014/5/pasal-87"
    assert ProvisionRef.from_id("skb/2022/2/diktum-kedua/huruf-a").top_unit.id == "skb/2022/2/diktum-kedua"
    assert ProvisionRef.from_id("skb/2022/2/lampiran/angka-7/huruf-a").top_unit.id == "skb/2022/2/lampiran/angka-7"
    assert (ProvisionRef.from_id("skb/2022/2/lampiran-ii/bab-iii/angka-2/huruf-b").top_unit.id
            == "skb/2022/2/lampiran-ii/bab-iii/angka-2")
    assert ProvisionRef.from_id("skb/2022/2/lampiran").top_unit.id == "skb/2022/2/lampiran"
    assert ProvisionRef.from_id("skb/2022/2").top_unit.id == "skb/2022/2"


def test_a_lampiran_point_s_parents_and_containment():
    ref = ProvisionRef(SKB, lampiran="II", bab="III", angka="2", huruf="a")
    assert [p.id for p in (ref.parent(), ref.parent().parent(), ref.parent().parent().parent())] == [
        "skb/2022/2/lampiran-ii/bab-iii/angka-2", "skb/2022/2/lampiran-ii/bab-iii", "skb/2022/2/lampiran-ii"]
    assert ref.within(ProvisionRef(SKB, lampiran="II")) and not ref.within(ProvisionRef(SKB, lampiran=""))


def test_the_eval_set_shape_carries_the_new_levels():
    data = {"type": "SKB", "number": "2", "year": 2022, "lampiran": "", "angka": "7", "huruf": "a"}
    assert ProvisionRef.from_dict(data).id == "skb/2022/2/lampiran/angka-7/huruf-a"
    assert ProvisionRef.from_dict(data).to_dict() == data
    assert ProvisionRef.from_dict({"type": "SKB", "number": "2", "year": 2022}).id == "skb/2022/2"


def test_one_anchor_at_most_and_points_below_one():
    with pytest.raises(ValueError):
        ProvisionRef(SKB, pasal="5", diktum="KESATU")
    with pytest.raises(ValueError):
        ProvisionRef(SKB, bab="II", angka="1")  # a BAB of what?
    # A circular's own points stand under the document; a law's never do.
    circular = ProvisionRef(RegulationRef("SE", "1", 2020, "Menteri Dalam Negeri"), angka="5", huruf="a")
    assert (circular.id, circular.top_unit.id) == ("se-mendagri/2020/1/angka-5/huruf-a", "se-mendagri/2020/1/angka-5")
    with pytest.raises(ValueError):
        ProvisionRef(PP_94, angka="5")
    with pytest.raises(ValueError):  # a bare "huruf a" is read in its context, not as a rule of the circular
        ProvisionRef(RegulationRef("SE", "1", 2020), huruf="a")


def test_types_numbered_per_issuer_keep_issuers_apart():
    health, home = RegulationRef("PERMEN", "1", 2020, "Kesehatan"), RegulationRef("PERMEN", "1", 2020, "Dalam Negeri")
    assert (health.id, home.id) == ("permen-kesehatan/2020/1", "permen-mendagri/2020/1")
    assert RegulationRef("PERMEN", "1", 2020, "Mendagri") == home  # one ministry, however it is named
    assert RegulationRef("SE", "1", 2020, "Kepala BKN").id != RegulationRef("SE", "1", 2020, "Ketua KASN").id
    assert home.citation == "Permen Mendagri 1/2020"
    circular = RegulationRef("SE", "B/71/M.SM.00.00/2017", 2017, "Menteri Pendayagunaan Aparatur Negara dan "
                             "Reformasi Birokrasi Republik Indonesia")
    assert (circular.id, circular.citation) == ("se-menpanrb/2017/b-71-m.sm.00.00-2017",
                                                "SE MenPANRB B/71/M.SM.00.00/2017")
    # Types numbered by one issuer keep their ids, whatever issuer is given.
    assert RegulationRef("SKB", "2", 2022, "Menteri PANRB").id == "skb/2022/2"
    assert RegulationRef("UU", "5", 2014, "DPR").id == "uu/2014/5"
    assert RegulationRef.from_id("permen-mendagri/2020/1") == home


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789/-.", max_size=60)
       | st.sampled_from(["skb/2022/2/lampiran/lampiran", "skb/2022/2/bab-ii/angka-1", "uu-x/2014/5",
                          "uu/2014/5/pasal-1/pasal-2", "permen-/2020/1", "se/20x0/1", "skb/2022/2/diktum-"]))
def test_from_id_takes_only_ids_it_writes(text):
    try:
        ref = ProvisionRef.from_id(text)
    except ValueError:
        return
    assert ref.id == text
