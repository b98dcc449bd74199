"""What described conduct likely breaks (web/conduct.py, templates/_conduct.html): the bundle on
the search page and in /api/v1/search, and as suggestions in the triage view of a report and on
the case page. The bundle itself is search/conduct.py's business: here `conduct_bundle` is a
stand-in returning a fixed bundle (and the search engine one returning fixed results), so these
tests say what the pages and the API do with a bundle, whatever the ranking does."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import date

import pytest

import search.conduct
from case_app_fixtures import loaded, settings  # noqa: F401 (fixtures)
from conftest import log_in
from core.errors import NetraError
from search.conduct import CRIMINAL, PROHIBITION, ROLES, SANCTION, BundleItem, ConductBundle
from search.engine import SearchResult
from web import create_app
from web.api import OPENAPI
from web.conduct import MAX_CONDUCT_CHARS, REASONS, capped, case_conduct_date, case_conduct_text, conduct_view, reason_text
from web.intake import Intake, Report

HOSTILE = "<script>alert(1)</script>"
CONDUCT_QUERY = "kepala dinas mengumpulkan pegawai dan mengajak memilih pasangan nomor 1"
REPORT_TEXT = ("Pada 3 Oktober 2024, Kepala Dinas Pendidikan Kota Solok, Drs. Kurniawan Fiktifsyah, M.Si., "
               "mengumpulkan para guru dan mengajak mereka memilih pasangan calon nomor urut 2.")


def _bundle(day=date(2019, 5, 1), from_question=True, roles=ROLES, **hostile) -> ConductBundle:
    items = {
        PROHIBITION: BundleItem(PROHIBITION, "pp/2021/94/pasal-5/huruf-n", "Pasal 5 huruf n PP 94/2021",
                                "PNS dilarang memberikan dukungan kepada calon Presiden/Wakil Presiden, " * 6,
                                "in force", "", ["matches the words of the question",
                                                 "mengajak memilih: memberikan dukungan"]),
        SANCTION: BundleItem(SANCTION, "pp/2010/53/pasal-12/angka-9", "Pasal 12 angka 9 PP 53/2010",
                             "Hukuman disiplin sedang dijatuhkan bagi pelanggaran terhadap larangan ...",
                             "revoked", "revoked by PP 94/2021 from 2021-08-31",
                             ["punishes the breach of Pasal 5 huruf n PP 94/2021", "disciplinary sanction level: sedang"],
                             {"kind": "revoked", "citation": "PP 94/2021", "date": "2021-08-31"}),
        CRIMINAL: BundleItem(CRIMINAL, "uu/2017/7/pasal-494", "Pasal 494 UU 7/2017",
                             "Setiap aparatur sipil negara ... dipidana dengan pidana kurungan paling lama 1 tahun",
                             "not yet in force", "", []),
    }
    chosen = [items[role] for role in roles]
    for field_name, value in hostile.items():
        chosen = [replace(item, **{field_name: value}) for item in chosen]
    return ConductBundle(day, from_question, chosen)


class _Calls:
    """A stand-in for search.conduct.conduct_bundle: answers `bundle` (or raises it) and records each call."""

    def __init__(self, bundle):
        self.bundle, self.calls = bundle, []

    def __call__(self, engine, query, as_of=None, results=None):
        self.calls.append({"engine": engine, "query": query, "as_of": as_of,
                           **({"results": results} if results is not None else {})})
        if isinstance(self.bundle, BaseException):
            raise self.bundle
        return self.bundle


@pytest.fixture
def conduct(monkeypatch):
    """Install a bundle: `conduct(bundle)` -> the recorder of the calls."""
    def install(bundle):
        calls = _Calls(bundle)
        monkeypatch.setattr(search.conduct, "conduct_bundle", calls)
        return calls
    return install


class _FixedEngine:
    """Stands in for the search engine: two provisions for any question, no case index."""

    graph = None  # facets of provisions come from the results themselves

    def search(self, query, kind="provision", **options):
        if kind != "provision":
            return []
        return [SearchResult("pp/2021/94/pasal-5", "Pasal 5 PP 94/2021", {"type": "PP", "year": 2021}, "teks", 1.0),
                SearchResult("pp/2021/94/pasal-8", "Pasal 8 PP 94/2021", {"type": "PP", "year": 2021}, "teks", 0.5)]

    def case_retriever(self):
        raise NetraError("no case index in this test")


@pytest.fixture
def app(settings):
    app = create_app(settings, rate_limits=False)
    app.extensions["netra"].engine = _FixedEngine()
    return app


@pytest.fixture
def anonymous(app):
    return app.test_client()


@pytest.fixture
def as_role(app, settings):
    return lambda role: log_in(app.test_client(), settings, role)


def _html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:2000]
    return response.get_data(as_text=True)


def _section(html: str) -> str:
    found = re.search(r'<section class="conduct".*?</section>', html, re.S)
    return found.group(0) if found else ""


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# -- the search page --------------------------------------------------------------------------

def test_the_search_page_shows_the_bundle_first_with_links_statuses_and_reasons(anonymous, conduct):
    calls = conduct(_bundle())
    html = _html(anonymous, f"/?q={CONDUCT_QUERY}&lang=id")
    section = _section(html)
    assert section and html.index('class="conduct"') < html.index('class="results"'), "above the results"
    text = _text(section)
    assert "Ketentuan yang kemungkinan dilanggar" in text
    assert "Hukum pada 1 Mei 2019: tanggal yang disebut dalam pertanyaan." in text
    assert re.findall(r"<dt>([^<]+)</dt>", section) == ["Larangan", "Hukuman disiplin", "Pidana"]
    assert 'href="/provisions/pp/2021/94/pasal-5/huruf-n?as_of=2019-05-01">Pasal 5 huruf n PP 94/2021</a>' in section
    assert 'href="/provisions/uu/2017/7/pasal-494?as_of=2019-05-01"' in section
    assert "berlaku pada 1 Mei 2019" in text
    assert "sudah dicabut per 1 Mei 2019: dicabut oleh PP 94/2021 sejak 31 Agustus 2021" in text
    assert "belum berlaku pada 1 Mei 2019" in text
    assert "<li>cocok dengan kata-kata pertanyaan</li>" in section, "the engine's reasons, in the page's language"
    assert "<li>sanksi atas pelanggaran Pasal 5 huruf n PP 94/2021</li>" in section
    assert "<li>tingkat hukuman disiplin: sedang</li>" in section
    assert "<li>mengajak memilih: memberikan dukungan</li>" in section, "one not known: as written"
    shown = re.search(r'<p class="conduct-text">([^<]+)</p>', section).group(1)
    assert shown.endswith("…") and len(shown) <= 201, "the first ~200 characters of a long text"
    assert calls.calls == [{"engine": calls.calls[0]["engine"], "query": CONDUCT_QUERY, "as_of": None}]


def test_the_search_page_says_the_bundle_in_english(anonymous, conduct):
    conduct(_bundle(from_question=False, day=date(2024, 10, 3)))
    section = _section(_html(anonymous, f"/?q={CONDUCT_QUERY}&as_of=2024-10-03&lang=en"))
    text = _text(section)
    assert "Provisions the described conduct likely breaks" in text
    assert "The law on 3 October 2024: the search date (the question names no date)." in text
    assert re.findall(r"<dt>([^<]+)</dt>", section) == ["Prohibition", "Disciplinary sanction", "Criminal provision"]
    assert "in force on 3 October 2024" in text
    assert "revoked as of 3 October 2024: revoked by PP 94/2021 from 31 August 2021" in text
    assert "not yet in force on 3 October 2024" in text
    assert "<li>matches the words of the question</li>" in section
    assert "<li>punishes the breach of Pasal 5 huruf n PP 94/2021</li>" in section
    assert "Larangan" not in text and "berlaku" not in text


def test_a_role_without_an_item_is_left_out_and_no_bundle_shows_nothing(anonymous, conduct):
    conduct(_bundle(roles=(PROHIBITION,)))
    section = _section(_html(anonymous, f"/?q={CONDUCT_QUERY}"))
    assert re.findall(r"<dt>([^<]+)</dt>", section) == ["Larangan"]
    conduct(None)
    html = _html(anonymous, f"/?q={CONDUCT_QUERY}")
    assert 'class="results"' in html and 'class="conduct' not in html and "kemungkinan dilanggar" not in html
    conduct(_bundle(roles=()))  # a bundle without items: nothing either
    assert 'class="conduct' not in _html(anonymous, f"/?q={CONDUCT_QUERY}")


def test_the_stub_shows_nothing(anonymous):
    html = _html(anonymous, f"/?q={CONDUCT_QUERY}")
    assert 'class="results"' in html and 'class="conduct' not in html


def test_the_bundle_is_asked_for_on_page_one_of_a_provision_search_only(anonymous, as_role, conduct):
    calls = conduct(_bundle())
    assert 'class="conduct' not in _html(anonymous, f"/?q={CONDUCT_QUERY}&page=2&page_size=1")
    researcher = as_role("researcher")
    for kind in ("case", "all"):
        assert 'class="conduct' not in _html(researcher, f"/?q={CONDUCT_QUERY}&type={kind}")
        assert researcher.get(f"/api/v1/search?q={CONDUCT_QUERY}&type={kind}").get_json()["conduct"] is None
    assert calls.calls == []


def test_hostile_text_in_a_bundle_is_escaped(anonymous, conduct):
    conduct(_bundle(citation=HOSTILE, text=HOSTILE, note=HOSTILE, reasons=[HOSTILE, '"><img src=x onerror=alert(1)>'],
                    status=HOSTILE, role=PROHIBITION, id='x"><script>alert(2)</script>'))
    html = _html(anonymous, f"/?q={CONDUCT_QUERY}")
    section = _section(html)
    assert section and "&lt;script&gt;alert(1)&lt;/script&gt;" in section
    assert "<script>" not in html and "<img src=x" not in html and 'x"><' not in html


@pytest.mark.parametrize("query", [
    "pasal " * 333 + "ab",  # the longest a parameter may be
    "\u202e\ufeff\U0001F600 pégawai ꦥꦼꦒꦮꦻ \u0000 guru \u200b menyukai \x07 unggahan calon",
    '<b>guru</b> "><img src=x onerror=alert(1)> menyukai <script>alert(1)</script> unggahan',
])
def test_hostile_queries_reach_the_bundle_capped_and_break_nothing(anonymous, conduct, query):
    calls = conduct(_bundle(text=query, reasons=[query], note=query))
    response = anonymous.get("/", query_string={"q": query})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Traceback" not in html
    assert "<script>" not in html and "<img src=x" not in html
    sent = calls.calls[0]["query"]
    assert len(sent) <= MAX_CONDUCT_CHARS and not re.search(r"[\x00-\x1f\x7f]", sent)
    body = anonymous.get("/api/v1/search", query_string={"q": query}).get_json()
    assert body["conduct"]["items"][0]["text"] == query, "the API gives the bundle as the engine made it"


@pytest.mark.parametrize("failure", [NetraError("the conduct index is not built"), RuntimeError("a bug")])
def test_a_failing_bundle_is_logged_and_the_page_stands(anonymous, conduct, caplog, failure):
    conduct(failure)
    with caplog.at_level(logging.WARNING, logger="netra.conduct"):
        html = _html(anonymous, f"/?q={CONDUCT_QUERY}")
        body = anonymous.get(f"/api/v1/search?q={CONDUCT_QUERY}").get_json()
    assert 'class="results"' in html and 'class="conduct' not in html
    assert body["conduct"] is None and body["results"]
    assert any(str(failure) in record.getMessage() or record.exc_info for record in caplog.records
               if record.name == "netra.conduct")


# -- the API ----------------------------------------------------------------------------------

def test_the_api_gives_the_bundle_as_conduct(anonymous, conduct):
    bundle = _bundle()
    calls = conduct(bundle)
    body = anonymous.get(f"/api/v1/search?q={CONDUCT_QUERY}").get_json()
    assert body["conduct"] == bundle.to_json()
    assert body["conduct"] == {
        "as_of": "2019-05-01", "date_from_question": True,
        "items": [{"role": "prohibition", "id": "pp/2021/94/pasal-5/huruf-n", "citation": "Pasal 5 huruf n PP 94/2021",
                   "text": bundle.items[0].text, "status": "in force", "note": "", "change": None,
                   "reasons": ["matches the words of the question", "mengajak memilih: memberikan dukungan"]},
                  {"role": "sanction", "id": "pp/2010/53/pasal-12/angka-9", "citation": "Pasal 12 angka 9 PP 53/2010",
                   "text": bundle.items[1].text, "status": "revoked", "note": "revoked by PP 94/2021 from 2021-08-31",
                   "change": {"kind": "revoked", "citation": "PP 94/2021", "date": "2021-08-31"},
                   "reasons": ["punishes the breach of Pasal 5 huruf n PP 94/2021", "disciplinary sanction level: sedang"]},
                  {"role": "criminal", "id": "uu/2017/7/pasal-494", "citation": "Pasal 494 UU 7/2017",
                   "text": bundle.items[2].text, "status": "not yet in force", "note": "", "change": None,
                   "reasons": []}]}
    assert calls.calls[-1]["as_of"] is None
    anonymous.get(f"/api/v1/search?q={CONDUCT_QUERY}&as_of=2019-05-01")
    assert calls.calls[-1]["as_of"] == date(2019, 5, 1), "a chosen date is the date of the conduct"
    anonymous.get(f"/api/v1/search?q={CONDUCT_QUERY}&as_of={date.today().isoformat()}")
    assert calls.calls[-1]["as_of"] is None, "today's, which the form always sends, leaves it to the question"
    conduct(None)
    assert anonymous.get(f"/api/v1/search?q={CONDUCT_QUERY}").get_json()["conduct"] is None


def test_the_search_answer_with_and_without_a_bundle_fits_its_openapi_schema(anonymous, as_role, conduct):
    schema = {"$ref": "#/components/schemas/SearchResults"}
    conduct(_bundle())
    _check(anonymous.get(f"/api/v1/search?q={CONDUCT_QUERY}").get_json(), schema)
    conduct(None)
    _check(anonymous.get(f"/api/v1/search?q={CONDUCT_QUERY}").get_json(), schema)
    _check(as_role("researcher").get(f"/api/v1/search?q={CONDUCT_QUERY}&type=case").get_json(), schema)


def test_openapi_describes_the_conduct_bundle():
    schemas = OPENAPI["components"]["schemas"]
    conduct = schemas["SearchResults"]["properties"]["conduct"]
    assert conduct["nullable"] is True and conduct["allOf"] == [{"$ref": "#/components/schemas/ConductBundle"}]
    bundle, item = schemas["ConductBundle"], schemas["ConductItem"]
    assert set(bundle["properties"]) == set(bundle["required"]) == set(_bundle().to_json())
    assert set(item["properties"]) == set(item["required"]) == set(_bundle().items[0].to_json())
    assert item["properties"]["role"]["enum"] == list(ROLES) == ["prohibition", "sanction", "criminal"]
    assert item["properties"]["status"]["enum"] == schemas["Provision"]["properties"]["status"]["enum"]
    _check(_bundle().to_json(), {"$ref": "#/components/schemas/ConductBundle"})
    with pytest.raises(AssertionError):
        _check({**_bundle().to_json(), "items": [{**_bundle().items[0].to_json(), "role": "other"}]},
               {"$ref": "#/components/schemas/ConductBundle"})


def test_every_reference_in_the_openapi_document_resolves():
    refs = re.findall(r'"\$ref": "([^"]+)"', __import__("json").dumps(OPENAPI))
    assert "#/components/schemas/ConductItem" in refs
    for ref in refs:
        _resolve(ref)


def _resolve(ref: str) -> dict:
    assert ref.startswith("#/"), ref
    node = OPENAPI
    for part in ref[2:].split("/"):
        node = node[part]
    return node


TYPES = {"string": str, "boolean": bool, "integer": int, "number": (int, float), "array": list, "object": dict}


def _check(value, schema: dict, where: str = "$") -> None:
    """`value` against an OpenAPI 3.0 schema: the parts this document uses ($ref, allOf, nullable,
    type, enum, required, properties, items, date format)."""
    if "$ref" in schema:
        return _check(value, _resolve(schema["$ref"]), where)
    if value is None:
        assert schema.get("nullable"), f"{where} is null"
        return
    for part in schema.get("allOf", []):
        _check(value, part, where)
    if "enum" in schema:
        assert value in schema["enum"], f"{where}: {value!r} not in {schema['enum']}"
    kind = schema.get("type")
    if kind:
        assert isinstance(value, TYPES[kind]) and not (kind in ("integer", "number") and isinstance(value, bool)), \
            f"{where}: {value!r} is not {kind}"
    if schema.get("format") == "date":
        date.fromisoformat(value)
    if kind == "object":
        assert not set(schema.get("required", [])) - set(value), f"{where} lacks {schema['required']}"
        for name, part in schema.get("properties", {}).items():
            if name in value:
                _check(value[name], part, f"{where}.{name}")
    if kind == "array" and "items" in schema:
        for number, item in enumerate(value):
            _check(item, schema["items"], f"{where}[{number}]")


# -- triage and the case page -----------------------------------------------------------------

def _report(settings, **fields) -> Report:
    report = Report(id="r20241004-0123abcd", submitted_at="2024-10-04T08:00:00+00:00", what=REPORT_TEXT,
                    who="Kurniawan Fiktifsyah, Kadisdik Kota Solok", when="2024-10-03", **fields)
    return Intake(settings.home / "intake").save(report, [])


def test_triage_shows_the_provisions_a_report_likely_breaks(settings, anonymous, as_role, conduct):
    report = _report(settings)
    calls = conduct(_bundle(day=date(2024, 10, 3), from_question=False))
    investigator = as_role("investigator")
    html = _html(investigator, f"/triage/{report.id}?lang=id")
    section = _section(html)
    assert "Ketentuan yang kemungkinan dilanggar" in section and "Saran, bukan putusan" in section
    assert "Hukum pada 3 Oktober 2024: tanggal kejadian yang tercatat." in _text(section)
    assert re.findall(r"<dt>([^<]+)</dt>", section) == ["Larangan", "Hukuman disiplin", "Pidana"]
    assert "<li>mengajak memilih: memberikan dukungan</li>" in section
    assert calls.calls[-1]["as_of"] == date(2024, 10, 3)
    assert calls.calls[-1]["query"] == capped(f"Terlapor: {report.who}. {REPORT_TEXT}"), "who acted, and what"
    english = _section(_html(investigator, f"/triage/{report.id}?lang=en"))
    assert "Provisions the described conduct likely breaks" in english and "Suggestions, not a finding" in english
    # Who may see it is as before: investigators only.
    assert as_role("researcher").get(f"/triage/{report.id}").status_code == 403
    assert anonymous.get(f"/triage/{report.id}").status_code == 302
    assert len(calls.calls) == 2, "only the investigator's two views asked"


def test_triage_caps_a_long_report_and_shows_nothing_when_no_bundle_or_a_failure(settings, as_role, conduct, caplog):
    report = _report(settings)
    Intake(settings.home / "intake").update(report.id, lambda stored: setattr(stored, "what", "guru mengajak " * 700))
    calls = conduct(_bundle(day=date(2024, 10, 3), from_question=False))
    investigator = as_role("investigator")
    assert _section(_html(investigator, f"/triage/{report.id}"))
    assert len(calls.calls[-1]["query"]) <= MAX_CONDUCT_CHARS
    conduct(None)
    html = _html(investigator, f"/triage/{report.id}")
    assert "Uraian kejadian" in html and not _section(html)
    conduct(RuntimeError("a bug"))
    with caplog.at_level(logging.WARNING, logger="netra.conduct"):
        html = _html(investigator, f"/triage/{report.id}")
    assert "Uraian kejadian" in html and not _section(html)
    assert any(record.name == "netra.conduct" for record in caplog.records)


def test_the_case_page_shows_suggestions_from_what_the_case_says_was_done(as_role, conduct):
    # Case t001 states no act date; its finding dates the claim of support: 10 October 2024.
    calls = conduct(_bundle(day=date(2024, 10, 10), from_question=False))
    investigator = as_role("investigator")
    case_page = _html(investigator, "/cases/case:t001")
    assert not calls.calls, "the case page loads its suggestions after it (static/load-after.js)"
    assert case_page.index('data-src="/cases/case:t001/suggestions"') < case_page.index('id="similar"')
    html = _html(investigator, "/cases/case:t001/suggestions")
    section = _section(html)
    assert "Ketentuan yang kemungkinan dilanggar" in section and "Saran, bukan putusan" in section
    assert "Hukum pada 10 Oktober 2024: tanggal kejadian yang tercatat." in _text(section)
    assert 'href="/provisions/pp/2021/94/pasal-5/huruf-n?as_of=2024-10-10"' in section
    assert html.index('id="case-conduct"') < html.index('class="conduct"')
    sent = calls.calls[-1]
    assert sent["as_of"] == date(2024, 10, 10)
    assert "menyampaikan sambutan dukungan" in sent["query"] and "Kepala Dinas Pendidikan" in sent["query"]
    assert sent["query"].startswith("Terlapor: ") and len(sent["query"]) <= MAX_CONDUCT_CHARS
    assert "Disciplinary sanction" in _section(_html(investigator, "/cases/case:t001/suggestions?lang=en"))
    conduct(None)
    html = _html(investigator, "/cases/case:t001/suggestions?lang=id")
    assert "tidak cukup untuk menyarankan" in html and not _section(html)


def test_a_researcher_sees_case_suggestions_from_a_text_without_names(as_role, anonymous, conduct):
    calls = conduct(_bundle(from_question=False))
    html = _html(as_role("researcher"), "/cases/case:t001/suggestions")
    assert _section(html)
    sent = calls.calls[-1]["query"]
    assert "menyampaikan sambutan dukungan" in sent
    assert "Kurniawan" not in sent and "Fiktifsyah" not in sent and "197806202005011003" not in sent
    assert anonymous.get("/cases/case:t001").status_code == 302  # the case page needs its role, as before
    assert anonymous.get("/cases/case:t001/suggestions").status_code == 302


def test_a_failing_bundle_leaves_the_suggestions_page_standing(as_role, conduct):
    for failure in (NetraError("no index"), RuntimeError("a bug")):
        conduct(failure)
        html = _html(as_role("investigator"), "/cases/case:t001/suggestions")
        assert "Kembali ke kasus" in html and not _section(html)


# -- the glue, without a server ---------------------------------------------------------------

def test_capped_cuts_at_a_word_and_drops_control_characters():
    assert capped("  a\x00b\tc\n d ") == "a b c d"
    long = "kata " * 1000
    cut = capped(long)
    assert len(cut) <= MAX_CONDUCT_CHARS and cut.endswith("kata") and capped(None) == ""
    assert capped("x" * 5000) == "x" * MAX_CONDUCT_CHARS  # one long word: cut anyway


def test_case_conduct_text_reads_positions_and_claims_not_register_lines():
    from graph.case_views import CaseLink, CasePerson, CaseView

    def link(kind, sentence, detail=None, document="t1-temuan"):
        return CaseLink(kind, "person:c", "Calon", "Person", "alleged", detail, None, document, 0, 1, sentence)

    person = CasePerson("person:a", "A", "ASN", None, ["Kepala Dinas Pendidikan"], [], True,
                        [link("RESPONDENT_IN", "disebut terlapor"), link("SUPPORTED", "A mengajak guru memilih."),
                         link("SUPPORTED", '{"act_label": "x"}', "mengunggah ajakan", "register:cases/r.jsonl#1")])
    view = CaseView("case:x", None, None, None, None, "social_media", None, [], [], [], [person], [], [])
    assert case_conduct_text(view) == "Terlapor: Kepala Dinas Pendidikan. A mengajak guru memilih. mengunggah ajakan"
    bare = replace(view, people=[])
    assert case_conduct_text(bare) == "social media"
    dated = replace(person, links=[replace(link("SUPPORTED", "s"), date=day) for day in ("2024-10-12", "2024-10-10", None)])
    assert case_conduct_date(replace(view, people=[dated])) == date(2024, 10, 10)
    assert case_conduct_date(replace(view, people=[dated], act_date="2024-09-01")) == date(2024, 9, 1)
    assert case_conduct_date(bare) is None


def _app_with_languages():
    from flask import Flask

    from web import i18n

    app = Flask(__name__)
    i18n.init_app(app)
    return app


def test_every_known_reason_reads_back_in_either_language():
    examples = {"punishes the breach of (?P<citation>.+)": "punishes the breach of Pasal 494 UU 7/2017",
                "disciplinary sanction level: (?P<level>.+)": "disciplinary sanction level: berat"}
    sentences = [examples.get(pattern.pattern, pattern.pattern) for pattern, _text in REASONS]
    app = _app_with_languages()
    with app.test_request_context("/?lang=en"):
        assert [reason_text(sentence) for sentence in sentences] == sentences
    with app.test_request_context("/?lang=id"):
        assert all(reason_text(sentence) != sentence for sentence in sentences)
        assert reason_text("something new") == "something new"


def test_conduct_view_orders_roles_shortens_texts_and_drops_a_note_that_repeats_the_status():
    bundle = _bundle(roles=(CRIMINAL, PROHIBITION))
    bundle.items.append(BundleItem("unknown role", "x", "X", "teks", "in force"))
    bundle.items[0].note = "not yet in force"
    with _app_with_languages().test_request_context("/?lang=id"):
        view = conduct_view(bundle)
    assert [row.role for row in view.rows] == [PROHIBITION, CRIMINAL], "roles in order, unknown ones out"
    assert view.rows[1].items[0].note == "" and view.as_of == "2019-05-01"
    assert len(view.rows[0].items[0].text) <= 201 and view.rows[0].items[0].text.endswith("…")
    assert conduct_view(None) is None and conduct_view(_bundle(roles=())) is None
    assert conduct_view(object()) is None, "a bundle not as the interface says shows nothing"
