"""graph.trace on a crafted resolved layer (tests/trace_fixtures.py): simple paths only, the
hub-aware score, leaving hubs out, the date window, and options out of range."""

import math
from datetime import date

import pytest

import graph.trace as trace_module
from core.errors import NetraError
from graph.trace import (ENDPOINT_LABELS, MAX_HUB_DEGREE, STATUS_COST, TRACE_TYPES, Hop, TracePath,
                         rank_paths, score_path, trace)
from trace_fixtures import (ANI, BUDI, CHAIN_PATH, FAMILY_PATH, HUB_FILLERS, HUB_ID, HUB_PATH, IRA, JOKO,
                            SUPPORT_PATH, node_ids, write_trace_graph)

# The statement `trace` ran before #19 (graph/trace.py at 87eab4a): SHORTEST k without the
# simple-path check, ranked by length and status.
OLD_SHORTEST_PATHS = """
MATCH (a:{endpoints} {{id: $a}}), (b:{endpoints} {{id: $b}})
MATCH p = SHORTEST {k} (a)(()-[r:{types}]-(x:!PersonMention&!Document)
                           WHERE NOT ($exclude_not_proven AND coalesce(r.status, '') = 'not_proven')){{1,{hops}}}(b)
RETURN [n IN nodes(p) | n {{.id, name: coalesce(n.name, n.number, n.citation, n.id), label: labels(n)[0]}}] AS nodes,
       [rel IN relationships(p) | {{type: type(rel), from: startNode(rel).id, properties: rel {{.*}}}}] AS rels
"""


@pytest.fixture(scope="module")
def crafted(session_graph):
    write_trace_graph(session_graph)
    return session_graph


def _ids(paths: list[TracePath]) -> list[tuple[str, ...]]:
    return [node_ids(path.to_json()) for path in paths]


# -- simple paths -----------------------------------------------------------------------------

def test_the_old_query_walked_through_the_same_person_twice(crafted):
    """The bug, reproduced: two documents' parallel EMPLOYED_BY links let SHORTEST k walk
    Ani -> Dinas Uji -> Ani -> ..., and those walks were shown as paths."""
    cypher = OLD_SHORTEST_PATHS.format(endpoints=ENDPOINT_LABELS, k=25, types=TRACE_TYPES, hops=5)
    old = [tuple(node["id"] for node in row["nodes"])
           for row in crafted.read(cypher, a=ANI, b=BUDI, exclude_not_proven=False)]
    repeating = [ids for ids in old if len(set(ids)) < len(ids)]
    assert repeating and all(ids[:3] == (ANI, "agency:dinas-uji", ANI) for ids in repeating), old


def test_no_path_visits_an_entity_twice(crafted):
    paths = trace(crafted, ANI, BUDI, k=20, max_hops=6)
    assert paths and all(len(set(ids)) == len(ids) for ids in _ids(paths))
    assert set(_ids(paths)) == {SUPPORT_PATH, FAMILY_PATH, HUB_PATH, CHAIN_PATH}


def test_walks_that_repeat_a_node_take_none_of_the_places(crafted, monkeypatch):
    """Ask the database for only k paths: the check must filter what SHORTEST selects from (the
    4-hop walks through Ani twice come before the 5-hop chain), not the k it selected."""
    monkeypatch.setattr(trace_module, "candidates", lambda k: k)
    assert CHAIN_PATH in _ids(trace(crafted, ANI, BUDI, k=4, max_hops=5))


# -- ranking ----------------------------------------------------------------------------------

def test_a_family_path_ranks_above_a_shorter_path_through_a_hub(crafted):
    paths = trace(crafted, ANI, BUDI, k=4, max_hops=5)
    assert _ids(paths) == [SUPPORT_PATH, FAMILY_PATH, HUB_PATH, CHAIN_PATH]
    support, family, hub, chain = paths
    assert hub.length < family.length and hub.hubs == [HUB_ID] and family.hubs == []
    assert hub.hops[0].target["degree"] == HUB_FILLERS + 2
    # the documented rule, number by number
    assert support.score == round(2 + math.log10(2), 3)
    assert family.score == round(3 + 2 * math.log10(2) + 2 * STATUS_COST["alleged"], 3)
    assert hub.score == round(2 + math.log10(HUB_FILLERS + 2), 3)
    assert chain.score == round(5 + 4 * math.log10(2), 3)
    assert hub.score_parts == {"hops": 2.0, "hubs": round(math.log10(HUB_FILLERS + 2), 3), "status": 0.0}
    assert [path.score for path in paths] == sorted(path.score for path in paths)


def test_proven_links_before_alleged_before_not_proven(crafted):
    paths = trace(crafted, IRA, JOKO, k=3, max_hops=2)
    assert [ids[1] for ids in _ids(paths)] == ["person:kiki", "person:lala", "person:mira"]
    assert [path.hops[0].status for path in paths] == ["proven", "alleged", "not_proven"]
    assert [path.score_parts["status"] for path in paths] == [0.0, 0.5, 1.5]
    assert [ids[1] for ids in _ids(trace(crafted, IRA, JOKO, k=3, max_hops=2, exclude_not_proven=True))] == [
        "person:kiki", "person:lala"]


def _hop(source, target, status, degree=1):
    return Hop("FAMILY_OF", "->", {"id": source, "degree": degree}, {"id": target, "degree": degree}, status,
               None, None, None, None, None, None, 1)


def test_rank_paths_orders_by_score_then_ids():
    ranked = rank_paths([TracePath([_hop("a", "z", "not_proven")]),  # 1 + 0.75
                         TracePath([_hop("a", "y", "alleged"), _hop("y", "z", None)]),  # 2 + log10(1) + 0.25 + 0.5
                         TracePath([_hop("a", "x", "proven")])])  # 1
    assert [path.score for path in ranked] == [1.0, 1.75, 2.75]
    equal = rank_paths([TracePath([_hop("a", "c", "proven")]), TracePath([_hop("a", "b", "proven")])])
    assert [path.hops[0].target["id"] for path in equal] == ["b", "c"]


def test_only_the_nodes_between_the_ends_are_penalised():
    path = score_path(TracePath([_hop("a", "m", "proven", degree=1000), _hop("m", "b", "proven", degree=1000)]))
    assert path.score == 5.0 and path.score_parts["hubs"] == 3.0 and path.hubs == ["m"]
    assert score_path(TracePath([_hop("a", "b", "proven", degree=10 ** 6)])).score == 1.0


# -- hubs -------------------------------------------------------------------------------------

def test_hubs_can_be_left_out(crafted):
    paths = trace(crafted, ANI, BUDI, k=20, max_hops=5, exclude_hubs=True)
    assert _ids(paths) == [SUPPORT_PATH, FAMILY_PATH, CHAIN_PATH] and all(not path.hubs for path in paths)
    # a higher threshold makes BKN Uji an ordinary node: walked, still penalised by its degree
    higher = trace(crafted, ANI, BUDI, k=20, max_hops=5, exclude_hubs=True, hub_degree=1000)
    assert HUB_PATH in _ids(higher) and all(not path.hubs for path in higher)
    lower = trace(crafted, ANI, BUDI, k=20, max_hops=5, hub_degree=2)
    assert next(path for path in lower if node_ids(path.to_json()) == SUPPORT_PATH).hubs == []
    assert next(path for path in lower if node_ids(path.to_json()) == FAMILY_PATH).hubs == []
    assert [path for path in trace(crafted, ANI, BUDI, k=20, max_hops=5, hub_degree=1, exclude_hubs=True)] == []


def test_a_hub_at_an_end_is_still_traced(crafted):
    paths = trace(crafted, HUB_ID, BUDI, k=3, max_hops=2, exclude_hubs=True)
    assert _ids(paths)[0] == (HUB_ID, BUDI) and paths[0].hubs == []


# -- the date window --------------------------------------------------------------------------

def test_the_date_window_keeps_dated_links_inside_it_and_undated_ones(crafted):
    year = trace(crafted, ANI, BUDI, k=20, max_hops=5, since=date(2024, 1, 1), until=date(2024, 12, 31))
    assert _ids(year) == [SUPPORT_PATH, HUB_PATH, CHAIN_PATH]  # the family links are from 2023
    support = year[0]
    assert [(hop.date, hop.window) for hop in support.hops] == [("2024-10-10", "within"), (None, "undated")]
    assert {hop.window for hop in year[1].hops} == {"undated"}
    assert _ids(trace(crafted, ANI, BUDI, k=20, max_hops=5, since=date(2025, 1, 1))) == [HUB_PATH, CHAIN_PATH]
    before = trace(crafted, ANI, BUDI, k=20, max_hops=5, until=date(2023, 12, 31))
    assert _ids(before) == [FAMILY_PATH, HUB_PATH, CHAIN_PATH]
    assert {hop.window for hop in before[0].hops} == {"within"}
    on_the_day = trace(crafted, ANI, BUDI, k=20, max_hops=5, since=date(2024, 10, 10), until=date(2024, 10, 10))
    assert SUPPORT_PATH in _ids(on_the_day), "the window's ends are inside it"
    assert all(hop.window is None for path in trace(crafted, ANI, BUDI, k=20, max_hops=5) for hop in path.hops)


def test_the_window_picks_the_evidence_inside_it(crafted):
    """Ani -> Dinas Uji is stated twice (alleged 2024-02-01, proven 2024-03-01): a window around
    the first keeps only it, so the hop is alleged, from that document."""
    paths = trace(crafted, ANI, "agency:dinas-uji", k=1, max_hops=1, since=date(2024, 2, 1), until=date(2024, 2, 28))
    assert [(hop.status, hop.date, hop.document_id, hop.evidence_count) for hop in paths[0].hops] == [
        ("alleged", "2024-02-01", "casedoc:u5", 1)]
    both = trace(crafted, ANI, "agency:dinas-uji", k=1, max_hops=1)
    assert [(hop.status, hop.evidence_count) for hop in both[0].hops] == [("proven", 2)]


# -- options ----------------------------------------------------------------------------------

@pytest.mark.parametrize("options, message", [
    ({"k": 0}, "-k must be"), ({"k": 21}, "-k must be"), ({"max_hops": 7}, "--max-hops must be"),
    ({"hub_degree": 0}, "--hub-degree must be"), ({"hub_degree": MAX_HUB_DEGREE + 1}, "--hub-degree must be"),
    ({"hub_degree": 10 ** 40}, "--hub-degree must be"),
    ({"since": date(2024, 12, 31), "until": date(2024, 1, 1)}, "--from (2024-12-31) is after --to (2024-01-01)"),
])
def test_options_out_of_range_are_netra_errors(options, message):
    with pytest.raises(NetraError, match=message.replace("(", r"\(").replace(")", r"\)")):
        trace(None, ANI, BUDI, **options)  # checked before the graph is read
