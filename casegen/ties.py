"""Family ties and appointments linking ASN (or village heads) to candidates and regional heads.

A tie's relation is what the ASN is to the other person, as the gold's `detail` says it:
"kakak kandung" means the ASN is the older sibling. Relations fit the two people's sexes and ages.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from .elections import Election, Head
from .numbering import Numbering
from .people import Appointment, FamilyTie, Person

# relation: (weight, check(asn, other, age gap in years: asn's birth year minus the other's))
RELATIONS = {
    "kakak kandung": (2.0, lambda asn, other, gap: -15 <= gap <= -1),
    "adik kandung": (2.0, lambda asn, other, gap: 1 <= gap <= 15),
    "ipar": (3.0, lambda asn, other, gap: -15 <= gap <= 15),
    "istri": (2.0, lambda asn, other, gap: asn.sex == "P" and other.sex == "L" and -3 <= gap <= 15),
    "suami": (2.0, lambda asn, other, gap: asn.sex == "L" and other.sex == "P" and -15 <= gap <= 3),
    "anak": (1.5, lambda asn, other, gap: gap >= 20),
    "keponakan": (2.0, lambda asn, other, gap: gap >= 12),
    "menantu": (1.0, lambda asn, other, gap: gap >= 20),
}
# A relation seen from the other side, for sentences naming the candidate first.
CONVERSE = {
    "anak": ("ayah kandung", "ibu kandung"),
    "keponakan": ("paman", "etek"),  # etek: a mother's sister, in Minangkabau
    "menantu": ("mertua", "mertua"),
    "istri": ("suami", "suami"),
    "suami": ("istri", "istri"),
}


def tie(rng: random.Random, person: Person, other: Person) -> FamilyTie | None:
    """A plausible family tie from `person` to `other`, or None if none fits their ages."""
    gap = person.birth.year - other.birth.year
    fitting = [(name, weight) for name, (weight, fits) in RELATIONS.items() if fits(person, other, gap)]
    if not fitting:
        return None
    relations, weights = zip(*fitting)
    return FamilyTie(other, rng.choices(relations, weights)[0])


def converse(relation: str, other: Person) -> str | None:
    """What `other` is to the person, when the language has a word for it ("mertua")."""
    words = CONVERSE.get(relation)
    if words is None:
        return None
    return words[0] if other.sex == "L" else words[1]


def appoint(rng: random.Random, numbering: Numbering, head: Head, election: Election, employer: str,
            before: date) -> Appointment | None:
    """An appointment by `head` after taking office, before `before` and before the pre-election
    ban on reshuffles began; None if there was no such time."""
    earliest = head.since + timedelta(days=60)
    latest = min(election_cutoff(election), before) - timedelta(days=1)
    if latest < earliest:
        return None
    on = earliest + timedelta(days=rng.randint(0, (latest - earliest).days))
    return Appointment(head.person, on, numbering.appointment(employer, on))


def election_cutoff(election: Election) -> date:
    """Six months before the Pilkada's designation of candidates (the period's Pilkada for Pemilu)."""
    if election.kind == "pemilu":
        return date(2024, 3, 22)
    return election.reshuffle_cutoff
