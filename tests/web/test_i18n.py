"""The UI's two languages (web/i18n.py): the gettext catalog is complete and compiled, every
stored code has a label in both languages, and a page's language follows ?lang= and the cookie.
No database: the pages asked for here (the login form) do not read the graph."""

from __future__ import annotations

import dataclasses
import string
from datetime import date

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from flask import Flask
from flask_babel import force_locale
from hypothesis import given, settings as hypothesis_settings, strategies as st

from core.config import load_settings
from web import create_app, i18n
from web.i18n import LABELS, _, format_day, term
from paths import REPO

CATALOG = REPO / "web/translations/en/LC_MESSAGES"
FIX = "run `pybabel compile -d web/translations` (README, Translations)"


def _extracted() -> dict[tuple[str, str | None], str]:
    """(msgid, msgctxt) -> where, for every message Babel's extraction finds in web/ (babel.cfg)."""
    with open(REPO / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config, "babel.cfg")
    return {(message, context): f"web/{path}:{line}"
            for path, line, message, _comments, context in extract_from_dir(str(REPO / "web"), method_map, options_map)}


def _po():
    with open(CATALOG / "messages.po", "rb") as po:
        return read_po(po)


def _fields(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    settings = dataclasses.replace(load_settings({}), home=tmp_path_factory.mktemp("i18n-home"))
    return create_app(settings, rate_limits=False)


# -- the catalog ---------------------------------------------------------------------------------

def test_every_message_in_the_code_has_an_english_translation():
    catalog = _po()
    extracted = _extracted()
    assert len(extracted) > 300 and sum(context == "term" for _id, context in extracted) > 80
    missing = [f"{where}: {message!r}" + (f" (context {context})" if context else "")
               for (message, context), where in sorted(extracted.items(), key=lambda item: item[1])
               if not (found := catalog.get(message, context)) or not found.string or found.fuzzy]
    assert missing == [], ("messages without an English msgstr in web/translations/en/LC_MESSAGES/messages.po "
                           "(or marked fuzzy): " + "; ".join(missing))


def test_the_catalog_holds_no_message_the_code_no_longer_has():
    extracted = _extracted()
    stale = [message.id for message in _po() if message.id and (message.id, message.context) not in extracted]
    assert stale == [], "pybabel update (README, Translations) marks them obsolete"


def test_no_translation_loses_or_renames_a_placeholder():
    changed = [(message.id, message.string) for message in _po()
               if message.id and message.string and _fields(message.id) != _fields(message.string)]
    assert changed == []


def test_the_compiled_catalog_is_the_catalog():
    with open(CATALOG / "messages.mo", "rb") as mo:
        compiled = {(message.id, message.context): message.string for message in read_mo(mo) if message.id}
    written = {(message.id, message.context): message.string for message in _po()
               if message.id and message.string and not message.fuzzy}
    assert compiled == written, f"messages.mo is older than messages.po: {FIX}"


# -- labels of codes ---------------------------------------------------------------------------

def _codes() -> dict[str, set[str]]:
    """Every code the graph stores that pages, facets, statistics and exports show."""
    from casegen.acts import ACTS
    from graph.case_views import STEP_ORDER
    from graph.cases import DOCUMENT_KINDS
    from graph.timeline import EVENT_TYPES
    from graph.trace import STATUS_RANK, TRACE_TYPES
    from ingest.case_pipeline import STAGE_RANK
    from search.cases import ACT_LABELS, OUTCOME_WORDS

    return {
        "acts": {act.family for act in ACTS} | set(ACT_LABELS),
        "outcomes": set(OUTCOME_WORDS) | {"unknown"},
        "stages": set(STAGE_RANK) | set(STEP_ORDER) | {"sanksi", "submitted", "laporan_publik"},
        "link types": set(TRACE_TYPES.split("|")),
        "timeline events": set(EVENT_TYPES),
        "statuses": {status for status in STATUS_RANK if status} | {"in force", "amended", "revoked",
                                                                    "not yet in force", "recommended", "imposed"},
        "sanction levels": {"ringan", "sedang", "berat", "moral", "PTDH"},
        "document kinds": set(DOCUMENT_KINDS),
    }


def test_every_code_has_an_indonesian_and_an_english_label(app):
    unlabelled = {kind: sorted(codes - set(LABELS)) for kind, codes in _codes().items() if codes - set(LABELS)}
    assert unlabelled == {}
    with app.test_request_context():
        for code in LABELS:
            indonesian, english = term(code, "id"), term(code, "en")
            assert indonesian and english and "_" not in indonesian + english, code


def test_acts_read_as_search_words_them():
    from search.cases import ACT_LABELS

    # outside a request a label is its message id: the Indonesian
    assert {code: str(LABELS[code]) for code in ACT_LABELS} == ACT_LABELS


def test_labels_in_either_language(app):
    with app.test_request_context("/?lang=en"):
        assert term("social_media") == "campaigning on social media" and term("not_proven") == "not proven"
        assert term("conduct") == "Conduct" and _("Perbuatan") == "Act"  # a code's label has its own context
        assert term("no such code") == "no such code" and term(None) == "—"
        assert term("proven", "id") == "terbukti" and term("proven") == "proven"  # a language asked for, then back
    with app.test_request_context("/"):
        assert term("social_media") == "kampanye melalui media sosial" and term("berat") == "berat"


# -- text, placeholders and dates --------------------------------------------------------------

def test_placeholders_are_filled_in_the_language_of_the_page(app):
    with app.test_request_context("/?lang=en"):
        assert _("Kasus {number}", number="001/Reg") == "Case 001/Reg"
        assert _("Teks yang belum diterjemahkan {x}", x=1) == "Teks yang belum diterjemahkan 1"
    with app.test_request_context("/"):
        assert _("Kasus {number}", number="001/Reg") == "Kasus 001/Reg"


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_a_value_put_into_a_message_is_never_read_as_a_placeholder(value):
    app = _plain_app()
    with app.test_request_context("/?lang=en"):
        assert _("Kasus {number}", number=value) == f"Case {value}"


def _plain_app() -> Flask:
    app = Flask(__name__)
    i18n.init_app(app)
    return app


def test_days_read_in_the_language_of_the_page(app):
    with app.test_request_context("/"):
        assert format_day("2016-07-01") == "1 Juli 2016" and format_day(date(2023, 10, 31)) == "31 Oktober 2023"
    with app.test_request_context("/?lang=en"):
        assert format_day("2016-07-01") == "1 July 2016" and format_day("2024-10-03T10:00:00") == "3 October 2024"
        assert format_day("2024-13-45") == "2024-13-45" and format_day("kemarin") == "kemarin"
        assert format_day(None) == ""


# -- choosing the language ---------------------------------------------------------------------

def test_the_language_is_chosen_per_request_and_kept_in_a_cookie(app):
    browser = app.test_client()
    assert '<html lang="id">' in browser.get("/login").get_data(as_text=True)
    english = browser.get("/login?lang=en")
    assert "lang=en" in english.headers["Set-Cookie"] and "Cookie" in english.headers["Vary"]
    html = english.get_data(as_text=True)
    assert '<html lang="en">' in html and "Account name" in html and "Nama akun" not in html
    assert "Account name" in browser.get("/login").get_data(as_text=True)  # the cookie remembers
    assert "Set-Cookie" not in browser.get("/login?lang=en").headers  # already chosen
    assert "Nama akun" in browser.get("/login?lang=id").get_data(as_text=True)
    assert "Nama akun" in browser.get("/login?lang=fr").get_data(as_text=True)  # unknown: keep the cookie's


def test_the_api_answers_in_english_whatever_the_cookie_says(app):
    browser = app.test_client()
    browser.get("/login?lang=id")
    answer = browser.get("/api/v1/search?q=x&type=nonsense")
    assert answer.status_code == 400 and "type must be one of" in answer.get_json()["error"]["message"]


@hypothesis_settings(max_examples=60, deadline=None)
@given(st.text(max_size=2000), st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7e,
                                                                exclude_characters=';,"\\'), max_size=200))
def test_odd_languages_asked_for_fall_back_to_indonesian(asked, cookie):
    app = _plain_app()
    if cookie in i18n.LANGUAGES:
        return
    with app.test_request_context("/", query_string={"lang": asked}, headers={"Cookie": f"lang={cookie}"}):
        assert i18n.current_language() == (asked if asked in i18n.LANGUAGES else "id")


# -- pages and exports on cases (the session's Neo4j) ------------------------------------------

TITLED = """type: case
title: Temuan atas Kurniawan Fiktifsyah
---
TEMUAN BAWASLU KOTA SOLOK
Nomor: 005/Reg/TM/PW/Kota/03.72/X/2024

Pada 11 Oktober 2024, Bawaslu Kota Solok menemukan bahwa Kurniawan Fiktifsyah mengunggah ajakan memilih Bambang Contoh.

Padang, 12 Oktober 2024
"""


@pytest.fixture(scope="module")
def case_app(session_graph, server_settings, tmp_path_factory):
    from timeline_fixtures import load_timeline_corpus, write_timeline_corpus

    folder = write_timeline_corpus(tmp_path_factory.mktemp("i18n-cases") / "docs")
    (folder / "t004-temuan.txt").write_text(TITLED, encoding="utf-8")  # a title with a person's name
    load_timeline_corpus(session_graph, folder)
    return create_app(server_settings, rate_limits=False)


@pytest.fixture(scope="module")
def investigator(case_app, server_settings):
    from conftest import log_in

    return log_in(case_app.test_client(), server_settings, "investigator")


def _text(client, url: str) -> str:
    """What a page shows (tags out), checked for a 200."""
    import re
    from html import unescape

    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:1000]
    return unescape(" ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split()))


def test_a_case_page_shows_labels_and_dates_in_its_language(investigator):
    indonesian = _text(investigator, "/cases/r001?lang=id")
    assert "Perbuatan kampanye melalui media sosial ( 5 Oktober 2024 )" in indonesian
    assert "sedang pemotongan tunjangan kinerja" in indonesian
    english = _text(investigator, "/cases/r001?lang=en")
    investigator.get("/?lang=id")
    assert "Act campaigning on social media ( 5 October 2024 )" in english
    assert "moderate pemotongan tunjangan kinerja" in english and "Register kasus" not in english
    for text in (indonesian, english):  # the code is left only in the register's line, the evidence as written
        assert "Perbuatan social_media" not in text and "Act social_media" not in text and "register:" not in text


def test_documents_show_their_title_and_date_not_their_id(investigator):
    page = _text(investigator, "/cases/t001")
    assert "BADAN KEPEGAWAIAN NEGARA, 20 November 2024" in page  # the documents table, the stages, the evidence
    assert "BADAN KEPEGAWAIAN NEGARA, 20 November 2024, karakter" in page
    assert "casedoc:" not in page, "an id only in links and tooltips"
    assert "Register kasus register.jsonl" in _text(investigator, "/cases/r001")  # a register: no title
    from case_fixtures import NIP

    entity = _text(investigator, f"/entities/person:{NIP}")
    assert "BADAN KEPEGAWAIAN NEGARA, 20 November 2024, karakter" in entity and "casedoc:" not in entity
    trace = _text(investigator, f"/trace?a=person:{NIP}&b=person:t001-rekomendasi%23p2")
    assert "BADAN KEPEGAWAIAN NEGARA, 20 November 2024" in trace and "casedoc:" not in trace


def test_a_title_naming_a_person_is_masked_for_a_researcher(case_app, server_settings):
    from conftest import log_in

    researcher = log_in(case_app.test_client(), server_settings, "researcher")
    page = _text(researcher, "/cases/t004")
    assert "Temuan atas" in page and "Kurniawan" not in page and "Fiktifsyah" not in page


def _export(client, query: str) -> dict[str, list[dict]]:
    import csv
    import io
    import zipfile

    response = client.get(f"/api/v1/export?format=csv{query}")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.get_data())) as archive:
        return {name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))
                for name in ("nodes.csv", "edges.csv")}


def test_the_csv_export_gives_codes_and_their_words(investigator, case_app, server_settings):
    from conftest import log_in

    tables = _export(investigator, "")
    case = next(row for row in tables["nodes.csv"] if row["id"] == "case:r001")
    assert '"act": "social_media"' in case["properties"], "the codes as stored"
    assert (case["label_text"], case["act_text"], case["outcome_text"]) == ("Case", "campaigning on social media",
                                                                           "proven")
    supported = next(row for row in tables["edges.csv"] if row["type"] == "SUPPORTED")
    assert supported["type_text"] == "supported" and supported["status_text"] in ("proven", "alleged", "not proven")
    indonesian = _export(investigator, "&lang=id")
    case = next(row for row in indonesian["nodes.csv"] if row["id"] == "case:r001")
    assert (case["label_text"], case["act_text"]) == ("Kasus", "kampanye melalui media sosial")
    assert _export(investigator, "&lang=%3Cscript%3E")["nodes.csv"][0].keys() == tables["nodes.csv"][0].keys()
    researcher = log_in(case_app.test_client(), server_settings, "researcher")
    masked = _export(researcher, "&lang=id")
    assert "Kurniawan" not in str(masked) and any(row["act_text"] for row in masked["nodes.csv"])
