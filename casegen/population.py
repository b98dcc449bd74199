"""Who is there to be reported: office holders, recent staff, village heads, Bawaslu chairs.

Memory stays bounded at any corpus size. Unique posts (a Sekda, a Camat, a school's head) have
one holder per period, and there are finitely many posts. Other ASN (teachers, nurses, staff)
live in a short window per region: most are reported once; a few recur (repeat reports), a few
share a name with someone else (namesakes). Someone leaving the window is final and handed to
`retire` (the gold writer) at once.
"""

from __future__ import annotations

import random
from collections import deque
from typing import Callable

from .elections import Election
from .factory import PersonFactory
from .gazetteer import Region
from .offices import PPPK_GROUPS, Office, draw_office
from .people import Person

WINDOW = 40  # recent non-unique ASN kept per region and period
REPEAT_RATE = 0.04  # a report about someone already reported
NAMESAKE_RATE = 0.04  # a new ASN given the name of someone recent in another agency
CARRY_OVER_RATE = 0.4  # a post's 2020 holder still holds it in 2024


class Population:
    def __init__(self, rng: random.Random, factory: PersonFactory, retire: Callable[[Person], None]) -> None:
        self.rng = rng
        self.factory = factory
        self.retire = retire
        self._holders: dict[tuple[str, str], Person] = {}
        self._recent: dict[tuple[str, str], deque[Person]] = {}
        self._village_heads: dict[tuple[str, str], Person] = {}
        self._chairs: dict[tuple[str, str], Person] = {}

    # -- ASN ----------------------------------------------------------------------------------

    def respondent(self, region: Region, election: Election, position_class: str) -> Person:
        """An ASN of the position class (see offices.POSITION_CLASS_WEIGHTS)."""
        office = draw_office(self.rng, region, position_class)
        if office.unique:
            return self._holder(office, election)
        return self._staff(office, region, election)

    def _holder(self, office: Office, election: Election) -> Person:
        key = (election.period, office.key)
        if key not in self._holders:
            earlier = self._holders.get(("2020", office.key)) if election.period == "2024" else None
            keep = earlier is not None and self.rng.random() < CARRY_OVER_RATE
            self._holders[key] = earlier if keep else self.factory.asn(office, election.reference_year)
        return self._holders[key]

    def first_period(self, person: Person, election: Election) -> str:
        """The period in which an ASN took up their post: 2020 holders may stay into 2024."""
        return "2020" if self._holders.get(("2020", person.office.key)) is person else election.period

    def _staff(self, office: Office, region: Region, election: Election) -> Person:
        recent = self._recent.setdefault((election.period, region.code), deque())
        similar = [p for p in recent if p.office.group == office.group]
        if similar and self.rng.random() < REPEAT_RATE:
            return self.rng.choice(similar)
        person = self._new_staff(office, election, recent)
        recent.append(person)
        if len(recent) > WINDOW:
            self.retire(recent.popleft())
        return person

    def _new_staff(self, office: Office, election: Election, recent: deque[Person]) -> Person:
        rng = self.rng
        pppk = election.period == "2024" and office.group in PPPK_GROUPS and rng.random() < 0.25
        employment = "PPPK" if pppk else "PNS"
        others = [p for p in recent if p.office.agency != office.agency]
        if others and rng.random() < NAMESAKE_RATE:
            model = rng.choice(others)
            return self.factory.asn(office, election.reference_year, employment, sex=model.sex, name=model.name)
        return self.factory.asn(office, election.reference_year, employment)

    # -- officials ----------------------------------------------------------------------------

    def village_head(self, region: Region, village: str, election: Election) -> Person:
        """A wali nagari or kepala desa: not ASN, but bound by the same election rules."""
        key = (election.period, f"{region.code}/{village}")
        if key not in self._village_heads:
            title = f"{region.village_head_title} {village}"
            self._village_heads[key] = self.factory.official(title, f"Pemerintah {region.village_word} {village}",
                                                             born_between=(1962, 1988))
        return self._village_heads[key]

    def bawaslu_chair(self, region: Region, election: Election) -> Person:
        key = (election.period, region.code)
        if key not in self._chairs:
            title = f"Ketua Bawaslu {region.full_name}"
            self._chairs[key] = self.factory.official(title, f"Bawaslu {region.full_name}", born_between=(1970, 1990),
                                                      profession="law")
        return self._chairs[key]

    def everyone(self) -> list[Person]:
        """Everyone still held, once each, in a stable order (for the final flush)."""
        seen: dict[int, Person] = {}
        groups = [self._holders.values(), *self._recent.values(), self._village_heads.values(), self._chairs.values()]
        for group in groups:
            for person in group:
                seen.setdefault(id(person), person)
        return list(seen.values())
