"""Sanctions: level, type and the provisions that ground them, under the rule in force.

Most proven cases end with a "sedang" sanction, as in practice. Levels are drawn by the act's
severity; moral sanctions (PP 42/2004 Pasal 15) follow ethics findings; party membership means
dismissal (PTDH). Under PP 53/2010 (acts before 31 August 2021) "sedang" means a postponed pay
rise or promotion or a lower rank; under PP 94/2021 it means a 25% cut in performance allowance.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from core.refs import ProvisionRef

from . import regulations
from .acts import Act, membership_provision
from .regulations import provision

LEVELS_BY_SEVERITY = {
    "campaign": {"ringan": 0.15, "sedang": 0.72, "berat": 0.03, "moral": 0.10},
    "activity": {"ringan": 0.07, "sedang": 0.60, "berat": 0.28, "moral": 0.05},
    "authority": {"ringan": 0.05, "sedang": 0.45, "berat": 0.50},
    "nomination": {"ringan": 0.15, "sedang": 0.30, "moral": 0.55},
    "letter": {"ringan": 0.10, "sedang": 0.70, "berat": 0.20},
    "membership": {"ptdh": 1.0},
}
AYAT_BY_LEVEL = {"ringan": "2", "sedang": "3", "berat": "4"}
TYPES = {
    "pp53": {
        "ringan": ("teguran lisan", "teguran tertulis", "pernyataan tidak puas secara tertulis"),
        "sedang": ("penundaan kenaikan gaji berkala selama 1 (satu) tahun",
                   "penundaan kenaikan pangkat selama 1 (satu) tahun",
                   "penurunan pangkat setingkat lebih rendah selama 1 (satu) tahun"),
        "berat": ("penurunan pangkat setingkat lebih rendah selama 3 (tiga) tahun",
                  "pemindahan dalam rangka penurunan jabatan setingkat lebih rendah",
                  "pembebasan dari jabatan"),
    },
    "pp94": {
        "ringan": ("teguran lisan", "teguran tertulis", "pernyataan tidak puas secara tertulis"),
        "sedang": ("pemotongan tunjangan kinerja sebesar 25% (dua puluh lima persen) selama 6 (enam) bulan",
                   "pemotongan tunjangan kinerja sebesar 25% (dua puluh lima persen) selama 9 (sembilan) bulan",
                   "pemotongan tunjangan kinerja sebesar 25% (dua puluh lima persen) selama 12 (dua belas) bulan"),
        "berat": ("penurunan jabatan setingkat lebih rendah selama 12 (dua belas) bulan",
                  "pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 (dua belas) bulan"),
    },
}
MORAL_TYPES = ("pernyataan secara tertutup", "pernyataan secara terbuka")
HURUF = "abcde"


@dataclass(frozen=True)
class Sanction:
    level: str  # ringan, sedang, berat, moral, ptdh
    type: str  # as written: "teguran tertulis", "pemotongan tunjangan kinerja ..."
    basis: tuple[ProvisionRef, ...]  # the type's provision first, then the level's mapping if any

    @property
    def described(self) -> str:
        """"hukuman disiplin sedang berupa ...", "sanksi moral berupa ..."."""
        if self.level == "moral":
            return f"sanksi moral berupa {self.type}"
        if self.level == "ptdh":
            return self.type
        return f"hukuman disiplin {self.level} berupa {self.type}"


def _regime(act_date: date) -> str:
    return "pp53" if act_date < regulations.PP_94_2021_IN_FORCE else "pp94"


def _mapping_provision(act: Act, level: str, regime: str) -> ProvisionRef | None:
    """The article assigning this act its level in law, when the level drawn is that level."""
    if regime == "pp94":
        if level == "sedang" and act.pp94_angka == "2":
            return provision(regulations.PP_94_2021, "13", huruf="g")
        if level == "berat" and act.pp94_angka in ("3", "4", "5", "6", "7"):
            return provision(regulations.PP_94_2021, "14", huruf="i")
        return None
    if act.pp53 is None:
        return None
    if level == "sedang" and act.pp53 in (("15", "a"), ("15", "d")):
        return provision(regulations.PP_53_2010, "12", angka="9")
    if level == "sedang" and act.pp53 == ("14", None):
        return provision(regulations.PP_53_2010, "12", angka="8")
    if level == "berat" and act.pp53 in (("15", "b"), ("15", "c")):
        return provision(regulations.PP_53_2010, "13", angka="13")
    return None


def draw_sanction(rng: random.Random, act: Act, act_date: date, employment: str) -> Sanction:
    levels = LEVELS_BY_SEVERITY[act.severity]
    level = rng.choices(list(levels), list(levels.values()))[0]
    if level == "ptdh":
        kind = "pemutusan hubungan perjanjian kerja tidak dengan hormat" if employment == "PPPK" \
            else "pemberhentian tidak dengan hormat sebagai PNS"
        return Sanction(level, kind, (membership_provision(act_date, employment),))
    if level == "moral":
        index = rng.randrange(len(MORAL_TYPES))
        return Sanction(level, MORAL_TYPES[index],
                        (provision(regulations.PP_42_2004, "15", ayat="3", huruf=HURUF[index]),))
    regime = _regime(act_date)
    choices = TYPES[regime][level]
    index = rng.randrange(len(choices))
    regulation, pasal = (regulations.PP_53_2010, "7") if regime == "pp53" else (regulations.PP_94_2021, "8")
    basis = [provision(regulation, pasal, ayat=AYAT_BY_LEVEL[level], huruf=HURUF[index])]
    mapping = _mapping_provision(act, level, regime)
    return Sanction(level, choices[index], tuple(basis + ([mapping] if mapping else [])))
