"""The PPK's decree imposing the sanction (keputusan), in the usual decree layout:
Menimbang (considerations), Mengingat (legal bases), MEMUTUSKAN (the decision)."""

from __future__ import annotations

from ..acts import asn_law
from ..cases import Case
from ..dates import long_date
from ..draft import Draft
from ..gazetteer import PROVINCE_SEAT
from ..regulations import PP_49_2018, UU_23_2014
from . import phrases
from .signing import ppk_signature

def _subject(case: Case) -> str:
    """The decree's title after "TENTANG"."""
    person, sanction = case.respondent, case.sanction
    staff = "PEGAWAI PEMERINTAH DENGAN PERJANJIAN KERJA" if person.employment == "PPPK" else "PEGAWAI NEGERI SIPIL"
    if sanction.level == "ptdh":
        return f"PEMBERHENTIAN TIDAK DENGAN HORMAT SEBAGAI {staff}"
    what = f"SANKSI MORAL BERUPA {sanction.type.upper()}" if sanction.level == "moral" \
        else f"HUKUMAN DISIPLIN {sanction.level.upper()}"
    return f"PENJATUHAN {what} KEPADA {staff}"


def _decision(case: Case) -> str:
    """What KESATU does: "Menjatuhkan hukuman disiplin ..." or, for PTDH, "Memberhentikan ..."."""
    sanction = case.sanction
    if sanction.level == "ptdh":
        staff = "PPPK" if case.respondent.employment == "PPPK" else "PNS"
        return f"Memberhentikan tidak dengan hormat sebagai {staff}"
    return f"Menjatuhkan {sanction.described}"


def write_decree(d: Draft, case: Case) -> None:
    rng, head, person = d.rng, case.ppk, case.respondent
    d.line(f"KEPUTUSAN {head.title.upper()}")
    d.line(f"NOMOR {case.decision_number}")
    d.line("TENTANG")
    d.line(f"{_subject(case)} ATAS NAMA {d.name(person, 'upper')}")
    d.line()
    d.line("DENGAN RAHMAT TUHAN YANG MAHA ESA")
    d.line(f"{head.title.upper()},")
    d.line()
    _considerations(d, case)
    _bases(d, case)
    d.line()
    d.line("MEMUTUSKAN:")
    d.line(f"Menetapkan : KEPUTUSAN {head.title.upper()} TENTANG {_subject(case)}.")
    d.line(f"KESATU : {_decision(case)} sebagaimana dimaksud dalam "
           f"{d.cite(list(case.sanction.basis))} kepada:")
    d.line(f"Nama : {d.name(person, rng.choice(('upper', 'full')))}")
    d.line(f"{'NI PPPK' if person.employment == 'PPPK' else 'NIP'} : {d.number(person, labelled=False)}")
    d.line(f"Pangkat/Golongan : {person.rank}")
    d.line(f"Jabatan : {person.office.title}")
    d.line(f"Unit Kerja : {person.office.agency}")
    d.line("KEDUA : Keputusan ini disampaikan kepada yang bersangkutan untuk diketahui dan dilaksanakan.")
    d.line("KETIGA : Keputusan ini mulai berlaku pada tanggal ditetapkan.")
    seat = PROVINCE_SEAT if person.office.provincial else case.region.seat
    ppk_signature(d, case, seat, case.stages.decision)
    d.line()
    d.line(f"Tembusan: 1. {case.body}; 2. Bawaslu {case.region.full_name}; 3. Yang bersangkutan.")


def _considerations(d: Draft, case: Case) -> None:
    rng = d.rng
    recommendation = (f"Rekomendasi {case.body} Nomor {case.recommendation_number} tanggal "
                      f"{long_date(case.stages.recommendation)}")
    who = d.name(case.respondent, rng.choice(("upper", "full", "honorific")))
    if case.ticket and rng.random() < 0.7:
        d.line(f"Menimbang : a. bahwa berdasarkan {recommendation}, {who} terbukti {phrases.act_phrase(d, case)};",
               *phrases.supported_links(case))
    else:
        d.line(f"Menimbang : a. bahwa berdasarkan {recommendation}, {who} terbukti melakukan pelanggaran "
               f"netralitas Pegawai ASN pada {case.election.label};")
    d.line(f"b. bahwa perbuatan tersebut melanggar ketentuan {d.cite([case.core])};")
    d.line(f"c. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan "
           f"Keputusan {case.ppk.title} tentang Penjatuhan Sanksi;")


def _bases(d: Draft, case: Case) -> None:
    """Mengingat: the regulations in force when the decree is made."""
    sanction = case.sanction
    regulations = [asn_law(case.stages.decision), UU_23_2014, *(ref.regulation for ref in sanction.basis)]
    if case.respondent.employment == "PPPK":
        regulations.append(PP_49_2018)
    regulations = list(dict.fromkeys(regulations))
    for number, regulation in enumerate(regulations, 1):
        lead = "Mengingat : " if number == 1 else ""
        end = "." if number == len(regulations) else ";"
        d.line(f"{lead}{number}. {d.cite_regulation(regulation)}{end}")
