"""Corpus health: the per-file verdicts on small made-up texts, the report and its entry
point on a tiny archive, and (slow) the whole shared archive."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest

from conftest import netra_env, run_netra
from ingest.regulation.health import DAMAGED, NO_ARTICLES, check_text, corpus_health, main
from ingest.regulation.sources import read_markdown
from paths import SHARED

ARCHIVE = SHARED / "corpus" / "peraturan-md.tar.gz"

OPENING = ("PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 1 TAHUN 2099 TENTANG UJI\n"
           "Menimbang : bahwa perlu diuji;\nMEMUTUSKAN:\nMenetapkan : PERATURAN PEMERINTAH TENTANG UJI.\n")
CLOSING = "Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan Pemerintah ini.\n"
CLEAN = OPENING + "Pasal 1\nSatu.\nPasal 2\nDua.\nPasal 2A\nSisipan.\nPasal 3\nTiga.\n" + CLOSING
LOST_PAGE = OPENING + "Pasal 1\nSatu.\nPasal 2\nDua berlanjut ke halaman yang hilang\nPasal 4\nEmpat.\n" + CLOSING
GARBLED = OPENING + "Pasal 1\nSatu.\nPa$al ?\nDua.\nPasal 3\nTiga.\n" + CLOSING
SCRAMBLED = OPENING + "Pasal 1\nSatu.\nPasal 3\nTiga.\nPasal 2\nDua.\nPasal 4\nEmpat.\n" + CLOSING
DIKTUM = ("KEPUTUSAN PRESIDEN\nMEMUTUSKAN:\nMenetapkan :\nPERTAMA : Mengangkat seseorang.\n"
          "KEDUA : Keputusan ini berlaku sejak ditetapkan.\n")
STUB = "PERATURAN PEMERINTAH NOMOR 3 TAHUN 1950\nMenimbang : bahwa perlu\n"
JUMP = OPENING + "Pasal 1\nSatu.\nPasal 2\nDua.\nPasal 81A\nSisipan.\nPasal 82\nLagi.\n" + CLOSING


def check(markdown: str, member: str = "pp/2099/1.md"):
    return check_text(member, *read_markdown(markdown, member, member))


def test_clean_run_with_an_inserted_pasal():
    health = check(CLEAN)
    assert (health.clean, health.pasal, health.problems, health.cause) == (True, 4, [], "")


def test_lost_page_is_damaged_source_with_evidence():
    health = check(LOST_PAGE)
    assert (health.clean, health.problems, health.cause) == (False, ["missing Pasal 3"], DAMAGED)
    assert health.reasons == ["heading or text lost"]
    assert "no heading" in health.evidence[0] and "Dua berlanjut" in health.evidence[0]


def test_garbled_heading_is_quoted():
    health = check(GARBLED)
    assert (health.problems, health.cause, health.reasons) == (["missing Pasal 2"], DAMAGED, ["garbled heading"])
    assert "garbled heading: Pa$al ?" in health.evidence[0]


def test_scrambled_pages_are_out_of_order():
    health = check(SCRAMBLED)
    assert (health.cause, health.reasons, len(health.problems)) == (DAMAGED, ["out of order"], 1)


def test_decision_without_articles_and_stub_file():
    assert check(DIKTUM, "pp/2099/2.md").cause == NO_ARTICLES
    stub = check(STUB, "pp/1950/3.md")
    assert (stub.problems, stub.cause, stub.reasons) == (["no Pasal found"], DAMAGED,
                                                         ["no Pasal heading (stub or truncated file)"])
    assert "truncated" in stub.evidence[0]


def test_headings_left_out_of_the_run_are_named_with_their_lines():
    health = check(JUMP, "pp/2099/5.md")
    assert health.left_out == [
        'line 9: heading "Pasal 81A" left out of the articles read (Pasal 1 to 2); its text stays in Pasal 2',
        'line 11: heading "Pasal 82" left out of the articles read (Pasal 1 to 2); its text stays in Pasal 2']


def test_the_report_counts_and_names_the_headings_left_out(tmp_path, capsys):
    archive = tmp_path / "jump.tar.gz"
    with tarfile.open(archive, "w:gz") as packed:
        data = JUMP.encode()
        info = tarfile.TarInfo("pp/2099/5.md")
        info.size = len(data)
        packed.addfile(info, io.BytesIO(data))
    assert main([str(archive), "--report", str(tmp_path / "out.json"), "--quiet"]) == 0
    assert "2 article headings left out of the run in 1 files" in capsys.readouterr().out
    assert json.loads((tmp_path / "out.json").read_text())["left_out"]["pp/2099/5.md"][0].startswith("line 9: ")


def _tiny_archive(path: Path) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for member, text in {"pp/2099/1.md": CLEAN, "pp/2099/4.md": LOST_PAGE, "pp/2099/2.md": DIKTUM}.items():
            data = text.encode()
            info = tarfile.TarInfo(member)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def test_report_and_entry_point(tmp_path, capsys):
    archive = _tiny_archive(tmp_path / "tiny.tar.gz")
    report = corpus_health(archive, progress=False, processes=1)
    assert (len(report.files), report.clean) == (3, 1)
    assert dict(report.causes()) == {DAMAGED: 1, NO_ARTICLES: 1}
    assert report.summary().startswith("3 files in ")
    assert "damaged source: 1 files (33.3%): heading or text lost 1" in report.summary()
    assert main([str(archive), "--report", str(tmp_path / "out.json"), "--quiet"]) == 0
    assert "1 clean (33.3%), 1 article headings missing in the others" in capsys.readouterr().out
    written = json.loads((tmp_path / "out.json").read_text())
    assert {f["member"] for f in written["failing"]} == {"pp/2099/4.md", "pp/2099/2.md"}



def test_piped_netra_corpus_health_prints_lines_not_a_redrawn_bar(tmp_path):
    """In a pipe (a log file, CI) the progress is plain lines: no carriage return."""
    result = run_netra("corpus-health", str(_tiny_archive(tmp_path / "tiny.tar.gz")), env=netra_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "\r" not in result.stderr and "parsing archive: 3file" in result.stderr.splitlines()[-1]
    assert "3 files in " in result.stdout

@pytest.mark.slow
@pytest.mark.skipif(not ARCHIVE.is_file(), reason=f"Markdown archive not found at {ARCHIVE}")
def test_whole_archive_is_at_least_95_percent_clean():
    report = corpus_health(ARCHIVE, progress=False)
    assert len(report.files) == 5875
    share = report.clean / len(report.files)
    assert share >= 0.95, report.summary()
    # Every file that fails says why, with evidence.
    assert all(f.cause and f.reasons and f.evidence for f in report.files if not f.clean)
