"""The review queue's listings on the real Neo4j (graph/entities.py, review section): ranked by
impact, paged by cursor or by skipping, filtered by region and election, agency merges listed
beside person merges, verdicts taking pairs off and undo putting them back, stale entries
cleaned, and hostile cursors that read nothing they should not."""

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from graph.entities import (ACCEPTED, REJECTED, REVIEW_PAGE_SIZE, VerdictChanged, clear_verdict,
                            file_review_decisions_of_mentions, file_review_queue, find_decision, find_election,
                            find_region, recent_verdicts, review_page, review_pair, review_queue, store_verdict)

pytestmark = pytest.mark.neo4j

# A pair: its two mentions' persons, the cases each person is in and the links each has, and the
# region and election of the case each mention is about.
BUILD = """
UNWIND $pairs AS pair
CREATE (d:MergeDecision {id: pair.id, a: pair.id + '-a', b: pair.id + '-b', decision: 'review', confidence: 0.5,
                         evidence: ['same name', 'nothing else to compare'], a_name: pair.name, b_name: pair.name})
WITH pair
UNWIND ['a', 'b'] AS side
WITH pair, side, CASE side WHEN 'a' THEN 0 ELSE 1 END AS i
CREATE (p:Person {id: 'person:' + pair.id + '-' + side, name: pair.name})
CREATE (m:PersonMention {id: pair.id + '-' + side, name: pair.name, case_id: 'case:' + pair.id + '-' + side,
                         document_id: 'casedoc:' + pair.id + '-' + side, kind: 'Person'})-[:MENTION_OF]->(p)
CREATE (c:Case {id: 'case:' + pair.id + '-' + side, number: pair.id + '/' + side})
FOREACH (region IN CASE WHEN pair.regions[i] IS NULL THEN [] ELSE [pair.regions[i]] END |
  MERGE (r:Region {id: 'region:' + region}) SET r.name = region MERGE (c)-[:IN_REGION]->(r))
FOREACH (election IN CASE WHEN pair.elections[i] IS NULL THEN [] ELSE [pair.elections[i]] END |
  MERGE (e:Election {id: 'election:' + election}) SET e.name = election MERGE (c)-[:IN_ELECTION]->(e))
FOREACH (n IN range(1, pair.cases[i] - 1) |
  CREATE (:PersonMention {id: pair.id + '-' + side + '-' + n, case_id: 'case:' + pair.id + '-' + side + '-' + n})
         -[:MENTION_OF]->(p))
FOREACH (n IN range(1, pair.links[i]) | CREATE (p)-[:SUPPORTED]->(:Person {id: 'person:' + pair.id + side + n}))
"""


def _pair(number: int, cases=(1, 1), links=(0, 0), regions=("Kota Solok", "Kota Solok"), elections=(None, None)):
    return {"id": f"m-{number:08x}", "name": f"Orang {number}", "cases": list(cases), "links": list(links),
            "regions": list(regions), "elections": list(elections)}


def _build(graph, pairs) -> None:
    graph.write(BUILD, pairs=pairs)
    file_review_queue(graph)


def _ids(page) -> list[str]:
    return [pair.id for pair in page.pairs]


def test_pairs_are_ranked_by_impact_and_paged(graph):
    pairs = [_pair(n, cases=(1 + n % 7, 1), links=(n % 5, n % 3)) for n in range(120)]
    _build(graph, pairs)
    impact = {p["id"]: sum(p["cases"]) + sum(p["links"]) for p in pairs}
    expected = sorted(impact, key=lambda pid: (-impact[pid], pid))

    first = review_page(graph)
    assert first.total == 120 and len(first.pairs) == REVIEW_PAGE_SIZE and first.previous is None
    assert [pair.impact for pair in first.pairs] == [impact[pid] for pid in _ids(first)]
    second = review_page(graph, after=first.next)
    third = review_page(graph, after=second.next)
    assert _ids(first) + _ids(second) + _ids(third) == expected and third.next is None
    assert len(third.pairs) == 20 and third.previous is not None
    assert _ids(review_page(graph, before=third.previous)) == _ids(second)
    assert _ids(review_page(graph, before=second.previous)) == _ids(first)
    assert _ids(review_page(graph, skip=REVIEW_PAGE_SIZE)) == _ids(second)  # what `netra entities review --page 2` reads
    top = first.pairs[0]
    assert top.impact_cases + top.impact_links == top.impact and top.a["person"]["id"].endswith("-a")
    assert [pair.id for pair in review_queue(graph)] == expected


def test_a_region_or_election_lists_pairs_with_a_record_from_it(graph):
    _build(graph, [
        _pair(1, regions=("Kota Solok", "Kota Solok"), elections=("Pilkada 2024 Kota Solok", "Pemilu 2024")),
        _pair(2, regions=("Kota Solok", "Kota Padang"), elections=("Pemilu 2024", "Pilkada 2024 Kota Padang")),
        _pair(3, regions=("Kota Padang", None), elections=(None, None)),
        _pair(4, regions=(None, None))])
    solok, padang = find_region(graph, "kota solok"), find_region(graph, "region:Kota Padang")
    pemilu = find_election(graph, "PEMILU 2024")
    assert solok == "region:Kota Solok" and find_region(graph, "Kota Nowhere") is None

    def listed(**filters):
        page = review_page(graph, **filters)
        assert page.total == len(page.pairs)
        return sorted(_ids(page))

    assert listed() == ["m-00000001", "m-00000002", "m-00000003", "m-00000004"]
    assert listed(region=solok) == ["m-00000001", "m-00000002"]  # no pair twice, though both sides are in Solok
    assert listed(region=padang) == ["m-00000002", "m-00000003"]
    assert listed(election=pemilu) == ["m-00000001", "m-00000002"]
    # Region and election together: one record's case is in both (side by side, not crossed).
    assert listed(region=solok, election=pemilu) == ["m-00000001", "m-00000002"]
    assert listed(region=padang, election=pemilu) == []
    assert listed(region=padang, election=find_election(graph, "Pilkada 2024 Kota Padang")) == ["m-00000002"]


def test_verdicts_take_pairs_off_the_queue_and_undo_puts_them_back(graph):
    _build(graph, [_pair(n, cases=(n + 1, 1)) for n in range(5)])
    top = review_page(graph).pairs[0]
    decided = store_verdict(graph, f"{top.b['id']}|{top.a['id']}", REJECTED, "rina", "dua orang", expected="")
    with pytest.raises(VerdictChanged):  # a second reviewer, who saw it open: decided meanwhile
        store_verdict(graph, top.id, ACCEPTED, "budi", expected="")
    with pytest.raises(VerdictChanged):
        clear_verdict(graph, top.id, expected=ACCEPTED)
    assert decided["id"] == top.id and review_page(graph).total == 4 and top.id not in _ids(review_page(graph))
    pair = review_pair(graph, top.id)
    assert (pair.verdict, pair.reviewer, pair.reason) == (REJECTED, "rina", "dua orang") and pair.decided_at
    assert [p.id for p in recent_verdicts(graph)] == [top.id]
    assert clear_verdict(graph, top.id)["verdict"] == REJECTED
    back = review_page(graph)
    assert back.total == 5 and back.pairs[0].id == top.id and back.pairs[0].verdict is None
    assert find_decision(graph, top.id)["decision"] == "review" and not recent_verdicts(graph)
    with pytest.raises(Exception, match="no verdict to undo"):
        clear_verdict(graph, top.id)
    with pytest.raises(Exception, match="No merge decision"):
        store_verdict(graph, "m-nothing", ACCEPTED)


def test_a_rule_merge_rejected_and_undone_is_the_rules_again(graph):
    _build(graph, [_pair(1)])
    graph.write("MATCH (d:MergeDecision) SET d.decision = 'merge'")
    store_verdict(graph, "m-00000001", REJECTED, "rina", "dua orang")
    graph.write("MATCH (d:MergeDecision) SET d.decision = 'distinct'")  # what re-resolution writes for the verdict
    clear_verdict(graph, "m-00000001")
    assert find_decision(graph, "m-00000001")["decision"] == "merge" and review_page(graph).total == 0


def test_entries_of_a_deleted_or_changed_decision_are_filed_again(graph):
    _build(graph, [_pair(1), _pair(2), _pair(3, cases=(2, 2))])
    # Incremental resolution deletes a rule's question about records that are now one person, and
    # rewrites persons: their decisions are filed again from the mentions concerned.
    graph.write("MATCH (d:MergeDecision {id: 'm-00000001'}) DELETE d")
    graph.write("MATCH (p:Person {id: 'person:m-00000002-a'}) "
                "UNWIND range(1, 9) AS n CREATE (p)-[:SUPPORTED]->(:Person {id: 'person:new' + n})")
    file_review_decisions_of_mentions(graph, ["m-00000001-a", "m-00000002-a"])
    page = review_page(graph)
    assert _ids(page) == ["m-00000002", "m-00000003"] and page.total == 2
    assert page.pairs[0].impact == 11
    assert graph.read("MATCH (e:ReviewEntry {decision: 'm-00000001'}) RETURN count(e) AS n")[0]["n"] == 0
    file_review_queue(graph)  # filing again changes nothing
    assert graph.read("MATCH (e:ReviewEntry) RETURN count(e) AS n")[0]["n"] == 4


def test_agency_merges_are_listed_beside_person_merges(graph):
    """Agency name resolution's contract: MergeDecision {subject: 'agency'} with Agency ids as a and b."""
    _build(graph, [_pair(1)])
    graph.write("""
        CREATE (a:Agency {id: 'agency:smp-negcri-2-bayang', name: 'SMP Negcri 2 Bayang', kind: 'Sekolah'}),
               (b:Agency {id: 'agency:smp-negeri-2-bayang', name: 'SMP Negeri 2 Bayang', kind: 'Sekolah'}),
               (:MergeDecision {id: 'agency-merge-1', subject: 'agency', a: a.id, b: b.id, decision: 'review',
                                confidence: 0.8, evidence: ['one letter apart'], region: 'Kota Solok'})
        WITH [a, b, b] AS handled UNWIND range(0, 2) AS n
        WITH handled[n] AS agency, n CREATE (:Case {id: 'case:ag' + n})-[:HANDLED_BY]->(agency)""")
    file_review_queue(graph)
    page = review_page(graph)
    agency = next(pair for pair in page.pairs if pair.subject == "agency")
    assert page.total == 2 and page.pairs[0] is agency and agency.impact == 6  # 3 cases + 3 links
    assert {agency.a["name"], agency.b["name"]} == {"SMP Negcri 2 Bayang", "SMP Negeri 2 Bayang"}
    assert _ids(review_page(graph, region=find_region(graph, "Kota Solok"))) == ["agency-merge-1", "m-00000001"]
    store_verdict(graph, "agency-merge-1", ACCEPTED, "rina")
    assert review_page(graph).total == 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cursor=st.text(max_size=400) | st.sampled_from(["", "|", "}", "~", "999999999|", "000000000|m-0", "\uffff"]))
def test_any_cursor_reads_within_its_listing(graph_with_queue, cursor):
    region = "region:Kota Padang"
    for page in (review_page(graph_with_queue, region=region, after=cursor or None),
                 review_page(graph_with_queue, region=region, before=cursor or None)):
        assert set(_ids(page)) <= {"m-00000002", "m-00000003"} and page.total == 2
        assert len(page.pairs) <= REVIEW_PAGE_SIZE


@pytest.fixture
def graph_with_queue(session_graph):
    from graph.schema import wipe

    wipe(session_graph)
    _build(session_graph, [_pair(1), _pair(2, regions=("Kota Padang", None)), _pair(3, regions=(None, "Kota Padang"))])
    return session_graph
