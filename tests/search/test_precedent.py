"""Precedent search (`search.precedent.similar_cases`, `netra similar`) on the small register of
tests/search/test_search_cases.py: p1 and p2 share the act, the provisions and the sanction level; p3 and
p4 share none of them with p1."""

import json

import pytest

from conftest import netra_env, run_netra
from core.errors import NetraError
from search.cases import case_documents
from search.precedent import similar_cases
from test_search_cases import load_cases
from search.factory import keyword_index

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def facts_index(session_graph, server_settings, tmp_path_factory):
    load_cases(session_graph, tmp_path_factory.mktemp("register"))
    index = keyword_index(server_settings, session_graph, "whoosh", "case")
    index.rebuild(case_documents(session_graph))
    return index


def test_the_case_with_the_same_act_and_provisions_ranks_first_with_its_reasons(session_graph, facts_index):
    results = similar_cases(session_graph, facts_index, case_id="p1", k=5)
    assert [r.id for r in results][0] == "case:p2" and "case:p1" not in [r.id for r in results]
    best = results[0]
    assert set(best.score_parts) == {"facts", "provisions", "act", "sanction"}
    assert "same act: social media post" in best.reasons and "same sanction level: sedang" in best.reasons
    assert any(reason.startswith("cites the same Pasal 5 huruf n angka 6 PP 94/2021") for reason in best.reasons)
    unrelated = [r for r in results if r.id in ("case:p3", "case:p4")]
    assert all(r.score < best.score and not {"act", "provisions", "sanction"} & set(r.score_parts) for r in unrelated)


def test_a_case_is_found_by_number_and_an_unknown_one_is_a_clear_error(session_graph, facts_index):
    by_number = {r.id: r for r in similar_cases(session_graph, facts_index, case_id="007/Reg/TM/PB/Kota/03.71/XI/2020")}
    peer = by_number["case:p3"]  # p4's only peer in provisions: Pasal 9 ayat (2) UU 5/2014
    assert any(reason.startswith("cites the same Pasal 9 ayat (2) UU 5/2014") for reason in peer.reasons)
    assert "case:p2" not in by_number or by_number["case:p2"].score < peer.score
    with pytest.raises(NetraError, match="No case 'c999'"):
        similar_cases(session_graph, facts_index, case_id="c999")
    with pytest.raises(NetraError, match="describe the case"):
        similar_cases(session_graph, facts_index, text="   ")


def test_a_description_finds_cases_by_its_facts_and_its_citations(session_graph, facts_index):
    results = similar_cases(session_graph, facts_index, text="camat menghadiri deklarasi pasangan calon, "
                                                             "melanggar Pasal 9 ayat (2) UU 5/2014", k=4)
    assert results[0].id == "case:p3" and set(results[0].score_parts) == {"facts", "provisions"}
    assert {r.id for r in results if "provisions" in r.score_parts} == {"case:p3", "case:p4"}


def test_netra_similar_prints_reasons_and_json(server_settings, facts_index):
    env = netra_env(server_settings.home)
    shown = run_netra("similar", "p1", "-k", "2", env=env)
    assert shown.returncode == 0, shown.stderr
    assert "004/Reg/TM/PW/Kota/03.72/IX/2024 (case:p2) Kota Solok" in shown.stdout and "same act" in shown.stdout
    results = json.loads(run_netra("similar", "--text", "unggah foto calon di instagram", "--json", env=env).stdout)
    assert results[0]["id"] == "case:p1" and results[0]["reasons"][0].startswith("similar facts")
    both = run_netra("similar", "p1", "--text", "foto", env=env)
    assert both.returncode != 0 and "not both" in both.stderr and "Traceback" not in both.stderr
