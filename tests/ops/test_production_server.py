"""The production settings under real gunicorn: pages, static files, images, documents, health, headers."""

import http.client
import json
from pathlib import Path
import re
import shutil

import pytest

from dev.stack import Gunicorn, manage
from tests.conftest import ArchiveDir, agreement_fields, make_png, meeting_fields

from .conftest import needs_gunicorn, sqlite_pass_only

pytestmark = [needs_gunicorn, sqlite_pass_only]

HTTPS = {"X-Forwarded-Proto": "https"}  # what the reverse proxy says (deploy/nginx.conf)


def fetch(server, path, headers=HTTPS):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1", **headers})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def write_archive(root):
    archive = ArchiveDir(root)
    make_png(archive.root / "photo.png", size=(800, 500))
    archive.pdf("annex.pdf", "Public annex: landfill map")
    archive.pdf("signed.pdf", "Confidential signed memorandum")
    archive.write("qom.md", meeting_fields(attachments=["photo.png"]))
    archive.write(
        "agreement.md",
        agreement_fields(attachments=["signed.pdf", "annex.pdf"], restricted_attachments=["signed.pdf"]),
    )
    return archive


@pytest.fixture(scope="module")
def served(migrated_sqlite, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("production")
    database = workdir / "db.sqlite3"
    shutil.copyfile(migrated_sqlite, database)
    from dev.stack import production_env

    env = production_env(f"sqlite:///{database}", workdir)
    archive = write_archive(workdir / "archive")
    manage(env, "import_archive", str(archive.root))
    manage(env, "collectstatic", "--noinput", "-v", "0")
    with Gunicorn(env, workdir / "run", workers=2) as server:
        server.archive = archive
        server.database = database
        yield server


def test_pages_are_served_with_security_headers(served):
    status, headers, body = fetch(served, "/")
    assert status == 200, served.logs()
    assert 'lang="fa" dir="rtl"' in body.decode()
    csp = headers["content-security-policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'self'" in csp
    assert headers["strict-transport-security"].startswith("max-age=31536000")
    assert "includeSubDomains" in headers["strict-transport-security"]
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    status, _headers, body = fetch(served, "/ref/QOM-1403-11/")
    assert status in (301, 302)
    status, _headers, body = fetch(served, _headers["location"])
    assert status == 200 and "همایش شهرداران استان قم" in body.decode()


def test_plain_http_is_redirected_to_https(served):
    status, headers, _body = fetch(served, "/meetings/", headers={})
    assert status == 301
    assert headers["location"] == "https://127.0.0.1/meetings/"


def test_static_files_carry_hashed_names_and_long_caching(served):
    _status, _headers, body = fetch(served, "/")
    css = re.search(r'href="(/static/portal/css/site\.[0-9a-f]{12}\.css)"', body.decode())
    assert css, "the stylesheet is linked by its hashed name"
    status, headers, content = fetch(served, css.group(1), headers={**HTTPS, "Accept-Encoding": "gzip"})
    assert status == 200
    assert "max-age=315360000" in headers["cache-control"] and "immutable" in headers["cache-control"]
    assert headers.get("content-encoding") in ("gzip", "br")
    assert len(content) > 100


def test_the_404_page_is_the_sites_own(served):
    status, headers, body = fetch(served, "/no-such-page/")
    assert status == 404
    assert "این صفحه پیدا نشد" in body.decode()
    assert "content-security-policy" in headers


def test_public_images_are_served_and_documents_are_not_served_from_media(served):
    _status, _headers, body = fetch(served, "/meetings/qom-1403-11/")
    image = re.search(r'src="(/media/images/[^"]+)"', body.decode())
    assert image, "the meeting page shows its photo"
    status, headers, content = fetch(served, image.group(1))
    assert status == 200 and headers["content-type"] == "image/png"
    assert content.startswith(b"\x89PNG")
    for path in (
        "/media/documents/annex.pdf",
        "/media/images/../documents/annex.pdf",
        "/media/images/%2e%2e/documents/annex.pdf",
        "/media/images/..%2fdocuments%2fannex.pdf",
        "/media/images/",
    ):
        status, _headers, body = fetch(served, path)
        assert status in (400, 404), path
        assert not body.startswith(b"%PDF"), path


def test_documents_download_through_the_access_checks(served):
    status, headers, _body = fetch(served, "/ref/QOM-TN-1403-02/")
    status, _headers, body = fetch(served, headers["location"])
    assert status == 200
    links = re.findall(r'href="(/documents/[^"]+)"', body.decode())
    assert len(links) == 1, "only the public annex is a link; the signed PDF is locked"
    status, headers, content = fetch(served, links[0])
    assert status == 200, served.logs()
    assert content == Path(served.archive.root / "annex.pdf").read_bytes()
    signed = manage(
        served.env,
        "shell",
        "--no-imports",
        "-c",
        "from wagtail.documents.models import Document; print(Document.objects.get(file__contains='signed').url)",
    ).splitlines()[-1]
    status, headers, _content = fetch(served, signed)
    assert status == 302 and headers["location"].startswith("/admin/login/"), "a visitor is sent to sign in"


def test_healthz_reports_database_search_and_worker(served):
    status, headers, body = fetch(served, "/healthz", headers={})  # plain HTTP: probes are exempt
    assert status == 200
    assert headers["content-type"] == "application/json"
    report = json.loads(body)
    assert report["status"] == "ok"
    assert report["database"]["status"] == "ok"
    assert report["search"] == {"status": "ok", "engine": "database"}
    # The import queued the attachments' OCR for the worker (none runs here): fresh, so still "ok". Ready
    # as the worker sees it: an open-data rebuild put off by a minute waits without counting.
    count = "from django_tasks_db.models import DBTaskResult; print(DBTaskResult.objects.ready().count())"
    queued = int(manage(served.env, "shell", "--no-imports", "-c", count).splitlines()[-1])
    assert queued > 0
    assert report["worker"]["status"] == "ok" and report["worker"]["ready_tasks"] == queued


def test_logs_are_json_lines(served):
    fetch(served, "/healthz")
    lines = [line for line in served.logs().splitlines() if line.strip()]
    entries = [json.loads(line) for line in lines]
    access = [entry for entry in entries if entry["logger"] == "gunicorn.access"]
    assert any(entry["path"] == "/healthz" and entry["status"] == "200" for entry in access)
    assert all({"time", "level", "logger", "message"} <= entry.keys() for entry in entries)


def test_without_collectstatic_pages_still_render(sqlite_portal, tmp_path):
    with Gunicorn(sqlite_portal, tmp_path / "run", workers=1) as server:
        status, _headers, body = fetch(server, "/no-such-page/")
        assert status == 404 and "این صفحه پیدا نشد" in body.decode(), server.logs()
        assert 'href="/static/portal/css/site.css"' in body.decode()
        status, _headers, content = fetch(server, "/static/portal/css/site.css")
        assert status == 200 and len(content) > 100
        assert "static files manifest" in server.logs()


def test_healthz_is_503_when_the_database_is_down(sqlite_portal, tmp_path):
    env = {**sqlite_portal, "DATABASE_URL": f"sqlite:///{tmp_path}/no-such-folder/db.sqlite3"}
    with Gunicorn(env, tmp_path / "run", workers=1) as server:
        status, _headers, body = fetch(server, "/healthz")
        assert status == 503
        report = json.loads(body)
        assert report["status"] == "down" and report["database"]["status"] == "down"
