"""Reading regulations from each source format into text and metadata."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from core.refs import RegulationRef
from ingest.regulation import parse_regulation, read_archive_members, read_document
from ingest.regulation.metadata import metadata_from_text
from ingest.regulation.sources import split_header, strip_markdown
from paths import FIXTURES, SHARED

REGULATIONS = FIXTURES / "regulations"
ARCHIVE = SHARED / "corpus" / "peraturan-md.tar.gz"


def body_labels(text_and_info) -> list[str]:
    return [pasal.label for pasal in parse_regulation(*text_and_info).body_pasal()]


# -- core .txt with a header block ----------------------------------------------------------------

def test_core_text_header_gives_metadata_and_offsets_start_after_the_rule():
    text, info = read_document(REGULATIONS / "pp-99-2099.txt")
    assert text.startswith("PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 99 TAHUN 2099")
    assert (info.format, info.regulation, info.title) == ("txt", RegulationRef("PP", "99", 2099),
                                                           "Pengelolaan Taman Kota")
    assert info.header["source"].startswith("hand-written")
    assert (info.enacted, info.promulgated) == (date(2099, 3, 3), date(2099, 3, 4))


def test_split_header_leaves_plain_text_alone():
    assert split_header("Pasal 1\nSatu.\n") == ({}, "Pasal 1\nSatu.\n")


# -- archive Markdown -------------------------------------------------------------------------------

def test_markdown_markup_is_stripped():
    markdown = "# JUDUL\nkata _miring_ dan __ (2) Prasarana... __ (2) Prasarana kota **tebal**\n"
    assert strip_markdown(markdown) == "JUDUL\nkata miring dan\n(2) Prasarana...\n(2) Prasarana kota tebal\n"


def test_markdown_metadata_from_path_and_heading():
    text, info = read_document(REGULATIONS / "archive" / "uu" / "2099" / "98.md")
    assert info.format == "markdown"
    assert info.regulation == RegulationRef("UU", "98", 2099)
    assert info.title == "RUANG TERBUKA HIJAU"
    assert (info.enacted, info.promulgated) == (date(2099, 1, 10), date(2099, 1, 11))
    assert "#" not in text and "__" not in text


@pytest.mark.skipif(not ARCHIVE.is_file(), reason=f"Markdown archive not found at {ARCHIVE}")
def test_archive_members_are_read_without_unpacking():
    members = read_archive_members(ARCHIVE, ["uu/2014/5.md", "pp/2021/94.md"])
    text, info = members["uu/2014/5.md"]
    assert info.regulation == RegulationRef("UU", "5", 2014)
    assert info.title == "APARATUR SIPIL NEGARA"
    assert info.path.endswith("peraturan-md.tar.gz::uu/2014/5.md")
    assert (info.enacted, info.promulgated) == (date(2014, 1, 15), date(2014, 1, 15))
    assert len(body_labels(members["uu/2014/5.md"])) == 141


# -- metadata from the text alone -------------------------------------------------------------------

@pytest.mark.parametrize("heading, expected", [
    ("UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 5 TAHUN 2014 TENTANG APARATUR SIPIL NEGARA\nDENGAN RAHMAT",
     ("UU", "5", 2014, "APARATUR SIPIL NEGARA")),
    ("PERATURAN PEMERINTAH PENGGANTI UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 1 TAHUN 2014 TENTANG PEMILIHAN "
     "GUBERNUR, BUPATI, DAN WALIKOTA DENGAN RAHMAT", ("PERPPU", "1", 2014, "PEMILIHAN GUBERNUR, BUPATI, DAN WALIKOTA")),
    ("PERATURAN PRESIDEN REPUBLIK INDONESIA NOMOR 12 TAHUN 2020 TENTANG CONTOH\n", ("PERPRES", "12", 2020, "CONTOH")),
    ("PERATURAN BADAN PENGAWAS PEMILIHAN UMUM NOMOR 6 TAHUN 2018 TENTANG PENGAWASAN NETRALITAS\n",
     ("PERBAWASLU", "6", 2018, "PENGAWASAN NETRALITAS")),
    ("PERATURAN MENTERI KEUANGAN REPUBLIK INDONESIA NOMOR 148/PMK.05/2012 TAHUN 2012 TENTANG TATA CARA\n",
     ("PERMENKEU", "148/PMK.05/2012", 2012, "TATA CARA")),
])
def test_metadata_from_heading(heading, expected):
    found = metadata_from_text(heading)
    assert (found.type, found.number, found.year, found.title) == expected


@pytest.mark.parametrize("heading, expected", [
    ("KEPUTUSAN BERSAMA MENTERI PENDAYAGUNAAN APARATUR NEGARA DAN REFORMASI BIROKRASI, MENTERI DALAM NEGERI, "
     "KEPALA BADAN KEPEGAWAIAN NEGARA, KETUA KOMISI APARATUR SIPIL NEGARA, DAN KETUA BADAN PENGAWAS PEMILIHAN UMUM\n"
     "NOMOR : 2 Tahun 2022\nNOMOR : 800-5474 Tahun 2022\nNOMOR : 246 Tahun 2022\nTENTANG\nPEDOMAN NETRALITAS\n",
     ("SKB", "skb/2022/2", "PEDOMAN NETRALITAS")),
    ("SURAT EDARAN MENTERI PENDAYAGUNAAN APARATUR NEGARA DAN REFORMASI BIROKRASI REPUBLIK INDONESIA\n"
     "NOMOR B/71/M.SM.00.00/2017\nTENTANG\nPELAKSANAAN NETRALITAS BAGI ASN\n",
     ("SE", "se-menpanrb/2017/b-71-m.sm.00.00-2017", "PELAKSANAAN NETRALITAS BAGI ASN")),
    ("KEPUTUSAN MENTERI DALAM NEGERI NOMOR 100.2.1.3-1234 TAHUN 2023 TENTANG PENJABAT\n",
     ("KEPUTUSAN", "keputusan-mendagri/2023/100.2.1.3-1234", "PENJABAT")),
    ("KEPUTUSAN KEPALA BADAN KEPEGAWAIAN NEGARA NOMOR 7 TAHUN 2023 TENTANG PEDOMAN\n",
     ("KEPUTUSAN", "keputusan-bkn/2023/7", "PEDOMAN")),
    ("PERATURAN BADAN PENGAWAS PEMILIHAN UMUM REPUBLIK INDONESIA NOMOR 6 TAHUN 2018 TENTANG PENGAWASAN\n",
     ("PERBAWASLU", "perbawaslu/2018/6", "PENGAWASAN")),
    ("PERATURAN KOMISI PEMILIHAN UMUM NOMOR 15 TAHUN 2023 TENTANG KAMPANYE\n", ("PKPU", "pkpu/2023/15", "KAMPANYE")),
    ("PERATURAN MENTERI DALAM NEGERI REPUBLIK INDONESIA NOMOR 1 TAHUN 2020 TENTANG CONTOH\n",
     ("PERMEN", "permen-mendagri/2020/1", "CONTOH")),
    ("PERATURAN MENTERI KESEHATAN REPUBLIK INDONESIA NOMOR 1 TAHUN 2020 TENTANG CONTOH\n",
     ("PERMEN", "permen-kesehatan/2020/1", "CONTOH")),
    ("PERATURAN DAERAH PROVINSI JAWA BARAT NOMOR 1 TAHUN 2020 TENTANG CONTOH\n",
     ("PERDA", "perda-provinsi-jawa-barat/2020/1", "CONTOH")),
    ("KEPUTUSAN PRESIDEN REPUBLIK INDONESIA NOMOR 5 TAHUN 2020 TENTANG CONTOH\n", ("KEPPRES", "keppres/2020/5", "CONTOH")),
])
def test_decrees_circulars_and_issued_regulations_from_their_heading(heading, expected):
    found = metadata_from_text(heading)
    assert (found.type, found.regulation().id, found.title) == expected


def test_the_header_decides_the_type_and_the_first_number(tmp_path):
    path = tmp_path / "se.txt"
    path.write_text("type: Surat Edaran\nnumber: 3 Tahun 2023 (Menteri); 9 Tahun 2023 (Kepala)\nyear: 2023\n"
                    "issuer: Menteri Dalam Negeri\n---\nKEPUTUSAN KEPALA BKN NOMOR 9 TAHUN 2023 TENTANG X\n1. Satu.\n",
                    encoding="utf-8")
    text, info = read_document(path)
    assert info.regulation.id == "se-mendagri/2023/3"  # not the heading's Keputusan nor its issuer
    assert info.first_line == 6  # the text's first line in the file, for warnings


def test_dates_from_the_closing_formulas():
    found = metadata_from_text("Ditetapkan di Jakarta pada tanggal, 6 Juni 2010 ttd. Diundangkan di Jakarta "
                               "Pada tanggal 9 Nopember 1978")
    assert (found.enacted, found.promulgated) == (date(2010, 6, 6), date(1978, 11, 9))


# -- PDF with a text layer ----------------------------------------------------------------------------

def _pdf_string(line: str) -> str:
    return "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def write_pdf(path: Path, pages: list[list[str]]) -> None:
    """A minimal valid PDF: one Helvetica text line per entry, one page per list."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        content = "BT /F1 10 Tf 14 TL 40 800 Td " + " ".join(f"{_pdf_string(line)} Tj T*" for line in lines) + " ET"
        objects.append(f"<< /Length {len(content)} >>\nstream\n{content}\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       f"/Resources << /Font << /F1 3 0 R >> >> /Contents {len(objects)} 0 R >>")
        kids.append(len(objects))
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(f'{kid} 0 R' for kid in kids)}] /Count {len(kids)} >>"
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))


PDF_PAGES = [
    ["PRESIDEN REPUBLIK INDONESIA", "PERATURAN PEMERINTAH REPUBLIK INDONESIA", "NOMOR 94 TAHUN 2099",
     "TENTANG PASAR RAKYAT", "Menimbang : bahwa pasar rakyat perlu dilindungi;", "MEMUTUSKAN:",
     "Menetapkan : PERATURAN PEMERINTAH TENTANG PASAR RAKYAT.", "Pasal 1",
     "(1) Pemerintah daerah membina pasar rakyat yang dikelola oleh pemerin-", "tah desa.", "- 1 -"],
    ["PRESIDEN REPUBLIK INDONESIA", "(2) Pembinaan sebagaimana dimaksud pada ayat (1) dilakukan setiap tahun.",
     "Pasal 2", "Peraturan Pemerintah ini mulai berlaku pada tanggal diundangkan.",
     "Ditetapkan di Jakarta pada tanggal 9 September 2099", "- 2 -"],
]


def test_pdf_without_page_furniture_and_with_pages(tmp_path):
    path = tmp_path / "pp-94-2099.pdf"
    write_pdf(path, PDF_PAGES)
    text, info = read_document(path)
    assert "PRESIDEN REPUBLIK INDONESIA" not in text and "- 1 -" not in text and "- 2 -" not in text
    assert "dikelola oleh pemerintah desa." in text  # hyphenation at the line end joined
    assert (info.format, info.regulation, info.enacted) == ("pdf", RegulationRef("PP", "94", 2099), date(2099, 9, 9))
    parsed = parse_regulation(text, info)
    pasal_1, pasal_2 = parsed.body_pasal()
    assert [a.label for a in pasal_1.children] == ["1", "2"]
    assert (info.page_at(pasal_1.start), info.page_at(pasal_1.children[1].start), info.page_at(pasal_2.start)) == (1, 2, 2)


# -- HTML from a legal portal --------------------------------------------------------------------------

def test_html_keeps_the_regulation_and_drops_the_page_around_it():
    text, info = read_document(REGULATIONS / "pp-95-2099.html")
    assert "Beranda" not in text and "Hak cipta" not in text and "tracker" not in text
    assert (info.format, info.regulation, info.title) == ("html", RegulationRef("PP", "95", 2099), "PERPUSTAKAAN DESA")
    assert (info.enacted, info.promulgated) == (date(2099, 8, 7), date(2099, 8, 8))
    parsed = parse_regulation(text, info)
    assert [p.label for p in parsed.body_pasal()] == ["1", "2", "3"]
    assert [h.label for h in parsed.provision("pp/2099/95/pasal-2/ayat-2").children] == ["a", "b"]


# -- DOCX -------------------------------------------------------------------------------------------------

def test_docx_paragraphs_and_tables(tmp_path):
    import docx

    document = docx.Document()
    for line in ["PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 93 TAHUN 2099 TENTANG KEBUN RAYA",
                 "Menimbang : bahwa kebun raya perlu dijaga;", "MEMUTUSKAN:",
                 "Menetapkan : PERATURAN PEMERINTAH TENTANG KEBUN RAYA.", "Pasal 1",
                 "Kebun raya sebagaimana tercantum dalam tabel berikut dikelola oleh negara:"]:
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    for (row, column), value in {(0, 0): "Nama", (0, 1): "Luas", (1, 0): "Kebun A", (1, 1): "10 ha"}.items():
        table.cell(row, column).text = value
    for line in ["Pasal 2", "Peraturan Pemerintah ini mulai berlaku pada tanggal diundangkan.",
                 "Ditetapkan di Jakarta pada tanggal 2 Februari 2099"]:
        document.add_paragraph(line)
    path = tmp_path / "pp-93-2099.docx"
    document.save(str(path))
    text, info = read_document(path)
    assert "Kebun A | 10 ha" in text
    assert (info.format, info.regulation, info.enacted) == ("docx", RegulationRef("PP", "93", 2099), date(2099, 2, 2))
    parsed = parse_regulation(text, info)
    assert [p.label for p in parsed.body_pasal()] == ["1", "2"]
    assert "Kebun A | 10 ha" in parsed.provision("pp/2099/93/pasal-1").text


def test_unknown_suffix_is_refused(tmp_path):
    path = tmp_path / "peraturan.rtf"
    path.write_text("x")
    with pytest.raises(ValueError, match="no reader"):
        read_document(path)
