"""The open data follows the archive: a record published, unpublished, deleted or changed (a document
restricted or released) asks for a rebuild in the background.

Debounced: a marker file says a build is queued and not yet started; while it is there, more changes
(a whole import, one record per transaction) ask for nothing more, and the queued build, which starts
by removing the marker, takes them all in. Where the backend can defer, the build waits
``OPEN_DATA_BUILD_DELAY`` seconds so that an import's records land in one build.
"""

import datetime
import logging
import os
import time

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete
from django.utils import timezone
from django_tasks import task
from wagtail.signals import page_published, page_unpublished

from records.background import BACKGROUND
from records.registry import record_models
from records.signals import record_changed

from . import store
from .build import build

log = logging.getLogger(__name__)
PENDING = ".pending"
LOST_AFTER = 3600  # seconds: a marker this old belongs to a build the queue lost


def _marker():
    return store.root() / PENDING


@task(backend=BACKGROUND)
def build_open_data():
    _marker().unlink(missing_ok=True)  # changes from now on need another build
    return build().folder.name


def _claim():
    """Make the marker; False when one is there already (a build is queued) and not lost."""
    store.root().mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(_marker(), os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        if time.time() - _marker().stat().st_mtime < LOST_AFTER:
            return False
        _marker().touch()
    return True


def _enqueue():
    if not _claim():
        return
    job = build_open_data
    if job.get_backend().supports_defer and settings.OPEN_DATA_BUILD_DELAY:
        job = job.using(run_after=timezone.now() + datetime.timedelta(seconds=settings.OPEN_DATA_BUILD_DELAY))
    try:
        job.enqueue()
    except Exception:
        _marker().unlink(missing_ok=True)
        raise


def request_build(**kwargs):
    """Ask for a rebuild once the change is committed (nothing, if ``OPEN_DATA_REBUILD_ON_CHANGE`` is off)."""
    if settings.OPEN_DATA_REBUILD_ON_CHANGE:
        transaction.on_commit(_enqueue)


def connect():
    record_changed.connect(request_build, dispatch_uid="opendata-record-changed")
    signals = {"published": page_published, "unpublished": page_unpublished, "deleted": post_delete}
    for model in record_models():
        for name, signal in signals.items():
            signal.connect(request_build, sender=model, dispatch_uid=f"opendata-{name}-{model.__name__}")
