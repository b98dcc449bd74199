"""KASN's (until October 2023) or BKN's (after) recommendation to the PPK."""

from __future__ import annotations

from .. import regulations
from ..cases import Case
from ..dates import any_date
from ..draft import Draft
from . import phrases
from .signing import agency_signature

FOLLOW_UP = {
    "KASN": ("Apabila rekomendasi ini tidak ditindaklanjuti, KASN akan merekomendasikan kepada Presiden untuk "
             "menjatuhkan sanksi kepada Pejabat Pembina Kepegawaian sesuai ketentuan peraturan perundang-undangan."),
    "BKN": ("Apabila rekomendasi ini tidak ditindaklanjuti, BKN dapat melakukan pemblokiran data kepegawaian "
            "yang bersangkutan."),
}


def write_recommendation(d: Draft, case: Case) -> None:
    rng, body, ppk = d.rng, case.body, case.ppk
    if body == "KASN":
        d.line("KOMISI APARATUR SIPIL NEGARA")
        d.line(f"Nomor: {case.recommendation_number}")
        d.line("Sifat: Segera")
        d.line("Hal: Rekomendasi atas Pelanggaran Netralitas Pegawai ASN")
    else:
        d.line("BADAN KEPEGAWAIAN NEGARA")
        d.line("REKOMENDASI")
        d.line(f"Nomor: {case.recommendation_number}")
    d.line()
    d.line(f"Yth. {ppk.title} selaku Pejabat Pembina Kepegawaian")
    d.line()
    who = phrases.respondent_intro(d, case, nip_rate=0.85)
    d.say(rng.choice((
        f"Menindaklanjuti penerusan Bawaslu {case.region.full_name} Nomor {case.case_number} tanggal "
        f"{any_date(rng, case.stages.review)}, {body} telah melakukan pemeriksaan terhadap {who}.",
        f"{body} telah menerima penerusan dari Bawaslu {case.region.full_name} mengenai {who}.",
    )))
    if case.forwarded_to != body:  # forwarded to KASN, answered by BKN after KASN was dissolved
        d.say("Penanganan penerusan yang semula ditujukan kepada KASN dilanjutkan oleh BKN sejak berlakunya "
              f"{d.cite_regulation(regulations.UU_20_2023, full=False)}.")
    if case.outcome == "terbukti":
        _proven(d, case)
    else:
        ref = phrases.respondent_ref(d, case)
        d.say(f"Berdasarkan hasil pemeriksaan, tidak ditemukan bukti yang cukup bahwa {ref} "
              f"{phrases.act_phrase(d, case)}.", *phrases.supported_links(case))
        d.say(f"{body} menyatakan yang bersangkutan tidak terbukti melanggar netralitas ASN dan merekomendasikan "
              f"agar nama baiknya dipulihkan.")
    agency_signature(d, body, case.stages.recommendation)


def _proven(d: Draft, case: Case) -> None:
    rng, body, sanction = d.rng, case.body, case.sanction
    ref, act = phrases.respondent_ref(d, case), phrases.act_phrase(d, case)
    d.say(rng.choice((f"Berdasarkan hasil pemeriksaan, {ref} terbukti {act}.",
                      f"Dari hasil klarifikasi diperoleh fakta bahwa {ref} {act}.")), *phrases.supported_links(case))
    phrases.tie_sentences(d, case, co_actor_named=False)
    d.say(f"Perbuatan tersebut melanggar {d.cite(case.violated)}.")
    d.end_paragraph()
    d.say(f"Sehubungan dengan hal tersebut, {body} merekomendasikan kepada {case.ppk.title} selaku Pejabat Pembina "
          f"Kepegawaian untuk menjatuhkan {sanction.described} sebagaimana dimaksud dalam "
          f"{d.cite(list(sanction.basis))}.")
    d.say(f"Pelaksanaan rekomendasi ini agar dilaporkan kepada {body} paling lambat 14 (empat belas) hari kerja "
          f"sejak surat ini diterima.")
    if rng.random() < 0.6:
        d.say(FOLLOW_UP[body])
