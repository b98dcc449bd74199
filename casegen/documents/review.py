"""Bawaslu's review of a finding or report: kajian (forwarded), klarifikasi (not proven) or a
notice that handling stopped (dihentikan)."""

from __future__ import annotations

from ..cases import Case
from ..dates import any_date, long_date
from ..draft import Draft
from . import phrases
from .signing import bawaslu_signature

BODY_NAMES = {"KASN": "Komisi Aparatur Sipil Negara (KASN)", "BKN": "Badan Kepegawaian Negara (BKN)"}
NOT_PROVEN = (
    "yang bersangkutan berada di kantor pada waktu kejadian, dibuktikan dengan daftar hadir elektronik",
    "dokumentasi yang dijadikan bukti diambil dalam kegiatan kedinasan yang tidak berkaitan dengan pemilihan",
    "saksi yang diajukan tidak dapat memastikan bahwa orang dalam dokumentasi adalah yang bersangkutan",
    "kehadiran yang bersangkutan di lokasi tersebut dalam rangka baralek keluarga yang kebetulan dihadiri calon",
)
NOT_PROVEN_BY_ACT = {
    "social_media": "akun yang dimaksud bukan milik yang bersangkutan dan telah dilaporkan sebagai akun palsu",
    "approaching_party": "yang bersangkutan hanya mendampingi kerabatnya yang mendaftar dan tidak mendaftarkan diri",
}
STOPPED = {
    "late": "laporan disampaikan melewati batas waktu 7 (tujuh) hari sejak peristiwa diketahui",
    "withdrawn": "pelapor mencabut laporannya secara tertulis",
    "incomplete": "laporan tidak disertai bukti yang cukup dan pelapor tidak melengkapinya dalam waktu yang ditentukan",
    "unverified": "identitas orang dalam dokumentasi temuan tidak dapat dipastikan",
    "resigned": "yang bersangkutan telah mengundurkan diri sebagai ASN sebelum temuan ditindaklanjuti",
}


def write_review(d: Draft, case: Case) -> None:
    if case.forwarded:
        _forwarded(d, case)
    elif case.outcome == "tidak_terbukti":
        _not_proven(d, case)
    else:
        _stopped(d, case)
    bawaslu_signature(d, case, case.stages.review)


def _header(d: Draft, case: Case, titles: tuple[str, ...]) -> None:
    d.line(d.rng.choice(titles))
    d.line(d.rng.choice((f"Bawaslu {case.region.full_name}, {long_date(case.stages.review)}",
                         f"Nomor Register: {case.case_number}")))
    d.line()


def _forwarded(d: Draft, case: Case) -> None:
    rng, region = d.rng, case.region.full_name
    _header(d, case, ("KAJIAN DUGAAN PELANGGARAN", "HASIL KAJIAN DUGAAN PELANGGARAN NETRALITAS ASN",
                      "FORMULIR KAJIAN DUGAAN PELANGGARAN"))
    who = phrases.respondent_intro(d, case, nip_rate=0.75)
    d.say(rng.choice((
        f"Bawaslu {region} telah mengkaji {case.source} Nomor {case.case_number} mengenai dugaan pelanggaran "
        f"netralitas ASN oleh {who}.",
        f"Kajian ini disusun atas {case.source} tanggal {any_date(rng, case.stages.reported)} terkait {who}.",
    )))
    candidates = None
    if case.ticket and rng.random() < 0.3:  # name the candidates first, refer back to them in the act
        d.say(f"{case.source.capitalize()} tersebut berkaitan dengan {phrases.candidate_phrase(d, case)}.")
        candidates = phrases.candidate_reference(d, case)
    ref, act = phrases.respondent_ref(d, case, "Terlapor"), phrases.act_phrase(d, case, candidates)
    d.say(rng.choice((
        f"Dalam klarifikasi pada {any_date(rng, case.stages.review)}, {ref} mengakui telah {act}.",
        f"Berdasarkan keterangan saksi dan alat bukti, {ref} terbukti {act}.",
        f"Fakta yang ditemukan menunjukkan bahwa {ref} {act} pada {long_date(case.act_date)}.",
    )), *phrases.supported_links(case))
    if case.co_actor:
        d.say(*phrases.co_actor_sentence(d, case))
    phrases.tie_sentences(d, case, co_actor_named=case.co_actor is not None)
    d.end_paragraph()
    cited = d.cite(case.violated)
    d.say(rng.choice((f"Perbuatan tersebut memenuhi unsur pelanggaran {cited}.",
                      f"Bawaslu {region} menyimpulkan perbuatan tersebut melanggar {cited}.")))
    d.say(f"Hasil kajian ini diteruskan kepada {BODY_NAMES[case.forwarded_to]} untuk ditindaklanjuti sesuai "
          f"ketentuan peraturan perundang-undangan.")
    if case.criminal:
        d.say(f"Dugaan tindak pidana {phrases.crime_word(case)} dalam perkara ini diteruskan kepada Sentra Gakkumdu "
              f"{region} atas dugaan pelanggaran {d.cite(case.criminal)}.")


def _not_proven(d: Draft, case: Case) -> None:
    rng, region = d.rng, case.region.full_name
    _header(d, case, ("CATATAN KLARIFIKASI", "HASIL KAJIAN", f"PEMBERITAHUAN STATUS {case.source.upper()}"))
    who, act = phrases.respondent_intro(d, case, nip_rate=0.6), phrases.act_phrase(d, case)
    d.say(f"Bawaslu {region} memeriksa {case.source} bahwa {who} {act}.", *phrases.supported_links(case))
    reasons = NOT_PROVEN if case.ticket else NOT_PROVEN[:3]  # the last one presumes a candidate
    if case.act.family in NOT_PROVEN_BY_ACT:
        reasons += (NOT_PROVEN_BY_ACT[case.act.family],) * 2
    d.say(f"Hasil klarifikasi menunjukkan {rng.choice(reasons)}.")
    if rng.random() < 0.5:
        d.say(f"Unsur pelanggaran {d.cite([case.core])} tidak terpenuhi.")
    d.say(rng.choice((f"{case.source.capitalize()} dinyatakan tidak terbukti dan dihentikan.",
                      "Dengan demikian, dugaan pelanggaran tidak terbukti dan penanganannya dihentikan.")))


def _stopped(d: Draft, case: Case) -> None:
    region = case.region.full_name
    _header(d, case, (f"PEMBERITAHUAN STATUS {case.source.upper()}", "KAJIAN AWAL"))
    who, act = phrases.respondent_intro(d, case, nip_rate=0.3), phrases.act_phrase(d, case)
    d.say(f"Bawaslu {region} telah menerima {case.source} mengenai dugaan bahwa {who} {act}.",
          *phrases.supported_links(case))
    d.say(f"Penanganan {case.source} tersebut dihentikan karena {STOPPED[case.stop_reason]}.")
