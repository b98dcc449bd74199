"""Timelines (graph/timeline.py) of cases, persons, agencies and elections, on the hand-written case
documents plus a register and a report (tests/timeline_fixtures.py)."""

import pytest

from case_fixtures import NIP
from core.errors import NetraError
from graph.timeline import MAX_EVENTS, RANKS, case_timeline, timeline, timeline_of
from timeline_fixtures import BAWASLU, ELECTION, REGISTER_NIP, load_timeline_corpus

pytestmark = pytest.mark.neo4j

DISMISSED_NIP = "197912012006041002"  # Andi Samaran, case t002: not proven, dismissed


@pytest.fixture(scope="module")
def loaded(session_graph, tmp_path_factory):
    load_timeline_corpus(session_graph, tmp_path_factory.mktemp("timeline") / "docs")
    return session_graph


def _summary(view):
    return [(event.date, event.type) for event in view.events]


def _in_order(view) -> bool:
    """Dated events by date (and within a day in the order of the steps), then the undated."""
    keys = [(event.date is None, event.date or "", RANKS[event.type]) for event in view.events]
    return keys == sorted(keys)


# -- ordering -----------------------------------------------------------------------------------

def test_a_case_in_date_order_step_by_step(loaded):
    view = case_timeline(loaded, "r001")
    assert view.id == "case:r001" and view.label == "Case" and view.name == "009/Reg/LP/PW/Kota/03.72/XI/2024"
    assert _in_order(view) and view.total == len(view.events) and view.more == 0 and not view.undated
    steps = [(date, kind) for date, kind in _summary(view) if kind not in ("HOLDS_POSITION", "EMPLOYED_BY")]
    assert steps == [("2024-10-05", "conduct"), ("2024-10-05", "SUPPORTED"), ("2024-10-07", "laporan"),
                     ("2024-10-12", "kajian"), ("2024-11-01", "rekomendasi"), ("2024-12-02", "keputusan_ppk"),
                     ("2024-12-02", "sanction")]
    by_type = {event.type: event for event in view.events}
    assert all(event.dated_by == "register" and event.document["kind"] == "Register" for event in view.events)
    assert all(event.sentence and '"case_id": "r001"' in event.sentence for event in view.events)  # its register line
    assert by_type["laporan"].agency["id"] == BAWASLU and by_type["rekomendasi"].agency["name"] == "BKN"
    sanction = by_type["sanction"]
    assert sanction.status == "imposed" and sanction.detail == "sedang: pemotongan tunjangan kinerja"
    assert sanction.agency["name"] == "Wali Kota Solok"
    assert by_type["conduct"].detail == "social_media"  # the act's code (the web and CLI say it in words)
    assert by_type["SUPPORTED"].subject["name"] == "Rina Contohwati"
    assert by_type["SUPPORTED"].other["name"] == "Bambang Contoh"


def test_case_documents_are_dated_by_their_own_date_with_their_evidence(loaded):
    view = case_timeline(loaded, "case:t001")
    assert _in_order(view)
    conduct = next(event for event in view.events if event.type == "SUPPORTED" and event.date)
    assert conduct.date == "2024-10-10" and conduct.dated_by == "sentence" and conduct.status == "alleged"
    assert conduct.document == {"id": "casedoc:t001-temuan", "title": "TEMUAN BAWASLU KOTA SOLOK", "date": None,
                                "kind": "CaseDocument"}
    assert conduct.sentence.startswith("Pada Kamis, 10 Oktober 2024") and conduct.start < conduct.end
    recommendation = next(event for event in view.events if event.type == "rekomendasi")
    assert (recommendation.date, recommendation.dated_by) == ("2024-11-20", "document")  # "Jakarta, 20 November 2024"
    assert recommendation.agency["name"] == "BKN" and recommendation.status == "proven"
    assert recommendation.document["title"] == "BADAN KEPEGAWAIAN NEGARA"
    sanction = next(event for event in view.events if event.type == "sanction")
    assert sanction.date == "2024-11-20" and sanction.status == "recommended"
    assert "merekomendasikan" in sanction.sentence and sanction.detail.startswith("sedang: pemotongan")
    # relations are not events: the pair's running mate link is left out, though its sentence has a date
    assert not {"RUNNING_MATE_OF", "FAMILY_OF", "RESPONDENT_IN"} & {event.type for event in view.events}


# -- undated events -------------------------------------------------------------------------------

def test_undated_events_come_last_and_say_so(loaded):
    view = case_timeline(loaded, "t001")
    dated, undated = view.dated, view.undated
    assert dated and undated and view.events == dated + undated
    assert view.to_json()["undated"] == len(undated)
    finding = next(event for event in undated if event.type == "temuan")  # the finding bears no date
    assert finding.dated_by is None and finding.agency["id"] == BAWASLU
    assert finding.sentence == "TEMUAN BAWASLU KOTA SOLOK"  # its agency's evidence, from the first character
    assert [event.type for event in undated] == ["temuan"]
    # a link whose sentence gives no date is dated by its document: when the recommendation found it proven
    proven = next(event for event in dated if event.type == "SUPPORTED" and event.status == "proven")
    assert (proven.date, proven.dated_by) == ("2024-11-20", "document")
    assert proven.document["id"] == "casedoc:t001-rekomendasi" and "terbukti" in proven.sentence
    assert [event.date for event in view.years()[0][1]] == [event.date for event in dated if event.date[:4] == "2024"]


def test_a_date_that_is_not_a_date_counts_as_undated(loaded):
    view = case_timeline(loaded, "r002")  # the register gives its act date as "kemarin"
    assert [(event.date, event.type, event.status) for event in view.events] == [(None, "SUPPORTED", "not_proven")]


# -- each kind of entity --------------------------------------------------------------------------

def test_a_person_has_its_links_and_the_steps_of_its_cases(loaded):
    view = timeline(loaded, "Person", f"person:{NIP}")
    assert view.name == "Kurniawan Fiktifsyah" and _in_order(view)
    kinds = {event.type for event in view.events}
    assert {"SUPPORTED", "rekomendasi", "sanction", "temuan"} <= kinds
    assert {event.case["id"] for event in view.events} == {"case:t001"}
    assert all(event.subject["id"] == f"person:{NIP}" for event in view.events if event.type == "SUPPORTED")
    register = timeline_of(loaded, REGISTER_NIP)  # found by NIP
    assert register.label == "Person" and ("2024-12-02", "sanction") in _summary(register)


def test_a_candidate_has_the_support_it_received_not_the_cases_against_others(loaded):
    candidate = loaded.read("MATCH (p:Person {name: 'Bambang Contoh'})<-[:SUPPORTED]-(:Person {nip: $nip}) "
                            "RETURN p.id AS id", nip=NIP)[0]["id"]
    view = timeline(loaded, "Person", candidate)
    assert {event.type for event in view.events} == {"SUPPORTED"}
    assert {event.other["id"] for event in view.events} == {candidate}
    assert {event.subject["name"] for event in view.events} >= {"Kurniawan Fiktifsyah", "Andi Samaran"}
    assert {event.status for event in view.events if event.case["id"] == "case:t002"} == {"not_proven"}


def test_an_agency_has_the_steps_it_took_the_sanctions_it_imposed_and_the_reports_naming_it(loaded):
    bawaslu = timeline_of(loaded, "Bawaslu Kota Solok")
    assert bawaslu.id == BAWASLU and _in_order(bawaslu)
    assert _summary(bawaslu) == [("2024-10-07", "laporan"), ("2024-11-02", "kajian"), ("2024-12-20", "named_in_report"),
                                 (None, "temuan")]
    report = bawaslu.events[2]
    assert report.document["kind"] == "Report"
    assert report.document["title"] == "Laporan Pengawasan Pilkada 2024 Kota Solok"
    assert report.case is None and report.dated_by == "document"
    bkn = timeline_of(loaded, "BKN")
    assert _summary(bkn) == [("2024-11-01", "rekomendasi"), ("2024-11-20", "rekomendasi")]
    ppk = timeline_of(loaded, "agency:wali-kota-solok")
    assert [(event.type, event.status, event.case["id"]) for event in ppk.events] == [
        ("sanction", "imposed", "case:r001")]


def test_an_election_has_everything_about_its_cases(loaded):
    view = timeline_of(loaded, "Pilkada 2024 Kota Solok")  # by name, case aside
    assert view.id == ELECTION and view.label == "Election" and _in_order(view)
    assert {event.case["id"] for event in view.events} == {"case:r001", "case:r002"}
    assert view.undated == [view.events[-1]] and view.events[-1].case["id"] == "case:r002"
    assert timeline_of(loaded, "election:pilkada-2024").events[0].type == "named_in_report"  # what the report names


# -- bounded, one read ----------------------------------------------------------------------------

def test_a_limit_keeps_the_earliest_and_counts_the_rest(loaded):
    whole = case_timeline(loaded, "r001")
    first = case_timeline(loaded, "r001", limit=3)
    assert first.total == whole.total and first.more == whole.total - 3 and first.events == whole.events[:3]
    assert first.to_json()["shown"] == 3 and first.to_json()["more"] == whole.total - 3
    with pytest.raises(NetraError, match="1 to 500"):
        case_timeline(loaded, "r001", limit=0)


def test_a_hub_answers_at_most_the_cap_with_the_total(loaded):
    loaded.write("""
        MERGE (g:Agency {id: 'agency:hub-timeline', name: 'Hub Timeline'})
        WITH g UNWIND range(1, 620) AS n
        CREATE (d:Document:CaseDocument {id: 'casedoc:hub-' + n, date: '2023-01-' + right('0' + (n % 28 + 1), 2)})
        CREATE (c:Case {id: 'case:hub-' + n})
        CREATE (d)-[:ABOUT {stage: 'temuan', document_id: d.id}]->(c)
        CREATE (c)-[:FOUND_BY {document_id: d.id, sentence: 'Temuan ' + n}]->(g)""")
    try:
        view = timeline(loaded, "Agency", "agency:hub-timeline")
        assert view.total == 620 and len(view.events) == MAX_EVENTS and view.more == 120 and _in_order(view)
        assert view.events[0].date == "2023-01-01" and view.events[-1].date <= "2023-01-28"
    finally:
        loaded.write("MATCH (n) WHERE n.id STARTS WITH 'casedoc:hub-' OR n.id STARTS WITH 'case:hub-' "
                     "OR n.id = 'agency:hub-timeline' DETACH DELETE n")


def test_each_timeline_is_one_read(loaded):
    class Counting:
        def __init__(self, graph):
            self.graph, self.reads = graph, 0

        def read(self, cypher, **params):
            self.reads += 1
            return self.graph.read(cypher, **params)

    for label, node_id in (("Case", "case:t001"), ("Person", f"person:{NIP}"), ("Agency", BAWASLU),
                           ("Election", ELECTION)):
        counting = Counting(loaded)
        assert timeline(counting, label, node_id).events and counting.reads == 1, label


# -- unknown and hostile ------------------------------------------------------------------------

def test_nothing_named_is_a_clear_error(loaded):
    with pytest.raises(NetraError, match="No case, person, agency or election 'Tidak Ada' in the graph"):
        timeline_of(loaded, "Tidak Ada")
    with pytest.raises(NetraError, match="names 2 things"):
        timeline_of(loaded, "Andi Samaran")  # two namesakes
    with pytest.raises(NetraError, match="Name a case"):
        timeline_of(loaded, "   ")
    assert case_timeline(loaded, "nope") is None and timeline(loaded, "Person", "person:nope") is None
    with pytest.raises(ValueError):
        timeline(loaded, "Provision) DETACH DELETE (n", "x")


@pytest.mark.parametrize("text", [
    "') MATCH (n) DETACH DELETE n //", "${id}", "`", "x" * 10_000, "\u202e\ufeff\U0001F600 pégawai", "pasal\x009",
    "case:' OR 1=1 //", "person:\u0000", "election:{id: 1}",
])
def test_hostile_names_are_only_not_found(loaded, text):
    before = loaded.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    with pytest.raises(NetraError, match="No case, person, agency or election"):
        timeline_of(loaded, text)
    for label in ("Case", "Person", "Agency", "Election"):
        assert timeline(loaded, label, text) is None
    assert loaded.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == before
