"""python manage.py export_archive DIRECTORY"""

from pathlib import Path

from django.core.management.base import BaseCommand

from portal.archive.export import export_archive


class Command(BaseCommand):
    help = "Export every published record in the archive exchange format (import gives them back)."

    def add_arguments(self, parser):
        parser.add_argument("destination", type=Path)

    def handle(self, *args, destination, **options):
        written = export_archive(destination, out=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"exported {len(written)} record(s) to {destination}"))
