"""What the reported ASN did: the prohibited acts, how documents word them, what they violate.

Shares follow the domain notes (Pilkada 2020): social media ≈ 25%, approaching parties ≈ 17%,
banners ≈ 13%, partisan activities ≈ 15%, declarations ≈ 7%, favouring decisions ≈ 9%; the
rest are state facilities, mobilising staff, gifts, support letters with ID cards and party
membership. Acts of the nomination season (approaching parties, declarations, ID-card support)
happen before candidate registration, so their weight is concentrated in that phase while the
overall shares stay as above.

The disciplinary rule in force on the act's date applies: PP 53/2010 (Pasal 4 angka 14-15)
until 30 August 2021, PP 94/2021 (Pasal 5 huruf n angka 1-7) after; UU 5/2014 until 30 October
2023, UU 20/2023 after.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from core.refs import ProvisionRef, RegulationRef

from . import regulations
from .elections import Election, Phase
from .regulations import provision


@dataclass(frozen=True)
class Act:
    code: str
    family: str  # the class counted in statistics ("social_media", "partisan_activity", ...)
    label: str  # Indonesian label for the register
    weight: float
    severity: str  # picks the sanction distribution (see sanctions.py)
    phrasings: tuple[str, ...]  # verb phrases; fields: cand, venue, locality, platform, party, seeking, ...
    pp94_angka: str | None = None  # PP 94/2021 Pasal 5 huruf n angka
    pp53: tuple[str, str | None] | None = None  # PP 53/2010 Pasal 4 (angka, huruf)
    early: bool = False  # nomination season only (before registration)
    needs_authority: bool = False
    needs_candidate: bool = True
    in_pemilu: bool = True
    criminal: bool = False  # may also be an election crime (Sentra Gakkumdu)


ACTS = (
    Act("social_media", "social_media", "kampanye melalui media sosial", 0.19, "campaign", (
        "mengunggah foto bersama {cand} disertai ajakan untuk memilih di akun {platform} pribadinya",
        "membagikan ulang konten kampanye {cand} melalui akun {platform} miliknya",
        "memberikan tanda suka dan komentar dukungan pada unggahan kampanye {cand} di {platform}",
        "mengunggah video berisi dukungan kepada {cand} di akun {platform} pribadinya",
        "menyebarkan ajakan memilih {cand} melalui grup WhatsApp yang beranggotakan rekan kerjanya",
        "mengganti foto profil akun {platform} miliknya dengan bingkai dukungan untuk {cand}"),
        pp94_angka="1", pp53=("15", "a")),
    Act("social_media_uniform", "social_media", "kampanye melalui media sosial dengan atribut PNS", 0.06, "campaign", (
        "mengunggah foto dirinya mengenakan seragam dinas ASN bersama {cand} di akun {platform} pribadinya",
        "berswafoto dengan mengenakan pakaian dinas harian bersama {cand} lalu mengunggahnya ke {platform}"),
        pp94_angka="2", pp53=("15", "a")),
    Act("approaching_party", "approaching_party", "mendekati partai politik sebagai bakal calon", 0.17, "nomination", (
        "mendaftarkan diri sebagai bakal calon {seeking} dalam penjaringan yang dibuka {party}",
        "mengambil dan mengembalikan formulir pendaftaran bakal calon {seeking} di kantor {party}",
        "mengikuti uji kelayakan dan kepatutan bakal calon {seeking} yang digelar {party}",
        "menghadiri pertemuan dengan pengurus {party} untuk membahas pencalonan dirinya sebagai {seeking}"),
        early=True, needs_candidate=False, in_pemilu=False),
    Act("banners", "banners", "memasang spanduk atau alat peraga kampanye", 0.13, "campaign", (
        "memasang spanduk bergambar {cand} di pagar rumahnya di {locality}",
        "ikut memasang baliho {cand} di {venue}",
        "menempelkan stiker dan poster {cand} pada kendaraan dan rumah pribadinya di {locality}",
        "memasang bendera dan umbul-umbul bergambar {cand} di depan toko miliknya di {locality}"),
        pp94_angka="1", pp53=("15", "a")),
    Act("partisan_meeting", "partisan_activity", "mengikuti kegiatan kampanye atau tim pemenangan", 0.10, "campaign", (
        "menghadiri rapat tim pemenangan {cand} di {venue}",
        "ikut serta dalam kampanye tatap muka {cand} di {venue}",
        "mengikuti konvoi kampanye {cand} di {venue}",
        "hadir dengan mengenakan kaus bergambar {cand} dalam kegiatan kampanye di {venue}"),
        pp94_angka="1", pp53=("15", "a")),
    Act("partisan_organizing", "partisan_activity", "mengadakan kegiatan yang mengarah keberpihakan", 0.05, "activity", (
        "menjadi pembicara dalam pertemuan warga yang mengarahkan dukungan kepada {cand} di {venue}",
        "menggelar pertemuan di rumahnya di {locality} yang dihadiri tim sukses {cand}",
        "mengajak jemaah pengajian di {locality} untuk memilih {cand}"),
        pp94_angka="6", pp53=("15", "d")),
    Act("declaration_attendance", "declaration", "menghadiri deklarasi bakal pasangan calon", 0.05, "campaign", (
        "menghadiri deklarasi {cand} di {venue}",
        "hadir dalam acara deklarasi dukungan untuk {cand} yang digelar di {venue}",
        "berada di barisan depan pada acara deklarasi {cand} di {venue}"),
        pp94_angka="6", pp53=("15", "d"), early=True, in_pemilu=False),
    Act("declaration_speech", "declaration", "memberikan sambutan dalam deklarasi", 0.02, "activity", (
        "memberikan kata sambutan berisi dukungan pada acara deklarasi {cand} di {venue}",
        "membacakan naskah deklarasi dukungan kepada {cand} di {venue}"),
        pp94_angka="6", pp53=("15", "d"), early=True, in_pemilu=False),
    Act("favouring_decision", "favouring_decision", "membuat keputusan yang menguntungkan calon", 0.09, "authority", (
        "menerbitkan surat edaran yang mewajibkan kepala sekolah di wilayahnya menghadiri acara yang digelar {cand}",
        "mengarahkan penyaluran bantuan {item} kepada kelompok pendukung {cand} di {locality}",
        "memasang foto {cand} pada spanduk program pemerintah yang dibiayai APBD di {locality}",
        "mendahulukan pelayanan administrasi bagi warga yang menyatakan dukungan kepada {cand}"),
        pp94_angka="5", pp53=("15", "c"), needs_authority=True, criminal=True),
    Act("state_facilities", "state_facilities", "menggunakan fasilitas negara", 0.05, "authority", (
        "menggunakan mobil dinas berpelat merah {plate} untuk mengantar tim kampanye {cand} ke {venue}",
        "meminjamkan aula {agency} untuk pertemuan tim pemenangan {cand}",
        "memakai kendaraan dinas saat menghadiri kampanye {cand} di {venue}"),
        pp94_angka="4", pp53=("15", "b"), needs_authority=True),
    Act("mobilising_staff", "mobilising_staff", "mengerahkan ASN lain", 0.04, "authority", (
        "mengumpulkan pegawai di lingkungan {agency} dan mengajak mereka memilih {cand}",
        "menginstruksikan bawahannya melalui grup WhatsApp kantor untuk menghadiri kampanye {cand} di {venue}",
        "mengerahkan {count} orang pegawai untuk menghadiri kampanye {cand} di {venue}"),
        pp94_angka="3", pp53=("15", "d"), needs_authority=True),
    Act("gifts", "gifts", "memberikan barang atau uang", 0.03, "activity", (
        "membagikan bingkisan berisi beras dan minyak goreng yang ditempeli stiker {cand} kepada warga {locality}",
        "memberikan kalender dan kaus bergambar {cand} kepada pegawai di {agency}",
        "membagikan uang transport kepada warga yang hadir dalam pertemuan bersama {cand} di {venue}"),
        pp94_angka="6", pp53=("15", "d"), criminal=True),
    Act("support_letter", "support_letter", "memberikan surat dukungan disertai fotokopi KTP", 0.01, "letter", (
        "menyerahkan surat dukungan disertai fotokopi KTP-el kepada tim {cand}",
        "mengumpulkan fotokopi KTP-el warga {locality} sebagai dukungan bagi {cand}"),
        pp94_angka="7", pp53=("14", None), early=True, in_pemilu=False),
    Act("party_membership", "party_membership", "menjadi anggota atau pengurus partai politik", 0.01, "membership", (
        "tercatat sebagai anggota {party} dalam Sistem Informasi Partai Politik (Sipol)",
        "menjabat sebagai pengurus {party} di tingkat kecamatan"),
        needs_candidate=False),
)
ACT_BY_CODE = {act.code: act for act in ACTS}
AUTHORITY_SHARE = sum(act.weight for act in ACTS if act.needs_authority)
PLATFORMS = ("Facebook", "Instagram", "TikTok", "X")
AID_ITEMS = ("beras", "bibit padi", "pupuk bersubsidi", "semen", "alat tangkap ikan")


def _early_share(election: Election) -> float:
    return sum(phase.weight for phase in election.phases if phase.early)


def act_weights(election: Election, phase: Phase) -> list[tuple[Act, float]]:
    """Weights for an act in this phase, such that the acts' overall shares stay as in ACTS."""
    acts = [act for act in ACTS if election.kind == "pilkada" or act.in_pemilu]
    if election.kind == "pemilu":
        return [(act, act.weight) for act in acts]
    early_total = sum(act.weight for act in acts if act.early)
    share = _early_share(election)
    weights = []
    for act in acts:
        if act.early:
            weights.append((act, act.weight / share if phase.early else 0.0))
        else:
            scale = (1 - early_total / share) if phase.early else 1.0
            weights.append((act, act.weight * scale / (1 - early_total)))
    return weights


def draw_act(rng: random.Random, election: Election, phase: Phase) -> Act:
    acts, weights = zip(*act_weights(election, phase))
    return rng.choices(acts, weights)[0]


# -- provisions violated ---------------------------------------------------------------------

def asn_law(on: date) -> RegulationRef:
    return regulations.UU_5_2014 if on < regulations.UU_20_2023_IN_FORCE else regulations.UU_20_2023


def principle_provisions(regulation: RegulationRef) -> list[ProvisionRef]:
    """ASN neutrality: UU 5/2014 Pasal 2 huruf f and Pasal 9 ayat (2); UU 20/2023 Pasal 9 ayat (2)."""
    refs = [provision(regulation, "9", ayat="2")]
    if regulation == regulations.UU_5_2014:
        refs.insert(0, provision(regulation, "2", huruf="f"))
    return refs


def discipline_provision(act: Act, act_date: date) -> ProvisionRef | None:
    if act_date < regulations.PP_94_2021_IN_FORCE:
        if act.pp53 is None:
            return None
        angka, huruf = act.pp53
        return provision(regulations.PP_53_2010, "4", huruf=huruf, angka=angka, angka_first=True)
    if act.pp94_angka is None:
        return None
    return provision(regulations.PP_94_2021, "5", huruf="n", angka=act.pp94_angka)


def membership_provision(act_date: date, employment: str) -> ProvisionRef:
    """Party membership: dismissal not with honour under the ASN law in force."""
    if asn_law(act_date) == regulations.UU_20_2023:
        return provision(regulations.UU_20_2023, "52", ayat="3", huruf="j")
    if employment == "PPPK":
        return provision(regulations.UU_5_2014, "105", ayat="3", huruf="c")
    return provision(regulations.UU_5_2014, "87", ayat="4", huruf="c")


def election_law_provisions(act: Act, election: Election, act_date: date) -> list[ProvisionRef]:
    """Election-law prohibitions the act also breaks (ASN involvement, favouring a candidate)."""
    if election.kind == "pemilu":
        if act.code == "favouring_decision":
            return [provision(regulations.UU_7_2017, "282")]
        if act.severity == "campaign":
            return [provision(regulations.UU_7_2017, "280", ayat="2", huruf="f"),
                    provision(regulations.UU_7_2017, "280", ayat="3")]
        return [provision(regulations.UU_7_2017, "283", ayat="1")]
    if act.code == "favouring_decision":
        return [provision(regulations.UU_10_2016, "71", ayat="1")]
    if act.family in ("partisan_activity", "mobilising_staff") and act_date >= election.campaign_start:
        return [provision(regulations.UU_10_2016, "70", ayat="1", huruf="b")]  # campaigns may not involve ASN
    return []


def ethics_provision() -> ProvisionRef:
    """Code of ethics: avoiding conflicts of interest (PP 42/2004 Pasal 11 huruf c)."""
    return provision(regulations.PP_42_2004, "11", huruf="c")


def criminal_provisions(election: Election) -> list[ProvisionRef]:
    """What Sentra Gakkumdu examines."""
    if election.kind == "pemilu":
        return [provision(regulations.UU_7_2017, "494"), provision(regulations.UU_7_2017, "280", ayat="3")]
    return [provision(regulations.UU_10_2016, "71", ayat="1"), provision(regulations.UU_1_2015, "188")]
