"""Planning a case: who did what for whom, where, what became of it, and when each stage fell.

A `Case` holds every fact its documents state and its register row records; the documents are
then written from it (documents/). Outcomes follow the domain figures: about 79% of Pilkada 2020
cases proven, 72% in Pilkada 2024 (314 of 433), 45% in Pemilu 2024 (183 of 403); the rest are
not proven (tidak terbukti) or stopped (dihentikan).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from core.refs import ProvisionRef

from . import acts as act_rules
from . import regulations
from .acts import Act, draw_act
from .elections import PARTIES, PILKADA_2020, Election, Head, Race, Ticket, World, council_ticket
from .factory import PersonFactory
from .gazetteer import REGIONS, Region, villages
from .numbering import Numbering
from .offices import POSITION_CLASS_WEIGHTS
from .people import Person
from .population import Population
from .sanctions import Sanction, draw_sanction
from .schedule import Slot, Stages, days_after, draw_stages
from .ties import appoint, tie

PROVEN_RATE = {"pilkada-2020": 0.79, "pilkada-2024": 0.725, "pemilu-2024": 0.45}
NOT_PROVEN_SHARE = 0.6  # of the unproven: examined and not proven; the rest stopped
FAMILY_RATE = 0.06
CO_ACTOR_RATE = 0.07
COMPLIANCE = 0.87  # PPKs carrying out the sanction (about 1,400 of 1,600 in 2020)
SUPERSEDED_LAW_SLIP = 0.25  # citing UU 5/2014 for acts after it was replaced
AUTHORITY_CLASSES = ("JPT", "administrator", "pengawas", "territorial")  # structural posts
CO_ACTOR_FAMILIES = ("gifts", "partisan_activity", "banners", "declaration", "support_letter")
KASN_DISSOLVED = regulations.UU_20_2023_IN_FORCE
STOP_REASONS = {
    "laporan": ("late", "withdrawn", "incomplete"),
    "temuan": ("unverified", "resigned"),
}
RACE_CODES = {"Gubernur": "PG", "Bupati": "PB", "Wali Kota": "PW", "Anggota DPRD": "PL"}
REGION_WEIGHTS = [2.5 if region.full_name == "Kota Padang" else 1.0 for region in REGIONS]


@dataclass(eq=False)
class Case:
    index: int
    slot: Slot
    region: Region
    source: str  # "temuan" or "laporan"
    act: Act
    phrasing: str
    respondent: Person
    ppk: Head
    chair: Person
    race: Race | None = None
    ticket: Ticket | None = None
    names_pair: bool = False
    seeking: str | None = None  # the office an ASN approaching parties sought
    party: str | None = None
    details: dict[str, str] = field(default_factory=dict)
    outcome: str = "terbukti"  # terbukti, tidak_terbukti, dihentikan
    outcome_stage: str = "Bawaslu"  # Bawaslu, KASN or BKN: where the case ended
    stop_reason: str | None = None
    sanction: Sanction | None = None
    sanction_imposed: bool = False
    stages: Stages | None = None
    forwarded_to: str | None = None  # KASN or BKN, when Bawaslu forwarded the case
    body: str | None = None  # KASN or BKN: who recommended
    case_number: str = ""
    recommendation_number: str | None = None
    decision_number: str | None = None
    gakkumdu_number: str | None = None
    gakkumdu_outcome: str | None = None  # tidak_dilanjutkan, penyidikan, kedaluwarsa
    co_actor: Person | None = None
    show_family: bool = False
    show_co_actor_family: bool = False
    show_appointment: bool = False
    violated: list[ProvisionRef] = field(default_factory=list)
    core: ProvisionRef | None = None  # the disciplinary, ethics or membership rule among `violated`
    criminal: list[ProvisionRef] = field(default_factory=list)
    cites_superseded_law: bool = False

    @property
    def id(self) -> str:
        return f"c{self.index:06d}"

    @property
    def election(self) -> Election:
        return self.slot.election

    @property
    def act_date(self) -> date:
        return self.slot.act_date

    @property
    def supported(self) -> list[Person]:
        """The candidates the act is said to support (as named in the documents)."""
        if self.ticket is None:
            return []
        return self.ticket.people if self.names_pair else [self.ticket.head]

    @property
    def forwarded(self) -> bool:
        """Passed on by Bawaslu to KASN/BKN (whatever they then found)."""
        return self.outcome == "terbukti" or self.outcome_stage != "Bawaslu"

    @property
    def race_code(self) -> str:
        """PG governor, PB regent, PW mayor, PL Pemilu (council races)."""
        return RACE_CODES[self.race.office]


class CasePlanner:
    def __init__(self, rng: random.Random, world: World, population: Population, factory: PersonFactory,
                 numbering: Numbering) -> None:
        self.rng = rng
        self.world = world
        self.population = population
        self.factory = factory
        self.numbering = numbering

    def plan(self, index: int, slot: Slot) -> Case:
        rng = self.rng
        act = draw_act(rng, slot.election, slot.phase)
        region = rng.choices(REGIONS, REGION_WEIGHTS)[0]
        respondent = self.population.respondent(region, slot.election, self._position_class(act))
        employer = None if respondent.office.provincial else region
        case = Case(index, slot, region, rng.choice(("temuan", "laporan")), act, rng.choice(act.phrasings),
                    respondent, self.world.head(slot.election.period, employer),
                    self.population.bawaslu_chair(region, slot.election))
        self._choose_target(case)
        self._set_scene(case)
        self._decide(case)
        self._add_people(case)
        self._set_law(case)
        self._number(case)
        return case

    # -- who and what ---------------------------------------------------------------------

    def _position_class(self, act: Act) -> str:
        """A position class for the act's author. Acts needing authority (decisions, facilities,
        staff) come from structural posts only; the other acts' weights make up for it, so that over
        all acts the classes' shares match POSITION_CLASS_WEIGHTS."""
        share = act_rules.AUTHORITY_SHARE
        authority_total = sum(POSITION_CLASS_WEIGHTS[c] for c in AUTHORITY_CLASSES)
        weights = {}
        for name, weight in POSITION_CLASS_WEIGHTS.items():
            in_authority = weight / authority_total if name in AUTHORITY_CLASSES else 0.0
            weights[name] = in_authority if act.needs_authority else (weight - share * in_authority) / (1 - share)
        return self.rng.choices(list(weights), list(weights.values()))[0]

    def _choose_target(self, case: Case) -> None:
        rng, election = self.rng, case.election
        local = self.world.race(election, case.region)
        if not case.act.needs_candidate:
            case.party = rng.choice(PARTIES)
            race = local or self.world.race(election, None)
            if case.act.code == "approaching_party":
                deputy = rng.random() < 0.3
                case.seeking = f"{'Wakil ' if deputy else ''}{race.office} {race.area}"
            case.race = race
            return
        case.race = self._choose_race(case, local)
        case.ticket = self._choose_ticket(case)
        if case.act.code == "support_letter" and not case.ticket.independent:
            self._choose_independent(case, local)
        self._maybe_tie_family(case)
        family_to_deputy = case.respondent.family and case.respondent.family.to is case.ticket.deputy
        case.names_pair = case.ticket.deputy is not None and (
            case.act.code == "support_letter" or family_to_deputy or rng.random() < 0.45)

    def _choose_independent(self, case: Case, local: Race | None) -> None:
        """ID-card support goes to an independent pair, in the local or the governor's race."""
        races = [race for race in (local, self.world.race(case.election, None)) if race]
        independents = [(race, t) for race in races for t in race.tickets if t.independent]
        if independents:
            case.race, case.ticket = self.rng.choice(independents)
        else:  # no independent pair anywhere near: the act becomes a banner
            case.act = act_rules.ACT_BY_CODE["banners"]
            case.phrasing = self.rng.choice(case.act.phrasings)

    def _choose_race(self, case: Case, local: Race | None) -> Race:
        rng, election = self.rng, case.election
        if election.kind == "pemilu":
            return self.world.race(election, case.region if rng.random() < 0.8 else None)
        governor = self.world.race(election, None)
        toward_governor = 0.6 if case.respondent.office.provincial else 0.2
        if local is None or rng.random() < toward_governor:
            return governor
        return local

    def _choose_ticket(self, case: Case) -> Ticket:
        rng, race = self.rng, case.race
        if race.legislative:
            return council_ticket(rng, self.factory, race)
        family = case.respondent.family
        for ticket in race.tickets:
            if family and family.to in ticket.people:
                return ticket
        boss = [t for t in race.tickets if t.head is case.ppk.person]
        if boss and rng.random() < 0.45:  # officials backing the head who employs them
            return boss[0]
        return rng.choice(race.tickets)

    def _maybe_tie_family(self, case: Case) -> None:
        respondent, ticket = case.respondent, case.ticket
        if respondent.family is None and self.rng.random() < FAMILY_RATE:
            other = ticket.deputy if ticket.deputy and self.rng.random() < 0.25 else ticket.head
            respondent.family = tie(self.rng, respondent, other)
        family = respondent.family
        case.show_family = bool(family and family.to in ticket.people and self.rng.random() < 0.85)

    def _set_scene(self, case: Case) -> None:
        rng, region = self.rng, case.region
        district = rng.choice(region.districts)
        village = rng.choice(villages(region, district))
        where = f"{region.village_word} {village}"
        locality = f"{where}, Kecamatan {district}" if rng.random() < 0.6 else where
        case.details = {
            "district": district, "village": village, "locality": locality,
            "venue": rng.choice((locality, f"Gedung Serbaguna Kecamatan {district}", f"sebuah rumah makan di {where}",
                                 f"posko pemenangan di {where}", f"lapangan {where}")),
            "platform": rng.choice(act_rules.PLATFORMS), "item": rng.choice(act_rules.AID_ITEMS),
            "plate": f"BA {rng.randint(1, 9999)} {rng.choice('ABCDEFGHJKLMNPRSTUZ')}",
            "count": str(rng.randint(6, 45)), "agency": case.respondent.office.agency,
            "party": case.party or "", "seeking": case.seeking or "",
        }

    # -- what became of it ------------------------------------------------------------------

    def _decide(self, case: Case) -> None:
        rng = self.rng
        if rng.random() < PROVEN_RATE[case.election.key]:
            case.outcome = "terbukti"
        elif rng.random() < NOT_PROVEN_SHARE:
            case.outcome = "tidak_terbukti"
        else:
            case.outcome = "dihentikan"
            case.stop_reason = rng.choice(STOP_REASONS[case.source])
        case.stages = draw_stages(rng, case.act_date, case.source, case.stop_reason == "late")
        examined_further = case.outcome == "tidak_terbukti" and rng.random() < 0.4
        if case.outcome == "terbukti" or examined_further:
            self._recommend(case)

    def _recommend(self, case: Case) -> None:
        rng, stages = self.rng, case.stages
        case.forwarded_to = "KASN" if stages.review < KASN_DISSOLVED else "BKN"
        stages.recommendation = days_after(rng, stages.review, 10, 45)
        case.body = "KASN" if stages.recommendation < KASN_DISSOLVED else "BKN"
        case.outcome_stage = case.body
        if case.outcome != "terbukti":
            return
        case.sanction = draw_sanction(rng, case.act, case.act_date, case.respondent.employment)
        # PPKs are slower to sanction their own backers and candidates' relatives.
        close = case.ppk.person in case.supported or case.show_family
        case.sanction_imposed = rng.random() < (0.6 if close else COMPLIANCE)
        if case.sanction_imposed:
            stages.decision = days_after(rng, stages.recommendation, 14, 90)

    # -- others in the story --------------------------------------------------------------------

    def _add_people(self, case: Case) -> None:
        rng = self.rng
        if (case.ticket and not case.region.is_city and case.act.family in CO_ACTOR_FAMILIES
                and rng.random() < CO_ACTOR_RATE):
            case.co_actor = self.population.village_head(case.region, case.details["village"], case.election)
            if case.co_actor.family is None and rng.random() < 0.3:
                case.co_actor.family = tie(rng, case.co_actor, case.ticket.head)
            family = case.co_actor.family
            case.show_co_actor_family = bool(family and family.to in case.ticket.people)
        self._maybe_show_appointment(case)
        if (case.act.criminal or case.co_actor) and case.forwarded and rng.random() < 0.6:
            case.stages.gakkumdu = days_after(rng, case.stages.review, 1, 10)
            case.gakkumdu_outcome = rng.choices(("tidak_dilanjutkan", "penyidikan", "kedaluwarsa"), (0.6, 0.25, 0.15))[0]

    def _maybe_show_appointment(self, case: Case) -> None:
        respondent = case.respondent
        office = respondent.office
        appointed_by_head = office.group in ("JPT", "administrator") or office.territorial
        if not (office.unique and appointed_by_head):
            return
        if respondent.appointment is None:
            period = self.population.first_period(respondent, case.election)
            election = PILKADA_2020 if period == "2020" else case.election  # whose term the appointment fell in
            employer = None if office.provincial else case.region
            head = self.world.head(period, employer)
            respondent.appointment = appoint(self.rng, self.numbering, head, election,
                                             employer.code if employer else "prov", case.act_date)
        appointment = respondent.appointment
        if appointment is None:
            return
        rate = 0.6 if appointment.by in case.supported else 0.12
        case.show_appointment = self.rng.random() < rate

    # -- law and numbers ----------------------------------------------------------------------

    def _set_law(self, case: Case) -> None:
        act, on = case.act, case.act_date
        slip = on >= regulations.UU_20_2023_IN_FORCE and self.rng.random() < SUPERSEDED_LAW_SLIP
        case.cites_superseded_law = slip
        principle = act_rules.principle_provisions(regulations.UU_5_2014 if slip else act_rules.asn_law(on))
        if act.code == "party_membership":
            case.core = act_rules.membership_provision(on, case.respondent.employment)
        elif act.code == "approaching_party":
            case.core = act_rules.ethics_provision()
        else:
            case.core = act_rules.discipline_provision(act, on)
        case.violated = principle + [case.core] + act_rules.election_law_provisions(act, case.election, on)
        if case.stages.gakkumdu:
            case.criminal = act_rules.criminal_provisions(case.election)

    def _number(self, case: Case) -> None:
        numbering, stages = self.numbering, case.stages
        case.case_number = numbering.register(case.source, case.race_code, case.region, case.election.key,
                                              stages.reported)
        if stages.recommendation:
            case.recommendation_number = numbering.recommendation(case.body, stages.recommendation)
        if stages.decision:
            employer = "prov" if case.respondent.office.provincial else case.region.code
            case.decision_number = numbering.decree(employer, stages.decision,
                                                    case.act_date >= regulations.PP_94_2021_IN_FORCE)
        if stages.gakkumdu:
            case.gakkumdu_number = numbering.gakkumdu(case.race_code, case.region, stages.gakkumdu)
