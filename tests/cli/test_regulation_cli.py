"""`netra ingest | show | check-citations | remove` through the real command line."""

import json
from pathlib import Path

import pytest

from conftest import netra_env, run_netra
from paths import SHARED

pytestmark = pytest.mark.neo4j

CORPUS = SHARED / "corpus"
pytestmark = [pytest.mark.neo4j,
              pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repository")]


@pytest.fixture(scope="module")
def loaded(server_settings, session_graph, tmp_path_factory):
    from graph.schema import wipe

    wipe(session_graph)
    env = netra_env(server_settings.home)
    report = tmp_path_factory.mktemp("ingest") / "report.json"
    result = run_netra("ingest", str(CORPUS / "core"), "--report", str(report), "--quiet", env=env)
    assert result.returncode == 0, result.stderr
    return env, result, json.loads(report.read_text())


def test_ingest_prints_a_summary_and_writes_a_report(loaded):
    _, result, report = loaded
    assert "11 documents: 11 loaded" in result.stdout
    assert report["totals"]["documents"] == 11 and report["totals"]["provisions"] > 3000
    assert report["totals"]["citations_resolved"] > 1000
    assert {"path", "status", "regulation", "citations_unresolved"} <= set(report["documents"][0])


def test_ingest_names_each_warning(loaded):
    _, result, report = loaded
    assert "warning " in result.stderr and "uu-7-2017-partial.txt: Pasal numbers jump from 280 to 282" in result.stderr
    skb = next(d for d in report["documents"] if d["regulation"] == "SKB 2/2022")
    assert skb["provisions"] == 14 and skb["warnings"] == []


def test_show_and_check_citations_read_lampiran_points_and_diktum(loaded, tmp_path):
    env = loaded[0]
    shown = run_netra("show", "angka 6 Lampiran SKB 2/2022", "--json", env=env)
    assert shown.returncode == 0, shown.stderr
    view = json.loads(shown.stdout)
    assert (view["id"], view["citation"]) == ("skb/2022/2/lampiran/angka-6", "angka 6 Lampiran SKB 2/2022")
    text = run_netra("show", "skb/2022/2/lampiran/angka-7", env=env).stdout
    assert text.startswith("angka 7 Lampiran SKB 2/2022") and "  a. Calon Presiden" in text
    finding = tmp_path / "temuan.txt"
    finding.write_text("Terlapor melanggar Lampiran angka 7 huruf a Keputusan Bersama ... Nomor 2 Tahun 2022 dan "
                       "Diktum KEDUA SKB Nomor 2 Tahun 2022.\n", encoding="utf-8")
    rows = json.loads(run_netra("check-citations", str(finding), "--json", env=env).stdout)
    assert [(row["targets"], row["reason"]) for row in rows] == [
        (["skb/2022/2/lampiran/angka-7/huruf-a"], None), ([], "provision_does_not_exist")]
    assert rows[1]["detail"] == "SKB 2/2022 has no Diktum KEDUA (it has no Diktum directly inside it)"


def test_show_gives_the_wording_in_force_on_the_date(loaded):
    env = loaded[0]
    old = json.loads(run_netra("show", "Pasal 71 UU 1/2015", "--as-of", "2016-01-01", "--json", env=env).stdout)
    new = json.loads(run_netra("show", "pasal 71 uu 1 tahun 2015", "--as-of", "2020-10-01", "--json", env=env).stdout)
    assert old["status"] == "in force" and new["status"] == "amended"
    assert "selama masa Kampanye" in old["text"] and "anggota TNI/POLRI" in new["text"]
    assert old["ref"] == {"type": "UU", "number": "1", "year": 2015, "pasal": "71"}
    assert [c["citation"] for c in new["children"]][:2] == ["Pasal 71 ayat (1) UU 1/2015", "Pasal 71 ayat (2) UU 1/2015"]
    text = run_netra("show", "Pasal 71 UU 1/2015", "--as-of", "2020-10-01", env=env).stdout
    assert "Versions:" in text and "UU 10/2016" in text


def test_show_a_provision_that_does_not_exist_fails_with_the_reason(loaded):
    result = run_netra("show", "Pasal 87 ayat (4) huruf e UU 5/2014", env=loaded[0])
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "has no huruf e (it has huruf a, b, c, d)" in result.stderr


def test_show_rejects_a_bad_date_and_a_non_citation(loaded):
    bad_date = run_netra("show", "UU 5/2014", "--as-of", "yesterday", env=loaded[0])
    assert bad_date.returncode == 2 and "2020-10-01" in bad_date.stderr
    nonsense = run_netra("show", "apa kabar", env=loaded[0])
    assert nonsense.returncode == 1 and "does not read as a citation" in nonsense.stderr


def test_check_citations_flags_the_report_s_missing_huruf_e(loaded):
    report = CORPUS / "reports" / "kajian-netralitas-asn-pilkada-2024-padang.txt"
    result = run_netra("check-citations", str(report), "--json", env=loaded[0])
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert any(row["resolved"] and row["targets"][0].startswith("uu/2014/5/pasal-") for row in rows)
    flagged = [row for row in rows if "hurufe" in row["raw"].replace(" ", "")]
    assert flagged and flagged[0]["reason"] == "provision_does_not_exist"
    text = report.read_text(encoding="utf-8").split("\n---\n", 1)[1]  # spans count from after the header
    assert all(text[row["start"]:row["end"]] == row["raw"] for row in rows)


def test_remove_takes_one_document_out(loaded):
    env = loaded[0]
    assert run_netra("remove", "UU 10/2016", env=env).returncode == 0
    after = json.loads(run_netra("show", "Pasal 71 UU 1/2015", "--as-of", "2020-10-01", "--json", env=env).stdout)
    assert after["status"] == "in force" and len(after["versions"]) == 1
    missing = run_netra("remove", "UU 10/2016", env=env)
    assert missing.returncode == 1 and "No document" in missing.stderr
    assert run_netra("ingest", str(CORPUS / "core" / "uu-10-2016.txt"), "--quiet", env=env).returncode == 0
