"""python manage.py check_resolution_status [--fix]"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from meetings.models import Resolution
from meetings.stored_status import drift, refresh

SHOWN = 20


class Command(BaseCommand):
    help = "Compare every resolution's stored current status with the rule; --fix rewrites those that differ."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="recompute the stored status of those that differ")

    def handle(self, *args, fix=False, **options):
        with transaction.atomic():
            stale = list(drift().select_related("meeting").order_by("pk"))
            for resolution in stale[:SHOWN]:
                self.stdout.write(f"{resolution.ref}: stored {resolution.current_status}, rule {resolution.rule}")
            if len(stale) > SHOWN:
                self.stdout.write(f"… and {len(stale) - SHOWN} more")
            if stale and fix:
                refresh(Resolution.objects.filter(pk__in=[r.pk for r in stale]))
                self.stdout.write(f"{len(stale)} resolutions recomputed")
        if not stale:
            self.stdout.write("every stored status agrees with the rule")
        elif not fix:
            raise CommandError(f"{len(stale)} resolutions differ from the rule (run with --fix)")
