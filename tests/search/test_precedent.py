"""Precedent search (`search.precedent.similar_cases`, `netra similar`, /api/v1/similar) on the
small register of tests/search/test_search_cases.py: p1 and p2 share the act, the provisions and the
sanction level; p3 and p4 share none of them with p1."""

import json

import pytest

from conftest import log_in, netra_env, run_netra
from core.errors import NetraError
from search.cases import case_documents
from search.precedent import MAX_DESCRIPTION_CHARS, precedent_search, similar_cases
from test_search_cases import load_cases
from search.factory import keyword_index
from web import create_app
from web.limits import MAX_PARAMETER_CHARS

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
    assert best.reasons[0] == "same conduct: social media post" and "same sanction level: sedang" in best.reasons
    assert any(reason.startswith("applies the same Pasal 5 huruf n angka 6 PP 94/2021") for reason in best.reasons)
    unrelated = [r for r in results if r.id in ("case:p3", "case:p4")]
    assert all(r.score < best.score and not {"act", "provisions", "sanction"} & set(r.score_parts) for r in unrelated)


def test_a_case_is_found_by_number_and_an_unknown_one_is_a_clear_error(session_graph, facts_index):
    by_number = {r.id: r for r in similar_cases(session_graph, facts_index, case_id="007/Reg/TM/PB/Kota/03.71/XI/2020")}
    peer = by_number["case:p3"]  # p4's only peer in provisions: Pasal 9 ayat (2) UU 5/2014
    assert any(reason.startswith("applies the same Pasal 9 ayat (2) UU 5/2014") for reason in peer.reasons)
    assert "case:p2" not in by_number or by_number["case:p2"].score < peer.score
    with pytest.raises(NetraError, match="No case 'c999'"):
        similar_cases(session_graph, facts_index, case_id="c999")
    with pytest.raises(NetraError, match="describe the case"):
        similar_cases(session_graph, facts_index, text="   ")


def test_a_description_finds_cases_by_its_conduct_its_facts_and_its_citations(session_graph, facts_index):
    results = similar_cases(session_graph, facts_index, text="camat menghadiri deklarasi pasangan calon, "
                                                             "melanggar Pasal 9 ayat (2) UU 5/2014", k=4)
    assert results[0].id == "case:p3" and set(results[0].score_parts) == {"act", "facts", "provisions"}
    assert results[0].reasons[:2] == ["same conduct: declaration attendance", "applies the same Pasal 9 ayat (2) UU 5/2014"]
    assert {r.id for r in results if "provisions" in r.score_parts} == {"case:p3", "case:p4"}


def test_a_description_is_read_as_the_conduct_of_its_closest_cases(session_graph, facts_index):
    """No citation, no act named: the act is the one of the cases closest to what was done (the
    names, the office and the place left out), and the reasons say so in words."""
    found = precedent_search(session_graph, facts_index, text="KAJIAN\nSdri. Wulan Permatasari, guru pada SMP Negeri 1 "
                             "Kota Bukittinggi, mengunggah foto bersama calon di akun Instagram dengan ajakan memilih.",
                             k=4)
    assert found.conduct.act == "social_media_post" and found.conduct.from_description
    assert found.conduct.share > 0.5 and found.conduct.label == "social media post"
    assert "Wulan" not in found.conduct.words and "Bukittinggi" not in found.conduct.words
    assert "mengunggah" in found.conduct.words
    first, second, *rest = found.results
    assert {first.id, second.id} == {"case:p1", "case:p2"}
    assert first.reasons[0] == second.reasons[0] == "same conduct: social media post"
    assert all("same conduct: social media post" not in r.reasons and r.score < second.score for r in rest)
    assert len({round(r.score, 3) for r in found.results}) == len(found.results)  # the parts tell them apart
    assert first.act == "social_media_post" and first.to_json()["act_code"] == "social_media_post"


def test_a_description_names_the_sanction_level_it_shares(session_graph, facts_index):
    found = precedent_search(session_graph, facts_index, text="ASN memobilisasi warga kelurahan untuk memilih calon "
                             "tertentu dan dijatuhi hukuman disiplin berat berupa pembebasan dari jabatan.", k=2)
    assert found.conduct.act == "mobilising_voters" and found.results[0].id == "case:p4"
    assert "same sanction level: berat" in found.results[0].reasons and "sanction" in found.results[0].score_parts


@pytest.mark.parametrize("text", ["{}", "`", "${x}", "' OR 1=1 //", "🙂" * 50, "((((" * 500, "Pasal 9999 UU 1/1900"])
def test_odd_descriptions_are_answered_without_error(session_graph, facts_index, text):
    found = precedent_search(session_graph, facts_index, text=text, k=3)
    assert isinstance(found.results, list) and (found.conduct is None or found.conduct.act)


def test_an_overlong_description_is_a_clear_error(session_graph, facts_index):
    with pytest.raises(NetraError, match="at most"):
        similar_cases(session_graph, facts_index, text="kampanye " * (MAX_DESCRIPTION_CHARS // 9 + 1))


def test_netra_similar_prints_reasons_and_json(server_settings, facts_index):
    env = netra_env(server_settings.home)
    shown = run_netra("similar", "p1", "-k", "2", env=env)
    assert shown.returncode == 0, shown.stderr
    assert "004/Reg/TM/PW/Kota/03.72/IX/2024 (case:p2) Kota Solok" in shown.stdout and "same conduct: social media post" in shown.stdout
    results = json.loads(run_netra("similar", "--text", "unggah foto calon di instagram", "--json", env=env).stdout)
    assert results[0]["id"] == "case:p1" and results[0]["reasons"][0] == "same conduct: social media post"
    assert results[0]["act_code"] == "social_media_post" and results[0]["score_parts"]["act"] > 0
    read = run_netra("similar", "--text", "unggah foto calon di instagram", "-k", "1", env=env)
    assert read.returncode == 0 and read.stdout.startswith("Read as: social media post (social_media_post;")
    both = run_netra("similar", "p1", "--text", "foto", env=env)
    assert both.returncode != 0 and "not both" in both.stderr and "Traceback" not in both.stderr
    overlong = run_netra("similar", "--text", "foto " * (MAX_DESCRIPTION_CHARS // 5 + 1), env=env)
    assert overlong.returncode != 0 and "at most" in overlong.stderr and "Traceback" not in overlong.stderr


@pytest.fixture(scope="module")
def researcher(server_settings, facts_index):
    return log_in(create_app(server_settings).test_client(), server_settings, "researcher")


def test_the_api_reads_the_conduct_of_a_description_in_q(researcher):
    body = researcher.get("/api/v1/similar", query_string={"q": "guru mengunggah foto calon di Instagram", "k": 3})
    assert body.status_code == 200, body.get_data(as_text=True)
    data = body.get_json()
    assert data["query"] == {"case": None, "q": "guru mengunggah foto calon di Instagram", "k": 3}
    assert data["conduct"]["act"] == "social_media_post" and data["conduct"]["from_description"]
    assert data["results"][0]["reasons"][0] == "same conduct: social media post"
    assert data["results"][0]["act_code"] == "social_media_post"
    by_case = researcher.get("/api/v1/similar?case=p1&k=1").get_json()
    assert by_case["conduct"] == {"act": "social_media_post", "label": "social media post", "from_description": False,
                                  "share": 1.0, "votes": {}, "words": ""}


@pytest.mark.parametrize("q, status, says", [
    ("", 400, "q"), ("   ", 400, "q"), ("x" * (MAX_PARAMETER_CHARS + 1), 400, "q"),
    ("{}", 200, None), ("' OR 1=1 WITH 1 AS x MATCH (n) DETACH DELETE n //", 200, None),
    ("<script>alert(1)</script>", 200, None), ("pasal " * 300, 200, None)])
def test_hostile_q_is_answered_or_refused_clearly(researcher, q, status, says):
    response = researcher.get("/api/v1/similar", query_string={"q": q})
    body = response.get_json()
    assert response.status_code == status and "Traceback" not in response.get_data(as_text=True)
    if status == 200:
        assert isinstance(body["results"], list)
    else:
        assert body["error"]["status"] == status and says in body["error"]["message"]


def test_netra_eval_precedent_scores_a_set_and_writes_its_report(server_settings, facts_index, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a1.txt").write_text("TEMUAN\nSdr. Anton Fiktif, guru, mengunggah foto calon di Instagram.")
    (tmp_path / "docs" / "a2.txt").write_text("Camat menghadiri deklarasi pasangan calon.")
    (tmp_path / "mini-precedent.json").write_text(json.dumps(
        {"note": "test", "documents": "docs", "a1": ["social_media_post"], "a2": ["declaration_attendance"]}))
    env = netra_env(server_settings.home)
    shown = run_netra("eval-precedent", str(tmp_path / "mini-precedent.json"), "--out", str(tmp_path / "out"), env=env)
    assert shown.returncode == 0, shown.stderr
    assert "mini-precedent (2 documents): precision@5 0.300" in shown.stdout  # (2/5 + 1/5) / 2: four cases only
    assert "a1: 0.40  gold social_media_post; read as social_media_post" in shown.stdout
    report = json.loads((tmp_path / "out" / "eval-precedent-mini.json").read_text())
    assert report["precision@5"] == 0.3 and [row["id"] for row in report["by_document"]] == ["a1", "a2"]
    assert report["by_document"][1]["found"][0] == "declaration_attendance"
    missing = run_netra("eval-precedent", str(tmp_path / "none.json"), env=env)
    assert missing.returncode != 0 and "Cannot read the precedent set" in missing.stderr
    assert "Traceback" not in missing.stderr
