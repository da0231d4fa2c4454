"""python manage.py check_resolution_counts [--fix]"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from meetings.status_summary import drift, rebuild

SHOWN = 20


class Command(BaseCommand):
    help = "Compare the dashboard's resolution counts (province × year × status) with a recount; --fix rewrites them."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="rebuild the summary from the resolutions")

    def handle(self, *args, fix=False, **options):
        with transaction.atomic():
            differing = drift()
            for (province, year, status), (kept, now) in sorted(differing.items())[:SHOWN]:
                self.stdout.write(f"province {province}, {year}, {status}: stored {kept}, recounted {now}")
            if len(differing) > SHOWN:
                self.stdout.write(f"… and {len(differing) - SHOWN} more")
            if differing and fix:
                rebuild()
                self.stdout.write(f"{len(differing)} counts rewritten")
        if not differing:
            self.stdout.write("every count agrees with the resolutions")
        elif not fix:
            raise CommandError(f"{len(differing)} counts differ from the resolutions (run with --fix)")
