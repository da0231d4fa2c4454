"""Writing one open-data file: the archive zip, a table as CSV and as JSON, the licence. Each returns
its manifest entry (name, title, format, rows); the build adds size and SHA-256."""

import csv
import json
import stat
import time
import zipfile

from agreements.access import public_ids
from records.archive.export import archive_files, copy_to

from .licence import LICENCE_TEXT, archive_readme
from .tables import fields

ARCHIVE = "hamandishi-archive.zip"
LICENCE = "LICENSE.txt"
DICTIONARY = "dictionary.json"
FILE_MODE = stat.S_IFREG | 0o644  # what the files staged on disk for the zip had


def write_archive(folder, built_at):
    """The published archive in the exchange format, as ``manage.py export_archive`` writes it (restricted
    agreement documents left out), with a README and the licence at its root: each file streamed into the
    zip in path order, the zip written as the records are read."""
    extra = {"README.md": archive_readme(built_at).encode("utf-8"), LICENCE: LICENCE_TEXT.encode("utf-8")}
    written = 0
    moment = time.localtime()[:6]
    with zipfile.ZipFile(folder / ARCHIVE, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, content in archive_files(public_ids, extra=extra):
            entry = zipfile.ZipInfo(path, date_time=moment)
            entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, FILE_MODE << 16
            with archive.open(entry, "w") as destination:
                copy_to(content, destination)
            written += isinstance(content, bytes) and path not in extra
    return {
        "name": ARCHIVE,
        "title": "بایگانی کامل با پیوست‌ها، در قالب تبادل هم‌اندیشی",
        "format": "zip",
        "rows": written,
    }


def write_table(folder, table, records, chunk=1000):
    """``table`` as ``<name>.csv`` (UTF-8 with BOM, for Excel) and ``<name>.json`` (a list of objects, one
    a line), both written as the rows are read, ``chunk`` at a time with their relations prefetched: a
    50,000-record archive is never held in memory whole."""
    table_fields = list(fields(table.columns))
    csv_path, json_path = folder / f"{table.name}.csv", folder / f"{table.name}.json"
    count = 0
    with (
        csv_path.open("w", encoding="utf-8-sig", newline="") as csv_stream,
        json_path.open("w", encoding="utf-8") as json_stream,
    ):
        writer = csv.writer(csv_stream)
        writer.writerow([field.name for field in table_fields])
        json_stream.write("[")
        for row in _streamed(table.rows(records), chunk):
            writer.writerow([field.csv_value(row) for field in table_fields])
            values = {field.name: field.json_value(row) for field in table_fields}
            json_stream.write(("\n" if count == 0 else ",\n") + json.dumps(values, ensure_ascii=False))
            count += 1
        json_stream.write("\n]\n" if count else "]\n")
    return [
        {
            "name": csv_path.name,
            "title": f"{table.title}، برای صفحه‌گسترده",
            "format": "csv",
            "table": table.name,
            "rows": count,
        },
        {
            "name": json_path.name,
            "title": f"{table.title}، برای برنامه‌ها",
            "format": "json",
            "table": table.name,
            "rows": count,
        },
    ]


def _streamed(rows, chunk):
    """A queryset's rows read ``chunk`` at a time (prefetches included), any other iterable as it is."""
    iterator = getattr(rows, "iterator", None)
    return iterator(chunk_size=chunk) if iterator is not None else rows


def write_licence(folder):
    (folder / LICENCE).write_text(LICENCE_TEXT, encoding="utf-8")
    return {"name": LICENCE, "title": "پروانه بهره‌برداری", "format": "txt"}


def write_dictionary(folder, tables, file_entries):
    """Every file (this one too), and every column of every table: name, type, meaning in Persian."""
    own = {"name": DICTIONARY, "title": "فرهنگ داده‌ها: هر پرونده و هر ستون", "format": "json"}
    files = [
        {"name": e["name"], "title": e["title"], "format": e["format"], "table": e.get("table")} for e in file_entries
    ]
    dictionary = {"files": [*files, {**own, "table": None}], "tables": tables}
    (folder / DICTIONARY).write_text(json.dumps(dictionary, ensure_ascii=False, indent=1), encoding="utf-8")
    return own
