"""Slow search work runs as background tasks on the database task backend, not in the request that
publishes: reading attachment text, and replaying the index writes the search cluster missed."""

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
import pytest

from search import outbox
from search.models import AttachmentText, PendingIndexUpdate, SearchEntry
from tests.factories import DocumentFactory, MeetingPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_tasks(settings, monkeypatch):
    """The database task backend, and its worker run in this process inside the test's transaction
    (whose connection the worker's ``close_old_connections`` would close on PostgreSQL)."""
    settings.TASKS = {**settings.TASKS, "background": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def run_worker():
    call_command("db_worker", "--backend", "background", "--batch", "--no-startup-delay", verbosity=0)


def test_publishing_queues_the_attachment_reading_and_the_worker_fills_the_entry(database_tasks, site_tree):
    document = DocumentFactory(text="Compost plant tender")
    MeetingPageFactory(ref="QOM-1403-77", documents=[document])
    entry = SearchEntry.objects.get(ref="QOM-1403-77")
    assert entry.attachment_text == "" and not AttachmentText.objects.exists()  # not read while publishing
    queued = DBTaskResult.objects.get(task_path="search.tasks.read_attachment_text")
    assert queued.status == TaskResultStatus.READY and queued.args_kwargs["args"] == [document.pk]
    meeting = SearchEntry.objects.get(ref="QOM-1403-77").page.specific
    meeting.save_revision().publish()  # published again before the worker ran: still one task
    assert DBTaskResult.objects.filter(task_path="search.tasks.read_attachment_text").count() == 1
    run_worker()
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL
    assert "Compost plant tender" in SearchEntry.objects.get(ref="QOM-1403-77").attachment_text
    meeting.save_revision().publish()  # republished, the file unchanged: nothing more to read
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 0
    assert "Compost plant tender" in SearchEntry.objects.get(ref="QOM-1403-77").attachment_text


def test_a_write_after_a_missed_one_queues_one_catch_up_instead_of_replaying_inline(database_tasks, site_tree):
    meeting = MeetingPageFactory()
    PendingIndexUpdate.objects.create(content_type=ContentType.objects.get_for_model(meeting), object_id="1")
    outbox.replay_soon(backend=None)
    outbox.replay_soon(backend=None)
    queued = DBTaskResult.objects.get(task_path="search.outbox.catch_up")  # once, not twice
    assert queued.status == TaskResultStatus.READY
    assert PendingIndexUpdate.objects.count() == 1  # nothing replayed in the caller
    run_worker()
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL  # on the database backend there is no cluster to feed
