"""Case-document extraction: links between people and their status (ingest.cases)."""

from __future__ import annotations

import pytest

from ingest.cases import (ALLEGED, APPOINTED_BY, EMPLOYED_BY, FAMILY_OF, HOLDS_POSITION, NOT_PROVEN, PROVEN,
                          RUNNING_MATE_OF, SUPPORTED, extract_case_document)


def links(text, link_type=None):
    """(type, source name, target, status, detail) of each link, targets by name when persons."""
    case = extract_case_document(text, "t")
    names = {person.id: person.name for person in case.persons}
    return [(link.type, names[link.source], names.get(link.target, link.target), link.status, link.detail)
            for link in case.links if link_type is None or link.type == link_type]


def pairs(text, link_type):
    return {(source, target, status) for _type, source, target, status, _detail in links(text, link_type)}


FINDING = ("TEMUAN BAWASLU KOTA PARIAMAN\n\nPada 10 Oktober 2024, Pengawas Kecamatan Pariaman Tengah menemukan bahwa "
           "Afrizal Munaf, S.Sos. (NIP 197806202005011003), Kepala Bagian Umum Sekretariat Daerah Kota Pariaman, "
           "menyampaikan sambutan dukungan dalam deklarasi pasangan calon Wali Kota dan Wakil Wali Kota Pariaman "
           "nomor urut 1, Taufik Hidayat dan Sari Rahmadani.")


def test_supported_links_an_asn_to_each_candidate_of_a_pair_with_the_act():
    found = links(FINDING, SUPPORTED)
    assert [(source, target, status) for _t, source, target, status, _d in found] == [
        ("Afrizal Munaf", "Taufik Hidayat", ALLEGED), ("Afrizal Munaf", "Sari Rahmadani", ALLEGED)]
    assert "speech" in found[0][4] and "declaration" in found[0][4]


def test_link_evidence_is_the_sentence_that_says_it():
    case = extract_case_document(FINDING, "t")
    supported = next(link for link in case.links if link.type == SUPPORTED)
    start, end = supported.evidence
    assert FINDING[start:end].startswith("Pada 10 Oktober 2024") and FINDING[start:end].endswith("Rahmadani.")
    assert supported.method == "rule"


def test_running_mate_and_position_links():
    assert pairs(FINDING, RUNNING_MATE_OF) == {("Sari Rahmadani", "Taufik Hidayat", ALLEGED)}
    assert pairs(FINDING, HOLDS_POSITION) == {
        ("Afrizal Munaf", "Kepala Bagian Umum Sekretariat Daerah Kota Pariaman", ALLEGED)}
    assert pairs(FINDING, EMPLOYED_BY) == {("Afrizal Munaf", "Sekretariat Daerah Kota Pariaman", ALLEGED)}


def test_candidate_is_never_a_supporter_and_a_plain_person_neither():
    text = ("Pelapor, Rahmat Saputra, melihat calon Bupati Agam, Benny Oktavianus, berkampanye bersama "
            "Wulan Permatasari, S.Kom., analis pada Dinas Kesehatan Kabupaten Agam.")
    assert pairs(text, SUPPORTED) == {("Wulan Permatasari", "Benny Oktavianus", ALLEGED)}


@pytest.mark.parametrize("sentence, relation", [
    ("Wali Nagari Koto Baru, Hasnul Arifin, diketahui merupakan ipar dari calon Bupati Pesisir Selatan, "
     "Marzuki Datuak Rajo Nan Gadang.", "ipar"),
    ("Hasnul Arifin, S.Pd., guru SD Negeri 1 Painan, adalah kakak kandung calon Bupati Pesisir Selatan, "
     "Marzuki Datuak Rajo Nan Gadang.", "kakak kandung"),
    ("Sdr. Hasnul Arifin, Camat Sutera, merupakan menantu dari calon Bupati Pesisir Selatan, "
     "Marzuki Datuak Rajo Nan Gadang.", "menantu"),
])
def test_family_of_with_the_kin_term(sentence, relation):
    assert links(sentence, FAMILY_OF) == [
        (FAMILY_OF, "Hasnul Arifin", "Marzuki Datuak Rajo Nan Gadang", ALLEGED, relation)]


def test_family_of_a_candidate_named_before():
    text = ("Sdr. Rinaldi Putra, perawat pada RSUD Pasaman Barat, memasang baliho calon Bupati Pasaman Barat "
            "nomor urut 3, Hj. Ramadhani Siregar, S.E. Rinaldi merupakan adik kandung dari calon tersebut.")
    assert pairs(text, FAMILY_OF) == {("Rinaldi Putra", "Ramadhani Siregar", ALLEGED)}


def test_appointed_by_active_and_passive():
    active = ("Wali Kota Padang, Ir. H. Rusdi Hamzah, M.T., yang juga calon Wali Kota Padang petahana, melantik "
              "Hendra Gunawan, S.STP. sebagai Camat Koto Tangah.")
    passive = ("Drs. Syafrizal, M.Si. (NIP 196905121994031005), Kepala Dinas Pendidikan Kabupaten Tanah Datar, "
               "dilantik oleh Bupati Tanah Datar, Yuswandi Dt. Rajo Mudo.")
    assert links(active, APPOINTED_BY) == [(APPOINTED_BY, "Hendra Gunawan", "Rusdi Hamzah", ALLEGED, "Camat Koto Tangah")]
    assert pairs(passive, APPOINTED_BY) == {("Syafrizal", "Yuswandi Dt. Rajo Mudo", ALLEGED)}


def test_anaphors_reach_back_to_the_person_and_the_candidates():
    text = ("Wali Nagari Koto Baru, Hasnul Arifin, merupakan ipar dari calon Bupati Pesisir Selatan, Marzuki "
            "Datuak Rajo Nan Gadang. Bersama Kepala Puskesmas Koto Baru, dr. Lisa Andriani (NIP 198609112014022003), "
            "ia membagikan paket sembako bergambar pasangan calon tersebut kepada warga.")
    assert pairs(text, SUPPORTED) == {("Lisa Andriani", "Marzuki Datuak Rajo Nan Gadang", ALLEGED),
                                      ("Hasnul Arifin", "Marzuki Datuak Rajo Nan Gadang", ALLEGED)}


def test_position_named_again_with_tersebut_is_the_person_holding_it():
    text = ("Hendra Gunawan, S.STP. dilantik sebagai Camat Koto Tangah oleh calon Wali Kota Padang petahana, "
            "Rusdi Hamzah. Tiga hari kemudian, Camat Koto Tangah tersebut mengarahkan para lurah untuk memenangkan "
            "calon petahana.")
    assert pairs(text, SUPPORTED) == {("Hendra Gunawan", "Rusdi Hamzah", ALLEGED)}


def test_ballot_number_refers_to_the_pair_named_earlier():
    text = ("Paslon nomor urut 2, Arfianto Syahputra dan Melati Anggraini, berkampanye. Esoknya Dra. Nurhayati "
            "(NIP 197008151994032004), guru SMP Negeri 12 Padang, menyukai unggahan Paslon 02.")
    assert pairs(text, SUPPORTED) == {("Nurhayati", "Arfianto Syahputra", ALLEGED),
                                      ("Nurhayati", "Melati Anggraini", ALLEGED)}


# -- status ------------------------------------------------------------------------------------

def test_proven_recommendation_gives_proven_links():
    text = ("REKOMENDASI BKN\n\nBKN menerima penerusan mengenai Sdri. Wulan Permatasari, S.Kom. (NIP "
            "199103042015032006), analis pada Dinas Komunikasi dan Informatika Kabupaten Agam, yang terbukti membuat "
            "unggahan ajakan memilih calon Bupati Agam, Ir. Benny Oktavianus.\n\nBKN merekomendasikan penjatuhan "
            "hukuman disiplin sedang.")
    case = extract_case_document(text, "t")
    assert case.outcome == PROVEN
    assert pairs(text, SUPPORTED) == {("Wulan Permatasari", "Benny Oktavianus", PROVEN)}


DISMISSED = ("CATATAN KLARIFIKASI\nBawaslu Kota Solok, 2 September 2024\n\nBawaslu Kota Solok memeriksa laporan "
             "bahwa Yendri, S.H. (NIP 197912012006041002), Kepala Seksi pada Kantor Kecamatan Tanjung Harapan, "
             "terbukti menghadiri pertemuan tim pemenangan bakal calon Wali Kota Solok, Rudi Hartono. {verdict}")


@pytest.mark.parametrize("verdict", [
    "Laporan dinyatakan tidak terbukti dan dihentikan.",
    "Hasil klarifikasi menunjukkan yang bersangkutan tidak terlibat.",
    "Laporan tidak memenuhi unsur pelanggaran sehingga tidak dapat ditindaklanjuti.",
    "Setelah dikaji, laporan dihentikan.",
])
def test_dismissed_or_not_proven_case_never_yields_a_proven_supported_link(verdict):
    text = DISMISSED.format(verdict=verdict)  # the report itself says "terbukti": the verdict wins
    assert pairs(text, SUPPORTED) == {("Yendri", "Rudi Hartono", NOT_PROVEN)}
    assert extract_case_document(text, "t").outcome in {NOT_PROVEN, "dismissed"}


def test_hypothetical_outcome_is_no_outcome():
    text = ("Bawaslu menemukan Yendri, S.H., Kepala Seksi pada Kantor Kecamatan Tanjung Harapan, menghadiri kampanye "
            "calon Wali Kota Solok, Rudi Hartono. Apabila terbukti, yang bersangkutan dapat dijatuhi hukuman disiplin.")
    assert pairs(text, SUPPORTED) == {("Yendri", "Rudi Hartono", ALLEGED)}


def test_mixed_case_gives_each_person_their_own_status():
    text = ("Pertama, dr. Fitriani Rahmah, M.Kes. (Kadinkes Kabupaten Solok) terbukti mengunggah video ajakan memilih "
            "calon Bupati Solok nomor urut 1, Zulkifli Amran.\n\nKedua, Ahmad Rifai, S.Pd. (NIP 198104222006041007), "
            "guru SD Negeri 05 Koto Baru, dilaporkan mengikuti rapat tim pemenangan paslon nomor urut 2, Hendrawan "
            "Saputra. Terhadap laporan kedua, hasil klarifikasi menyatakan tidak terbukti karena yang bersangkutan "
            "sedang mengajar.")
    case = extract_case_document(text, "t")
    assert case.outcome == "mixed"
    assert pairs(text, SUPPORTED) == {("Fitriani Rahmah", "Zulkifli Amran", PROVEN),
                                      ("Ahmad Rifai", "Hendrawan Saputra", NOT_PROVEN)}


def test_background_links_are_not_dismissed_with_the_case():
    text = DISMISSED.format(verdict="Laporan dinyatakan tidak terbukti dan dihentikan.")
    assert pairs(text, HOLDS_POSITION) == {("Yendri", "Kepala Seksi", ALLEGED)}


def test_bawaslu_review_alleges_what_it_finds_proven():
    """A kajian's "terbukti" is Bawaslu's finding; the verdict on an ASN is KASN's or BKN's."""
    text = ("KAJIAN DUGAAN PELANGGARAN\n\nTerlapor, Yendri, S.H., Kepala Seksi pada Kantor Kecamatan Tanjung "
            "Harapan, terbukti menghadiri kampanye calon Wali Kota Solok, Rudi Hartono.")
    assert extract_case_document(text, "t").outcome == PROVEN
    assert pairs(text, SUPPORTED) == {("Yendri", "Rudi Hartono", ALLEGED)}


def test_a_condition_earlier_in_the_clause_is_no_dismissal():
    text = ("REKOMENDASI KASN\n\nBerdasarkan hasil pemeriksaan, Yendri, S.H., Kepala Seksi pada Kantor Kecamatan "
            "Tanjung Harapan, terbukti menghadiri kampanye calon Wali Kota Solok, Rudi Hartono. Apabila rekomendasi "
            "ini tidak ditindaklanjuti, KASN akan melapor kepada Presiden.")
    assert pairs(text, SUPPORTED) == {("Yendri", "Rudi Hartono", PROVEN)}


def test_minangkabau_kin_term_and_a_relative_pointed_at():
    text = ("Laporan menyebut Hj. Wahyuni Mansur (NIP 198801212019032494), perawat di Puskesmas Koto Tinggi, hadir "
            "pada deklarasi bakal calon Bupati Padang Pariaman, Zulfiani Efendi. Zulfiani Efendi merupakan etek dari "
            "yang bersangkutan.")
    assert pairs(text, FAMILY_OF) == {("Zulfiani Efendi", "Wahyuni Mansur", ALLEGED)}


def test_a_selfie_uploaded_with_the_enclitic_is_social_media_support():
    text = ("Pada 21 Juli 2024, Bawaslu Kabupaten Agam menemukan bahwa Sdri. Lisa Andriani selaku Kepala Bidang "
            "Perizinan Dinas Penanaman Modal Kabupaten Agam berswafoto bersama Benny Oktavianus, bakal calon "
            "Bupati Agam, lalu mengunggahnya ke Instagram.")
    found = links(text, SUPPORTED)
    assert [(source, target) for _t, source, target, _s, _d in found] == [("Lisa Andriani", "Benny Oktavianus")]
    assert "social_media" in found[0][4]


def test_bakal_calon_petahana_before_the_office_is_an_incumbent_candidate():
    text = ("Pelapor menerangkan Hasnul Arifin, S.Sos., Kepala Dinas Sosial Kabupaten Agam menghadiri deklarasi "
            "bakal calon petahana Bupati Agam, Benny Oktavianus di lapangan Nagari Koto Tangah.")
    case = extract_case_document(text, "t")
    candidate = next(person for person in case.persons if person.name == "Benny Oktavianus")
    assert (candidate.kind, candidate.incumbent) == ("Candidate", True)
    assert pairs(text, SUPPORTED) == {("Hasnul Arifin", "Benny Oktavianus", ALLEGED)}


def test_appointment_by_inauguration_written_as_a_noun():
    text = ("Jabatan Kepala Dinas Pendidikan Kabupaten Agam yang diduduki Hasnul Arifin diperoleh melalui "
            "pelantikan oleh Benny Oktavianus selaku Bupati Agam pada 10 Januari 2021.")
    assert {(source, target) for source, target, _status in pairs(text, APPOINTED_BY)} == {
        ("Hasnul Arifin", "Benny Oktavianus")}


def test_a_name_from_the_form_repeated_in_capitals_is_the_same_person():
    text = ("KEPUTUSAN BUPATI AGAM\n\nMenimbang : a. bahwa berdasarkan Rekomendasi KASN, LISA ANDRIANI, S.AP. "
            "terbukti hadir dalam acara deklarasi dukungan untuk bakal calon Bupati Agam, Benny Oktavianus;\n"
            "MEMUTUSKAN:\nKESATU : Menjatuhkan hukuman disiplin ringan kepada:\nNama : LISA ANDRIANI, S.AP.\n"
            "NIP : 198312072007022912\nJabatan : Kepala Bidang Perizinan\n")
    case = extract_case_document(text, "t")
    assert [person.name for person in case.persons if person.kind != "Candidate"] == ["Lisa Andriani"]
    assert {(source, target) for source, target, _status in pairs(text, SUPPORTED)} == {
        ("Lisa Andriani", "Benny Oktavianus")}
