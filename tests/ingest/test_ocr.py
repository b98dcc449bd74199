"""Scanned case documents read by OCR (ingest/ocr.py): images and image-only PDF pages become text
with their confidence, a scan without readable text is reported as such, hostile images are
refused in words, and evidence offsets point into the text OCR read.

Needs Tesseract with its Indonesian data (`make ocr`); without it the tests that OCR are
skipped, unless CI is set: then they fail."""

import functools
import io
import os
import re
import shutil
import struct
import subprocess
import zlib

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from PIL import Image, ImageFilter, ImageOps
from pypdf import PdfReader, PdfWriter

from case_fixtures import DOCUMENTS, NIP, write_documents, write_pp94
from casegen.scans import save_image_pdf, scan_pages
from core.errors import NetraError
from crafted_files import READABLE_PDF
from ingest import ocr
from ingest.cases import extract_case_document
from ingest.ocr import UnreadableDocument
from ingest.reading import read_text

SENTENCE = "Saksi melihat Kurniawan Fiktifsyah di panggung kampanye."
DPI = 150  # enough for Tesseract at 11 points, and twice as fast as 300


@pytest.fixture(scope="module", autouse=True)
def tesseract():
    """Skip (fail under CI) without Tesseract and its Indonesian data."""
    found = shutil.which("tesseract") and "ind" in subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
    if not found:
        reason = "Tesseract with Indonesian data is needed: run `make ocr` (apt-get install tesseract-ocr tesseract-ocr-ind)."
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def _line_image(text: str = SENTENCE) -> Image.Image:
    """A scanned line of text, cropped to it (a small image: OCR in a fraction of a second)."""
    page = scan_pages(text, dpi=DPI)[0]
    left, top, right, bottom = ImageOps.invert(page).getbbox()
    return page.crop((left - 40, top - 40, right + 40, bottom + 40))


# -- images and image-only PDFs become text, with their confidence ------------------------------

def test_image_only_pdf_is_read_with_its_confidence(tmp_path):
    path = save_image_pdf(scan_pages(DOCUMENTS["t001-temuan.txt"], dpi=DPI, skew_degrees=0.5, specks=0.0005),
                          tmp_path / "t001-temuan.pdf", dpi=DPI)
    assert not "".join(page.extract_text() for page in PdfReader(path).pages).strip()  # no text layer
    read = read_text(path)
    assert "Drs. Kurniawan Fiktifsyah, M.Si. (NIP 197806202005011003)" in read.text
    # The scan's wrapped lines are joined again: a paragraph is one line, as in the text file.
    assert read.text.splitlines()[:2] == DOCUMENTS["t001-temuan.txt"].splitlines()[:2]
    assert any(line.startswith("Pada Kamis") and "Desi Rekaan." in line for line in read.text.splitlines())
    properties = read.scan.properties()
    assert properties["ocr"] is True and properties["ocr_pages"] == [1]
    assert 0.8 < properties["ocr_confidence"] <= 1 and properties["ocr_page_confidence"] == [properties["ocr_confidence"]]


@pytest.mark.parametrize("suffix,mode", [(".png", "L"), (".jpg", "RGB"), (".png", "RGBA")])
def test_images_are_read(tmp_path, suffix, mode):
    image = _line_image()
    if mode == "RGBA":  # black text on a transparent background: must not read as black on black
        image = Image.merge("RGBA", [Image.new("L", image.size, 0)] * 3 + [ImageOps.invert(image)])
    path = tmp_path / f"scan{suffix}"
    image.convert(mode).save(path)
    assert read_text(path).text == SENTENCE + "\n"


def test_a_tiff_of_several_pages_is_read_page_by_page(tmp_path):
    pages = [_line_image("Halaman pertama surat keputusan."), _line_image("Halaman kedua surat keputusan.")]
    pages[0].save(tmp_path / "letter.tiff", save_all=True, append_images=pages[1:])
    read = read_text(tmp_path / "letter.tiff")
    assert read.text == "Halaman pertama surat keputusan.\nHalaman kedua surat keputusan.\n"
    assert read.scan.properties()["ocr_pages"] == [1, 2]


def test_a_pdf_page_with_a_text_layer_keeps_it_and_a_scanned_one_is_read(tmp_path):
    save_image_pdf([_line_image()], tmp_path / "scan.pdf", dpi=DPI)
    writer = PdfWriter()
    for part in (io.BytesIO(READABLE_PDF), tmp_path / "scan.pdf"):
        writer.append(part)
    writer.write(tmp_path / "mixed.pdf")
    read = read_text(tmp_path / "mixed.pdf")
    assert read.text == "Saksi melihat Kurniawan Fiktifsyah di panggung kampanye\n" + SENTENCE + "\n"
    assert read.scan.properties()["ocr_pages"] == [2]
    assert read_text(write_documents(tmp_path, {"t001-temuan.txt"}) / "t001-temuan.txt").scan is None


# -- no readable text: reported, never loaded empty ---------------------------------------------

def test_a_blank_scan_is_unreadable(tmp_path):
    Image.new("L", (1240, 1754), 255).save(tmp_path / "blank.png")
    with pytest.raises(UnreadableDocument, match="image with no readable text"):
        read_text(tmp_path / "blank.png")
    save_image_pdf([Image.new("L", (1240, 1754), 255)] * 2, tmp_path / "blank.pdf", dpi=DPI)
    with pytest.raises(UnreadableDocument, match="scan with no readable text"):
        read_text(tmp_path / "blank.pdf")


def test_documents_without_pages_or_words_are_unreadable(tmp_path):
    PdfWriter().write(tmp_path / "no-pages.pdf")
    (tmp_path / "empty.html").write_text("<html><body><p> </p></body></html>", encoding="utf-8")
    for name, message in (("no-pages.pdf", "PDF file with no text"), ("empty.html", "HTML file with no text")):
        with pytest.raises(UnreadableDocument, match=message):
            read_text(tmp_path / name)


def test_a_blurred_photo_read_as_words_is_too_unsure_to_keep(tmp_path):
    """Tesseract finds "words" in an out-of-focus photo of a letter; their confidence gives them away."""
    scan_pages(DOCUMENTS["t001-temuan.txt"], dpi=DPI)[0].filter(ImageFilter.GaussianBlur(3)).save(tmp_path / "photo.jpg")
    with pytest.raises(UnreadableDocument, match=r"image with no readable text; best page confidence 0\.[0-5]"):
        read_text(tmp_path / "photo.jpg")


def test_an_unreadable_page_is_left_out_with_a_warning(tmp_path):
    save_image_pdf([_line_image(), Image.new("L", (600, 200), 255)], tmp_path / "two.pdf", dpi=DPI)
    read = read_text(tmp_path / "two.pdf")
    assert read.text == SENTENCE + "\n" and read.scan.warnings == ["page 2: no text found"]
    assert read.scan.properties()["ocr_pages"] == [1]


# -- evidence offsets point at the words OCR read -----------------------------------------------

def test_evidence_spans_point_into_the_text_ocr_read(tmp_path):
    path = save_image_pdf(scan_pages(DOCUMENTS["t001-rekomendasi.txt"], dpi=DPI, skew_degrees=0.5),
                          tmp_path / "t001-rekomendasi.pdf", dpi=DPI)
    text = read_text(path).text
    extraction = extract_case_document(text, "t001-rekomendasi")
    person = next(p for p in extraction.persons if p.name == "Kurniawan Fiktifsyah")
    assert all(text[m.start:m.end] == m.text for m in person.mentions) and person.mentions
    link = next(link for link in extraction.links if link.source == person.id and link.type == "SUPPORTED")
    start, end = link.evidence
    assert text[start:end].startswith("Berdasarkan hasil pemeriksaan") and "Bambang Contoh" in text[start:end]
    assert text[slice(*extraction.sanction.evidence)].startswith("Sehubungan dengan hal tersebut, BKN merekomendasikan")


# -- hostile and broken files: clear errors ------------------------------------------------------

def _png_claiming(width: int, height: int) -> bytes:
    """A valid 1×1 PNG whose header claims another size: Pillow reads the size without decoding."""
    buffer = io.BytesIO()
    Image.new("L", (1, 1), 255).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    header = b"IHDR" + struct.pack(">II", width, height) + bytes(data[24:29])
    data[12:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(header))
    return bytes(data)


@pytest.mark.parametrize("width,height,message", [
    (9_000, 9_000, "9000×9000 pixels, more than 60 million: refused"),
    (100_000, 100_000, "too large to read: refused"),  # Pillow's own bomb limit, at opening
])
def test_decompression_bombs_are_refused_before_decoding(tmp_path, width, height, message):
    (tmp_path / "bomb.png").write_bytes(_png_claiming(width, height))
    with pytest.raises(NetraError, match=message):
        read_text(tmp_path / "bomb.png")


def test_a_huge_pdf_page_is_rendered_smaller_with_a_warning(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "MAX_SCAN_PIXELS", 2_000_000)
    writer = PdfWriter()
    writer.add_blank_page(width=14_400, height=14_400)  # PDF's largest page, 200 inches square
    writer.write(tmp_path / "huge.pdf")
    warnings = []
    pages = list(ocr._rendered_pages(tmp_path / "huge.pdf", [0], warnings))
    assert pages[0][1].width * pages[0][1].height <= 2_000_000
    assert warnings == ["page 1 is 200×200 inches: rendered at 7 dpi instead of 300"]


def test_pages_past_the_cap_are_not_read_and_said_so(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "MAX_OCR_PAGES", 2)
    pages = [_line_image(f"Halaman {word} surat keputusan.") for word in ("satu", "dua", "tiga")]
    pages[0].save(tmp_path / "long.tif", save_all=True, append_images=pages[1:])
    read = read_text(tmp_path / "long.tif")
    assert read.text == "Halaman satu surat keputusan.\nHalaman dua surat keputusan.\n"
    assert read.scan.warnings == ["3 pages: only the first 2 were read by OCR, 1 were not"]


@pytest.mark.parametrize("name,data,message", [
    ("empty.png", b"", "the file is empty"),
    ("text.png", b"not an image at all", "not a readable PNG/JPEG/TIFF image"),
    ("cut.png", None, "damaged or truncated"),
    ("renamed.jpg", READABLE_PDF, "not a readable PNG/JPEG/TIFF image"),
])
def test_broken_images_fail_in_words(tmp_path, name, data, message):
    if data is None:  # a scan cut off half way: its header is whole, its pixels are not
        buffer = io.BytesIO()
        _line_image().save(buffer, "PNG")
        data = buffer.getvalue()[:len(buffer.getvalue()) // 2]
    (tmp_path / name).write_bytes(data)
    with pytest.raises(NetraError, match=message):
        read_text(tmp_path / name)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), magic=st.sampled_from([b"", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"\xff\xd8\xff"]),
       suffix=st.sampled_from([".png", ".jpg", ".tif"]))
def test_any_bytes_read_or_fail_in_words(tmp_path, data, magic, suffix):
    path = tmp_path / f"any{suffix}"
    path.write_bytes(magic + data)
    try:
        read_text(path)
    except NetraError as exc:  # UnreadableDocument is one too
        assert str(exc) and "Traceback" not in str(exc)


@functools.cache
def _small_image(kind: str) -> bytes:
    buffer = io.BytesIO()
    _line_image("Surat").save(buffer, kind)
    return buffer.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["TIFF", "PNG"]),
       edits=st.lists(st.tuples(st.integers(0, 300), st.integers(0, 255)), min_size=1, max_size=8))
def test_damaged_images_read_or_fail_in_words(tmp_path, kind, edits):
    """The header and first bytes of real images changed: the decoders meet lies about sizes and offsets."""
    data = bytearray(_small_image(kind))
    for position, value in edits:
        data[position] = value
    path = tmp_path / f"damaged.{kind.lower()}"
    path.write_bytes(bytes(data))
    try:
        read_text(path)
    except NetraError as exc:
        assert str(exc)


def test_without_tesseract_scans_fail_saying_how_to_install_it(tmp_path, monkeypatch):
    import pytesseract

    _line_image().save(tmp_path / "scan.png")
    monkeypatch.setattr(ocr, "_tesseract_ready", False)
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract"))
    with pytest.raises(NetraError, match="Tesseract is not installed: run `make ocr`"):
        read_text(tmp_path / "scan.png")
    folder = write_documents(tmp_path / "docs", {"t001-temuan.txt"})
    assert "Kurniawan" in read_text(folder / "t001-temuan.txt").text  # documents with text still read
    monkeypatch.undo()
    monkeypatch.setattr(ocr, "_tesseract_ready", False)
    monkeypatch.setattr(ocr, "LANGUAGE", "xyz")
    with pytest.raises(NetraError, match="no Indonesian language data"):
        read_text(tmp_path / "scan.png")


def test_the_ingest_summary_names_unreadable_scans_and_ocr_warnings(capsys):
    from cli.cases import _echo_scans
    from ingest.case_pipeline import CaseIngestSummary, CaseOutcome

    summary = CaseIngestSummary([
        CaseOutcome("docs/letter.pdf", "loaded", ocr_confidence=0.91, reading=["page 3: no text found"]),
        CaseOutcome("docs/decree.tif", "loaded", ocr_confidence=0.87),
        CaseOutcome("docs/blank.pdf", "unreadable", warnings=["scan with no readable text"]),
        CaseOutcome("docs/t001-temuan.txt", "loaded")])
    _echo_scans(summary)
    out, err = capsys.readouterr()
    assert out.splitlines() == ["2 read by OCR (mean word confidence 0.89).",
                                "1 unreadable: blank.pdf (scan with no readable text). Nothing was loaded from them."]
    assert err.strip() == "OCR     docs/letter.pdf: page 3: no text found"
    assert summary.totals["unreadable"] == 1 and summary.totals["ocr"] == 2


# -- a scanned case document in the graph --------------------------------------------------------

PROVISIONS = ["pp/2021/94/pasal-5", "pp/2021/94/pasal-5/huruf-n", "pp/2021/94/pasal-5/huruf-n/angka-6",
              "pp/2021/94/pasal-8", "pp/2021/94/pasal-8/ayat-3", "pp/2021/94/pasal-8/ayat-3/huruf-a"]


@pytest.mark.neo4j
def test_a_scanned_case_document_is_loaded_with_its_people_and_ocr(graph, server_settings, tmp_path, monkeypatch):
    from conftest import log_in
    from ingest.case_pipeline import ingest_cases
    from web import create_app

    write_pp94(graph, PROVISIONS)
    folder = write_documents(tmp_path / "docs", {"t001-rekomendasi.txt"})
    scan = save_image_pdf(scan_pages(DOCUMENTS["t001-temuan.txt"], dpi=DPI, skew_degrees=0.5),
                          folder / "t001-temuan.pdf", dpi=DPI)
    Image.new("L", (1240, 1754), 255).save(folder / "t001-lampiran.png")
    summary = ingest_cases([str(folder)], graph, show_progress=False)
    statuses = {outcome.path.rsplit("/", 1)[-1]: outcome.status for outcome in summary.outcomes}
    assert statuses == {"t001-temuan.pdf": "loaded", "t001-rekomendasi.txt": "loaded", "t001-lampiran.png": "unreadable"}
    assert summary.totals["unreadable"] == 1 and summary.totals["ocr"] == 1
    unreadable = next(o for o in summary.outcomes if o.status == "unreadable")
    assert unreadable.warnings == ["image with no readable text"]
    assert not graph.read("MATCH (d:Document) WHERE d.path ENDS WITH 'lampiran.png' RETURN d")

    document = graph.read("MATCH (d:Document {id: 'casedoc:t001-temuan'}) RETURN d {.*} AS d")[0]["d"]
    assert document["ocr"] is True and document["ocr_pages"] == [1] and document["format"] == "pdf"
    assert 0.8 < document["ocr_confidence"] <= 1 and document["title"] == "TEMUAN BAWASLU KOTA SOLOK"
    mention = graph.read("MATCH (m:PersonMention {document_id: 'casedoc:t001-temuan'}) WHERE m.nip = $nip "
                         "RETURN m {.*} AS m", nip=NIP)[0]["m"]
    text = read_text(scan).text
    assert text[mention["start"]:mention["end"]] == "Drs. Kurniawan Fiktifsyah, M.Si."  # the name as written
    evidence = graph.read("MATCH ()-[r:SUPPORTED {document_id: 'casedoc:t001-temuan'}]->() "
                          "RETURN r.start AS start, r.end AS end, r.sentence AS sentence")
    # The stored sentence is the span's text with its white space collapsed.
    assert evidence and all(" ".join(text[row["start"]:row["end"]].split()) in row["sentence"] for row in evidence)
    assert evidence[0]["sentence"].startswith("Pada Kamis, 10 Oktober 2024, Bawaslu Kota Solok menemukan")
    # Both documents, one scanned, are about the one person.
    persons = graph.read("MATCH (p:Person) WHERE p.nip = $nip RETURN p.documents AS documents", nip=NIP)
    assert len(persons) == 1 and set(persons[0]["documents"]) >= {"casedoc:t001-temuan", "casedoc:t001-rekomendasi"}

    # Loaded again unchanged: found so by the file's hash, without OCR.
    monkeypatch.setattr(ocr, "_ocr_page", lambda *args: pytest.fail("an unchanged scan was read again"))
    again = ingest_cases([str(scan)], graph, show_progress=False)
    assert [(o.status, o.ocr_confidence) for o in again.outcomes] == [("unchanged", document["ocr_confidence"])]

    # The case page says which document was a scan, and how sure OCR was; names stay masked.
    researcher = log_in(create_app(server_settings, rate_limits=False).test_client(), server_settings, "researcher")
    page = researcher.get("/cases/case:t001").get_data(as_text=True)
    assert re.search(r"pindaian, dibaca dengan OCR \(keyakinan (8|9)\d%\)", page) and "Fiktifsyah" not in page
    english = researcher.get("/cases/case:t001?lang=en").get_data(as_text=True)
    assert re.search(r"scanned, read by OCR \(confidence (8|9)\d%\)", english)
