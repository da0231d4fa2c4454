"""The archive's version: one token, renewed whenever anything the public sees may have changed.

Whatever keeps a copy of public output (the page cache, ``portal.page_cache``; search answers,
``search.answers``) puts the token in its keys, so no copy outlives a change and nothing is looked up or
deleted entry by entry. It lives in the ``pages`` cache, which several servers share when that is Redis.

What renews it: any row saved or deleted in the apps the public output is made of (records and their
related rows, places, topics, concepts, documents, images, redirects, sites, search entries and
attachment texts, scans read), a page published, unpublished or moved, and ``records.signals``.
"""

import contextlib
import logging
import uuid

from django.core.cache import caches
from django.db import connection, transaction
from django.db.models import signals
from wagtail.signals import page_published, page_unpublished, post_page_move

from .signals import record_changed, records_changed

log = logging.getLogger(__name__)

ALIAS = "pages"
VERSION_KEY = "archive-version"
WATCHED_APPS = frozenset(
    {
        *("places", "thesaurus", "records", "meetings", "agreements", "practices", "ocr", "search", "portal"),
        *("wagtailcore", "wagtaildocs", "wagtailimages", "wagtailredirects"),
    }
)
# Renditions are made while a page is read; download counts may lag by the pages' lifetime.
UNWATCHED_MODELS = frozenset({"wagtailimages.rendition", "portal.documentdownload"})


def _cache():
    return caches[ALIAS]


def archive_version():
    """The current token. Read it before reading what a copy is made of: a change committed in between
    then lands under the old token, never the old content under the new one."""
    version = _cache().get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        _cache().add(VERSION_KEY, version, None)
        version = _cache().get(VERSION_KEY, version)
    return version


def _bump():
    try:
        _cache().set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:  # a cache that is down holds no copies to go stale
        log.exception("archive version: could not be renewed")


class _BumpAtCommit:
    done = False

    def __call__(self):
        self.done = True
        _bump()


def uncommitted_change():
    """Whether this connection's open transaction changed the archive: it reads a state the version
    does not name yet, so what it reads must not be kept under the version."""
    return connection.in_atomic_block and any(
        isinstance(entry[1], _BumpAtCommit) and not entry[1].done for entry in connection.run_on_commit
    )


def archive_changed(**kwargs):
    """Every copy is stale once the change commits (before, another request could store a copy of
    the archive as it still was). Once per transaction however many rows change in it: a pending bump is
    still in the connection's commit callbacks (a rollback drops it)."""
    if not connection.in_atomic_block:
        _bump()
    elif not uncommitted_change():
        transaction.on_commit(_BumpAtCommit())


def version_to_keep():
    """The version to keep a copy under, or None when no copy may be kept now: this connection's open
    transaction holds a change the version does not name yet, or the cache cannot be read."""
    if uncommitted_change():
        return None
    try:
        return archive_version()
    except Exception:
        log.exception("archive version: unreadable, nothing kept")
        return None


def per_version(compute, most=None):
    """``compute(*args, **given)``, remembered in this process until the archive version changes (one
    value for each ``args``; ``given`` is not part of the key: it must not change the answer, such as
    the backend to ask): for small things every request asks, such as the header's sections. With
    ``most``, no more than that many values are kept, the oldest dropped first."""
    remembered = {}

    def current(*args, **given):
        version = version_to_keep()  # before computing: a change committed meanwhile is kept under the old one
        if version is None:
            return compute(*args, **given)
        known = remembered.get(args)
        if known is None or known[0] != version:
            known = (version, compute(*args, **given))
            if most is not None and args not in remembered and len(remembered) >= most:
                with contextlib.suppress(StopIteration, RuntimeError):  # emptied or changed by another thread
                    remembered.pop(next(iter(remembered)), None)
            remembered[args] = known  # replaced whole: a thread reading meanwhile gets the old pair or the new
        return known[1]

    return current


def _row_changed(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta and meta.app_label in WATCHED_APPS and meta.label_lower not in UNWATCHED_MODELS:
        archive_changed()


def connect():
    """Called once from ``RecordsConfig.ready``."""
    for signal in (signals.post_save, signals.post_delete, signals.m2m_changed):
        signal.connect(_row_changed, dispatch_uid=f"archive_version_{id(signal)}")
    for signal in (page_published, page_unpublished, post_page_move, record_changed, records_changed):
        signal.connect(archive_changed, dispatch_uid=f"archive_version_{id(signal)}")
