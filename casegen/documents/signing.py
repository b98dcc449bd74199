"""Signature blocks: place and date, the office, "ttd.", the name."""

from __future__ import annotations

from datetime import date

from ..cases import Case
from ..dates import long_date
from ..draft import Draft


def bawaslu_signature(d: Draft, case: Case, on: date) -> None:
    d.line()
    d.line(f"{case.region.seat}, {long_date(on)}")
    d.line(f"Ketua Bawaslu {case.region.full_name},")
    if d.rng.random() < 0.5:
        d.line("ttd.")
    d.line(d.name(case.chair, d.rng.choice(("full", "plain", "back"))))


def agency_signature(d: Draft, body: str, on: date) -> None:
    """KASN and BKN letters are signed by office; national officials are not named here."""
    d.line()
    d.line(f"Jakarta, {long_date(on)}")
    if body == "KASN":
        d.line(d.rng.choice(("Ketua Komisi Aparatur Sipil Negara,", "a.n. Ketua KASN, Asisten Komisioner Bidang Pengaduan dan Penyelidikan,")))
    else:
        d.line(d.rng.choice(("a.n. Kepala Badan Kepegawaian Negara, Deputi Bidang Pengawasan dan Pengendalian,",
                             "Kepala Badan Kepegawaian Negara,")))
    d.line("ttd.")


def ppk_signature(d: Draft, case: Case, seat: str, on: date) -> None:
    head = case.ppk
    d.line()
    d.line(f"Ditetapkan di {seat}")
    d.line(f"pada tanggal {long_date(on)}")
    d.line(f"{head.title.upper()},")
    d.line("ttd.")
    d.line(d.name(head.person, d.rng.choice(("upper", "full", "plain"))))
