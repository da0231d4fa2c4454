"""What of a scan reaches the search index: public files only, a doubtful page only once corrected."""

import pytest
from wagtail.documents import get_document_model

from ocr.models import ScanPage, ScanStatus, ScanText
from ocr.records import reindex_records_using
from search.models import SearchEntry

pytestmark = pytest.mark.django_db


def scanned(title, *pages):
    document = get_document_model().objects.get(title=title)
    scan = ScanText.objects.create(document=document, file_hash=document.file_hash, status=ScanStatus.DONE)
    for number, (text, confidence) in enumerate(pages, start=1):
        ScanPage.objects.create(scan=scan, number=number, text=text, confidence=confidence)
    reindex_records_using(scan)
    return scan


def test_a_restricted_documents_scan_stays_out_of_the_index(desk_records):
    scanned("signed.pdf", ("بند جریمه محرمانه زنجیره‌خفی", 92.0))
    scanned("annex.pdf", ("نقشه محل دفن پسماند", 90.0))
    entry = SearchEntry.objects.get(ref=desk_records.agreement.ref)
    assert "نقشه محل دفن" in entry.scan_text
    assert "زنجیره" not in entry.scan_text


def test_a_doubtful_page_is_indexed_once_corrected(desk_records):
    scan = scanned("annex.pdf", ("نقشه محل دفن", 88.0), ("ﻻﻻ ﺑﺒﺐ ﺮﺮ", 21.0))
    entry = SearchEntry.objects.get(ref=desk_records.agreement.ref)
    assert "نقشه" in entry.scan_text and "ﻻﻻ" not in entry.scan_text
    page = scan.pages.get(number=2)
    page.corrected_text = "جدول زمان‌بندی احداث"
    page.save()
    reindex_records_using(scan)
    assert "جدول زمان‌بندی" in SearchEntry.objects.get(ref=desk_records.agreement.ref).scan_text
