"""Scanned documents read by OCR: images (PNG, JPEG, TIFF) and the PDF pages without a text layer.

Investigators receive letters and decisions as scans. A page is read by Tesseract with its
Indonesian language data (Debian's tesseract-ocr and tesseract-ocr-ind, installed by `make ocr`)
through pytesseract; PDF pages are rendered by PDFium (pypdfium2) at OCR_DPI first.

- The text returned is the text the extraction runs on, so the evidence offsets of a scanned
  document point into it as into any other document's text.
- Each page keeps its OCR confidence (the mean of its words' confidences, 0..1); the Document
  node gets `ocr`, `ocr_confidence`, `ocr_pages` and `ocr_page_confidence` (`ScanText.properties`).
- A page whose words are too unsure (below CONFIDENCE_FLOOR) is left out with a warning, since
  misread names would become persons; a file left without any text raises UnreadableDocument,
  so that it is reported and never loaded empty.
- Hostile files: images over MAX_SCAN_PIXELS are refused before they are decoded
  (decompression bombs); at most MAX_OCR_PAGES pages of a file are read (a warning says how many
  were not); a PDF page too large to render at OCR_DPI within MAX_SCAN_PIXELS is rendered smaller;
  Tesseract gets PAGE_SECONDS per page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import NetraError
from core.progress import progress_bar

LANGUAGE = "ind"
OCR_DPI = 300
MIN_TEXT_CHARS = 16  # a PDF page with fewer (non-blank) characters in its text layer is read as an image
MAX_OCR_PAGES = 50  # case letters and decisions are a few pages; a scan of hundreds is read in part
MAX_SCAN_PIXELS = 60_000_000  # an A2 sheet at 300 dpi; Pillow's own bomb limit (MAX_IMAGE_PIXELS) is 89 million
CONFIDENCE_FLOOR = 0.6  # below it, mostly noise: scribbles read as words score about 0.45, clean scans 0.95
PAGE_SECONDS = 60
IMAGE_FORMATS = ("PNG", "JPEG", "TIFF")
INSTALL_HINT = ("run `make ocr` (or install the Debian packages tesseract-ocr and tesseract-ocr-ind: "
                "apt-get install tesseract-ocr tesseract-ocr-ind)")


class UnreadableDocument(NetraError):
    """A file with no readable text at all: reported as such, never loaded empty."""


@dataclass
class OcrPage:
    number: int  # 1-based, in the file
    text: str  # "" when left out (see CONFIDENCE_FLOOR)
    confidence: float | None  # mean word confidence, 0..1; None: no words found
    words: int


@dataclass
class ScanText:
    """A file's text with the pages OCR read: `text` is what the extraction runs on."""

    text: str
    pages: list[OcrPage]  # the pages read by OCR (in a PDF, the others had a text layer)
    warnings: list[str] = field(default_factory=list)

    def properties(self) -> dict:
        """What the Document node keeps about its OCR."""
        read = [page for page in self.pages if page.text]
        words = sum(page.words for page in read)
        mean = sum(page.confidence * page.words for page in read) / words if words else None
        return {"ocr": True, "ocr_confidence": round(mean, 3) if mean is not None else None,
                "ocr_pages": [page.number for page in read],
                "ocr_page_confidence": [round(page.confidence, 3) for page in read]}


# -- files ---------------------------------------------------------------------------------------

def read_image_file(path: Path, show_progress: bool = False) -> ScanText:
    """An image's text, frame by frame (a TIFF may hold several pages)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path, formats=IMAGE_FORMATS) as image:
            frames = getattr(image, "n_frames", 1)
            warnings = _page_cap_warning(frames, "pages")
            pages = []
            for index in progress_bar(range(min(frames, MAX_OCR_PAGES)), desc=f"OCR {path.name}", unit="page",
                                      disable=not show_progress, leave=False):
                image.seek(index)
                _refuse_bomb(image.size, f"page {index + 1}" if frames > 1 else "the image")
                pages.append(_ocr_page(index + 1, _upright(image), warnings))
    except NetraError:
        raise
    except Image.DecompressionBombError as exc:  # Pillow's own limit, checked when opening
        raise NetraError(f"the image is too large to read: refused ({exc})")
    except UnidentifiedImageError as exc:
        raise NetraError(f"not a readable {'/'.join(IMAGE_FORMATS)} image ({exc})")
    except Exception as exc:  # noqa: BLE001 - damaged data breaks Pillow's decoders in many ways (OSError, TypeError, ...)
        raise NetraError(f"the image is damaged or truncated ({type(exc).__name__}: {str(exc)[:200]})")
    return _scan_text(pages, [""] * len(pages), warnings, "image")


def read_pdf_scans(path: Path, page_texts: list[str], show_progress: bool = False) -> ScanText | None:
    """The PDF's text with its pages without a text layer read by OCR; `page_texts` are its
    pages' text layers. None when every page has its text layer."""
    empty = [index for index, text in enumerate(page_texts) if len("".join(text.split())) < MIN_TEXT_CHARS]
    if not empty:
        return None
    warnings = _page_cap_warning(len(empty), "pages without a text layer")
    read = empty[:MAX_OCR_PAGES]
    rendered = progress_bar(_rendered_pages(path, read, warnings), total=len(read), desc=f"OCR {path.name}",
                            unit="page", disable=not show_progress, leave=False)
    pages = [_ocr_page(index + 1, image, warnings) for index, image in rendered]
    return _scan_text(pages, list(page_texts), warnings, "scan")


def _scan_text(pages: list[OcrPage], texts: list[str], warnings: list[str], what: str) -> ScanText:
    """The pages' texts joined (a PDF's text-layer pages as they were); UnreadableDocument if none has any."""
    for page in pages:
        texts[page.number - 1] = page.text
    text = "\n".join(part.strip("\n") for part in texts if part.strip())
    if not text:
        seen = max((page.confidence for page in pages if page.confidence is not None), default=None)
        detail = f"; best page confidence {seen:.2f}" if seen is not None else ""
        raise UnreadableDocument(f"{what} with no readable text{detail}")
    return ScanText(text + "\n", pages, warnings)


def _page_cap_warning(count: int, what: str) -> list[str]:
    if count <= MAX_OCR_PAGES:
        return []
    return [f"{count} {what}: only the first {MAX_OCR_PAGES} were read by OCR, {count - MAX_OCR_PAGES} were not"]


def _refuse_bomb(size: tuple[int, int], what: str) -> None:
    """Checked from the file's header, before a pixel is decoded."""
    width, height = size
    if width * height > MAX_SCAN_PIXELS:
        raise NetraError(f"{what} is {width}×{height} pixels, more than {MAX_SCAN_PIXELS // 10**6} million: "
                         "refused (scan at 300 dpi)")


def _upright(image):
    """Grey-scale, on white where it was transparent, turned as the camera's EXIF says."""
    from PIL import Image, ImageOps

    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        canvas = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(canvas, image.convert("RGBA"))
    return image.convert("L")


def _rendered_pages(path: Path, indexes: list[int], warnings: list[str]):
    """(index, grey-scale image) of each page asked for, rendered at OCR_DPI (smaller if the page is huge)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise NetraError(f"the PDF cannot be rendered for OCR ({exc})")
    try:
        for index in indexes:
            page = document[index]
            width, height = page.get_size()  # in points, 1/72 inch
            # A hair under the limit: PDFium rounds the pixel sizes up.
            scale = min(OCR_DPI / 72, 0.99 * math.sqrt(MAX_SCAN_PIXELS / max(width * height, 1)))
            if scale < OCR_DPI / 72:
                warnings.append(f"page {index + 1} is {width / 72:.0f}×{height / 72:.0f} inches: "
                                f"rendered at {scale * 72:.0f} dpi instead of {OCR_DPI}")
            yield index, page.render(scale=scale, grayscale=True).to_pil().convert("L")
    finally:
        document.close()


# -- Tesseract -----------------------------------------------------------------------------------

_tesseract_ready = False


def require_tesseract() -> None:
    """NetraError saying how to install Tesseract or its Indonesian data when either is missing."""
    global _tesseract_ready
    if _tesseract_ready:
        return
    import pytesseract

    try:
        languages = pytesseract.get_languages()
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError):
        raise NetraError(f"this file is a scan and needs OCR, but Tesseract is not installed: {INSTALL_HINT}")
    if LANGUAGE not in languages:
        raise NetraError(f"this file is a scan and needs OCR, but Tesseract has no Indonesian language data "
                         f"({LANGUAGE}): {INSTALL_HINT}")
    _tesseract_ready = True


def _ocr_page(number: int, image, warnings: list[str]) -> OcrPage:
    """One page's text and confidence; too unsure a page is kept empty, with a warning."""
    import pytesseract

    from PIL import ImageFilter

    require_tesseract()
    image = image.filter(ImageFilter.MedianFilter(3))  # wipes a scanner's dust, keeps the strokes of letters
    try:
        data = pytesseract.image_to_data(image, lang=LANGUAGE, output_type=pytesseract.Output.DICT,
                                         timeout=PAGE_SECONDS)
    except RuntimeError as exc:  # pytesseract's timeout
        warnings.append(f"page {number}: OCR took longer than {PAGE_SECONDS} s ({exc})")
        return OcrPage(number, "", None, 0)
    except pytesseract.TesseractError as exc:
        raise NetraError(f"Tesseract could not read page {number} ({exc.message or exc.status})")
    words = [_Word.of(data, i) for i in range(len(data["text"])) if data["text"][i].strip()]
    if not words:
        warnings.append(f"page {number}: no text found")
        return OcrPage(number, "", None, 0)
    confidence = sum(word.confidence for word in words) / len(words)
    if confidence < CONFIDENCE_FLOOR:
        warnings.append(f"page {number}: left out, OCR confidence {confidence:.2f} is below {CONFIDENCE_FLOOR}")
        return OcrPage(number, "", confidence, len(words))
    return OcrPage(number, _layout(words), confidence, len(words))


@dataclass
class _Word:
    text: str
    confidence: float  # 0..1
    paragraph: tuple[int, int]  # (block, paragraph) as Tesseract numbers them
    line: int
    left: int
    right: int
    height: int

    @classmethod
    def of(cls, data: dict, i: int) -> _Word:
        return cls(data["text"][i].strip(), max(float(data["conf"][i]), 0.0) / 100,
                   (data["block_num"][i], data["par_num"][i]), data["line_num"][i],
                   data["left"][i], data["left"][i] + data["width"][i], data["height"][i])


def _layout(words: list[_Word]) -> str:
    """The words as the documents Netra reads them are written: a paragraph on one line (a
    sentence's evidence ends at a line break), paragraphs apart by a blank line. A line is
    joined to the next when the scan wrapped it: the next line's first word would not have fit
    before the right margin; a word hyphenated at the wrap is joined again."""
    lines: list[list[_Word]] = []
    for word in words:
        if lines and (lines[-1][0].paragraph, lines[-1][0].line) == (word.paragraph, word.line):
            lines[-1].append(word)
        else:
            lines.append([word])
    margin = max(line[-1].right for line in lines)
    text = " ".join(word.text for word in lines[0])
    for line, following in zip(lines, lines[1:]):
        first = following[0]
        room = margin - line[-1].right - first.height / 3  # a space is about a third of the line's height
        joined = " ".join(word.text for word in following)
        if first.paragraph != line[0].paragraph:
            text += "\n\n" + joined
        elif room >= first.right - first.left:  # the word would have fit: the line ended here
            text += "\n" + joined
        elif text.endswith("-"):  # "pemerin-" "tahan" is one word; "Undang-" "Undang" keeps its hyphen
            text = (text[:-1] if first.text[:1].islower() else text) + joined
        else:
            text += " " + joined
    return text
