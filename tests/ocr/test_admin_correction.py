"""The editor sees what OCR read with its confidence, corrects it, and the correction is what search finds."""

from django.core.management import call_command
from django.urls import reverse
import pytest

from ocr.models import ScanText
from tests.conftest import meeting_fields
from tests.forms import dict_of_lists, form_data, replace

from .conftest import scanned_pdf

pytestmark = pytest.mark.django_db

SCANNED = "کمیته فنی درباره بازیافت پسماند خشک گزارش داد."
CORRECTED = "کمیته فنی درباره بازیافت پسماند خشک و زیتون‌کاری حاشیه شهر گزارش داد."


@pytest.fixture
def scan(archive, ocr_on, django_capture_on_commit_callbacks):
    scanned_pdf(archive.root / "signed.pdf", [SCANNED])
    fields = meeting_fields(resolutions=[], summary="", attachments=["signed.pdf"])
    fields.pop("next_meeting")
    archive.write("qom.md", fields, body="متن در پیوست امضاشده است.")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_archive", str(archive.root), stdout=open("/dev/null", "w"))  # noqa: SIM115
    return ScanText.objects.get(document__title="signed.pdf")


def test_a_correction_replaces_the_ocr_text_in_search(scan, admin_client, client):
    assert client.get("/api/search/", {"q": "زیتون‌کاری"}).json()["count"] == 0
    listing = admin_client.get(reverse("wagtailsnippets_ocr_scantext:list")).content.decode()
    assert "signed.pdf" in listing and "خوانده شد" in listing
    url = reverse("wagtailsnippets_ocr_scantext:edit", args=[scan.pk])
    page = admin_client.get(url).content.decode()
    assert "بازیافت پسماند" in page  # the text OCR read, shown read-only
    assert "اطمینان" in page
    data = replace(form_data(page, "w-editor-form"), "pages-0-corrected_text", CORRECTED)
    response = admin_client.post(url, dict_of_lists(data))
    assert response.status_code == 302
    assert scan.pages.get().corrected_text == CORRECTED
    row = client.get("/api/search/", {"q": "زیتون‌کاری"}).json()["results"][0]
    assert row["ref"] == "QOM-1403-11" and row["matched_in"] == "scan" and row["scan"]["page"] == 1


def test_only_the_office_reaches_the_scans(scan, client):
    response = client.get(reverse("wagtailsnippets_ocr_scantext:edit", args=[scan.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
