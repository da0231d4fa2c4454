"""Importing a batch: every file parsed, ordered so references point backwards, each written alone."""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError

from portal.records import ref_key

from .errors import ArchiveError
from .handlers import Batch
from .parse import read_record
from .writer import check_references, is_unchanged, write_record

TYPE_ORDER = {"meeting": 0, "agreement": 1, "practice": 2}


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
        return f"{head}, {len(self.unchanged)} unchanged, {len(self.failed)} failed, {len(self.warnings)} warning(s)"


def collect_files(paths):
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.md") if p.is_file() and p.name.lower() != "readme.md")
        else:
            files.append(path)
    return files


def import_paths(paths, dry_run=False, out=print):
    report = Report(dry_run=dry_run)
    files = collect_files(paths)
    records = []
    seen = {}
    for path in files:
        try:
            record = read_record(path)
            key = ref_key(record.ref)
            if key in seen:
                raise ArchiveError("ref", f"شماره «{record.ref}» در این دسته دو بار آمده است (همچنین در {seen[key]}).")
            seen[key] = path
            records.append(record)
        except ArchiveError as error:
            report.failed.append((path, error.field, error.reason))
            out(f"FAIL {path}: {error.field}: {error.reason}")
    records.sort(key=lambda r: (TYPE_ORDER[r.type], r.date, str(r.path)))
    batch = Batch(records)
    total = len(records)
    for position, record in enumerate(records, start=1):
        progress = f"[{position}/{total}]"
        for warning in record.warnings:
            report.warnings.append((record.path, warning))
            out(f"WARN {record.path}: {warning}")
        try:
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
        except ArchiveError as error:
            report.failed.append((record.path, error.field, error.reason))
            out(f"{progress} FAIL    {record.path}: {error.field}: {error.reason}")
            continue
        except (DatabaseError, OSError, ValueError) as error:
            report.failed.append((record.path, "-", str(error)))
            out(f"{progress} FAIL    {record.path}: {error}")
            continue
        (report.created if created else report.updated).append(page)
        verb = "created" if created else "updated"
        out(f"{progress} {verb:7} {record.path} ({record.type} {record.ref})")
    return report
