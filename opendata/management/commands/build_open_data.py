"""python manage.py build_open_data"""

from django.core.management.base import BaseCommand

from opendata.build import build


class Command(BaseCommand):
    help = "Build the open-data files (archive zip, CSV, JSON, data dictionary) now and serve them."

    def handle(self, *args, **options):
        done = build()
        for entry in done.manifest["files"]:
            self.stdout.write(f"{entry['name']}: {entry['size']} bytes, sha256 {entry['sha256']}")
        self.stdout.write(self.style.SUCCESS(f"open data built in {done.folder}"))
