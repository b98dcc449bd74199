"""The reporter's receipt: a report number and a secret code, with which /report/status tells the
reporter (no account) the report's public state and its date, and nothing else. The code's rules
(web/intake.py) without a server; the pages against the test session's Neo4j server and the
hand-written case fixtures, each test with its own data directory."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

import web.intake
from case_app_fixtures import loaded, settings  # noqa: F401 (fixtures)
from conftest import log_in
from search.masking import NUMBER
from web import create_app
from web.intake import (ACCEPTED, CLOSED, FAILED, FORWARDED, IN_REVIEW, MERGED, PENDING, PROCESSED, PROCESSING,
                        QUEUED, RECEIPT_ALPHABET, RECEIVED, REJECTED, Intake, Report, new_receipt_code,
                        public_state, receipt_hash, receipt_matches)

CODE_SHAPE = re.compile(rf"[{RECEIPT_ALPHABET}]{{4}}(?:-[{RECEIPT_ALPHABET}]{{4}}){{3}}")
PERSON_NAME = "Kurniawan Fiktifsyah"
CONTACT = "warga.fiktif@example.org"
REPORT = ("Pada 3 Oktober 2024, Kepala Dinas Pendidikan Kota Solok, Drs. Kurniawan Fiktifsyah, M.Si., "
          "NIP 19800101 200501 1 001, menghadiri deklarasi pasangan calon Wali Kota Solok nomor urut 2.")
NO_MATCH = "tidak cocok"
SUBMITTED = "2024-10-04T08:00:00+00:00"
HOSTILE_TARGET = receipt_hash("70KM-3HX1-9TRW-ZF2D")


def _report(**fields) -> Report:
    return Report(id="r20241004-a1b2c3d4", submitted_at=SUBMITTED, what=REPORT, **fields)


# -- the code ---------------------------------------------------------------------------------

def test_codes_are_four_groups_of_four_typable_symbols_and_never_repeat():
    codes = {new_receipt_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(CODE_SHAPE.fullmatch(code) for code in codes)
    assert not set("ILOU") & set("".join(codes)), "no look-alike letters"


def test_a_code_that_would_read_as_a_nip_is_drawn_again(monkeypatch):
    """The receipt page masks a run of 15 digits like any NIP: such a code is never issued."""
    draws = iter("1234567890123456" + "AB34567890123456")
    monkeypatch.setattr(web.intake.secrets, "choice", lambda alphabet: next(draws))
    code = new_receipt_code()
    assert code == "AB34-5678-9012-3456" and not NUMBER.search(code)


@pytest.mark.parametrize("typed", ["{code}", "{lower}", "{plain}", "  {spaced}  ", "{lookalikes}", "{fullwidth}"])
def test_the_code_matches_however_it_is_typed(typed):
    code = "70KM-3HX1-9TRW-ZF2D"
    report = _report(receipt=receipt_hash(code))
    typed = typed.format(code=code, lower=code.lower(), plain=code.replace("-", ""), spaced=" ".join(code),
                         lookalikes="7OKM-3HXl-9TRW-ZF2D", fullwidth="７０ＫＭ３ＨＸ１９ＴＲＷＺＦ２Ｄ")
    assert receipt_matches(report, typed)


@pytest.mark.parametrize("report, typed", [
    (None, "70KM-3HX1-9TRW-ZF2D"),  # no such report
    (_report(), "70KM-3HX1-9TRW-ZF2D"),  # a report sent before receipts: it has none
    (_report(), ""),
    (_report(receipt="scrypt$not-hex$nor-this"), "70KM-3HX1-9TRW-ZF2D"),  # a damaged record
    (_report(receipt=receipt_hash("70KM-3HX1-9TRW-ZF2D")), "70KM-3HX1-9TRW-ZF2E"),
    (_report(receipt=receipt_hash("70KM-3HX1-9TRW-ZF2D")), "70KM-3HX1-9TRW"),
    (_report(receipt=receipt_hash("70KM-3HX1-9TRW-ZF2D")), "70KM-3HX1-9TRW-ZF2D" + " " * 200),  # not a code
])
def test_anything_else_does_not_match(report, typed):
    assert not receipt_matches(report, typed)


def test_only_a_salted_hash_of_the_code_is_kept():
    code = new_receipt_code()
    first, second = receipt_hash(code), receipt_hash(code)
    assert first != second, "a salt of its own per report"
    assert code not in first and code.replace("-", "") not in first


def test_a_missing_report_costs_the_same_work_and_is_compared_in_constant_time(monkeypatch):
    """The answer's time must not tell which report numbers exist: a missing report, a report
    without a code, a wrong code and an overlong one each cost exactly one scrypt, and the
    hashes are compared with hmac.compare_digest."""
    scrypt_calls, compared = [], []
    real_scrypt, real_compare = hashlib.scrypt, web.intake.hmac.compare_digest
    monkeypatch.setattr(web.intake.hashlib, "scrypt", lambda *a, **k: scrypt_calls.append(k) or real_scrypt(*a, **k))
    monkeypatch.setattr(web.intake.hmac, "compare_digest", lambda a, b: compared.append(1) or real_compare(a, b))
    with_code = _report(receipt=receipt_hash("70KM-3HX1-9TRW-ZF2D"))
    for report, typed in [(None, "70KM-3HX1-9TRW-ZF2D"), (_report(), "X"), (with_code, "wrong"),
                          (with_code, "x" * 5000), (with_code, "70KM-3HX1-9TRW-ZF2D")]:
        scrypt_calls.clear()
        receipt_matches(report, typed)
        assert len(scrypt_calls) == 1 and scrypt_calls[0]["n"] == 2**14, (report, typed[:20])
    assert compared, "compared in constant time"


@hypothesis_settings(max_examples=40, deadline=None)
@given(typed=st.one_of(st.text(max_size=200), st.text(min_size=101, max_size=20_000),
                       st.text(alphabet=RECEIPT_ALPHABET + "-", min_size=16, max_size=19)))
def test_hostile_codes_never_match_and_never_fail(typed):
    assert receipt_matches(_report(receipt=HOSTILE_TARGET), typed) is False



# -- the public states ------------------------------------------------------------------------

@pytest.mark.parametrize("triage, processing, state, day", [
    (PENDING, QUEUED, RECEIVED, "2024-10-04"),
    (PENDING, PROCESSING, RECEIVED, "2024-10-04"),
    (PENDING, PROCESSED, IN_REVIEW, "2024-10-05"),
    (PENDING, FAILED, IN_REVIEW, "2024-10-04"),  # failed for good: no processed_at, read by an investigator as it is
    (ACCEPTED, PROCESSED, FORWARDED, "2024-10-09"),
    (MERGED, QUEUED, FORWARDED, "2024-10-09"),  # decided before the worker got to it
    (REJECTED, PROCESSED, CLOSED, "2024-10-09"),
])
def test_triage_and_processing_map_to_four_public_states(triage, processing, state, day):
    report = _report(triage=triage, processing=processing, triage_at="" if triage == PENDING else "2024-10-09T10:00:00+00:00",
                     processed_at="2024-10-05T01:00:00+00:00" if processing == PROCESSED else "")
    assert public_state(report) == (state, day)


# -- the pages --------------------------------------------------------------------------------

@pytest.fixture
def app(settings):
    return create_app(settings, rate_limits=False)


def _token(client, url):
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def _send(client) -> tuple[str, str, object]:
    """(number, code, the receipt page's response) of a report naming a person, with contact details."""
    response = client.post("/report", content_type="multipart/form-data", data={
        "csrf_token": _token(client, "/report"), "what": REPORT, "who": f"{PERSON_NAME}, Kadisdik Kota Solok",
        "where": "Kota Solok", "when": "2024-10-03", "reporter_name": "Warga Fiktif", "reporter_contact": CONTACT})
    assert response.status_code == 201, response.get_data(as_text=True)[:500]
    html = response.get_data(as_text=True)
    number = re.search(r'id="receipt-number">(r\d{8}-[0-9a-f]{8})<', html).group(1)
    code = re.search(r'id="receipt-code">([^<]+)<', html).group(1)
    return number, code, response


def _ask(client, number: str, code: str, lang: str = ""):
    url = "/report/status" + (f"?lang={lang}" if lang else "")
    return client.post(url, data={"csrf_token": _token(client, url), "number": number, "code": code})


def _personal_data_in(html: str) -> list[str]:
    """What the page's content (not its header, which names the logged-in viewer) shows of the
    report, its case, persons or triage."""
    html = re.search(r'<main id="main">(.*)</main>', html, re.S).group(1)
    words = [PERSON_NAME, "Fiktifsyah", "19800101", CONTACT, "Warga Fiktif", "Kadisdik", "Kota Solok", "deklarasi",
             "case:", "Bukan ASN", "test-investigator"]
    return [word for word in words if word.lower() in html.lower()]


def test_the_receipt_gives_a_number_and_a_code_shown_once_and_stored_only_as_a_hash(app, settings):
    number, code, response = _send(app.test_client())
    assert CODE_SHAPE.fullmatch(code)
    assert response.headers["Cache-Control"] == "no-store", "no cache keeps the code"
    assert not _personal_data_in(response.get_data(as_text=True))
    stored = (settings.home / "intake" / number / "report.json").read_text(encoding="utf-8")
    assert code not in stored and code.replace("-", "") not in stored and '"receipt": "scrypt$' in stored


def test_the_status_follows_the_report_and_shows_nothing_else(app, settings):
    reporter = app.test_client()
    number, code, _response = _send(reporter)
    intake = Intake(settings.home / "intake")

    def state(typed=code):
        response = _ask(reporter, number, typed)
        html = response.get_data(as_text=True)
        assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
        assert not _personal_data_in(html), _personal_data_in(html)
        return re.search(r'data-state="([a-z_]+)"', html).group(1), html

    assert state()[0] == RECEIVED
    assert state(code.lower().replace("-", " "))[0] == RECEIVED, "typed as a person would"
    intake.update(number, lambda report: setattr(report, "processing", PROCESSED))
    assert state()[0] == IN_REVIEW
    investigator = log_in(app.test_client(), settings, "investigator")
    decided = investigator.post(f"/triage/{number}", data={"csrf_token": _token(investigator, "/triage"),
                                                           "action": "reject", "reason": "Bukan ASN"})
    assert decided.status_code == 302
    closed, html = state()
    assert closed == CLOSED and "Ditutup" in html, "the reason for the rejection stays with the investigators"


def test_a_wrong_number_and_a_wrong_code_get_the_same_answer(app):
    reporter = app.test_client()
    number, code, _response = _send(reporter)
    other_number, other_code, _response = _send(reporter)

    def answer(typed_number, typed_code):
        response = _ask(reporter, typed_number, typed_code)
        html = response.get_data(as_text=True)
        return response.status_code, re.search(r'role="alert"[^>]*>([^<]+)<', html).group(1), "data-state" in html

    wrong = [answer(number, other_code), answer(other_number, code), answer("r20241004-a1b2c3d4", code),
             answer(number, ""), answer("", "")]
    assert len(set(wrong)) == 1 and wrong[0][0] == 404 and NO_MATCH in wrong[0][1] and not wrong[0][2]


@hypothesis_settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=st.one_of(st.text(max_size=100), st.just("../../etc/passwd"), st.just("r20241004-a1b2c3d4\x00"),
                        st.text(min_size=1000, max_size=5000)),
       code=st.one_of(st.text(max_size=100), st.text(min_size=1000, max_size=25_000),
                      st.just("' OR 1=1 --"), st.just("<script>alert(1)</script>")))
def test_hostile_numbers_and_codes_get_a_clear_answer_never_an_error(app, number, code):
    response = _ask(app.test_client(), number, code)
    html = response.get_data(as_text=True)
    assert response.status_code in (400, 404), response.status_code  # 400: longer than any form field may be
    assert "Traceback" not in html and "<script>alert" not in html and "data-state" not in html


def test_the_status_form_needs_its_csrf_token_and_is_rate_limited(settings):
    client = create_app(settings).test_client()  # with rate limits
    assert client.post("/report/status", data={"number": "r20241004-a1b2c3d4", "code": "X"}).status_code == 400
    token = _token(client, "/report/status")
    statuses = [client.post("/report/status", data={"csrf_token": token, "number": "r20241004-a1b2c3d4",
                                                    "code": f"WRONG-{i}"}).status_code for i in range(11)]
    assert statuses[:10] == [404] * 10 and statuses[10] == 429
    assert client.get("/report/status").status_code == 200, "showing the form is free"


def test_the_receipt_and_status_pages_read_in_english(app):
    reporter = app.test_client()
    reporter.get("/report?lang=en")
    number, code, response = _send(reporter)
    assert "Receipt code" in response.get_data(as_text=True)
    html = _ask(reporter, number, code, lang="en").get_data(as_text=True)
    assert "Received" in html and "Since" in html and "We have received your report" in html
    assert "does not match" in _ask(reporter, number, "nope", lang="en").get_data(as_text=True)


def test_a_logged_in_researcher_sees_the_same_status_and_nothing_more(app, settings):
    number, code, _response = _send(app.test_client())
    researcher = log_in(app.test_client(), settings, "researcher")
    html = _ask(researcher, number, code).get_data(as_text=True)
    assert 'data-state="received"' in html and not _personal_data_in(html)
    investigator = log_in(app.test_client(), settings, "investigator")
    assert not _personal_data_in(_ask(investigator, number, code).get_data(as_text=True)), "whatever the role"


def test_a_report_sent_before_receipts_has_no_status_to_show(app, settings):
    number, _code, _response = _send(app.test_client())
    Intake(settings.home / "intake").update(number, lambda report: setattr(report, "receipt", ""))
    assert _ask(app.test_client(), number, "").status_code == 404


def test_intake_reads_reports_saved_without_a_receipt(tmp_path):
    """report.json files written before receipts existed have no `receipt` field."""
    intake = Intake(tmp_path / "intake")
    saved = intake.save(replace(_report(), id="r20241004-b1b2c3d4"), [])
    path = tmp_path / "intake" / saved.id / "report.json"
    path.write_text(re.sub(r',\s*"receipt": "[^"]*"', "", path.read_text(encoding="utf-8")), encoding="utf-8")
    assert intake.get(saved.id).receipt == "" and public_state(intake.get(saved.id))[0] == RECEIVED
