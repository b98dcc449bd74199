"""Elections, races and the people who run them or govern while they run.

Three elections are covered: Pilkada 2020 (the governor and the 14 regions whose heads were
elected in 2015: the 12 regencies, Bukittinggi and Kota Solok), Pemilu 2024 (regional
councils, a small share of cases) and Pilkada 2024 (the governor and all 19 regions).

Regional heads are the PPK of their ASN. In the 2020 period a head may be running again
(petahana). In the 2024 period the 2020 winners govern and may run again; the five cities that
voted in 2018 are led by a penjabat (acting head) and their former mayor may run.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from .factory import PersonFactory
from .gazetteer import PROVINCE, REGIONS, Region
from .people import Person


@dataclass(frozen=True)
class Phase:
    start: date
    end: date
    weight: float  # share of the election's cases with acts in this phase
    early: bool  # before candidate registration: the time of nominations and declarations


@dataclass(frozen=True)
class Election:
    key: str
    label: str
    kind: str  # "pilkada" or "pemilu"
    period: str  # "2020" or "2024": whose heads and office holders are in post
    share: float  # of all cases
    designation: date  # candidates designated: before this they are "bakal calon"
    ballot_draw: date  # ballot numbers (nomor urut) known from this day
    campaign_start: date
    voting: date
    phases: tuple[Phase, ...]

    @property
    def reference_year(self) -> int:
        return int(self.period)

    @property
    def reshuffle_cutoff(self) -> date:
        """Heads may not replace officials in the 6 months before designation (UU 10/2016 Pasal 71 (2))."""
        return date(self.designation.year, self.designation.month - 6, self.designation.day)


PILKADA_2020 = Election(
    "pilkada-2020", "Pilkada 2020", "pilkada", "2020", 0.5, date(2020, 9, 23), date(2020, 9, 24),
    date(2020, 9, 26), date(2020, 12, 9),
    (Phase(date(2020, 1, 13), date(2020, 3, 20), 0.15, True),
     Phase(date(2020, 3, 21), date(2020, 6, 14), 0.04, True),  # stages paused for the pandemic
     Phase(date(2020, 6, 15), date(2020, 9, 3), 0.21, True),
     Phase(date(2020, 9, 4), date(2020, 12, 8), 0.60, False)))
PEMILU_2024 = Election(
    "pemilu-2024", "Pemilu 2024", "pemilu", "2024", 0.1, date(2023, 11, 3), date(2023, 11, 3),
    date(2023, 11, 28), date(2024, 2, 14),
    (Phase(date(2023, 8, 1), date(2023, 11, 27), 0.3, True),
     Phase(date(2023, 11, 28), date(2024, 2, 13), 0.7, False)))
PILKADA_2024 = Election(
    "pilkada-2024", "Pilkada 2024", "pilkada", "2024", 0.4, date(2024, 9, 22), date(2024, 9, 23),
    date(2024, 9, 25), date(2024, 11, 27),
    (Phase(date(2024, 4, 1), date(2024, 8, 26), 0.40, True),
     Phase(date(2024, 8, 27), date(2024, 11, 26), 0.60, False)))
ELECTIONS = (PILKADA_2020, PEMILU_2024, PILKADA_2024)

REGIONS_VOTING_2020 = tuple(r for r in REGIONS if not r.is_city or r.name in ("Bukittinggi", "Solok"))
# Fictional parties (real party names are not used).
PARTIES = ("Partai Karya Nusantara", "Partai Mufakat Rakyat", "Partai Bintang Timur", "Partai Persatuan Nagari",
           "Partai Demokrasi Andalas", "Partai Suara Rakyat Merdeka", "Partai Pelita Bangsa",
           "Partai Bumi Pertiwi", "Partai Rakyat Berdaulat")
LEGISLATIVE_POOL = 30  # candidates per council race: bounded, reused once reached


@dataclass(eq=False)
class Ticket:
    """A pair of candidates (head and deputy), or one council candidate."""
    number: int  # nomor urut
    head: Person
    deputy: Person | None = None
    incumbent: bool = False
    independent: bool = False  # "perseorangan": nominated by ID-card support, not parties
    parties: tuple[str, ...] = ()
    district: str | None = None  # electoral district (dapil) of a council candidate

    @property
    def people(self) -> list[Person]:
        return [self.head] + ([self.deputy] if self.deputy else [])


@dataclass(eq=False)
class Race:
    election: Election
    office: str  # "Gubernur", "Bupati", "Wali Kota", "Anggota DPRD"
    area: str  # "Sumatera Barat", "Agam", "Kabupaten Agam" (councils)
    region: Region | None  # None for the province
    tickets: list[Ticket] = field(default_factory=list)
    winner: Ticket | None = None

    @property
    def legislative(self) -> bool:
        return self.office == "Anggota DPRD"

    def label(self, deputy: bool = False) -> str:
        """"Bupati Agam 2024", "Wakil Bupati Agam 2024" (as in the gold)."""
        prefix = "Wakil " if deputy else ""
        return f"{prefix}{self.office} {self.area} {self.election.voting.year}"

    def enter(self, ticket: Ticket) -> Ticket:
        ticket.head.races.append(self.label())
        if ticket.deputy:
            ticket.deputy.races.append(self.label(deputy=True))
        self.tickets.append(ticket)
        return ticket


@dataclass(eq=False)
class Head:
    """The head of a region (or the governor) in a period: the PPK of its ASN."""
    person: Person
    title: str  # "Bupati Agam", "Penjabat Wali Kota Padang", "Gubernur Sumatera Barat"
    since: date


@dataclass
class World:
    races: dict[tuple[str, str], Race]  # (election key, region code or "prov")
    heads: dict[tuple[str, str], Head]  # (period, region code or "prov")

    def race(self, election: Election, region: Region | None) -> Race | None:
        return self.races.get((election.key, region.code if region else "prov"))

    def head(self, period: str, region: Region | None) -> Head:
        return self.heads[(period, region.code if region else "prov")]

    def people(self) -> list[Person]:
        """Every candidate and head, once, in a stable order."""
        seen: dict[int, Person] = {}
        for race in self.races.values():
            for ticket in race.tickets:
                for person in ticket.people:
                    seen.setdefault(id(person), person)
        for head in self.heads.values():
            seen.setdefault(id(head.person), head.person)
        return list(seen.values())


# -- building the world ----------------------------------------------------------------------------

def _office_of(region: Region | None) -> tuple[str, str]:
    if region is None:
        return "Gubernur", PROVINCE
    return region.head_title, region.name


def _new_ticket(rng: random.Random, factory: PersonFactory, number: int, head: Person | None = None,
                incumbent: bool = False, independent: bool = False) -> Ticket:
    head = head or factory.candidate("P" if rng.random() < 0.12 else "L")
    deputy = factory.candidate("P" if rng.random() < 0.2 else "L")
    independent = independent or (not incumbent and rng.random() < 0.15)
    parties = () if independent else tuple(rng.sample(PARTIES, rng.randint(1, 3)))
    return Ticket(number, head, deputy, incumbent, independent, parties)


def _run_race(rng: random.Random, factory: PersonFactory, election: Election, region: Region | None,
              returning: Person | None, incumbent: bool) -> Race:
    office, area = _office_of(region)
    race = Race(election, office, area, region)
    count = 4 if region is None and election is PILKADA_2020 else rng.choices((2, 3, 4), (0.35, 0.4, 0.25))[0]
    returning_slot = rng.randrange(count) if returning else -1
    for number in range(1, count + 1):
        if number - 1 == returning_slot:
            race.enter(_new_ticket(rng, factory, number, head=returning, incumbent=incumbent))
        else:  # the governor's race always has an independent pair, nominated by ID-card support
            race.enter(_new_ticket(rng, factory, number, independent=region is None and number == count))
    incumbents = [t for t in race.tickets if t.incumbent]
    race.winner = incumbents[0] if incumbents and rng.random() < 0.6 else rng.choice(race.tickets)
    return race


def _sitting_official(factory: PersonFactory, title: str, region: Region | None) -> Person:
    agency = f"Pemerintah {region.full_name}" if region else f"Pemerintah Provinsi {PROVINCE}"
    return factory.official(title, agency, born_between=(1955, 1975), profession="politician")


def _seat(person: Person, title: str) -> Person:
    person.position = title
    person.agency = None
    return person


def build_world(rng: random.Random, factory: PersonFactory) -> World:
    races: dict[tuple[str, str], Race] = {}
    heads: dict[tuple[str, str], Head] = {}
    areas: list[Region | None] = [None, *REGIONS]
    for region in areas:
        code = region.code if region else "prov"
        office, area = _office_of(region)
        title = f"{office} {area}"
        votes_2020 = region is None or region in REGIONS_VOTING_2020
        # 2020 period: the head elected in 2015 (or 2018 in the five cities), perhaps running again.
        first_term = region is not None and rng.random() < 0.5
        sitting = _sitting_official(factory, title, region)
        heads[("2020", code)] = Head(sitting, title, date(2016, 2, 17) if votes_2020 else date(2019, 1, 9))
        if votes_2020:
            race = _run_race(rng, factory, PILKADA_2020, region, sitting if first_term else None, incumbent=True)
            races[(PILKADA_2020.key, code)] = race
            winner = _seat(race.winner.head, title)
            heads[("2024", code)] = Head(winner, title, date(2021, 2, 26))
            may_run = not race.winner.incumbent  # two terms at most
            returning = winner if may_run and rng.random() < 0.65 else None
            races[(PILKADA_2024.key, code)] = _run_race(rng, factory, PILKADA_2024, region, returning,
                                                        incumbent=returning is not None)
        else:
            acting = factory.official(f"Penjabat {title}", f"Pemerintah {region.full_name}", born_between=(1966, 1975),
                                      profession="governance")
            heads[("2024", code)] = Head(acting, f"Penjabat {title}", date(2023, rng.randint(3, 9), 1))
            former = sitting if rng.random() < 0.4 else None  # the mayor elected in 2018 tries again
            races[(PILKADA_2024.key, code)] = _run_race(rng, factory, PILKADA_2024, region, former, incumbent=False)
        if region is not None:
            races[(PEMILU_2024.key, code)] = Race(PEMILU_2024, "Anggota DPRD", region.full_name, region)
    races[(PEMILU_2024.key, "prov")] = Race(PEMILU_2024, "Anggota DPRD", f"Provinsi {PROVINCE}", None)
    return World(races, heads)


def council_ticket(rng: random.Random, factory: PersonFactory, race: Race) -> Ticket:
    """A council candidate: a new one until the race's pool is full, then one already known."""
    if len(race.tickets) < LEGISLATIVE_POOL and (not race.tickets or rng.random() < 0.5):
        person = factory.candidate("P" if rng.random() < 0.3 else "L", born_between=(1960, 1995))
        area = race.region.name if race.region else PROVINCE
        district = f"{area} {rng.randint(1, 6)}"
        return race.enter(Ticket(rng.randint(1, 10), person, parties=(rng.choice(PARTIES),), district=district))
    return rng.choice(race.tickets)
