"""The archive import at archive speed writes exactly what the one-page-at-a-time import wrote.

``import_snapshot.json`` is the structural snapshot (tests/records/snapshot.py) of a generated archive
of 60 records, each with a PDF, imported by the import as it was before it was batched. Regenerate it
only for an intended change of the result: ``RECORD_IMPORT_SNAPSHOT=1 pytest tests/records/test_bulk_import.py``.
"""

import json
import os
from pathlib import Path

import pytest

from dev.bench.imports import generate
from tests.records.snapshot import snapshot

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
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert current.keys() == expected.keys()
    for part in expected:
        assert current[part] == expected[part], part
