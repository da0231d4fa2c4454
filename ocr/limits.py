"""What one scan may cost: every limit can be changed in the settings (``OCR_*``)."""

from django.conf import settings

DEFAULTS = {
    "OCR_MAX_PAGES": 100,  # pages read from one file; the rest are left out with a note
    "OCR_MAX_BYTES": 100 * 1024 * 1024,
    "OCR_MAX_PIXELS": 60_000_000,  # an image larger than this is refused (A4 at 600 dpi is 35 MP)
    "OCR_RENDER_DPI": 300,
    "OCR_RENDER_MAX_PIXELS": 25_000_000,  # a PDF page larger than this at 300 dpi is rendered coarser
    "OCR_PAGE_TIMEOUT": 120,  # seconds for rendering or reading one page
    "OCR_MIN_CONFIDENCE": 40,  # pages read with less mean confidence stay out of the index until corrected
    "OCR_TEXT_LAYER_MIN_LETTERS": 20,  # a PDF page with fewer letters in its text layer is read by OCR
    "OCR_ON_UPLOAD": True,  # read new files in the background as soon as they are stored
}


def limit(name):
    return getattr(settings, name, DEFAULTS[name])
