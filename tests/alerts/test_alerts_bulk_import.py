"""A bulk import matches the saved searches once per flush of its deferred updates, after the search
entries are written, not once per imported file."""

from types import SimpleNamespace

import pytest

from alerts import changes
from alerts.models import RecordChange
from dev.bench.imports import generate
from search.models import SearchEntry

pytestmark = pytest.mark.django_db


def test_an_import_matches_once_with_every_record_in_search(
    tmp_path, import_files, monkeypatch, django_capture_on_commit_callbacks
):
    seen = []

    def enqueue():
        seen.append(SearchEntry.objects.exclude(kind="resolution").count())

    monkeypatch.setattr(changes, "match_changes", SimpleNamespace(enqueue=enqueue))
    generate(tmp_path / "archive", 6)
    with django_capture_on_commit_callbacks(execute=True):
        report = import_files(tmp_path / "archive")
    assert not report.failed, report.lines
    assert RecordChange.objects.count() == 6  # every record's version is noted for the matching
    assert seen == [6]  # one matching, when the six records are searchable
