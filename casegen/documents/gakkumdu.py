"""Notes of Sentra Gakkumdu (Bawaslu, police and prosecutors) on the election-crime side."""

from __future__ import annotations

from ..cases import Case
from ..dates import weekday_date
from ..draft import Draft
from . import phrases

CONCLUSIONS = {
    "tidak_dilanjutkan": "Pembahasan menyimpulkan unsur tindak pidana {crime} tidak terpenuhi sehingga perkara "
                         "tidak dilanjutkan ke tahap penyidikan.",
    "penyidikan": "Pembahasan menyimpulkan perkara memenuhi unsur tindak pidana dan diteruskan kepada penyidik "
                  "Kepolisian untuk dilakukan penyidikan.",
    "kedaluwarsa": "Perkara tidak dapat dilanjutkan karena telah melewati batas waktu penanganan tindak pidana "
                   "{crime}.",
}


def write_gakkumdu_note(d: Draft, case: Case) -> None:
    rng, region = d.rng, case.region
    d.line("SENTRA PENEGAKAN HUKUM TERPADU")
    d.line(region.full_name.upper())
    d.line(rng.choice(("CATATAN PEMBAHASAN", "BERITA ACARA PEMBAHASAN KEDUA")))
    d.line(f"Nomor: {case.gakkumdu_number}")
    d.line()
    d.say(f"Pada {weekday_date(case.stages.gakkumdu)}, Sentra Gakkumdu {region.full_name} yang terdiri atas unsur "
          f"Bawaslu, Kepolisian Resor {region.name}, dan Kejaksaan Negeri {region.name} membahas dugaan tindak "
          f"pidana {phrases.crime_word(case)} oleh {phrases.respondent_intro(d, case, nip_rate=0.5)}.")
    d.say(f"Terlapor diduga {phrases.act_phrase(d, case)}.", *phrases.supported_links(case))
    if case.co_actor:
        d.say(f"Dalam perkara yang sama juga dibahas keterlibatan {case.co_actor.position}, "
              f"{d.name(case.co_actor, 'plain')}.")
    d.say(f"Perbuatan tersebut disangkakan melanggar {d.cite(case.criminal)}.")
    d.say(CONCLUSIONS[case.gakkumdu_outcome].format(crime=phrases.crime_word(case)))
