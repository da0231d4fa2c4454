from django.core.management.base import BaseCommand

from alerts.tasks import match_changes, send_due


class Command(BaseCommand):
    help = "Match saved searches against the records changed and enqueue the digests that are due (run from cron)."

    def handle(self, *args, **options):
        match_changes.enqueue()
        send_due.enqueue()
        self.stdout.write("alerts: matching and due digests enqueued")
