"""A province's office sees and corrects the scans of its own records; another province's are closed."""

from django.urls import reverse
import pytest
from wagtail.documents import get_document_model

from ocr.models import ScanPage, ScanStatus, ScanText
from tests.desk.admin import as_user
from tests.factories import DocumentFactory, QazvinMeetingFactory, QomMeetingFactory

pytestmark = pytest.mark.django_db


def scan_of(title, text):
    document = get_document_model().objects.get(title=title)
    scan = ScanText.objects.create(document=document, file_hash=document.file_hash, status=ScanStatus.DONE)
    ScanPage.objects.create(scan=scan, number=1, text=text, confidence=91.0)
    return scan


@pytest.fixture
def scans(desk):
    QomMeetingFactory(documents=[DocumentFactory(title="qom-scan.pdf", text="scan of Qom")])
    QazvinMeetingFactory(documents=[DocumentFactory(title="qzv-scan.pdf", text="scan of Qazvin")])
    return scan_of("qom-scan.pdf", "متن اسکن قم"), scan_of("qzv-scan.pdf", "متن اسکن قزوین")


def test_the_office_lists_and_opens_only_its_own_provinces_scans(client, scans, desk):
    qom, qazvin = scans
    editor = as_user(client, desk.qom_editor)
    listing = editor.get(reverse("wagtailsnippets_ocr_scantext:list")).content.decode()
    assert "qom-scan.pdf" in listing and "qzv-scan.pdf" not in listing
    assert "متن اسکن قم" in editor.get(reverse("wagtailsnippets_ocr_scantext:edit", args=[qom.pk])).content.decode()
    response = editor.get(reverse("wagtailsnippets_ocr_scantext:edit", args=[qazvin.pk]))
    assert response.status_code in (302, 403) and "متن اسکن قزوین" not in response.content.decode()


def test_municipal_staff_and_the_public_see_no_scans(client, scans, desk):
    qom, _ = scans
    response = as_user(client, desk.kahak_staff).get(reverse("wagtailsnippets_ocr_scantext:edit", args=[qom.pk]))
    assert response.status_code in (302, 403) and "متن اسکن قم" not in response.content.decode()
