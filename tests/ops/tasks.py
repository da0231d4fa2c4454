"""A background task for tests/ops/test_worker_killed.py: it notes each start and its end in a file."""

from pathlib import Path
import time

from django_tasks import task

from records.background import BACKGROUND


@task(backend=BACKGROUND)
def note_slowly(path, seconds):
    log = Path(path)
    with log.open("a") as handle:
        handle.write("start\n")
    time.sleep(seconds)
    with log.open("a") as handle:
        handle.write("done\n")
    return "done"
