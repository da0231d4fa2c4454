"""python manage.py extract_attachment_text [--all] — read the text of new or changed PDF/DOCX files."""

from django.core.management.base import BaseCommand
from wagtail.documents import get_document_model

from search.attachments import EXTRACTORS, text_of
from search.models import AttachmentText


class Command(BaseCommand):
    help = "Extract the text of documents that are new or whose file changed; a bad file fails alone."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="re-read every document")

    def handle(self, *args, all=False, **options):  # noqa: A002 - mirrors the --all flag
        cached = {row.document_id: row.file_hash for row in AttachmentText.objects.all()}
        read = failed = skipped = 0
        for document in get_document_model().objects.order_by("pk"):
            if document.file_extension.lower() not in EXTRACTORS:
                continue
            if not all and cached.get(document.pk) == document.get_file_hash():
                skipped += 1
                error = AttachmentText.objects.get(document=document).error
            else:
                text_of(document, refresh=True)
                read += 1
                error = AttachmentText.objects.get(document=document).error
            if error:
                failed += 1
                self.stdout.write(f"FAIL {document.title} (document {document.pk}): {error}")
        self.stdout.write(f"{read} read, {skipped} unchanged, {failed} failed")
