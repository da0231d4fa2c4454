"""Tasks whose worker died mid-run (killed, host rebooted) run again — once.

django-tasks' database worker marks a task RUNNING when it claims it and leaves it so if the process
dies. ``requeue_abandoned`` makes such a task READY again when it has been claimed once; a task
claimed twice already (its second worker died too) is marked FAILED instead, so a task that kills
its worker cannot loop forever. The worker's unit runs it before each start (deploy/systemd), when
no task can still be running on this host's single worker.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from records.background import BACKGROUND


class WorkerLost(Exception):
    """The worker running this task died twice; it is not tried a third time."""


def requeue_abandoned(older_than=datetime.timedelta(0), backend=BACKGROUND):
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    requeued, failed = [], []
    cutoff = timezone.now() - older_than
    with transaction.atomic():
        running = DBTaskResult.objects.select_for_update().filter(
            backend_name=backend, status=TaskResultStatus.RUNNING, started_at__lte=cutoff
        )
        for result in running:
            if len(result.worker_ids) < 2:
                result.status = TaskResultStatus.READY
                result.started_at = None
                result.save(update_fields=["status", "started_at"])
                requeued.append(result)
            else:
                result.set_failed(WorkerLost(f"workers {', '.join(result.worker_ids)} died running this task"))
                failed.append(result)
    return requeued, failed
