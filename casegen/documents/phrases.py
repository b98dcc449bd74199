"""Phrases shared by every document type: naming the ASN, the candidates, the act, and the
sentences that state a family tie, an appointment or a village head's part."""

from __future__ import annotations

from ..cases import Case
from ..dates import any_date
from ..draft import Draft, LinkKey
from ..people import Person, short_reference, written_name
from ..ties import converse

CANDIDATE_STYLES = ("full", "plain", "front", "back", "plain")


def supported_links(case: Case, person: Person | None = None) -> list[LinkKey]:
    """SUPPORTED links from `person` (the respondent by default) to the candidates named."""
    source = person or case.respondent
    return [("SUPPORTED", source.key, candidate.key) for candidate in case.supported]


def crime_word(case: Case) -> str:
    """Crimes of regional elections are "tindak pidana pemilihan", of general elections "pemilu"."""
    return "pemilu" if case.election.kind == "pemilu" else "pemilihan"


# -- the respondent ------------------------------------------------------------------------

def respondent_intro(d: Draft, case: Case, nip_rate: float = 0.65) -> str:
    """First mention of the reported ASN, with their post and perhaps their number."""
    rng, person = d.rng, case.respondent
    office = person.office
    number = f" ({d.number(person)})" if rng.random() < nip_rate else ""
    form = rng.randrange(5)
    if form == 0:
        return f"{d.name(person, 'full')}{number}, {office.phrase}"
    if form == 1:
        return f"{office.phrase}, {d.name(person, rng.choice(('full', 'front')))}{number}"
    if form == 2:
        return f"{d.name(person, rng.choice(('honorific', 'polite')))}{number} selaku {office.phrase}"
    if form == 3 and office.short:
        abbreviated = f"{office.short} {written_name(rng, person, 'full')}"  # "Kadisdik Agam Drs. ..."
        return f"{d.mention(person, abbreviated)}{number}"
    return f"seorang ASN bernama {d.name(person, 'plain')}{number} yang bertugas sebagai {office.phrase}"


def respondent_ref(d: Draft, case: Case, formal: str = "yang bersangkutan") -> str:
    """A later mention: "yang bersangkutan", "Terlapor", "Sdr. Hendrizal" or the plain name."""
    rng, person = d.rng, case.respondent
    form = rng.randrange(4)
    if form == 0:
        return d.mention(person, short_reference(person))
    if form == 1:
        return d.name(person, "plain")
    return formal


# -- the candidates ------------------------------------------------------------------------

def candidate_title(case: Case, candidate: Person) -> str:
    """"calon Bupati Agam", "bakal calon Wakil Wali Kota Solok", "calon anggota DPRD Kabupaten Agam"."""
    race, on = case.race, case.act_date
    designated = on >= case.election.designation
    status = "calon" if designated else "bakal calon"
    if race.legislative:
        return f"{status} anggota DPRD {race.area}"
    deputy = "Wakil " if case.ticket.deputy is candidate else ""
    return f"{status} {deputy}{race.office} {race.area}"


def candidate_phrase(d: Draft, case: Case) -> str:
    """First mention of the candidates supported, with office, status and ballot number."""
    rng, ticket, race, on = d.rng, case.ticket, case.race, case.act_date
    head = d.name(ticket.head, rng.choice(CANDIDATE_STYLES))
    if race.legislative:
        return _council_candidate(d, case, head)
    designated = on >= case.election.designation
    number = f" nomor urut {ticket.number}" if on >= case.election.ballot_draw else ""
    if case.names_pair:
        deputy = d.name(ticket.deputy, rng.choice(CANDIDATE_STYLES))
        pair = "pasangan calon" if designated else "bakal pasangan calon"
        if ticket.independent:
            pair += " perseorangan"
        both = f"{race.office} dan Wakil {race.office} {race.area}"
        forms = [f"{pair} {both}{number}, {head} dan {deputy}", f"{head} dan {deputy} ({pair} {both}{number})"]
        if number:
            forms.append(f"paslon{number} {head}-{deputy}")
        return rng.choice(forms)
    title = candidate_title(case, ticket.head)
    forms = [f"{title}{number}, {head}", f"{head}, {title}{number}", f"{title} {head}"]
    if ticket.incumbent:
        forms.append(f"{title.replace(race.office, f'petahana {race.office}', 1)}, {head}")
    return rng.choice(forms)


def _council_candidate(d: Draft, case: Case, head: str) -> str:
    ticket, race = case.ticket, case.race
    title = candidate_title(case, ticket.head)
    party = ticket.parties[0]
    return d.rng.choice((
        f"{title} dari {party} nomor urut {ticket.number} Daerah Pemilihan {ticket.district}, {head}",
        f"{head}, {title} nomor urut {ticket.number} dari {party}",
        f"caleg {party} untuk DPRD {race.area}, {head}",
    ))


def candidate_reference(d: Draft, case: Case) -> str:
    """A later mention of the candidates: "pasangan calon tersebut"."""
    if case.race.legislative:
        return d.rng.choice(("calon anggota legislatif tersebut", "caleg tersebut"))
    if case.names_pair:
        return d.rng.choice(("pasangan calon tersebut", "paslon tersebut"))
    return "calon tersebut"


# -- the act ---------------------------------------------------------------------------------

def act_phrase(d: Draft, case: Case, candidates: str | None = None) -> str:
    """The act as a verb phrase; the candidates are named unless a reference is given."""
    if case.ticket is None:
        return case.phrasing.format(**case.details)
    return case.phrasing.format(cand=candidates or candidate_phrase(d, case), **case.details)


# -- ties and other people ---------------------------------------------------------------------

def _capitalised(text: str) -> str:
    return text[0].upper() + text[1:]


def family_sentence(d: Draft, case: Case, person: Person, who: str) -> tuple[str, LinkKey]:
    """A sentence stating `person`'s family tie to a candidate; `who` is how `person` is named."""
    rng, family = d.rng, person.family
    other = family.to
    title = candidate_title(case, other)
    name = d.name(other, rng.choice(CANDIDATE_STYLES))
    forms = [f"{_capitalised(who)} diketahui merupakan {family.relation} dari {title}, {name}.",
             f"Berdasarkan keterangan saksi, {who} adalah {family.relation} {title} {name}."]
    seen_from_candidate = converse(family.relation, other)
    if seen_from_candidate:
        forms.append(f"{_capitalised(title)}, {name}, merupakan {seen_from_candidate} dari {who}.")
    return rng.choice(forms), ("FAMILY", person.key, other.key)


def appointment_sentence(d: Draft, case: Case, who: str) -> tuple[str, LinkKey]:
    rng, person = d.rng, case.respondent
    appointment, office = person.appointment, person.office
    head = appointment.by
    head_name = d.name(head, rng.choice(("full", "plain", "front")))
    when = any_date(rng, appointment.on)
    form = rng.randrange(3)
    if form == 0:
        text = f"{_capitalised(who)} dilantik sebagai {office.phrase} oleh {head.position} {head_name} pada {when}."
    elif form == 1:
        text = (f"{head.position} {head_name} mengangkat {who} sebagai {office.phrase} melalui Keputusan "
                f"Nomor {appointment.decree} tanggal {when}.")
    else:
        text = (f"Jabatan {office.phrase} yang diduduki {who} diperoleh melalui pelantikan oleh {head_name} "
                f"selaku {head.position} pada {when}.")
    return text, ("APPOINTED_BY", person.key, head.key)


def co_actor_sentence(d: Draft, case: Case) -> tuple:
    """The village head who took part too, and the SUPPORTED links the sentence states."""
    rng, person = d.rng, case.co_actor
    name = d.name(person, rng.choice(("full", "plain")))
    reference = candidate_reference(d, case)
    text = rng.choice((
        f"Perbuatan tersebut dilakukan bersama {person.position}, {name}, yang turut menyatakan dukungan kepada {reference}.",
        f"{person.position}, {name}, turut serta dalam kegiatan tersebut dan mengajak warga mendukung {reference}.",
    ))
    return (text, *supported_links(case, person))


def tie_sentences(d: Draft, case: Case, co_actor_named: bool) -> None:
    """Say the ties this case shows, each in its own sentence (stating its link)."""
    if case.show_family:
        d.say(*family_sentence(d, case, case.respondent, respondent_ref(d, case)))
    if case.show_appointment:
        d.say(*appointment_sentence(d, case, respondent_ref(d, case)))
    if co_actor_named and case.show_co_actor_family:
        d.say(*family_sentence(d, case, case.co_actor, d.name(case.co_actor, "plain")))
