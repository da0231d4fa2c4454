"""python manage.py read_scans [--all] [--now] — OCR documents and images not read yet (or every one)."""

from django.core.management.base import BaseCommand
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from ocr.models import ScanStatus
from ocr.reading import read
from ocr.records import reindex_records_using
from ocr.scheduling import is_scannable, request_reading


class Command(BaseCommand):
    help = "Queue OCR of scanned PDFs and images whose content was not read yet; --now reads them here."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="read every file again (corrections are kept)")
        parser.add_argument("--now", action="store_true", help="read in this process instead of the worker")

    def handle(self, *args, all=False, now=False, **options):  # noqa: A002 - mirrors the --all flag
        counts = {}
        for model in (get_document_model(), get_image_model()):
            for stored in model.objects.order_by("pk"):
                if not is_scannable(stored):
                    continue
                scan = request_reading(stored, force=all, enqueue=not now)
                if now and scan.status == ScanStatus.QUEUED:
                    read(scan)
                    reindex_records_using(scan)
                    scan.refresh_from_db()
                    if scan.message:
                        self.stdout.write(f"{stored.title}: {scan.message}")
                counts[scan.get_status_display()] = counts.get(scan.get_status_display(), 0) + 1
        self.stdout.write(", ".join(f"{label}: {n}" for label, n in counts.items()) or "no scannable files")
