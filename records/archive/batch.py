"""Importing a batch: every file parsed, ordered so references point backwards, each written alone."""

from dataclasses import dataclass, field
import logging
from pathlib import Path

from django.db import transaction

from records.deferral import deferred_updates, flush
from records.refs import owner_written, owners_known, ref_key
from records.registry import type_names

from .errors import ArchiveError
from .handlers import Batch
from .parse import read_record
from .references import index_references
from .taxonomy import names_cached, writing_file
from .writer import check_references, is_unchanged, write_record

MAX_REASON = 500
# Records written between two flushes of the work deferred to the end of a batch (the search index).
FLUSH_EVERY = 250
log = logging.getLogger(__name__)


@dataclass
class Report:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    validated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    failed: list = field(default_factory=list)  # (path, field, reason)
    warnings: list = field(default_factory=list)
    dry_run: bool = False

    def summary(self):
        if self.dry_run:
            head = f"dry run: {len(self.validated)} valid"
        else:
            total = len(self.created) + len(self.updated)
            head = f"imported {total} ({len(self.created)} created, {len(self.updated)} updated)"
        skipped = f"{len(self.unchanged)} skipped (unchanged)"
        return f"{head}, {skipped}, {len(self.failed)} failed, {len(self.warnings)} warning(s)"


def failure(error):
    """(field, reason) of whatever went wrong with one file."""
    if isinstance(error, ArchiveError):
        return error.field, error.reason[:MAX_REASON]
    log.warning("import failed: %r", error, exc_info=error)
    return "-", f"{type(error).__name__}: {error}"[:MAX_REASON]


def printable(line):
    """A report line any terminal can take: lone surrogates escaped, endless values cut."""
    line = str(line)
    if len(line) > MAX_REASON * 2:
        line = f"{line[: MAX_REASON * 2]}…"
    return line.encode("utf-8", "backslashreplace").decode("utf-8")


def _collect(paths):
    """(file, the directory it was found in, or None for a file named itself)."""
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.md") if p.is_file() and p.name.lower() != "readme.md")
            yield from ((p, path) for p in found)
        else:
            yield path, None


def collect_files(paths):
    return [path for path, _ in _collect(paths)]


def check_inside(path, folder):
    """A file found in a directory must not be a symlink to a file outside it."""
    if folder is not None and not path.resolve().is_relative_to(folder.resolve()):
        raise ArchiveError("file", "پیوندی (symlink) به فایلی بیرون از پوشه دسته است.")


def import_paths(paths, dry_run=False, out=print):
    """Import every file of ``paths``; one file's failure, of any kind, is reported and the rest go on."""
    with names_cached():
        return _import_paths(paths, dry_run, out)


def _import_paths(paths, dry_run, out):
    report = Report(dry_run=dry_run)
    write_line = out

    def out(line):
        write_line(printable(line))

    records = []
    seen = {}
    for path, folder in _collect(paths):
        try:
            check_inside(path, folder)
            record = read_record(path)
            key = ref_key(record.ref)
            if key in seen:
                raise ArchiveError("ref", f"شماره «{record.ref}» در این دسته دو بار آمده است (همچنین در {seen[key]}).")
            seen[key] = path
            records.append(record)
        except Exception as error:  # noqa: BLE001 - whatever breaks one file must not stop the batch
            name, reason = failure(error)
            report.failed.append((path, name, reason))
            out(f"FAIL {path}: {name}: {reason}")
    order = {name: n for n, name in enumerate(type_names())}  # a type may refer to those before it
    records.sort(key=lambda r: (order[r.type], r.date, str(r.path)))
    batch = Batch(records)
    with deferred_updates(), owners_known(seen):
        _write_all(records, batch, report, dry_run, out)
    return report


def _write_all(records, batch, report, dry_run, out):
    """Write each record in its own transaction; what follows a publish is done every FLUSH_EVERY records."""
    total = len(records)
    for position, record in enumerate(records, start=1):
        if position % FLUSH_EVERY == 0:
            _flush(batch, report, out)
        progress = f"[{position}/{total}]"
        for warning in record.warnings:
            report.warnings.append((record.path, warning))
            out(f"WARN {record.path}: {warning}")
        try:
            # A savepoint per file: a database error rolls back this file only, on every backend.
            with writing_file(), transaction.atomic():
                if dry_run:
                    check_references(record, batch)
                    report.validated.append(record)
                    out(f"{progress} ok      {record.path} ({record.type} {record.ref})")
                    continue
                if is_unchanged(record):
                    report.unchanged.append(record)
                    out(f"{progress} same    {record.path} ({record.type} {record.ref})")
                    continue
                page, created = write_record(record, batch)
        except Exception as error:  # noqa: BLE001 - whatever breaks one file must not stop the batch
            batch.file_written(False)
            name, reason = failure(error)
            report.failed.append((record.path, name, reason))
            out(f"{progress} FAIL    {record.path}: {name}: {reason}")
            continue
        batch.file_written(True)
        owner_written(page)
        (report.created if created else report.updated).append(page)
        verb = "created" if created else "updated"
        out(f"{progress} {verb:7} {record.path} ({record.type} {record.ref})")
    _flush(batch, report, out)


def _flush(batch, report, out):
    """The deferred work of the records written so far; its failure leaves them in place, and says so."""
    try:
        flush()
    except Exception as error:  # noqa: BLE001 - the records are written; only their copies are behind
        # the flush also refreshes the stored status of followed-up resolutions and the dashboard's summary
        repair = "rebuild_search_entries, check_resolution_status --fix and check_resolution_counts --fix"
        _behind(report, out, error, "search index or resolution statuses", repair)
    try:
        index_references(batch.take_references())
    except Exception as error:  # noqa: BLE001 - as above
        _behind(report, out, error, "reference index", "rebuild_references_index")


def _behind(report, out, error, what, command):
    log.warning("deferred updates failed: %r", error, exc_info=error)
    warning = f"{what} not brought up to date ({type(error).__name__}); run manage.py {command}"
    report.warnings.append(("-", warning))
    out(f"WARN {warning}")
