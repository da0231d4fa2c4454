"""The archive export reads records in chunks: its queries do not grow with the records. (50 generated
records are the fewest with every record type in them: the generator writes five of a kind in a row.)"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
import pytest

from dev.bench.imports import generate
from portal.export import export_archive

pytestmark = pytest.mark.django_db


def _export_queries(destination):
    with CaptureQueriesContext(connection) as queries:
        written = export_archive(destination, out=lambda line: None)
    return len(queries), len(written)


def test_the_export_makes_as_many_queries_for_100_records_as_for_50(tmp_path, import_files):
    generate(tmp_path / "small", 50, with_pdf=True, prefix="S")
    assert not import_files(tmp_path / "small").failed
    small, small_written = _export_queries(tmp_path / "export-50")
    generate(tmp_path / "large", 50, with_pdf=True, prefix="L")
    assert not import_files(tmp_path / "large").failed
    large, large_written = _export_queries(tmp_path / "export-100")
    assert (small_written, large_written) == (50, 100)
    assert large == small, (small, large)
    assert len(list((tmp_path / "export-100").rglob("*.pdf"))) == 100
