import datetime

from django.core.management.base import BaseCommand

from portal.ops.task_recovery import requeue_abandoned


class Command(BaseCommand):
    help = "Run again (once) the background tasks left RUNNING by a worker that died; run before starting workers."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=float,
            default=0,
            metavar="MINUTES",
            help="only tasks claimed at least this long ago (default 0: no worker is running)",
        )

    def handle(self, *args, older_than, **options):
        requeued, failed = requeue_abandoned(datetime.timedelta(minutes=older_than))
        for result in requeued:
            self.stdout.write(f"requeued {result.task_path} ({result.id}): its worker died")
        for result in failed:
            self.stdout.write(f"failed {result.task_path} ({result.id}): its worker died twice")
        self.stdout.write(f"{len(requeued)} requeued, {len(failed)} failed")
