"""The UI in Indonesian (the default, and the language the templates are written in) or English.

Only the chrome is translated: labels, headings, buttons, and the names of stored codes (acts,
stages, outcomes, statuses, link types, sanction levels, kinds of documents). Legal text,
citations, names and evidence sentences are shown as written. `?lang=en|id` chooses the
language and a cookie keeps it. The JSON API answers in English (its field names and the search
API's messages are English), whatever the cookie says, unless ?lang= names another.

The translations are standard gettext catalogs read by Flask-Babel: the Indonesian text is the
message id, web/translations/en/LC_MESSAGES/messages.po holds the English (README,
"Translations", says how to update it with pybabel). The labels of codes are in the same catalog
with the context "term", so that "Perbuatan" as a heading ("Act") and as a timeline event
("Conduct") can differ.

Templates call `_("Indonesian text", name=value)` and `term(code)`; both return plain strings,
so Jinja's autoescaping applies to them (and to the values put into them) as to anything else.
Placeholders are `{name}` (str.format), as the catalog's "python-brace-format" flag says.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

from flask import Flask, g, has_request_context, request
from babel.dates import format_date
from flask_babel import Babel, force_locale, get_locale, get_translations

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
TRANSLATIONS = Path(__file__).parent / "translations"  # <language>/LC_MESSAGES/messages.po and .mo
# How a day reads in either language: "1 Juli 2016", "1 July 2016".
DAY_FORMAT = "d MMMM y"



def N_(text: str) -> str:
    """Marks `text` for the catalog where it is written down (a table of messages read later);
    `_` translates it where it is shown."""
    return text


def NC_(context: str, text: str) -> str:
    """N_ with a context (as GLib's NC_): `term` translates the labels below with it."""
    return text


# Stored codes -> their Indonesian label, marked for the catalog (context "term") where the
# English is. A code without a label is shown as stored.
LABELS = {
    # provision status and versions
    "in force": NC_("term", "berlaku"), "amended": NC_("term", "diubah"),
    "revoked": NC_("term", "dicabut"), "not yet in force": NC_("term", "belum berlaku"),
    "original": NC_("term", "asli"), "amend": NC_("term", "perubahan"),
    "insert": NC_("term", "sisipan"), "revoke": NC_("term", "pencabutan"),
    # case stages, steps and where a case came from
    "temuan_laporan": NC_("term", "Temuan/laporan"), "temuan": NC_("term", "Temuan"),
    "laporan": NC_("term", "Laporan"), "kajian": NC_("term", "Kajian"),
    "gakkumdu": NC_("term", "Sentra Gakkumdu"), "rekomendasi": NC_("term", "Rekomendasi"),
    "keputusan_ppk": NC_("term", "Keputusan PPK"), "sanksi": NC_("term", "Sanksi"),
    "register": NC_("term", "Register"), "laporan_publik": NC_("term", "Laporan publik"),
    "done": NC_("term", "selesai"), "current": NC_("term", "tahap saat ini"),
    "ahead": NC_("term", "belum"),
    # outcomes and link statuses; "unknown": a count of cases that do not say (graph/statistics.py)
    "proven": NC_("term", "terbukti"), "not_proven": NC_("term", "tidak terbukti"),
    "dismissed": NC_("term", "dihentikan"), "mixed": NC_("term", "sebagian terbukti"),
    "pending": NC_("term", "dalam proses"), "alleged": NC_("term", "diduga"),
    "unknown": NC_("term", "tidak diketahui"),
    # the acts (register families; the same words as search.cases.ACT_LABELS, a test checks)
    "social_media": NC_("term", "kampanye melalui media sosial"),
    "approaching_party": NC_("term", "mendekati partai politik sebagai bakal calon"),
    "banners": NC_("term", "memasang spanduk atau alat peraga kampanye"),
    "partisan_activity": NC_("term", "ikut kegiatan kampanye atau yang mengarah pada keberpihakan"),
    "declaration": NC_("term", "ikut dalam deklarasi bakal pasangan calon"),
    "favouring_decision": NC_("term", "membuat keputusan yang menguntungkan calon"),
    "state_facilities": NC_("term", "menggunakan fasilitas negara"),
    "mobilising_staff": NC_("term", "mengerahkan ASN lain"),
    "gifts": NC_("term", "memberikan barang atau uang"),
    "support_letter": NC_("term", "memberikan surat dukungan disertai fotokopi KTP"),
    "party_membership": NC_("term", "menjadi anggota atau pengurus partai politik"),
    # sanctions: their status and level (PP 94/2021 Pasal 8; PTDH as registers write it)
    "recommended": NC_("term", "direkomendasikan"), "imposed": NC_("term", "dijatuhkan"),
    "mentioned": NC_("term", "disebut"),
    "ringan": NC_("term", "ringan"), "sedang": NC_("term", "sedang"),
    "berat": NC_("term", "berat"), "moral": NC_("term", "sanksi moral"),
    "PTDH": NC_("term", "PTDH (pemberhentian dengan tidak hormat)"),
    # report triage, processing and roles
    "accepted": NC_("term", "diterima"), "merged": NC_("term", "digabungkan"),
    "rejected": NC_("term", "ditolak"), "all": NC_("term", "semua"),
    "submitted": NC_("term", "diajukan publik"), "queued": NC_("term", "dalam antrean"),
    "processing": NC_("term", "sedang diproses"), "processed": NC_("term", "sudah diproses"),
    "failed": NC_("term", "gagal"), "public": NC_("term", "publik"),
    "researcher": NC_("term", "peneliti"), "investigator": NC_("term", "penyelidik"),
    "admin": NC_("term", "admin"),
    # kinds of people, agencies and nodes
    "ASN": NC_("term", "ASN"), "Candidate": NC_("term", "Calon"),
    "Official": NC_("term", "Pejabat"), "Person": NC_("term", "Orang"),
    "Agency": NC_("term", "Instansi"), "Case": NC_("term", "Kasus"),
    "Position": NC_("term", "Jabatan"), "Region": NC_("term", "Wilayah"),
    "Election": NC_("term", "Pemilihan"), "Sanction": NC_("term", "Sanksi"),
    "Provision": NC_("term", "Ketentuan"),
    "school": NC_("term", "sekolah"), "dinas": NC_("term", "dinas daerah"),
    "police": NC_("term", "kepolisian"), "prosecutor": NC_("term", "kejaksaan"),
    # link types
    "SUPPORTED": NC_("term", "mendukung"), "FAMILY_OF": NC_("term", "keluarga dari"),
    "APPOINTED_BY": NC_("term", "diangkat oleh"),
    "RUNNING_MATE_OF": NC_("term", "pasangan calon dari"),
    "HOLDS_POSITION": NC_("term", "menjabat"), "EMPLOYED_BY": NC_("term", "bekerja pada"),
    "RESPONDENT_IN": NC_("term", "terlapor dalam"), "FOUND_BY": NC_("term", "ditemukan oleh"),
    "HANDLED_BY": NC_("term", "ditangani oleh"),
    "RECOMMENDED_BY": NC_("term", "direkomendasikan oleh"),
    "IN_REGION": NC_("term", "di wilayah"), "IN_ELECTION": NC_("term", "dalam pemilihan"),
    "RESULTED_IN": NC_("term", "berujung pada"), "SANCTIONED_BY": NC_("term", "dijatuhkan oleh"),
    "PART_OF": NC_("term", "bagian dari"), "MENTIONS": NC_("term", "menyebut"),
    # timeline events (graph/timeline.py EVENT_TYPES; the steps and link types are above)
    "conduct": NC_("term", "Perbuatan"), "sanction": NC_("term", "Sanksi"),
    "document": NC_("term", "Dokumen"),
    "named_in_report": NC_("term", "Disebut dalam laporan"),
    # kinds of documents
    "CaseDocument": NC_("term", "Dokumen kasus"), "Register": NC_("term", "Register kasus"),
    "Report": NC_("term", "Laporan pengawasan"),
    # alerts (graph/alerts.py): the patterns, the kinds of tie to a candidate, the states
    "candidate_tie": NC_("term", "ASN terkait calon dalam pemilihan yang sama"),
    "repeat_respondent": NC_("term", "ASN dalam dua kasus atau lebih"),
    "stalled_sanction": NC_("term", "Rekomendasi sanksi belum diputus"),
    "family": NC_("term", "keluarga"), "appointment": NC_("term", "pengangkatan"),
    "employment": NC_("term", "kepegawaian"),
    "alert_open": NC_("term", "terbuka"), "alert_new": NC_("term", "baru"),
    "alert_seen": NC_("term", "sudah dilihat"), "alert_dismissed": NC_("term", "diabaikan"),
    "alert_resolved": NC_("term", "tidak berlaku lagi"), "alert_all": NC_("term", "semua"),
}


def _page():
    """(translations, Locale) of the request's language, as Flask-Babel selects and loads them,
    looked up once per request: Flask-Babel's own lookup goes through several context proxies on
    every call (tens of µs), and a page with a long timeline translates thousands of strings and
    dates. So `_` and `format_day` speak the request's language; `term(code, language)` another."""
    try:
        page = g.get("_i18n")
    except RuntimeError:  # outside an app: the message ids
        return get_translations(), None
    if page is None:
        page = g._i18n = (get_translations(), get_locale())
    return page


def _(text: str, /, **values) -> str:
    """`text` (Indonesian) in the page's language, with `{name}` placeholders filled in."""
    translated = _page()[0].gettext(text)
    return translated.format(**values) if values else translated


def term(value: str | None, language: str | None = None) -> str:
    """How a stored code reads in the page's language (or in `language`); unknown codes as stored."""
    if value is None:
        return "—"
    label = LABELS.get(value)
    if label is None:
        return value
    if language is None or language == current_language():
        return _page()[0].pgettext("term", label)
    with force_locale(language):
        return get_translations().pgettext("term", label)


def format_day(value) -> str:
    """A day in the page's language, "1 Juli 2016" or "1 July 2016", from a date or an ISO text;
    anything else as given (a document may state a date no calendar knows)."""
    if value is None:
        return ""
    if hasattr(value, "to_native"):  # a neo4j.time.Date
        value = value.to_native()
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, datetime):
        value = value.date()
    return _day_in(value, current_language()) if isinstance(value, date) else str(value)


@lru_cache(maxsize=4096)
def _day_in(day: date, language: str) -> str:
    """Babel's format_date, remembered: it reads its pattern anew on every call (~50 µs), and a
    timeline shows the same days again and again."""
    return format_date(day, DAY_FORMAT, locale=language)


def document_name(document: dict | None, document_id: str | None = None) -> str:
    """A document as people know it, "TEMUAN BAWASLU KOTA SOLOK, 10 Oktober 2024": its title (a
    register has none: its kind and file name) and date (graph.case_views.document_labels); one
    not in the graph by its id."""
    if not document:
        return document_id or ""
    kind = term(document["kind"]) if document.get("kind") else None
    name = document.get("title") or " ".join(part for part in (kind, document.get("file")) if part) or document["id"]
    return f"{name}, {format_day(document['date'])}" if document.get("date") else name


def current_language() -> str:
    locale = _page()[1]
    return locale.language if locale is not None else DEFAULT_LANGUAGE


def chosen_language() -> str:
    """The API answers in English unless ?lang= asks for another (network.js asks for the page's,
    so that what it adds to a drawing reads like the page); a page in the language ?lang= asks
    for, else the cookie's, else Indonesian."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    asked = request.args.get("lang")
    if request.path.startswith("/api/"):
        return asked if asked in LANGUAGES else "en"
    return next(code for code in (asked, request.cookies.get(COOKIE), DEFAULT_LANGUAGE) if code in LANGUAGES)


def language_url(language: str) -> str:
    """This page in `language`: the same path and parameters, with lang replaced."""
    args = request.args.to_dict(flat=False)
    args["lang"] = [language]
    return f"{request.path}?{urlencode(args, doseq=True)}"


def init_app(app: Flask) -> None:
    # The templates get `_` and `term` from the context processor below, not Jinja's i18n
    # extension: its newstyle gettext fills %(name)s placeholders, the catalog's are {name}.
    Babel(app, default_locale=DEFAULT_LANGUAGE, default_translation_directories=str(TRANSLATIONS),
          locale_selector=chosen_language, configure_jinja=False)
    app.jinja_env.filters["term"] = term  # for lists of codes: levels|map("term")|join(", ")

    @app.after_request
    def remember_language(response):
        asked = request.args.get("lang")
        if asked in LANGUAGES and asked != request.cookies.get(COOKIE):
            response.set_cookie(COOKIE, asked, max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=True)
        if not request.path.startswith("/api/"):
            response.vary.add("Cookie")  # the same URL is served in either language
        return response

    @app.context_processor
    def language_helpers():
        return {"lang": current_language(), "_": _, "term": term, "format_day": format_day,
                "document_name": document_name, "language_url": language_url, "languages": LANGUAGES}


def reason_in_language(reason: str, patterns) -> str:
    """An English reason sentence, as search gives it, in the page's language: the Indonesian
    text of the first of `patterns` ((compiled regex, text with {group} fields)) that matches it
    whole; one not recognised is shown as written."""
    for pattern, text in patterns:
        found = pattern.fullmatch(reason)
        if found:
            return _(text, **found.groupdict())
    return reason
