"""Scanned files for the OCR tests: Persian text rendered with Vazirmatn into image-only PDFs and images.

Tesseract is CPU-heavy: pages carry a few lines only and each test reads as few pages as it can.
"""

from pathlib import Path

import pytest

from dev.bench.ocr.pages import render

DPI = 300


def scanned_pdf(path, texts, dpi=DPI):
    """An image-only PDF (no text layer), one page per text."""
    images = [render(text, dpi)[0] for text in texts]
    images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return Path(path)


def scanned_png(path, text, dpi=DPI):
    render(text, dpi)[0].save(path, "PNG", dpi=(dpi, dpi))
    return Path(path)


@pytest.fixture
def ocr_on(settings):
    """OCR on upload, as in production (the test settings leave it off for the rest of the suite)."""
    from ocr import tesseract

    if not tesseract.available():
        pytest.skip("tesseract-ocr with tesseract-ocr-fas is not installed (make ocr-deps)")
    settings.OCR_ON_UPLOAD = True
    return settings
