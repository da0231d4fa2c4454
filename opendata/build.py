"""One open-data build: every file written into a folder of its own, its sizes and SHA-256 in the
manifest, then served in one swap (``store.publish``). A build that fails leaves nothing behind and
the previous one served."""

import hashlib
import json
import logging
from pathlib import Path
import shutil
import tempfile
import time

from django.utils import timezone

from persian.jalali import format_moment

from . import store
from .files import write_archive, write_dictionary, write_licence, write_table
from .licence import LICENCE_NAME, LICENCE_URL
from .tables import dictionary_entry, tables

log = logging.getLogger(__name__)
STALE_SECONDS = 24 * 3600  # a folder left by a build that was killed


def sha256(path):
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _write_all(folder, built_at):
    entries = [write_archive(folder, format_moment(built_at, numeric=True))]
    dictionary = []
    for table, records in tables():
        entries += write_table(folder, table, records)
        dictionary.append(dictionary_entry(table))
    entries.append(write_licence(folder))
    entries.append(write_dictionary(folder, dictionary, entries))
    return entries


def _remove_stale(builds):
    for leftover in builds.glob(".building-*"):
        if time.time() - leftover.stat().st_mtime > STALE_SECONDS:
            shutil.rmtree(leftover, ignore_errors=True)


def build():
    """Write a complete build and serve it; returns it (``store.Build``)."""
    builds = store.builds()
    _remove_stale(builds)
    built_at = timezone.now()
    folder = Path(tempfile.mkdtemp(prefix=".building-", dir=builds))
    try:
        entries = _write_all(folder, built_at)
        for entry in entries:
            path = folder / entry["name"]
            entry.update(size=path.stat().st_size, sha256=sha256(path))
        manifest = {
            "built_at": built_at.isoformat(),
            "built_at_jalali": format_moment(built_at, numeric=True),
            "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
            "files": entries,
        }
        (folder / store.MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        final = builds / f"{built_at:%Y%m%dT%H%M%S%f}"
        folder.rename(final)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    store.publish(final)
    log.info("open data built: %s", final)
    return store.current()
