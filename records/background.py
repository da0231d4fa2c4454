"""The task backend for slow work: enqueued by the site, run by `manage.py db_worker --backend background`."""

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

BACKGROUND = "background"


def already_queued(task, *args):
    """Whether ``task`` with these arguments waits in the database queue already (then enqueuing it
    again would only do the same work twice). Always False on the immediate backend of the tests."""
    waiting = DBTaskResult.objects.filter(task_path=task.module_path, status=TaskResultStatus.READY)
    return waiting.filter(args_kwargs={"args": list(args), "kwargs": {}}).exists()
