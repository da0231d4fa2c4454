"""The «داده‌های باز» page and its downloads: the last complete build only, a Persian note before the
first, and nothing but the build's listed files."""

import pytest

from .conftest import SECRET_TITLE

pytestmark = pytest.mark.django_db


def test_before_the_first_build_the_page_says_so(client, site_tree, open_data_root):
    response = client.get("/open-data/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "داده‌های باز هنوز ساخته نشده‌اند" in html
    assert "CC BY 4.0" in html
    assert client.get("/open-data/files/meetings.csv").status_code == 404


def test_the_page_lists_the_files_with_date_size_and_checksum(client, built):
    html = client.get("/open-data/").content.decode()
    assert built.manifest["built_at_jalali"] in html
    for entry in built.manifest["files"]:
        assert f"/open-data/files/{entry['name']}" in html
        assert entry["sha256"] in html
    assert "CC BY 4.0" in html and "creativecommons.org/licenses/by/4.0" in html
    assert SECRET_TITLE not in html


@pytest.mark.parametrize(
    "name, content_type",
    [
        ("hamandishi-archive.zip", "application/zip"),
        ("meetings.csv", "text/csv; charset=utf-8"),
        ("resolutions.json", "application/json; charset=utf-8"),
        ("LICENSE.txt", "text/plain; charset=utf-8"),
    ],
)
def test_a_file_is_served_as_a_download(client, built, name, content_type):
    response = client.get(f"/open-data/files/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert b"".join(response.streaming_content) == (built.folder / name).read_bytes()


@pytest.mark.parametrize("name", ["manifest.jsonx", "..%2Fcurrent", "%2Fetc%2Fpasswd", ".pending", "dictionary"])
def test_only_the_build_files_are_served(client, built, name):
    response = client.get(f"/open-data/files/{name}")
    assert response.status_code == 404
    assert "این صفحه پیدا نشد" in response.content.decode() or response.status_code == 404


def test_the_footer_links_to_the_page(client, site_tree, open_data_root):
    assert 'href="/open-data/"' in client.get("/open-data/").content.decode()
