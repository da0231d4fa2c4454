"""Rebuilt in the background when records change, once per queued build; a build that fails leaves
the previous one served."""

import json
import os
import time

from django.core.management import call_command
from django_tasks import task_backends
import pytest

from opendata import build as build_module
from opendata import rebuild, store
from tests.factories import MeetingPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rebuild_on_change(settings, open_data_root):
    settings.OPEN_DATA_REBUILD_ON_CHANGE = True


def meeting_refs(build):
    return {row["ref"] for row in json.loads((build.folder / "meetings.json").read_text(encoding="utf-8"))}


def test_a_published_record_enqueues_a_rebuild_and_appears(
    built, rebuild_on_change, django_capture_on_commit_callbacks
):
    assert "QOM-1405-02" not in meeting_refs(store.current())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        MeetingPageFactory(ref="QOM-1405-02", title="نشست تازه")
    assert callbacks, "the publish asked for a rebuild once committed"
    current = store.current()
    assert current.folder != built.folder
    assert "QOM-1405-02" in meeting_refs(current)
    assert not (store.root() / rebuild.PENDING).exists()


def test_an_unpublished_record_leaves_the_next_build(
    built, small_archive, rebuild_on_change, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        small_archive.follow_up.unpublish()
    assert "QOM-1403-12" not in meeting_refs(store.current())


class Builds:
    """The open-data builds waiting in a queue that holds other apps' tasks too."""

    def __init__(self, results):
        self.results = results

    def __iter__(self):
        return (result for result in self.results if result.task.name == "build_open_data")

    def __len__(self):
        return sum(1 for _ in self)

    def __getitem__(self, n):
        return [*iter(self)][n]


@pytest.fixture
def queue(settings):
    """The background backend as a queue nobody works through (django-tasks' dummy backend)."""
    settings.TASKS = {**settings.TASKS, "background": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return Builds(task_backends["background"].results)


def test_changes_while_a_build_is_queued_ask_for_nothing_more(
    small_archive, rebuild_on_change, queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):  # an import: one record after another
            MeetingPageFactory(ref=f"QOM-1405-1{n}")
    assert [result.task.name for result in queue] == ["build_open_data"]
    assert queue[0].task.run_after is not None, "deferred, so that the rest of an import joins it"
    assert (store.root() / rebuild.PENDING).exists()


def test_a_build_lost_by_the_queue_does_not_block_the_next(
    small_archive, rebuild_on_change, queue, django_capture_on_commit_callbacks
):
    marker = store.root() / rebuild.PENDING
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.touch()
    with django_capture_on_commit_callbacks(execute=True):
        MeetingPageFactory(ref="QOM-1405-30")
    assert len(queue) == 0
    old = time.time() - rebuild.LOST_AFTER - 1
    os.utime(marker, (old, old))
    with django_capture_on_commit_callbacks(execute=True):
        MeetingPageFactory(ref="QOM-1405-31")
    assert len(queue) == 1


def test_nothing_is_asked_when_turned_off(small_archive, queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        MeetingPageFactory(ref="QOM-1405-20")
    assert len(queue) == 0


def test_a_failure_mid_build_leaves_the_previous_build_served(built, monkeypatch):
    before = {p.name: p.read_bytes() for p in built.folder.iterdir()}

    def broken(folder, table, records):
        (folder / f"{table.name}.csv").write_text("half")
        raise OSError("disk full")

    monkeypatch.setattr(build_module, "write_table", broken)
    with pytest.raises(OSError):
        build_module.build()
    current = store.current()
    assert current.folder == built.folder
    assert {p.name: p.read_bytes() for p in current.folder.iterdir()} == before
    assert [p.name for p in store.builds().iterdir()] == [built.folder.name], "the half build is gone"


def test_the_command_builds(small_archive, capsys):
    call_command("build_open_data")
    assert store.current() is not None
    assert "hamandishi-archive.zip" in capsys.readouterr().out
