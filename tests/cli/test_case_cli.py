"""`netra ingest-cases | entity | trace | entities | corpus generate | eval-extraction` through the real command."""

import json
from pathlib import Path

import pytest

from case_fixtures import NIP, write_documents
from conftest import netra_env, run_netra
from paths import SHARED

pytestmark = pytest.mark.neo4j

DEV_SET = SHARED / "eval" / "cases-dev"


@pytest.fixture(scope="module")
def env(server_settings, session_graph, tmp_path_factory):
    from graph.schema import wipe

    wipe(session_graph)
    env = netra_env(server_settings.home)
    folder = write_documents(tmp_path_factory.mktemp("cases"))
    result = run_netra("ingest-cases", str(folder), "--quiet", env=env)
    assert result.returncode == 0, result.stderr
    assert "4 files: 4 loaded" in result.stdout and "Resolved" in result.stdout
    return env


def test_entity_shows_names_positions_cases_and_evidence(env):
    result = run_netra("entity", "Kurniawan Fiktifsyah", env=env)
    assert result.returncode == 0, result.stderr
    assert f"NIP: {NIP}" in result.stdout and "Case case:t001" in result.stdout
    assert "-> SUPPORTED" in result.stdout and "[proven]" in result.stdout
    assert "menyampaikan sambutan dukungan" in result.stdout
    view = json.loads(run_netra("entity", NIP, "--json", env=env).stdout)
    link = next(l for l in view["links"] if l["type"] == "SUPPORTED" and l["status"] == "proven")
    assert link["document_id"] == "casedoc:t001-rekomendasi" and link["start"] < link["end"] and link["sentence"]


def test_entity_errors_are_clean(env):
    result = run_netra("entity", "Andi Samaran", env=env)
    assert result.returncode == 1 and "names 2 entities" in result.stderr and "Traceback" not in result.stderr


def test_trace_shows_typed_hops_and_can_exclude_not_proven(env):
    paths = json.loads(run_netra("trace", NIP, "Desi Rekaan", "--json", env=env).stdout)
    assert paths and paths[0]["length"] == 1 and paths[0]["hops"][0]["type"] == "SUPPORTED"
    assert any(hop["type"] == "RUNNING_MATE_OF" for path in paths for hop in path["hops"])
    text = run_netra("trace", "197912012006041002", "Bambang Contoh", "--max-hops", "1", env=env).stdout
    assert "[SUPPORTED not_proven]" in text and "menghadiri pertemuan" in text
    assert "Path 1 (1 hops, score 1.75)" in text  # one hop, not proven: 1 + 0.75 (graph/trace.py)
    excluded = run_netra("trace", "197912012006041002", "Bambang Contoh", "--max-hops", "1",
                         "--exclude-not-proven", env=env)
    assert excluded.returncode == 0 and "No path" in excluded.stdout
    assert run_netra("trace", NIP, "Desi Rekaan", "--max-hops", "9", env=env).returncode == 1


def test_entities_review_accept_reject(env, tmp_path):
    folder = tmp_path / "more"
    folder.mkdir()
    for case in ("t201", "t202"):
        (folder / f"{case}-temuan.txt").write_text(
            "TEMUAN BAWASLU KOTA SOLOK\n\nBawaslu Kota Solok menemukan bahwa Rini Percobaan mengunggah ajakan "
            "memilih calon Wali Kota Solok nomor urut 2, Bambang Contoh, di akun Facebook miliknya.\n",
            encoding="utf-8")
    assert run_netra("ingest-cases", str(folder), "--quiet", env=env).returncode == 0
    listed = run_netra("entities", "review", "--json", env=env)
    pair = next(p for p in json.loads(listed.stdout)["pairs"] if p["a"]["name"] == "Rini Percobaan")
    accepted = run_netra("entities", "accept", pair["id"], env=env)
    assert accepted.returncode == 0 and "Accepted" in accepted.stdout
    assert run_netra("entity", "Rini Percobaan", env=env).returncode == 0  # one person now
    unexplained = run_netra("entities", "reject", pair["id"], env=env)
    assert unexplained.returncode == 2 and "--reason" in unexplained.stderr
    assert run_netra("entities", "reject", pair["id"], "--reason", "dua orang", env=env).returncode == 0
    assert "names 2 entities" in run_netra("entity", "Rini Percobaan", env=env).stderr
    undone = run_netra("entities", "undo", pair["id"], env=env)
    assert undone.returncode == 0 and "rejected" in undone.stdout
    assert any(p["id"] == pair["id"] for p in json.loads(run_netra("entities", "review", "--json", env=env).stdout)["pairs"])
    audit = run_netra("audit", "--json", env=env).stdout
    assert all(action in audit for action in ("merge_accept", "merge_reject", "merge_undo", "dua orang"))


@pytest.mark.slow
def test_generated_corpus_end_to_end(env, tmp_path):
    out = tmp_path / "gen"
    generated = run_netra("corpus", "generate", "--cases", "30", "--seed", "3", "--out", str(out), "--quiet", env=env)
    assert generated.returncode == 0 and "30 cases" in generated.stdout
    refused = run_netra("corpus", "generate", "--cases", "30", "--out", str(out), env=env)
    assert refused.returncode == 1 and "--force" in refused.stderr
    report = tmp_path / "report.json"
    result = run_netra("ingest-cases", str(out), "--quiet", "--report", str(report), env=env)
    assert result.returncode == 0, result.stderr
    totals = json.loads(report.read_text())["totals"]
    assert totals["failed"] == 0 and totals["loaded"] > 60 and totals["cases"] > 30
    again = run_netra("ingest-cases", str(out), "--quiet", env=env)
    assert f"0 loaded, {totals['loaded']} unchanged" in again.stdout
    scores = json.loads(run_netra("eval-extraction", str(out), "--json", env=env).stdout)
    assert scores["scores"]["persons"]["f1"] > 0.9 and scores["not_links_asserted_proven"] == []


@pytest.mark.skipif(not DEV_SET.is_dir(), reason="../shared/eval/cases-dev is not beside the repository")
def test_eval_extraction_on_the_dev_set(env):
    result = run_netra("eval-extraction", str(DEV_SET), env=env)
    assert result.returncode == 0 and "persons" in result.stdout and "not_links asserted as proven: 0" in result.stdout
