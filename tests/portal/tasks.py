"""A background task for tests/portal/test_task_admin.py: it fails, saying which word it was given."""

from django_tasks import task

from records.background import BACKGROUND


@task(backend=BACKGROUND)
def fail_loudly(word):
    raise ValueError(f"could not handle {word}")
