"""Document numbers, in consistent invented formats modelled on real ones.

    Bawaslu register   012/Reg/TM/PB/Kab/03.06/X/2020   sequence per region, election and source;
                       TM temuan, LP laporan; PG governor, PB regent, PW mayor, PL Pemilu;
                       03.xx the region's Bawaslu code; Roman month and year of registration
    KASN               B-3412/KASN/11/2020
    BKN                2291/B-KP.04.03/SD/D/2024
    PPK decree         862/118/BKPSDM-2021 (PP 53/2010 era), 800.1.6.4/57/BKPSDM-2024 (after)
    Sentra Gakkumdu    03/SG/PB/Kab/03.06/XI/2024
    appointment decree 821.2/45/BKPSDM-2021
"""

from __future__ import annotations

import random
from datetime import date

from .dates import roman_month
from .gazetteer import Region


class Numbering:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._counters: dict[str, int] = {}

    def _next(self, key: str, start: int = 1, max_step: int = 1) -> int:
        """The next number in a series; `max_step` > 1 leaves gaps for documents outside the corpus."""
        value = self._counters.get(key, start - 1) + self.rng.randint(1, max_step)
        self._counters[key] = value
        return value

    def register(self, source: str, race_code: str, region: Region, election_key: str, on: date) -> str:
        kind = "TM" if source == "temuan" else "LP"
        seq = self._next(f"reg/{region.code}/{election_key}/{kind}")
        return f"{seq:03d}/Reg/{kind}/{race_code}/{region.short_kind}/{region.bawaslu_code}/{roman_month(on)}/{on.year}"

    def recommendation(self, body: str, on: date) -> str:
        if body == "KASN":
            n = self._next(f"kasn/{on.year}", start=1000, max_step=9)
            return f"B-{n}/KASN/{on.month}/{on.year}"
        n = self._next(f"bkn/{on.year}", start=1500, max_step=9)
        return f"{n}/B-KP.04.03/SD/D/{on.year}"

    def decree(self, employer: str, on: date, pp94: bool) -> str:
        n = self._next(f"decree/{employer}/{on.year}", max_step=4)
        code = "800.1.6.4" if pp94 else "862"
        return f"{code}/{n}/BKPSDM-{on.year}"

    def gakkumdu(self, race_code: str, region: Region, on: date) -> str:
        n = self._next(f"gakkumdu/{region.code}/{on.year}")
        return f"{n:02d}/SG/{race_code}/{region.short_kind}/{region.bawaslu_code}/{roman_month(on)}/{on.year}"

    def appointment(self, employer: str, on: date) -> str:
        n = self._next(f"appointment/{employer}/{on.year}", max_step=6)
        return f"821.2/{n}/BKPSDM-{on.year}"
