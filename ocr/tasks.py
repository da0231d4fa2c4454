"""The background task: read one file, then refresh the search entries of the records it is attached to."""

import logging

from django_tasks import task

from records.background import BACKGROUND

from .models import ScanStatus, ScanText
from .reading import read
from .records import reindex_records_using

log = logging.getLogger(__name__)


@task(backend=BACKGROUND)
def read_scan(scan_id):
    scan = ScanText.objects.select_related("document", "image").filter(pk=scan_id).first()
    if scan is None:
        return None
    try:
        read(scan)
    except Exception:
        log.exception("OCR of scan %s failed", scan_id)
        ScanText.objects.filter(pk=scan_id).update(
            status=ScanStatus.REFUSED, message="خواندن این فایل با خطای پیش‌بینی‌نشده روبه‌رو شد."
        )
    reindex_records_using(scan)
    return ScanText.objects.get(pk=scan_id).status
