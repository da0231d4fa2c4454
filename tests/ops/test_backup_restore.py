"""`manage.py backup` / `restore` as a round trip, on the database the test run uses (SQLite or PostgreSQL).

A portal with published records, a draft revision, accounts, restricted and public documents, an image
and download counts is backed up and restored into a blank database and an empty MEDIA_ROOT; the
restored portal shows the same pages, downloads the same bytes, keeps revisions, accounts and
counts, and finds the same search results.
"""

import json
import subprocess

import pytest

from dev.stack import PYTHON, ROOT, manage, production_env

from .conftest import on_postgres, postgres_databases
from .test_production_server import write_archive


def postgres_tools_missing():
    from portal.ops.backup import BackupError, postgres_binary

    try:
        postgres_binary("pg_dump")
        postgres_binary("pg_restore")
    except BackupError as error:
        return str(error)
    return None


def portal_script(env, name):
    result = subprocess.run(
        [PYTHON, str(ROOT / "tests" / "ops" / "portal_scripts.py"), name],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def command(env, *args):
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture
def databases(tmp_path, request):
    """URLs of two databases: the original (migrated) and a blank one to restore into."""
    if not on_postgres():
        import shutil

        source = tmp_path / "source" / "db.sqlite3"
        source.parent.mkdir()
        shutil.copyfile(request.getfixturevalue("migrated_sqlite"), source)
        yield f"sqlite:///{source}", f"sqlite:///{tmp_path / 'restored' / 'db.sqlite3'}"
        return
    missing = postgres_tools_missing()
    if missing:
        pytest.skip(missing)
    with postgres_databases("source", "restored") as urls:
        manage(production_env(urls[0], tmp_path / "source"), "migrate", "--noinput", "-v", "0")
        yield urls


def test_a_restored_portal_is_the_same_portal(databases, tmp_path):
    source_url, restored_url = databases
    (tmp_path / "restored").mkdir(exist_ok=True)
    source = production_env(source_url, tmp_path / "source", ALLOWED_HOSTS="127.0.0.1")
    restored = production_env(restored_url, tmp_path / "restored", ALLOWED_HOSTS="127.0.0.1")
    restored["SECRET_KEY"] = source["SECRET_KEY"]
    archive = write_archive(tmp_path / "archive")
    manage(source, "import_archive", str(archive.root))
    portal_script(source, "setup")

    result = command(source, "backup", str(tmp_path / "backup"))
    assert result.returncode == 0, result.stderr
    assert "backed up the" in result.stdout
    before = json.loads(portal_script(source, "summary"))

    result = command(restored, "restore", str(tmp_path / "backup"))
    assert result.returncode == 0, result.stderr
    after = json.loads(portal_script(restored, "summary"))

    assert after == before
    assert any(live and unpublished for _path, _title, live, unpublished in before["pages"]), "a draft over a live page"
    assert len(before["revisions"]) >= 3 and [user for _title, user in before["revisions"] if user] == ["qom-editor"]
    assert {name for name, *_ in before["users"]} == {"admin", "qom-editor"}
    statuses = sorted(status for _title, status, _digest in before["documents"])
    assert statuses == [200, 302], "the public annex downloads, the signed PDF asks for a login"
    assert all(count == 3 for _title, count in before["downloads"])
    assert before["search"]["پسماند"] and before["search"]["QOM-1403-11"][0] == "QOM-1403-11"
    assert all(status == 200 and shown for _url, status, shown in before["live_pages"])


def test_restore_refuses_to_overwrite_a_portal_without_force(databases, tmp_path):
    source_url, _restored_url = databases
    source = production_env(source_url, tmp_path / "source")
    archive = write_archive(tmp_path / "archive")
    manage(source, "import_archive", str(archive.root))
    assert command(source, "backup", str(tmp_path / "backup")).returncode == 0

    result = command(source, "restore", str(tmp_path / "backup"))
    assert result.returncode != 0
    assert "already holds records or accounts" in result.stderr and "--force" in result.stderr

    result = command(source, "restore", "--force", str(tmp_path / "backup"))
    assert result.returncode == 0, result.stderr

    result = command(source, "backup", str(tmp_path / "backup"))
    assert result.returncode != 0 and "is not empty" in result.stderr

    result = command(source, "restore", str(tmp_path / "archive"))
    assert result.returncode != 0 and "not a Hamandishi backup" in result.stderr
