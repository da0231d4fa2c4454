"""The background worker killed mid-task (SIGKILL): the task runs again, once, on the next worker."""

import os
import signal
import subprocess
import time

from dev.stack import PYTHON, ROOT, manage

from .conftest import sqlite_pass_only

pytestmark = [sqlite_pass_only]

ENQUEUE = "from tests.ops.tasks import note_slowly; print(note_slowly.enqueue({path!r}, {seconds}).id)"
STATE = (
    "from django_tasks_db.models import DBTaskResult; r = DBTaskResult.objects.get(id={id!r}); "
    "print(r.status, len(r.worker_ids))"
)


def worker(env, *extra):
    return subprocess.Popen(
        [PYTHON, "manage.py", "db_worker", "--backend", "background", "--no-startup-delay", "--interval=0.2", *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_for_starts(log, count, process):
    deadline = time.monotonic() + 120
    while not (log.exists() and log.read_text().count("start") >= count):
        assert time.monotonic() < deadline and process.poll() is None, "the worker never started the task"
        time.sleep(0.1)


def state(env, task_id):
    return manage(env, "shell", "--no-imports", "-c", STATE.format(id=task_id)).split()[-2:]


def test_a_task_whose_worker_was_killed_runs_again_once(sqlite_portal, tmp_path):
    log = tmp_path / "task.log"
    task_id = manage(sqlite_portal, "shell", "--no-imports", "-c", ENQUEUE.format(path=str(log), seconds=3))
    task_id = task_id.split()[-1]

    first = worker(sqlite_portal)
    try:
        wait_for_starts(log, 1, first)
        os.killpg(first.pid, signal.SIGKILL)
    finally:
        first.wait(30)
    assert log.read_text() == "start\n"
    assert state(sqlite_portal, task_id) == ["RUNNING", "1"], "a killed worker leaves its task claimed"

    output = manage(sqlite_portal, "requeue_abandoned_tasks")
    assert "1 requeued, 0 failed" in output

    second = worker(sqlite_portal, "--batch")
    assert second.wait(180) == 0
    assert log.read_text() == "start\nstart\ndone\n", "it ran again, to the end, once"
    assert state(sqlite_portal, task_id) == ["SUCCESSFUL", "2"]
    assert "0 requeued, 0 failed" in manage(sqlite_portal, "requeue_abandoned_tasks")


def test_a_task_that_killed_two_workers_is_not_tried_a_third_time(sqlite_portal, tmp_path):
    log = tmp_path / "task.log"
    task_id = manage(sqlite_portal, "shell", "--no-imports", "-c", ENQUEUE.format(path=str(log), seconds=60))
    task_id = task_id.split()[-1]
    for attempt in (1, 2):
        process = worker(sqlite_portal)
        try:
            wait_for_starts(log, attempt, process)
            os.killpg(process.pid, signal.SIGKILL)
        finally:
            process.wait(30)
        output = manage(sqlite_portal, "requeue_abandoned_tasks")
        assert ("1 requeued, 0 failed" if attempt == 1 else "0 requeued, 1 failed") in output
    assert state(sqlite_portal, task_id) == ["FAILED", "2"]
