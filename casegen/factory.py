"""Creating people: ages that fit their posts, titles that fit their professions, unique numbers."""

from __future__ import annotations

import random
from datetime import date

from . import names
from .offices import PPPK_RANKS, RANKS, Office
from .people import OFFICIAL, NumberRegistry, Person, pns_nip, pppk_number

# Age ranges (at the period's reference year) by group: senior posts need seniority.
AGE_RANGES = {"JPT": (42, 58), "administrator": (35, 56), "pengawas": (30, 55), "fungsional": (24, 57),
              "pelaksana": (22, 57)}
PPPK_AGES = (24, 45)


def birth_date(rng: random.Random, reference_year: int, ages: tuple[int, int]) -> date:
    year = reference_year - rng.randint(*ages)
    return date(year, rng.randint(1, 12), rng.randint(1, 28))


class PersonFactory:
    """Makes people with keys in creation order ("asn-000001", "cand-0001", "off-00001")."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.numbers = NumberRegistry()
        self._counts = {"asn": 0, "cand": 0, "off": 0}

    def _key(self, prefix: str, width: int) -> str:
        self._counts[prefix] += 1
        return f"{prefix}-{self._counts[prefix]:0{width}d}"

    def _titles(self, person: Person, profession: str, senior: bool) -> None:
        rng = self.rng
        front, back = names.degree_titles(rng, profession, person.birth.year)
        if person.sex == "P":
            front = names.feminine_titles(front)
        age = 2024 - person.birth.year
        if rng.random() < (0.35 if age > 45 else 0.08):
            front.append("H." if person.sex == "L" else "Hj.")
        if senior and person.sex == "L" and age > 45 and "Datuak" not in person.name and rng.random() < 0.15:
            person.name = f"{person.name} {names.adat_title(rng)}"
        person.front, person.back = front, back

    def asn(self, office: Office, reference_year: int, employment: str = "PNS", sex: str | None = None,
            name: str | None = None, birth: date | None = None) -> Person:
        rng = self.rng
        sex = sex or rng.choice("LLP" if office.group == "JPT" else "LP")
        ages = PPPK_AGES if employment == "PPPK" else AGE_RANGES[office.group]
        birth = birth or birth_date(rng, reference_year, ages)
        person = Person(self._key("asn", 6), name or names.personal_name(rng, sex), sex, birth, office=office,
                        employment=employment)
        latest = reference_year - 1
        if employment == "PPPK":
            person.nip = pppk_number(rng, self.numbers, birth, sex, min(latest, 2023))
            person.rank = rng.choice(PPPK_RANKS)
        else:
            person.nip = pns_nip(rng, self.numbers, birth, sex, latest)
            person.rank = rng.choice(RANKS[office.group])
        self._titles(person, office.profession, senior=office.group in ("JPT", "administrator"))
        return person

    def candidate(self, sex: str, born_between: tuple[int, int] = (1958, 1986)) -> Person:
        rng = self.rng
        birth = date(rng.randint(*born_between), rng.randint(1, 12), rng.randint(1, 28))
        person = Person(self._key("cand", 4), names.personal_name(rng, sex, single_name_rate=0.1), sex, birth,
                        kind=OFFICIAL)
        self._titles(person, "politician", senior=True)
        if person.sex == "L" and "Datuak" not in person.name and rng.random() < 0.2:
            person.name = f"{person.name} {names.adat_title(rng)}"
        return person

    def official(self, position: str, agency: str | None, born_between: tuple[int, int] = (1960, 1985),
                 profession: str = "admin", sex: str | None = None) -> Person:
        rng = self.rng
        sex = sex or rng.choice("LLLP")
        birth = date(rng.randint(*born_between), rng.randint(1, 12), rng.randint(1, 28))
        person = Person(self._key("off", 5), names.personal_name(rng, sex, single_name_rate=0.2), sex, birth,
                        kind=OFFICIAL, position=position, agency=agency)
        self._titles(person, profession, senior=True)
        return person

