"""python manage.py import_docx FILE... --province CODE [--municipality NAME] [--date 1403/08/15]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.docx_reading import WordImportError
from meetings.drafts import DraftError, draft_from_proposal
from meetings.word_import import propose_meeting
from persian import jalali
from persian.text import normalize
from places.models import Province


class Command(BaseCommand):
    help = "Create a draft (unpublished) meeting from each Word (.docx) file of minutes."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--province", required=True, help="province code, e.g. QOM")
        parser.add_argument("--municipality", help="host municipality (Persian name) for every file")
        parser.add_argument("--date", help="meeting date (Jalali) for files that do not state one")

    def handle(self, *args, files, province, municipality=None, date=None, **options):
        province_obj = Province.objects.filter(code__iexact=province.strip()).first()
        if province_obj is None:
            raise CommandError(f"unknown province code {province!r}")
        host = None
        if municipality:
            host = next(
                (m for m in province_obj.municipalities.all() if normalize(m.name) == normalize(municipality)), None
            )
            if host is None:
                raise CommandError(f"{province_obj.code} has no municipality named {municipality!r}")
        fallback_date = None
        if date:
            try:
                fallback_date = jalali.parse_date(date)
            except jalali.InvalidDate as error:
                raise CommandError(f"--date: {error}") from None

        failed = 0
        for path in files:
            try:
                page = self.import_one(path, province_obj, host, fallback_date)
            except (OSError, WordImportError, DraftError) as error:
                failed += 1
                self.stderr.write(f"{path}: FAILED, nothing created: {error}")
                continue
            count = page.resolutions.count()
            self.stdout.write(
                f"{path}: draft {page.ref} «{page.title}», {count} resolution(s) — /admin/pages/{page.pk}/edit/"
            )
        if failed:
            raise CommandError(f"{failed} of {len(files)} file(s) failed")
        self.stdout.write(self.style.SUCCESS(f"{len(files)} draft meeting(s) created"))

    def import_one(self, path, province, municipality, fallback_date):
        if not path.is_file():
            raise OSError("no such file")
        proposal = propose_meeting(path.read_bytes())
        return draft_from_proposal(
            proposal, province=province, municipality=municipality, date=proposal.date or fallback_date
        )
