"""What a build writes: every file listed with its size and SHA-256, tables that match the data
dictionary, and nothing of drafts, view-restricted records or restricted documents anywhere."""

import csv
import datetime
import hashlib
import io
import json
import zipfile

import pytest

from opendata import store
from portal.export import export_archive

from .conftest import DRAFT_TITLE, HIDDEN_TITLE, SECRET_BYTES, SECRET_TITLE, UNPUBLISHED_EDIT

pytestmark = pytest.mark.django_db
TABLES = ["meetings", "resolutions", "follow_ups", "agreements", "practices"]


def dictionary(build):
    return json.loads((build.folder / "dictionary.json").read_text(encoding="utf-8"))


def columns_of(build):
    return {table["table"]: table["columns"] for table in dictionary(build)["tables"]}


def read_csv(build, name):
    raw = (build.folder / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, for Excel"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def read_json(build, name):
    return json.loads((build.folder / f"{name}.json").read_text(encoding="utf-8"))


def test_every_file_is_listed_with_its_size_and_checksum(built):
    names = {entry["name"] for entry in built.manifest["files"]}
    assert names == {
        "hamandishi-archive.zip",
        "LICENSE.txt",
        "dictionary.json",
        *(f"{t}.{ext}" for t in TABLES for ext in ("csv", "json")),
    }
    for entry in built.manifest["files"]:
        data = (built.folder / entry["name"]).read_bytes()
        assert entry["size"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert built.manifest["built_at_jalali"][:4] in {"۱۴۰۴", "۱۴۰۵", "۱۴۰۶", "۱۴۰۷"}
    assert "CC BY 4.0" in built.manifest["licence"]["name"]
    assert "CC BY 4.0" in (built.folder / "LICENSE.txt").read_text(encoding="utf-8")


def test_the_dictionary_describes_every_file_and_every_column_in_persian(built):
    described = dictionary(built)
    assert {f["name"] for f in described["files"]} == {e["name"] for e in built.manifest["files"]}
    for table, columns in columns_of(built).items():
        assert table in TABLES
        for column in columns:
            assert column["type"] in {"text", "integer", "boolean", "date", "jalali_date", "list"}
            assert any("\u0600" <= ch <= "\u06ff" for ch in column["meaning"]), column


@pytest.mark.parametrize("table", TABLES)
def test_csv_headers_and_json_keys_match_the_dictionary(built, table):
    names = [column["name"] for column in columns_of(built)[table]]
    with (built.folder / f"{table}.csv").open(encoding="utf-8-sig", newline="") as stream:
        assert next(csv.reader(stream)) == names
    rows = read_json(built, table)
    assert rows, table
    kinds = {c["name"]: c["type"] for c in columns_of(built)[table]}
    for row in rows:
        assert list(row) == names
        for name, value in row.items():
            valid = {
                "text": lambda v: isinstance(v, str),
                "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
                "boolean": lambda v: isinstance(v, bool),
                "list": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
                "date": lambda v: v is None or datetime.date.fromisoformat(v),
                "jalali_date": lambda v: v is None or (len(v) == 10 and v[4] == v[7] == "/"),
            }[kinds[name]]
            assert valid(value), (table, name, value)
    assert len(read_csv(built, table)) == len(rows)


def test_tables_hold_the_published_records_with_status_history_and_validity(built, small_archive):
    meetings = {row["ref"]: row for row in read_csv(built, "meetings")}
    assert set(meetings) == {"QOM-1403-11", "QOM-1403-12", "QOM-1404-01"}
    assert meetings["QOM-1403-11"]["date"] == "2024-11-05"
    assert meetings["QOM-1403-11"]["date_jalali"] == "1403/08/15"
    assert meetings["QOM-1403-11"]["resolution_count"] == "2"

    resolutions = {row["ref"]: row for row in read_json(built, "resolutions")}
    first = resolutions["QOM-1403-11#1"]
    assert (first["adopted_status"], first["current_status"], first["current_status_label"]) == (
        "in_progress",
        "done",
        "انجام شد",
    )
    assert first["follow_up_count"] == 1 and first["deadline_jalali"] == "1403/09/30"
    [history] = read_json(built, "follow_ups")
    assert (history["resolution_ref"], history["meeting_ref"], history["status"]) == (
        "QOM-1403-11#1",
        "QOM-1403-12",
        "done",
    )

    [agreement] = read_json(built, "agreements")
    assert agreement["ref"] == small_archive.agreement.ref
    assert agreement["valid_from_jalali"] == "1403/09/01" and agreement["valid_until_jalali"] == "1406/09/01"
    assert agreement["in_force"] is True and agreement["effective_status"] == "in_force"
    assert agreement["approved_by"] == "QOM-1403-11#1"
    assert sorted(agreement["party_municipalities"]) == ["قم", "کهک"]

    [practice] = read_json(built, "practices")
    assert practice["related_resolutions"] == ["QOM-1403-11#1"]
    assert practice["related_agreements"] == [small_archive.agreement.ref]


def every_text(build):
    """(file, text) of every file, the zip's members one by one."""
    for entry in build.manifest["files"]:
        path = build.folder / entry["name"]
        if entry["format"] == "zip":
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    yield f"{path.name}:{member}", archive.read(member)
        else:
            yield path.name, path.read_bytes()


def test_nothing_unpublished_or_restricted_in_any_file(built, small_archive):
    forbidden = [
        DRAFT_TITLE,
        "QOM-DRAFT-9",
        HIDDEN_TITLE,
        "QOM-HIDDEN-8",
        UNPUBLISHED_EDIT,
        SECRET_TITLE,
        "پیگیری مصوبه پیش‌نویس",  # a published meeting's follow-up of the draft's resolution
    ]
    files = list(every_text(built))
    assert len(files) > 12
    for name, data in files:
        assert SECRET_BYTES not in data, name
        text = data.decode("utf-8", errors="ignore")
        for word in forbidden:
            assert word not in text and word not in name, (name, word)
    # …while what is public is there: the public attachments and the published records.
    with zipfile.ZipFile(built.folder / "hamandishi-archive.zip") as archive:
        members = archive.namelist()
    assert any("agreement-public" in m for m in members)
    assert any("minutes-qom" in m for m in members)
    assert {"README.md", "LICENSE.txt"} <= set(members)


def test_the_zip_holds_what_export_archive_writes_in_path_order(built, tmp_path):
    export_archive(tmp_path / "export", out=lambda line: None)
    exported = {
        path.relative_to(tmp_path / "export").as_posix(): path.read_bytes()
        for path in (tmp_path / "export").rglob("*")
        if path.is_file()
    }
    with zipfile.ZipFile(built.folder / "hamandishi-archive.zip") as archive:
        names = archive.namelist()
        members = {name: archive.read(name) for name in names if name not in {"README.md", "LICENSE.txt"}}
    assert names == sorted(names, key=lambda name: name.split("/"))  # as a sorted directory listing
    assert len(exported) > 6
    assert members == exported


def test_the_served_build_is_the_one_just_written(built):
    assert store.current().folder == built.folder
    assert (store.root() / "current").is_symlink()
