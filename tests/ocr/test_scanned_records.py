"""Real OCR (Tesseract, Persian model) of pages rendered with Vazirmatn: a scanned record becomes findable."""

import re

from django.core.management import call_command
import pytest

from dev.bench.ocr.metrics import cer
from ocr.models import ScanPage, ScanStatus, ScanText
from tests.conftest import meeting_fields

from .conftest import scanned_pdf

pytestmark = pytest.mark.django_db

FIRST_PAGE = "شورای هماهنگی شهرداران استان درباره حمل و نقل عمومی گفت‌وگو کرد.\nمقرر شد ایستگاه‌های اتوبوس بازسازی شوند."
SECOND_PAGE = "در پایان نشست، طرح گلخانه‌ای شهرداری دستجرد برای اشتغال جوانان بررسی و تصویب شد."


@pytest.fixture
def scanned_meeting(archive, ocr_on, django_capture_on_commit_callbacks):
    """A meeting whose only text about its subject is a two-page signed scan (no text layer), imported
    as the office would; reading runs after the import commits."""
    scanned_pdf(archive.root / "signed.pdf", [FIRST_PAGE, SECOND_PAGE])
    fields = meeting_fields(resolutions=[], summary="", attachments=["signed.pdf"])
    fields.pop("next_meeting")
    archive.write("qom.md", fields, body="متن کامل در پیوست امضاشده است.")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_archive", str(archive.root), stdout=open("/dev/null", "w"))  # noqa: SIM115
    return ScanText.objects.get(document__title="signed.pdf")


def test_a_scanned_pdf_is_read_page_by_page(scanned_meeting, client):
    assert scanned_meeting.status == ScanStatus.DONE, scanned_meeting.message
    assert scanned_meeting.page_count == 2
    first, second = scanned_meeting.pages.order_by("number")
    assert cer(FIRST_PAGE, first.text) <= 0.05, first.text
    assert cer(SECOND_PAGE, second.text) <= 0.05, second.text
    assert second.confidence > 70 and scanned_meeting.confidence > 70
    row = client.get("/api/search/", {"q": "ایستگاه اتوبوس"}).json()["results"][0]
    assert row["matched_in"] == "scan" and row["scan"]["page"] == 1


def test_an_imported_scan_is_found_by_a_word_on_its_page(scanned_meeting, client):
    answer = client.get("/api/search/", {"q": "گلخانه‌ای"}).json()
    assert [row["ref"] for row in answer["results"]] == ["QOM-1403-11"]
    row = answer["results"][0]
    assert row["matched_in"] == "scan"
    assert row["scan"]["document"] == "signed.pdf" and row["scan"]["page"] == 2
    assert re.fullmatch(r"/documents/\d+/signed\w*\.pdf#page=2", row["scan"]["url"])
    assert "<mark>گلخانه‌ای</mark>" in row["snippet"]
    page = client.get("/search/", {"q": "گلخانه‌ای"}).content.decode()
    assert "در متن اسکن‌شده" in page
    assert f'href="{row["scan"]["url"]}"' in page and "صفحهٔ ۲" in page


def test_a_pdf_with_a_text_layer_is_not_read_again(archive, ocr_on, django_capture_on_commit_callbacks):
    archive.pdf("typed.pdf", "Minutes typed in a word processor, exported with their text layer intact.")
    fields = meeting_fields(resolutions=[], attachments=["typed.pdf"])
    fields.pop("next_meeting")
    archive.write("qom.md", fields)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_archive", str(archive.root), stdout=open("/dev/null", "w"))  # noqa: SIM115
    scan = ScanText.objects.get(document__title="typed.pdf")
    assert scan.status == ScanStatus.TEXT_LAYER
    assert not ScanPage.objects.filter(scan=scan).exists()
