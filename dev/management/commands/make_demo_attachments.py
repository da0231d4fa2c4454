"""Write the demo archive's attachments (PDF, DOCX, charts) from its records; see dev/demo/attachments.py."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dev.demo.attachments import write_attachments
from dev.demo.records import ARCHIVE


class Command(BaseCommand):
    help = "Generate the demo archive's attachments from its records (byte-identical on every run)."

    def add_arguments(self, parser):
        parser.add_argument("archive", nargs="?", default=str(ARCHIVE), help="the archive folder (the demo's)")

    def handle(self, *args, **options):
        try:
            write_attachments(Path(options["archive"]), out=self.stdout.write)
        except FileNotFoundError as error:
            raise CommandError(str(error)) from error
