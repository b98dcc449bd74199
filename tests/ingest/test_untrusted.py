"""Reading an uploaded file in a child process limited in time and memory (ingest/untrusted.py):
crafted files fail with the reason, the caller never runs out of anything. No database needed."""

from __future__ import annotations

import resource
import time

import pytest

from crafted_files import MEMORY_BOMB_PDF, READABLE_PDF, SLOW_PDF
from ingest.untrusted import read_untrusted


def _file(tmp_path, data: bytes, name: str = "1.bin"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_an_ordinary_pdf_and_text_are_read(tmp_path):
    assert "Kurniawan Fiktifsyah" in read_untrusted(_file(tmp_path, READABLE_PDF), "pdf", memory=96 * 2**20).text
    text = read_untrusted(_file(tmp_path, "catatan saksi\n".encode("utf-8-sig"), "2.bin"), "txt")
    assert text.text == "catatan saksi\n" and text.error is None
    assert read_untrusted(_file(tmp_path, b"x" * 500, "3.bin"), "txt", max_chars=100).text == "x" * 100


@pytest.mark.parametrize("data, kind, reason", [
    (b"%PDF-1.4\nnot really a pdf\n", "pdf", "damaged"),
    (b"PK\x03\x04 not a zip", "docx", "not a DOCX"),
    (b"\xff\xfe\x00", "txt", "not UTF-16"),
    (b"\x00\x01\x02 binary", "txt", "binary"),
    (b"caf\xe9 latin-1", "txt", "not UTF-8"),
])
def test_an_unreadable_file_fails_with_the_reason(tmp_path, data, kind, reason):
    result = read_untrusted(_file(tmp_path, data), kind)
    assert result.text is None and reason in result.error, result


def test_a_pdf_that_inflates_past_the_memory_limit_fails_and_the_caller_is_untouched(tmp_path):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = read_untrusted(_file(tmp_path, MEMORY_BOMB_PDF), "pdf", memory=96 * 2**20)
    assert result.text is None and result.error == "reading needed more than 96 MiB of memory"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50 * 2**10, "the child allocated, not us"


def test_a_pdf_that_keeps_the_parser_busy_is_stopped_at_the_time_limit(tmp_path):
    began = time.monotonic()
    result = read_untrusted(_file(tmp_path, SLOW_PDF), "pdf", seconds=2)
    assert result.text is None and "longer than 2 s" in result.error
    assert time.monotonic() - began < 2 + 5 + 3  # the limit, the interpreter's start, slack on a busy machine


def test_only_the_readable_kinds():
    with pytest.raises(ValueError):
        read_untrusted(__file__, "exe")
