"""python manage.py import_archive PATH… [--dry-run]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from records.archive.batch import import_paths


class Command(BaseCommand):
    help = "Import records in the archive exchange format (files or directories, recursively)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="validate only; write nothing")

    def handle(self, *args, paths, dry_run, **options):
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise CommandError(f"no such file or directory: {', '.join(missing)}")
        report = import_paths(paths, dry_run=dry_run, out=self.stdout.write)
        summary = report.summary()
        if report.failed:
            self.stderr.write(summary)
            raise CommandError(f"{len(report.failed)} file(s) failed")
        self.stdout.write(self.style.SUCCESS(summary))
