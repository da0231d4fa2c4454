"""A document uploaded onto a full disk: a Persian error, no document record, no partial file.

MEDIA_ROOT is a real 1 MiB tmpfs (mounting needs root, which CI has); the upload goes through
Wagtail's admin form as an editor's would.
"""

import os
from pathlib import Path
import shutil
import subprocess

import pytest

from tests.conftest import make_pdf


@pytest.fixture
def small_disk(tmp_path, settings):
    mountpoint = tmp_path / "media"
    mountpoint.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs as MEDIA_ROOT needs root")
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", str(mountpoint)], capture_output=True, text=True
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    settings.MEDIA_ROOT = str(mountpoint)
    try:
        yield mountpoint
    finally:
        subprocess.run(["umount", "-l", str(mountpoint)], check=False)


def upload(client, path):
    with open(path, "rb") as handle:
        return client.post("/admin/documents/add/", {"title": path.stem, "file": handle, "collection": 1})


def files_in(root):
    return sorted(str(path.relative_to(root)) for path in Path(root).rglob("*") if path.is_file())


@pytest.mark.django_db
def test_an_upload_onto_a_full_disk_leaves_nothing_behind(client, small_disk, tmp_path, django_user_model):
    from wagtail.documents import get_document_model

    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "pass")
    client.force_login(admin)
    big = tmp_path / "large-scan.pdf"
    make_pdf(big, "scan " * 10)
    with open(big, "ab") as handle:
        handle.write(os.urandom(2 * 1024 * 1024))  # larger than the whole disk

    response = upload(client, big)
    assert response.status_code == 507
    assert "فضای ذخیره‌سازی سامانه پر است" in response.content.decode()
    assert get_document_model().objects.count() == 0
    assert files_in(small_disk) == [], "the part written before the disk filled up is removed"

    small = make_pdf(tmp_path / "minutes.pdf", "minutes")
    response = upload(client, small)
    assert response.status_code in (200, 302)
    assert get_document_model().objects.count() == 1, "once there is room, uploads work again"
    assert files_in(small_disk) == ["documents/minutes.pdf"]
