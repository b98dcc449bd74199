"""Files a stranger might upload with the report form: small PDFs built byte by byte, one readable,
two crafted to exhaust a parser (for tests/web/test_report_queue.py and tests/ingest/test_untrusted.py)."""

import zlib


def pdf(content: bytes = b"", stream: bytes | None = None) -> bytes:
    """A one-page PDF whose page content is `content`, compressed (or the compressed `stream`)."""
    stream = zlib.compress(content, 9) if stream is None else stream
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


READABLE_PDF = pdf(b"BT /F1 12 Tf 72 712 Td (Saksi melihat Kurniawan Fiktifsyah di panggung kampanye) Tj ET")
# Crafted: 390 KB that inflate to the 75 MB pypdf allows itself, and a stream of 2 million text
# operators that keeps the text extractor busy for many seconds.
def _inflating_to(size: int) -> bytes:
    """A deflate stream of a text operator holding `size` letters, compressed a MiB at a time."""
    packer, chunk = zlib.compressobj(9), b"A" * 2**20
    parts = [packer.compress(b"BT /F1 12 Tf 72 712 Td (")]
    parts += [packer.compress(chunk) for _ in range(size // len(chunk))]
    return b"".join(parts) + packer.compress(b") Tj ET") + packer.flush()


MEMORY_BOMB_PDF = pdf(stream=_inflating_to(400 * 2**20))
SLOW_PDF = pdf(b"BT /F1 12 Tf " + b"1 0 0 1 72 712 Tm (ab) Tj " * 2_000_000 + b"ET")
