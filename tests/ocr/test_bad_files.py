"""Files OCR must refuse or cap: each gets a Persian reason in the admin and nothing else breaks."""

import io
from pathlib import Path
import re
import struct
import tempfile
import zlib

from django.core.files.base import ContentFile
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfWriter
import pytest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from ocr.models import ScanStatus
from ocr.pages import PageFailed, Refused, open_source

PERSIAN = re.compile(r"[\u0600-\u06ff]{3,}")


def pdf_of(pages, password=None):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width=100_000, height=100_000):
    """A PNG of a few bytes whose header claims ten gigapixels."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    body = png_chunk(b"IHDR", header) + png_chunk(b"IDAT", zlib.compress(b"\0" * 64)) + png_chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def png_of(size, mode="1"):
    out = io.BytesIO()
    Image.new(mode, size, 1).save(out, "PNG")
    return out.getvalue()


def truncated_jpeg():
    out = io.BytesIO()
    Image.effect_noise((600, 800), 40).save(out, "JPEG")
    return out.getvalue()[:4000]


BAD_FILES = {
    "corrupt.pdf": (lambda: b"%PDF-1.4\n" + b"\x00broken" * 200, ScanStatus.REFUSED, "PDF خراب است"),
    "encrypted.pdf": (lambda: pdf_of(1, password="secret"), ScanStatus.REFUSED, "رمزگذاری شده"),
    "empty.pdf": (lambda: b"", ScanStatus.REFUSED, "فایل خالی است"),
    "bomb.png": (png_bomb, ScanStatus.REFUSED, "بزرگ‌تر از سقف ۶۰ مگاپیکسل"),
    "huge.tif": (lambda: png_of((20_000, 10_000)), ScanStatus.REFUSED, "(۲۰۰ مگاپیکسل)"),
    "truncated.jpg": (truncated_jpeg, ScanStatus.REFUSED, "خراب یا ناقص"),
}


def stored_document(name, data, callbacks):
    with callbacks(execute=True):
        document = get_document_model().objects.create(title=name, file=ContentFile(data, name=name))
    return document


@pytest.mark.django_db
@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_is_refused_with_its_reason(name, ocr_on, django_capture_on_commit_callbacks):
    make, status, reason = BAD_FILES[name]
    document = stored_document(name, make(), django_capture_on_commit_callbacks)
    scan = document.scan
    scan.refresh_from_db()
    assert scan.status == status
    assert reason in scan.message
    assert not scan.pages.exclude(message="").filter(text__gt="").exists()


@pytest.mark.django_db
def test_a_500_page_pdf_is_read_up_to_the_page_limit(ocr_on, django_capture_on_commit_callbacks):
    ocr_on.OCR_MAX_PAGES = 2
    document = stored_document("long.pdf", pdf_of(500), django_capture_on_commit_callbacks)
    scan = document.scan
    scan.refresh_from_db()
    assert scan.status == ScanStatus.PARTIAL
    assert scan.page_count == 500 and scan.pages.count() == 2
    assert "۵۰۰ صفحه دارد؛ فقط ۲ صفحهٔ نخست خوانده شد" in scan.message


@pytest.mark.django_db
def test_a_huge_photo_is_refused_before_its_pixels_are_decoded(ocr_on, django_capture_on_commit_callbacks):
    ocr_on.OCR_MAX_PIXELS = 1_000_000
    with django_capture_on_commit_callbacks(execute=True):
        image = get_image_model().objects.create(title="photo.png", file=ContentFile(png_of((2000, 1000)), "photo.png"))
    image.scan.refresh_from_db()
    assert image.scan.status == ScanStatus.REFUSED
    assert "سقف ۱ مگاپیکسل" in image.scan.message and "(۲ مگاپیکسل)" in image.scan.message


MAGIC = {"pdf": b"%PDF-1.7\n", "png": b"\x89PNG\r\n\x1a\n", "jpg": b"\xff\xd8\xff\xe0", "tif": b"II*\x00"}


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(sorted(MAGIC)), st.binary(max_size=3000))
def test_hostile_bytes_are_refused_in_persian_never_raised(extension, data):
    """Whatever follows a valid signature, opening and rendering either work or say why in Persian."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"scan.{extension}"
        path.write_bytes(MAGIC[extension] + data)
        try:
            source = open_source(path, path.name)
            for page in source.pages[:1]:
                page.render()
        except (Refused, PageFailed) as refusal:
            assert PERSIAN.search(str(refusal)), str(refusal)
