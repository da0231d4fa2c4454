"""Reading one file: its pages OCR'd one by one into ScanPage rows, failures kept as Persian messages."""

import logging
from pathlib import Path
import shutil
import tempfile

from django.db import transaction

from persian.text import to_persian_digits

from . import tesseract
from .limits import limit
from .models import ScanPage, ScanStatus, ScanText
from .pages import LETTER, PageFailed, Refused, kind_of, open_source
from .preprocess import prepare

log = logging.getLogger(__name__)
UNAVAILABLE = "Tesseract یا مدل فارسی آن (tesseract-ocr-fas) روی این کارگزار نصب نیست؛ متن اسکن خوانده نشد."


def file_of(scan):
    return scan.document if scan.document_id else scan.image


def has_text_layer(page):
    return len(LETTER.findall(page.text_layer)) >= limit("OCR_TEXT_LAYER_MIN_LETTERS")


def read(scan):
    """OCR the scan's file now (in the worker). Never raises for a bad file: the scan says why."""
    stored = file_of(scan)
    if not tesseract.available():
        return _finish(scan, ScanStatus.UNAVAILABLE, UNAVAILABLE, {}, 0)
    ScanText.objects.filter(pk=scan.pk).update(status=ScanStatus.RUNNING)
    with tempfile.TemporaryDirectory(prefix="ocr-file-") as folder:
        path = Path(folder) / ("file" + Path(stored.file.name).suffix.lower())
        try:
            with stored.file.open("rb") as source, path.open("wb") as target:
                shutil.copyfileobj(source, target)
        except OSError:
            return _finish(scan, ScanStatus.REFUSED, "فایل در انبار پیدا نشد یا باز نشد.", {}, 0)
        try:
            source = open_source(path, stored.file.name)
        except Refused as refusal:
            return _finish(scan, ScanStatus.REFUSED, str(refusal), {}, 0)
        pages, notes = {}, list(source.notes)
        for page in source.pages:
            if has_text_layer(page):
                continue
            pages[page.number] = _read_page(page)
            if pages[page.number]["message"]:
                notes.append(f"صفحهٔ {to_persian_digits(page.number)}: {pages[page.number]['message']}")
    read_well = [number for number, row in pages.items() if not row["message"]]
    if not pages:
        status = ScanStatus.TEXT_LAYER
    elif not read_well:
        status = ScanStatus.REFUSED
    else:
        status = ScanStatus.PARTIAL if notes else ScanStatus.DONE
    return _finish(scan, status, "\n".join(notes), pages, source.page_count)


def _read_page(page):
    timeout = limit("OCR_PAGE_TIMEOUT")
    try:
        image = page.render()
        prepared, scale = prepare(image)
        text, confidence = tesseract.recognise(prepared, page.dpi * scale, timeout)
    except PageFailed as failure:
        return {"text": "", "confidence": None, "message": str(failure)}
    except tesseract.TesseractError as failure:
        log.warning("tesseract failed on page %s: %s", page.number, failure)
        reason = "خواندن این صفحه بیش از اندازه طول کشید." if str(failure) == "timeout" else "OCR این صفحه را نخواند."
        return {"text": "", "confidence": None, "message": reason}
    return {"text": text, "confidence": confidence, "message": ""}


@transaction.atomic
def _finish(scan, status, message, pages, page_count):
    """Store the outcome; an editor's correction of a page survives a re-read of the same file."""
    corrections = dict(scan.pages.exclude(corrected_text="").values_list("number", "corrected_text"))
    ScanPage.objects.filter(scan=scan).delete()
    ScanPage.objects.bulk_create(
        ScanPage(scan=scan, number=number, corrected_text=corrections.get(number, ""), **row)
        for number, row in sorted(pages.items())
    )
    confidences = [row["confidence"] for row in pages.values() if row["confidence"] is not None]
    scan.status, scan.message, scan.page_count = status, message[:4000], page_count
    scan.confidence = round(sum(confidences) / len(confidences), 1) if confidences else None
    scan.save(update_fields=["status", "message", "page_count", "confidence", "updated_at"])
    return scan


def ocr_kind(stored):
    return kind_of(stored.file.name) if stored is not None and stored.file else None
