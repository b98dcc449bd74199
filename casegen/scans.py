"""A case document as an investigator receives it on paper: its text typeset on A4 pages and
rendered to images (optionally with specks and a slight skew), for the OCR tests and
bench/ocr_scans.py. `save_image_pdf` writes pages as a PDF without a text layer, as a scanner does.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian's fonts-dejavu-core
A4_INCHES = (8.27, 11.69)
MARGIN_INCHES = 1.0
FONT_POINTS = 11
LINE_SPACING = 1.4


def scan_pages(text: str, dpi: int = 300, skew_degrees: float = 0.0, specks: float = 0.0,
               seed: int = 0) -> list[Image.Image]:
    """`text` typeset on grey-scale A4 pages at `dpi`: each line of the text a paragraph, wrapped
    at the margin; `specks` is the share of pixels turned black (dust on the scanner's glass)."""
    font = ImageFont.truetype(str(FONT), round(FONT_POINTS * dpi / 72))
    width, height = (round(inches * dpi) for inches in A4_INCHES)
    margin, step = round(MARGIN_INCHES * dpi), round(FONT_POINTS * dpi / 72 * LINE_SPACING)
    lines = [wrapped for paragraph in text.splitlines()
             for wrapped in _wrap(paragraph, font, width - 2 * margin)]
    per_page = (height - 2 * margin) // step
    rng = random.Random(seed)
    pages = []
    for first in range(0, max(len(lines), 1), per_page):
        page = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(page)
        for row, line in enumerate(lines[first:first + per_page]):
            draw.text((margin, margin + row * step), line, font=font, fill=0)
        pages.append(_scanned(page, skew_degrees, specks, rng))
    return pages


def save_image_pdf(pages: list[Image.Image], path: Path, dpi: int = 300) -> Path:
    """The pages as a PDF of images only: no text layer, as a scanner writes it."""
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return path


def _wrap(paragraph: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Words filled into lines no wider than `width` pixels; an empty line stays one."""
    lines, line = [], ""
    for word in paragraph.split():
        candidate = f"{line} {word}" if line else word
        if line and font.getlength(candidate) > width:
            lines.append(line)
            candidate = word
        line = candidate
    return lines + [line]


def _scanned(page: Image.Image, skew_degrees: float, specks: float, rng: random.Random) -> Image.Image:
    if skew_degrees:
        page = page.rotate(rng.uniform(-skew_degrees, skew_degrees), resample=Image.Resampling.BICUBIC,
                           fillcolor=255)
    if specks:
        pixels = page.load()
        for _ in range(int(page.width * page.height * specks)):
            pixels[rng.randrange(page.width), rng.randrange(page.height)] = 0
    return page
