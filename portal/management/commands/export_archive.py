"""python manage.py export_archive DIRECTORY"""

from pathlib import Path

from django.core.management.base import BaseCommand

from portal.export import export_archive


class Command(BaseCommand):
    help = (
        "Export every published record in the archive exchange format (import gives them back). "
        "Restricted agreement documents are left out unless --include-restricted."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", type=Path)
        parser.add_argument(
            "--include-restricted",
            action="store_true",
            help="also write restricted agreement documents (listed under restricted_attachments); "
            "for the office's own backup, never for a public copy",
        )

    def handle(self, *args, destination, include_restricted=False, **options):
        written = export_archive(destination, out=self.stdout.write, include_restricted=include_restricted)
        self.stdout.write(self.style.SUCCESS(f"exported {len(written)} record(s) to {destination}"))
