"""The archive zip re-imports with import_archive into an empty archive and gives the same published
records: the same exchange-format data, the same public attachments, the same tables."""

import io
import zipfile

from django.core.management import call_command
import pytest
from wagtail.documents import get_document_model

from agreements.access import is_public
from opendata.build import build
from records.archive.export import front_matter
from records.publication import published
from records.registry import record_models

from .conftest import SECRET_TITLE

pytestmark = pytest.mark.django_db


def published_records():
    """ref → (its exchange-format data, its body, the contents of its public attachments)."""
    found = {}
    for model in record_models():
        for page in published(model):
            documents = sorted(item.document.file_hash for item in page.documents.all() if is_public(item.document))
            images = sorted(item.image.file_hash for item in page.images.all())
            found[page.ref] = (front_matter(page), page.body.strip(), documents, images)
    return found


def tables(build):
    names = [e["name"] for e in build.manifest["files"] if e["format"] == "json" and e.get("table")]
    return {name: (build.folder / name).read_text(encoding="utf-8") for name in names}


def test_the_zip_imports_back_into_an_empty_archive(built, tmp_path):
    before, tables_before = published_records(), tables(built)
    assert len(before) == 5
    with zipfile.ZipFile(built.folder / "hamandishi-archive.zip") as archive:
        archive.extractall(tmp_path / "unzipped")

    for model in reversed(record_models()):  # practices, agreements, then meetings
        for page in model.objects.all():
            page.delete()
    get_document_model().objects.all().delete()
    assert published_records() == {}

    call_command("import_archive", str(tmp_path / "unzipped"), stdout=io.StringIO())

    after = published_records()
    assert after == before
    assert not get_document_model().objects.filter(title=SECRET_TITLE).exists()
    assert tables(build()) == tables_before
