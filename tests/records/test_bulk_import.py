"""The archive import at archive speed writes exactly what the one-page-at-a-time import wrote.

``import_snapshot.json`` is the structural snapshot (tests/records/snapshot.py) of a generated archive
of 60 records, each with a PDF, imported by the import as it was before it was batched. Regenerate it
only for an intended change of the result: ``RECORD_IMPORT_SNAPSHOT=1 pytest tests/records/test_bulk_import.py``.
"""

import json
import os
from pathlib import Path
import re

from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
import pytest

from dev.bench.imports import generate
from meetings import status_summary, stored_status
from meetings.models import MeetingPage, Resolution
from records.registry import record_models
from search.models import SearchEntry
from tests.records.snapshot import comparable, snapshot

pytestmark = pytest.mark.django_db
SNAPSHOT = Path(__file__).with_name("import_snapshot.json")


def _json(value):
    return json.loads(json.dumps(value, ensure_ascii=False, sort_keys=True))


def test_a_generated_archive_imports_to_the_same_database_content_as_before(tmp_path, import_files):
    generate(tmp_path / "archive", 60, with_pdf=True)
    report = import_files(tmp_path / "archive")
    assert not report.failed, report.lines
    assert len(report.created) == 60
    current = _json(snapshot())
    if os.environ.get("RECORD_IMPORT_SNAPSHOT"):
        SNAPSHOT.write_text(json.dumps(current, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    expected = comparable(json.loads(SNAPSHOT.read_text(encoding="utf-8")))
    current = comparable(current)
    assert current.keys() == expected.keys()
    for part in expected:
        assert current[part] == expected[part], part


def test_search_finds_the_imported_records_right_after_the_import(client, tmp_path, import_files):
    generate(tmp_path / "archive", 15, with_pdf=True)
    report = import_files(tmp_path / "archive")
    assert not report.failed, report.lines
    meetings = MeetingPage.objects.order_by("ref")
    assert meetings.count() > 3
    for meeting in meetings:
        data = client.get("/api/search/", {"q": meeting.ref}).json()
        assert meeting.ref in [result["ref"] for result in data["results"]]
    # every record has its entry, each resolution its own, with its attachment's text
    whole = SearchEntry.objects.exclude(kind="resolution")
    assert sorted(whole.values_list("ref", flat=True)) == sorted(p.ref for p in _record_pages())
    assert all(f"archive record {entry.ref}" in entry.attachment_text for entry in whole)
    resolutions = SearchEntry.objects.filter(kind="resolution").count()
    assert resolutions == sum(m.resolutions.count() for m in meetings)


def _record_pages():
    return [page for model in record_models() for page in model.objects.all()]


def test_a_malformed_file_in_the_middle_rolls_back_only_itself(tmp_path, import_files):
    root = tmp_path / "archive"
    generate(root, 12)
    files = sorted(root.rglob("*.md"))
    broken = files[len(files) // 2]
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("date: ", "date: 1403/13/45 ", 1), encoding="utf-8")
    report = import_files(root)
    assert [(path, name) for path, name, _ in report.failed] == [(broken, "date")]
    assert len(report.created) == 11
    refs = {p.ref for p in _record_pages()}
    assert len(refs) == 11 and broken.stem not in refs
    assert not SearchEntry.objects.filter(ref__startswith=broken.stem).exists()
    assert SearchEntry.objects.exclude(kind="resolution").count() == 11
    # the stored statuses and the summary, refreshed at the flush for the meetings written
    assert Resolution.objects.exclude(current_status=F("status")).exists()
    assert not stored_status.drift().exists() and status_summary.drift() == {}


def _queries_per_record(root, import_files):
    with CaptureQueriesContext(connection) as queries:
        report = import_files(root)
    assert not report.failed, report.lines
    return len(queries) / len(report.created)


def test_queries_per_record_do_not_grow_with_the_batch(tmp_path, import_files):
    generate(tmp_path / "small", 10, prefix="S")
    generate(tmp_path / "large", 40, prefix="L")
    small = _queries_per_record(tmp_path / "small", import_files)
    large = _queries_per_record(tmp_path / "large", import_files)
    assert large <= small, (small, large)


def test_a_new_records_rows_are_written_an_insert_per_relation(tmp_path, import_files):
    generate(tmp_path / "archive", 12)
    with CaptureQueriesContext(connection) as queries:
        report = import_files(tmp_path / "archive")
    assert not report.failed, report.lines
    meetings = MeetingPage.objects.all()
    inserts = [q["sql"] for q in queries if q["sql"].startswith("INSERT INTO")]
    # one INSERT for all the resolutions of a meeting, one for its follow-ups (more rows than meetings)
    assert Resolution.objects.count() > meetings.count()
    assert sum('"meetings_resolution"' in sql.split("(")[0] for sql in inserts) == meetings.count()
    with_follow_ups = meetings.filter(follow_ups__isnull=False).distinct().count()
    assert sum('"meetings_followup"' in sql.split("(")[0] for sql in inserts) == with_follow_ups
    # and nothing reads a new page's rows back before writing them
    read_back = re.compile(r'^SELECT "meetings_resolution".* WHERE "meetings_resolution"."meeting_id" = \d+')
    assert not [q["sql"] for q in queries if read_back.match(q["sql"])]


def test_imported_documents_are_in_the_admin_search_index_after_the_import(tmp_path, import_files):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.documents import get_document_model
    from wagtail.search.models import IndexEntry

    generate(tmp_path / "archive", 6, with_pdf=True)
    report = import_files(tmp_path / "archive")
    assert not report.failed, report.lines
    documents = get_document_model().objects.all()
    assert documents.count() == 6
    indexed = IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(get_document_model()))
    assert sorted(indexed.values_list("object_id", flat=True)) == sorted(str(d.pk) for d in documents)
