"""The entity network at a hub (web/network.py, /api/v1/entities/<id>/network, the entity page):
groups decided by the server and opened a page at a time, hubs as `netra trace --hub-degree` calls
them, filters by type, status and date, masking, and hostile parameters.

The grouping rules are tested on links made here (no server); everything else on a register of
500 cases reported to one Bawaslu office (tests/network_fixtures.py) in the real Neo4j."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

from case_app_fixtures import json_of, page_of
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from conftest import log_in
from graph.entities import LinkView
from network_fixtures import BKN, CANDIDATES, FIRST, HUB, HUB_CASES, LAST, SCHOOLS, TWO_CANDIDATES, load_hub_graph, respondent
from web.network import GROUP_SIZE, NETWORK_NODES, grouped_keys, member_sets, neighbours_of

TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"/")
HUB_DEGREE = 100  # graph/trace.py's default


def _link(other: str, link_type: str = "FOUND_BY", label: str = "Case", status: str | None = None,
          direction: str = "in") -> LinkView:
    return LinkView(link_type, direction, other, other, label, status, None, None, None, None, None, None, None)


# -- the grouping rules, without a server -----------------------------------------------------------

def test_parallel_links_are_one_edge_with_the_strongest_status_and_their_count():
    links = [_link("case:a", status="alleged"), _link("case:a", status="proven"), _link("case:a", status=None)]
    edge = neighbours_of(links, {})["case:a"].edges[("FOUND_BY", "in")]
    assert (edge.status, edge.links) == ("proven", 3)


def test_a_large_set_is_a_group_and_a_small_one_is_not():
    sets = {"FOUND_BY:in:Case": [f"case:{i}" for i in range(GROUP_SIZE + 1)],
            "RECOMMENDED_BY:in:Case": [f"case:{i}" for i in range(GROUP_SIZE)]}
    assert grouped_keys(sets) == {"FOUND_BY:in:Case"}


def test_hubs_of_one_kind_are_a_group_from_two_and_a_lone_hub_is_drawn():
    links = [_link("agency:bkn", "EMPLOYED_BY", "Agency", direction="out"),
             _link("person:a", "SUPPORTED", "Person", direction="out"),
             _link("person:b", "SUPPORTED", "Person", direction="out"),
             _link("person:c", "SUPPORTED", "Person", direction="out")]
    degrees = {"agency:bkn": 5000, "person:a": 300, "person:b": 101, "person:c": 100}  # c: not above 100
    sets = member_sets(neighbours_of(links, degrees), HUB_DEGREE)
    assert sets == {"hubs:Agency": ["agency:bkn"], "hubs:Person": ["person:a", "person:b"],
                    "SUPPORTED:out:Person": ["person:c"]}
    assert grouped_keys(sets) == {"hubs:Person"}


def test_past_network_nodes_the_largest_sets_are_grouped_first():
    sets = {f"T{n}:in:Case": [f"case:{n}-{i}" for i in range(GROUP_SIZE - n % 3)] for n in range(10)}
    grouped = grouped_keys(sets)
    alone = {node for key, ids in sets.items() if key not in grouped for node in ids}
    assert len(alone) <= NETWORK_NODES < sum(map(len, sets.values()))
    assert min(len(sets[key]) for key in grouped) >= max(len(sets[key]) for key in sets if key not in grouped)


LINK = st.builds(_link, other=st.sampled_from([f"case:{i}" for i in range(150)] + [f"person:{i}" for i in range(40)]),
                 link_type=st.sampled_from(["FOUND_BY", "HANDLED_BY", "SUPPORTED", "EMPLOYED_BY"]),
                 label=st.sampled_from(["Case", "Person", "Agency"]),
                 status=st.sampled_from([None, "proven", "alleged", "not_proven"]),
                 direction=st.sampled_from(["in", "out"]))


@hypothesis_settings(max_examples=150, deadline=None)
@given(st.lists(LINK, max_size=400), st.dictionaries(st.sampled_from([f"person:{i}" for i in range(40)]),
                                                     st.integers(0, 500)))
def test_every_neighbour_is_drawn_or_in_a_group_and_the_drawing_stays_small(links, degrees):
    neighbours = neighbours_of(links, degrees)
    sets = member_sets(neighbours, HUB_DEGREE)
    grouped = grouped_keys(sets)
    alone = {node for key, ids in sets.items() if key not in grouped for node in ids}
    in_groups = {node for key in grouped for node in sets[key]}
    assert alone | in_groups == set(neighbours)
    assert len(alone) <= NETWORK_NODES or all(len(sets[key]) == 1 for key in sets if key not in grouped)


# -- the graph: a Bawaslu office with 500 cases -------------------------------------------------------

@pytest.fixture(scope="module")
def app(session_graph, server_settings, tmp_path_factory):
    from web import create_app

    load_hub_graph(session_graph, tmp_path_factory.mktemp("hub") / "docs")
    return create_app(server_settings, rate_limits=False)


@pytest.fixture(scope="module")
def investigator(app, server_settings):
    return log_in(app.test_client(), server_settings, "investigator")


@pytest.fixture(scope="module")
def researcher(app, server_settings):
    return log_in(app.test_client(), server_settings, "researcher")


def _drawn(html: str) -> dict:
    return json.loads(re.search(r'id="network-data">(.*?)</script>', html, re.S).group(1))


def _person(number: int) -> str:
    return f"person:{respondent(number)[1]}"


def _groups(network: dict) -> dict[str, dict]:
    return {node["group"]: node for node in network["nodes"] if node["label"] == "Group"}


def test_the_hub_is_drawn_as_itself_and_one_counted_group(investigator):
    body = json_of(investigator, f"/api/v1/entities/{HUB}/network")
    assert body["neighbours"] == HUB_CASES and body["hub_degree"] == HUB_DEGREE
    assert len(body["nodes"]) == 2 and len(body["edges"]) == 1
    group = _groups(body)["FOUND_BY:in:Case"]
    assert group["size"] == HUB_CASES and group["name"] == f"Case ({HUB_CASES})" and group["of"] == HUB
    edge = body["edges"][0]
    assert (edge["source"], edge["target"], edge["count"], edge["group"]) == (group["id"], HUB, HUB_CASES,
                                                                              "FOUND_BY:in:Case")
    assert edge["status"] == "none"  # FOUND_BY links carry no status
    assert body["types"] == [] and body["status"] == [] and body["from"] is None  # as before, plus status


def test_the_api_names_groups_in_the_language_asked_for(investigator):
    """network.js asks in the page's language, so what a tap adds reads like the page."""
    body = json_of(investigator, f"/api/v1/entities/{HUB}/network?lang=id")
    assert _groups(body)["FOUND_BY:in:Case"]["name"] == f"Kasus ({HUB_CASES})"
    assert body["edges"][0]["label"] == "ditemukan oleh"
    page = json_of(investigator, f"/api/v1/entities/{HUB}/network?lang=id&group=FOUND_BY:in:Case")
    assert page["rest_name"] == f"Kasus: {HUB_CASES - 50} lagi"
    assert json_of(investigator, f"/api/v1/entities/{HUB}/network?lang=xx")["edges"][0]["label"] == "found by"


def test_the_answers_fit_the_openapi_schema(investigator):
    from test_conduct_web import _check

    schema = {"$ref": "#/components/schemas/Network"}
    _check(json_of(investigator, f"/api/v1/entities/{_person(TWO_CANDIDATES)}/network"), schema)
    _check(json_of(investigator, f"/api/v1/entities/{HUB}/network?group=FOUND_BY:in:Case&status=none"), schema)


def test_a_group_opens_a_page_at_a_time_and_every_member_once(investigator):
    url = f"/api/v1/entities/{HUB}/network?group=FOUND_BY:in:Case"
    first = json_of(investigator, url)
    assert (first["total"], first["page"], first["page_size"], first["more"]) == (HUB_CASES, 1, 50, HUB_CASES - 50)
    assert first["rest_name"] == f"Case: {HUB_CASES - 50} more"
    assert len(first["nodes"]) == 50 and all(node["label"] == "Case" and node["url"] for node in first["nodes"])
    assert {(e["target"], e["type"]) for e in first["edges"]} == {(HUB, "FOUND_BY")}
    seen = []
    for page in (1, 2, 3):
        seen += [node["id"] for node in json_of(investigator, f"{url}&page={page}&page_size=200")["nodes"]]
    assert len(seen) == len(set(seen)) == HUB_CASES
    past = json_of(investigator, f"{url}&page=4&page_size=200")
    assert past["nodes"] == [] and past["more"] == 0


def test_group_members_come_strongest_status_first(investigator):
    bkn = json_of(investigator, f"/api/v1/entities/{BKN}/network")
    assert "RECOMMENDED_BY:in:Case" in _groups(bkn)
    candidate = _candidate_id(investigator)
    supporters = json_of(investigator, f"/api/v1/entities/{candidate}/network")
    key = next(key for key in _groups(supporters) if key.startswith("SUPPORTED:in:"))
    members = json_of(investigator, f"/api/v1/entities/{candidate}/network?group={key}&page_size=200")
    ranks = [{"proven": 0, "alleged": 1, "none": 2, "not_proven": 3}[e["status"]] for e in members["edges"]]
    assert ranks == sorted(ranks) and ranks[0] == 0 and ranks[-1] == 3


def _candidate_id(client) -> str:
    """The first candidate's id, quoted for a URL (a register's ids hold "#")."""
    return quote(json_of(client, f"/api/v1/entities/{quote(CANDIDATES[0])}")["id"], safe=":")


def test_a_respondent_sees_its_school_as_a_lone_hub_and_two_candidates_as_a_hub_group(investigator):
    one = json_of(investigator, f"/api/v1/entities/{_person(1)}/network")
    school = next(node for node in one["nodes"] if node["name"] == SCHOOLS[1])
    assert school["hub"] and school["degree"] > HUB_DEGREE and not _groups(one)
    two = json_of(investigator, f"/api/v1/entities/{_person(TWO_CANDIDATES)}/network")
    group = _groups(two)["hubs:Person"]
    assert group["hub"] and group["size"] == 2 and group["name"] == "Hubs: Person (2)"
    assert not {node["name"] for node in two["nodes"]} & set(CANDIDATES)
    members = json_of(investigator, f"/api/v1/entities/{_person(TWO_CANDIDATES)}/network?group=hubs:Person")
    assert {node["name"] for node in members["nodes"]} < set(CANDIDATES) and members["more"] == 0
    assert all(node["hub"] for node in members["nodes"])


def test_hub_degree_is_the_trace_threshold(investigator):
    """At a threshold above every degree nothing is a hub; the degree is the one a trace ranks by."""
    from graph.trace import trace
    from web.services import graph

    everything = json_of(investigator, f"/api/v1/entities/{_person(TWO_CANDIDATES)}/network?hub_degree=100000")
    assert not _groups(everything) and not any(node.get("hub") for node in everything["nodes"])
    drawn = {node["id"]: node["degree"] for node in everything["nodes"] if "degree" in node}
    with investigator.application.app_context():
        path = trace(graph(), _person(1), _person(5), k=1, max_hops=2)[0]  # both teach at SCHOOLS[1]
    school = path.hops[0].target
    one = json_of(investigator, f"/api/v1/entities/{_person(1)}/network")
    assert next(node["degree"] for node in one["nodes"] if node["id"] == school["id"]) == school["degree"]
    assert drawn  # degrees are sent with every neighbour


def test_filters_by_status_type_and_date_change_the_groups(investigator):
    proven = json_of(investigator, f"/api/v1/entities/{_candidate_id(investigator)}/network?status=proven")
    assert proven["status"] == ["proven"]
    assert {edge["status"] for edge in proven["edges"]} == {"proven"}
    everything = json_of(investigator, f"/api/v1/entities/{_candidate_id(investigator)}/network")
    assert sum(e["count"] for e in proven["edges"]) < sum(e["count"] for e in everything["edges"])
    none = json_of(investigator, f"/api/v1/entities/{HUB}/network?status=none,proven&types=FOUND_BY")
    assert _groups(none)["FOUND_BY:in:Case"]["size"] == HUB_CASES
    dated = json_of(investigator, f"/api/v1/entities/{_candidate_id(investigator)}/network?from=2024-03-01&to=2024-03-31")
    assert dated["edges"] and dated["from"] == "2024-03-01"
    assert sum(e["count"] for e in dated["edges"]) < sum(e["count"] for e in everything["edges"])


def test_the_page_draws_the_same_groups_and_filters_its_table(investigator):
    html = page_of(investigator, f"/entities/{HUB}")
    assert _groups(_drawn(html)).keys() == {"FOUND_BY:in:Case"}
    for script in ("layout-base/layout-base.js", "cose-base/cose-base.js", "cytoscape-fcose/cytoscape-fcose.js"):
        assert f"/static/vendor/{script}" in html
        assert investigator.get(f"/static/vendor/{script}").status_code == 200
    assert 'id="network-png"' in html and 'id="network-svg"' in html and 'class="network-legend"' in html
    assert 'data-export-name="Bawaslu Kabupaten Pesisir Uji"' in html
    assert html.count("<tr class=\"link-") == HUB_CASES  # every link in the table
    person = page_of(investigator, f"/entities/{_person(3)}?status=alleged")  # case h003: not proven
    rows = re.findall(r'<tr class="link-(\w+)"', person)
    assert rows and set(rows) == {"alleged"} and "cocok dengan saringan" in person
    assert 'name="status" value="alleged" checked' in person


def test_the_page_reads_in_english(investigator):
    html = page_of(investigator, f"/entities/{HUB}?lang=en")
    assert "Link status" in html and "Download PNG" in html and "no status" in html
    assert f"Case ({HUB_CASES})" in html
    html = page_of(investigator, f"/entities/{HUB}?lang=id")
    assert "Status hubungan" in html and "Unduh PNG" in html and f"Kasus ({HUB_CASES})" in html


def test_a_researcher_gets_groups_and_members_masked(researcher):
    """From a case to its respondent (a pseudonym), its two candidates (a hub group), and the first
    candidate's supporters (a group of a page): persons as pseudonyms, no name or NIP anywhere."""
    case = json_of(researcher, f"/api/v1/cases/h{TWO_CANDIDATES:03d}")
    person = next(p["id"] for p in case["people"] if p["kind"] == "ASN")
    assert person.startswith("person:anon-")
    network = json_of(researcher, f"/api/v1/entities/{person}/network")
    hubs = _groups(network)["hubs:Person"]
    assert hubs["of"] == person
    candidates = json_of(researcher, f"/api/v1/entities/{person}/network?group=hubs:Person")
    candidate = candidates["nodes"][0]["id"]
    supporters = json_of(researcher, f"/api/v1/entities/{candidate}/network")
    key = next(key for key in _groups(supporters) if key.startswith("SUPPORTED:in:"))
    members = json_of(researcher, f"/api/v1/entities/{candidate}/network?group={key}&page_size=200")
    assert len(members["nodes"]) == _groups(supporters)[key]["size"]
    nodes = network["nodes"] + candidates["nodes"] + supporters["nodes"] + members["nodes"]
    assert all(node["id"].startswith(("person:anon-", "group:", "case:", "agency:", "position:"))
               for node in nodes), {node["id"] for node in nodes}
    text = json.dumps([network, candidates, supporters, members]) + page_of(researcher, f"/entities/{candidate}")
    for secret in (*FIRST, *LAST, *CANDIDATES, respondent(TWO_CANDIDATES)[1]):
        assert re.search(rf"\b{secret}\b", text) is None, secret


@pytest.mark.parametrize("query, status", [
    ("status=maybe", 400), ("status=proven,<script>", 400), ("types=LIKES", 400), ("from=kemarin", 400),
    ("hub_degree=0", 400), ("hub_degree=1e3", 400), ("group=FOUND_BY:in:Case&page=0", 400),
    ("group=FOUND_BY:in:Case&page_size=201", 400), ("group=FOUND_BY:in:Case&page=-1", 400),
    ("group=SUPPORTED:in:Case", 404), ("group=" + "x" * 1900, 404), ("group=" + "x" * 5000, 400), ("group=hubs:Agency) DETACH DELETE n //", 404),
])
def test_bad_parameters_are_clear_errors(investigator, query, status):
    for url in (f"/api/v1/entities/{HUB}/network?{query}", f"/entities/{HUB}?{query}"):
        if url.startswith("/entities") and "group=" in query:
            continue  # the page draws the whole network; group is the API's
        response = investigator.get(url)
        text = response.get_data(as_text=True)
        assert response.status_code == status, (url, text[:300])
        assert not TRACEBACK.search(text) and len(text) < 20_000


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.text(max_size=300), page=st.text(max_size=12))
def test_any_group_and_page_is_an_answer_or_a_clear_error(investigator, key, page):
    response = investigator.get(f"/api/v1/entities/{HUB}/network", query_string={"group": key, "page": page})
    assert response.status_code in (200, 400, 404)
    body = response.get_json()
    assert ("error" in body and body["error"]["message"]) or "nodes" in body
