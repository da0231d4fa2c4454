"""A real ``db_worker`` process takes the OCR tasks an import left in the database, reads the scan,
refuses a broken PDF beside it in Persian, and keeps running."""

from contextlib import closing
import json
import os
from pathlib import Path
import sqlite3
import subprocess
import sys
import time

import pytest

from ocr import tesseract
from tests.conftest import meeting_fields

from .conftest import scanned_pdf

REPO = Path(__file__).resolve().parents[2]
SCANNED = "شهرداری قنوات طرح آبخیزداری دامنه کوه را با مشارکت مردم اجرا کرد."
STATE = """
from contextlib import closing
import json
from ocr.models import ScanText
from search.models import SearchEntry
from django_tasks_db.models import DBTaskResult
from django.test import Client
print("STATE", json.dumps({
    "scans": {s.file.title: [s.status, s.message] for s in ScanText.objects.all()},
    "tasks": sorted(DBTaskResult.objects.values_list("task_path", "status")),
    "attachment_text": SearchEntry.objects.get(ref="QOM-1403-11").attachment_text,
    "found": [r["ref"] for r in Client().get("/api/search/", {"q": "آبخیزداری"}).json()["results"]],
}))
"""


def pending_tasks(database):
    with closing(sqlite3.connect(database)) as connection:
        query = "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
        return connection.execute(query).fetchone()[0]


def state_of(env):
    line = next(line for line in manage(env, "shell", "-c", STATE).splitlines() if line.startswith("STATE "))
    return json.loads(line.removeprefix("STATE "))


def manage(env, *args):
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_the_worker_reads_scans_from_the_database_queue(tmp_path, archive):
    if not tesseract.available():
        pytest.skip("tesseract-ocr with tesseract-ocr-fas is not installed (make ocr-deps)")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path}/worker.sqlite3",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "OPEN_DATA_REBUILD_ON_CHANGE": "0",  # no open-data rebuild, put off by a minute, in the queue waited on
    }
    manage(env, "migrate", "--noinput")
    scanned_pdf(archive.root / "signed.pdf", [SCANNED])
    (archive.root / "broken.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00torn" * 300)
    archive.pdf("typed.pdf", "Landfill map and timetable, typed with a text layer.")
    fields = meeting_fields(resolutions=[], summary="", attachments=["signed.pdf", "broken.pdf", "typed.pdf"])
    fields.pop("next_meeting")
    archive.write("qom.md", fields, body="متن در پیوست امضاشده است.")
    manage(env, "import_archive", str(archive.root))
    before = state_of(env)
    # three scans to read, and each file's text: nothing read while importing
    waiting = [path for path, status in before["tasks"] if status == "READY"]
    assert waiting.count("ocr.tasks.read_scan") == 3 and waiting.count("search.tasks.read_attachment_text") == 3
    assert before["found"] == [] and before["attachment_text"] == ""

    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--backend", "background", "--no-reload", "--no-startup-delay"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 300
        while pending_tasks(tmp_path / "worker.sqlite3"):
            assert time.monotonic() < deadline, "the worker did not finish in 5 minutes"
            time.sleep(1)
        assert worker.poll() is None, "the worker stopped"
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    state = state_of(env)
    assert {status for _, status in state["tasks"]} == {"SUCCESSFUL"}
    assert state["scans"]["signed.pdf"][0] == "done"
    assert state["scans"]["broken.pdf"] == ["refused", "فایل PDF خراب است و خوانده نمی‌شود."]
    assert state["scans"]["typed.pdf"][0] == "text_layer"
    assert state["found"] == ["QOM-1403-11"]  # found by a word only the scan holds
    assert "Landfill map" in state["attachment_text"]  # the record's other documents are unaffected
