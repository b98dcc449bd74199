"""Fictional, plausible Minangkabau/Indonesian names and the titles worn with them.

Names are built from the lists below (first name, optionally a second name); many ASN carry a
single name, as is common in West Sumatra, which also makes namesakes frequent. Combinations that
name real public figures, or copy the hand-made development set, are never produced.

Titles: academic degrees in front (Dr., Drs., Dra., Ir., dr.) and behind (S.Pd., M.Si., ...),
religious (H., Hj.) and, for some older men, a Minangkabau adat title ("Datuak Rajo Basa",
abbreviated "Dt."). Following the development gold, the adat title is part of the name.
"""

from __future__ import annotations

import random

MALE_NAMES = (
    "Afdhal", "Afrinal", "Amrizal", "Andrison", "Ardinal", "Arman", "Asrizal", "Azwirman", "Basrizal",
    "Darmansyah", "Dasrizal", "Defrianto", "Delfiandri", "Desrizal", "Edwar", "Efrinaldi", "Elvison",
    "Erizal", "Ermanto", "Fadlizon", "Fauzan", "Febrizal", "Ferdinal", "Firdaus", "Gusrizal", "Hafizon",
    "Hamdani", "Hardiansyah", "Hendrizal", "Irwandi", "Irzal", "Jasrizal", "Jonnedi", "Khairul",
    "Kurniadi", "Masrizal", "Mardius", "Muslimin", "Novrizal", "Oktarizal", "Pebrianto", "Refdinal",
    "Rinaldi", "Safrizal", "Syafrinal", "Syahrial", "Usman", "Wendra", "Yasrizal", "Yulfadri",
    "Yusrizal", "Zainal", "Zulhendri", "Zulkarnaini", "Zulfadli", "Yuhendra", "Rusdi", "Mulyadi",
    "Eldi", "Ikhwan", "Gusnadi", "Ridwan", "Mardison", "Wirman", "Alfiadi", "Budiarman", "Dedi Hendra",
    "Yondri", "Nofrizon", "Riswandi", "Syamsul", "Ilham", "Fikri", "Rahmat", "Zulmi", "Herman",
)
FEMALE_NAMES = (
    "Afriyanti", "Agustina", "Desmawati", "Elvira", "Erlinda", "Ernawati", "Fitriani", "Gusmiati",
    "Hasnidar", "Helmawati", "Jusmaniar", "Kasmawati", "Lidya", "Marlina", "Mardiana", "Mulyani",
    "Nofrita", "Novita", "Nurhayati", "Oktavia", "Puspita", "Rahmi", "Refni", "Rosmaniar", "Sasmita",
    "Syafrida", "Syamsinar", "Vivi", "Wahyuni", "Wirdanengsih", "Yelfia", "Yenni", "Yusnimar",
    "Zuraida", "Zulfiani", "Delvi", "Efrida", "Jusnidar", "Misnawati", "Nurmaida", "Yusmanidar",
    "Desi Ratnasari", "Rika Oktaviani", "Silvia", "Mesra", "Yulinar", "Hayatun", "Ratna Dewita",
    "Feni", "Susilawati", "Nelvi", "Afdiani",
)
# Second names: fathers' names and Minangkabau clan (suku) names, used as family names.
SECOND_NAMES = (
    "Mardanis", "Syukri", "Hakimi", "Rasyid", "Yunus", "Harun", "Nazar", "Rais", "Chaniago", "Piliang",
    "Tanjung", "Sikumbang", "Jambak", "Guci", "Pitopang", "Koto", "Saputra", "Syahputra", "Rahman",
    "Ilyas", "Bakri", "Jamal", "Idris", "Sulaiman", "Anwar", "Hamzah", "Mansur", "Munir", "Efendi",
    "Yusuf", "Kasim", "Darwis", "Nurdin", "Syamsuddin", "Syafei", "Rusli", "Darmawi", "Adnan", "Yahya",
    "Rivai", "Bustami", "Mukhtar", "Basri", "Salim", "Marzuan", "Zubir", "Yasin", "Djamaris",
)
FEMALE_SECOND_NAMES = ("Putri", "Sari", "Yulianti", "Fitri", "Wulandari", "Kartika", "Handayani")
ADAT_TITLES = (
    "Rajo Basa", "Bandaro Kayo", "Sati", "Rangkayo Mulia", "Panghulu Basa", "Tumangguang",
    "Majo Indo", "Malako Nan Putiah", "Sinaro Panjang", "Gadang Batuah", "Mangkuto Sati", "Paduko Rajo",
    "Sutan Marajo", "Bagindo Basa", "Simarajo", "Palimo Kayo",
)

# Real public figures (West Sumatra's governors and mayors, national leaders, famous namesakes of
# common names): never generated. Kept short on purpose.
REAL_PUBLIC_FIGURES = frozenset({
    "Mahyeldi Ansharullah", "Audy Joinaldy", "Irwan Prayitno", "Nasrul Abit", "Gamawan Fauzi",
    "Vasko Ruseimy", "Andre Rosiade", "Fadly Amran", "Hendri Septa", "Erman Safar", "Epyardi Asda",
    "Zul Elfian", "Riza Falepi", "Genius Umar", "Joko Widodo", "Prabowo Subianto", "Anies Baswedan",
    "Ganjar Pranowo", "Gibran Rakabuming Raka", "Muhaimin Iskandar", "Mahfud MD", "Taufik Hidayat",
    "Rudi Hartono",
})
# The people of the hand-made development set (/work/shared/eval/cases-dev): not reused.
DEV_SET_NAMES = frozenset({
    "Afrizal Munaf", "Taufik Hidayat", "Sari Rahmadani", "Wulan Permatasari", "Benny Oktavianus",
    "Hasnul Arifin", "Marzuki", "Lisa Andriani", "Yendri", "Rudi Hartono",
})
_NEVER = {name.lower() for name in REAL_PUBLIC_FIGURES | DEV_SET_NAMES}

# Degrees by profession: (bachelor-level, master-level, front title) choices.
DEGREES = {
    "admin": (("S.Sos.", "S.H.", "S.E.", "S.IP.", "S.AP.", "S.Ag."), ("M.Si.", "M.AP.", "M.M.", "M.H."), ("Drs.",)),
    "governance": (("S.STP.", "S.IP.", "S.Sos."), ("M.Si.", "M.AP."), ("Drs.",)),
    "teacher": (("S.Pd.", "S.Pd.I.", "S.Pd.SD."), ("M.Pd.",), ("Drs.",)),
    "doctor": ((), ("M.Kes.", "Sp.PD.", "Sp.A.", "MARS."), ("dr.",)),
    "nurse": (("A.Md.Kep.", "S.Kep., Ns.", "A.Md.Keb."), ("M.Kep.",), ()),
    "ict": (("S.Kom.", "S.T.", "S.Si."), ("M.Kom.", "M.T."), ()),
    "engineer": (("S.T.",), ("M.T.", "M.Eng."), ("Ir.",)),
    "agriculture": (("S.P.", "S.Pt."), ("M.P.", "M.Si."), ("Ir.",)),
    "finance": (("S.E.", "S.Ak."), ("M.M.", "M.Ak."), ("Drs.",)),
    "law": (("S.H.",), ("M.H.", "M.Kn."), ()),
    "staff": (("A.Md.", "S.E.", "S.Sos."), (), ()),
    "politician": (("S.H.", "S.E.", "S.Sos.", "S.Ag.", "S.T."), ("M.Si.", "M.M.", "M.H.", "M.Pd."), ("Ir.", "Drs.")),
}


def _compose(rng: random.Random, sex: str, single_name_rate: float) -> str:
    first = rng.choice(MALE_NAMES if sex == "L" else FEMALE_NAMES)
    if " " in first or rng.random() < single_name_rate:
        return first
    seconds = SECOND_NAMES + (FEMALE_SECOND_NAMES if sex == "P" else ())
    return f"{first} {rng.choice(seconds)}"


def personal_name(rng: random.Random, sex: str, single_name_rate: float = 0.25) -> str:
    """A fictional name without titles; never a real public figure's or a development-set name."""
    while True:
        name = _compose(rng, sex, single_name_rate)
        if name.lower() not in _NEVER:
            return name


def adat_title(rng: random.Random) -> str:
    return f"Datuak {rng.choice(ADAT_TITLES)}"


def degree_titles(rng: random.Random, profession: str, birth_year: int, doctorate_rate: float = 0.03
                  ) -> tuple[list[str], list[str]]:
    """(front, back) academic titles for someone of this profession and age."""
    bachelors, masters, fronts = DEGREES[profession]
    front: list[str] = []
    back: list[str] = []
    old_style = birth_year < 1970 and "Drs." in fronts  # "Drs." degrees ended in the early 1990s
    if "dr." in fronts:
        front.append("dr.")
    elif "Ir." in fronts and rng.random() < 0.35:
        front.append("Ir.")
    elif old_style and rng.random() < 0.5:
        front.append("Drs.")
    elif bachelors and rng.random() < 0.9:
        back.append(rng.choice(bachelors))
    if masters and rng.random() < 0.35:
        back.append(rng.choice(masters))
    if rng.random() < doctorate_rate:
        front.insert(0, "Dr.")
    return front, back


def feminine_titles(titles: list[str]) -> list[str]:
    """Women carry "Dra." for "Drs."."""
    return ["Dra." if title == "Drs." else title for title in titles]
