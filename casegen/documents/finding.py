"""The first document of a case: Bawaslu's own finding (temuan) or a public report (laporan)."""

from __future__ import annotations

from ..cases import Case
from ..dates import any_date, long_date, weekday_date
from ..draft import Draft
from . import phrases
from .signing import bawaslu_signature

EVIDENCE_KINDS = ("tangkapan layar unggahan", "foto dan video kegiatan", "keterangan dua orang saksi",
                  "dokumentasi pengawas di lapangan", "rekaman video berdurasi dua menit")


def _finder(rng, case: Case) -> str:
    """Who found it: the cyber patrol for social media, otherwise field supervisors."""
    if case.act.family == "social_media":
        return f"Tim pengawasan siber Bawaslu {case.region.full_name}"
    return rng.choice((f"Panwaslu Kecamatan {case.details['district']}",
                       f"Pengawas {case.region.village_word} {case.details['village']}",
                       f"Bawaslu {case.region.full_name}"))


def write_finding(d: Draft, case: Case) -> None:
    rng, region = d.rng, case.region
    header = rng.randrange(3)
    if header == 0:
        d.line(f"TEMUAN BAWASLU {region.full_name.upper()}")
        d.line(f"Nomor: {case.case_number}")
    elif header == 1:
        d.line("FORMULIR TEMUAN DUGAAN PELANGGARAN")
        d.line(f"Bawaslu {region.full_name}")
        d.line(f"Nomor Temuan: {case.case_number}")
    else:
        d.line(f"LAPORAN HASIL PENGAWASAN {case.election.label.upper()} (TEMUAN)")
        d.line(f"Nomor: {case.case_number}")
    d.line()
    when, finder = weekday_date(case.act_date), _finder(rng, case)
    who, act = phrases.respondent_intro(d, case), phrases.act_phrase(d, case)
    links = phrases.supported_links(case)
    d.say(rng.choice((
        f"Pada {when}, {finder} menemukan bahwa {who} {act}.",
        f"{finder} pada {when} mendapati {who} {act}.",
        f"Berdasarkan hasil pengawasan pada {when}, {who} diduga {act}.",
    )), *links)
    if case.co_actor:
        d.say(*phrases.co_actor_sentence(d, case))
    if rng.random() < 0.6:
        d.say(f"Temuan tersebut didukung {rng.choice(EVIDENCE_KINDS)}.")
    phrases.tie_sentences(d, case, co_actor_named=case.co_actor is not None)
    d.end_paragraph()
    if rng.random() < 0.75:
        cited = d.cite(case.violated[-2:] if rng.random() < 0.5 else case.violated)
        d.say(rng.choice((f"Bawaslu {region.full_name} menilai perbuatan tersebut diduga melanggar {cited}.",
                          f"Perbuatan tersebut patut diduga melanggar {cited}.")))
    if rng.random() < 0.4:
        d.say(f"Temuan ini diregistrasi pada {any_date(rng, case.stages.reported)}.")
    bawaslu_signature(d, case, case.stages.reported)


def _reporter(rng) -> str:
    letters = "ABDEFHIJKMNRSTWYZ"
    return f"{rng.choice(letters)}{rng.choice(letters)}"


def write_report(d: Draft, case: Case) -> None:
    rng, region = d.rng, case.region
    if rng.random() < 0.5:
        d.line("LAPORAN DUGAAN PELANGGARAN")
        d.line(f"Nomor Register: {case.case_number}")
    else:
        d.line("FORMULIR LAPORAN")
        d.line(f"Diterima oleh Bawaslu {region.full_name}")
        d.line(f"Nomor: {case.case_number}")
    d.line()
    received = any_date(rng, case.stages.reported)
    d.say(f"Pada {received}, Bawaslu {region.full_name} menerima laporan dari pelapor berinisial "
          f"{_reporter(rng)}, warga {region.village_word} {case.details['village']}.")
    who, act = phrases.respondent_intro(d, case, nip_rate=0.4), phrases.act_phrase(d, case)
    d.say(rng.choice((
        f"Pelapor menyampaikan bahwa pada {long_date(case.act_date)}, {who} diduga {act}.",
        f"Dalam laporannya, pelapor menerangkan {who} {act} pada {any_date(rng, case.act_date)}.",
    )), *phrases.supported_links(case))
    if case.co_actor:
        d.say(*phrases.co_actor_sentence(d, case))
    d.say(f"Pelapor melampirkan bukti berupa {rng.choice(EVIDENCE_KINDS)}.")
    if case.show_family and rng.random() < 0.5:
        d.say(*phrases.family_sentence(d, case, case.respondent, phrases.respondent_ref(d, case, "Terlapor")))
    d.end_paragraph()
    if case.stop_reason not in ("late", "incomplete"):
        d.say("Laporan telah memenuhi syarat formil dan materiel dan diregistrasi untuk ditindaklanjuti.")
    bawaslu_signature(d, case, case.stages.reported)
