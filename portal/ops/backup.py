"""A whole-portal backup that restores: the database (every table) and MEDIA_ROOT.

A backup is a directory: ``manifest.json``, the database (``database.sqlite3`` by SQLite's online
backup API, or ``database.dump`` by ``pg_dump --format=custom``) and ``media/``. The database is
copied first and the files after it, so a document uploaded meanwhile leaves at most a file
without a record, never a record without its file.
"""

import datetime
import json
import os
from pathlib import Path
import shutil
import sqlite3
import subprocess

from django.conf import settings
from django.db import connection

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"
MEDIA = "media"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


def engine():
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"backups support SQLite and PostgreSQL, not {vendor}")
    return vendor


def postgres_binary(name):
    """``pg_dump``/``pg_restore`` from Debian's newest server version (as tests/pg/with-postgres.sh finds it)."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
        reverse=True,
    )
    found = next((path for path in candidates if os.access(path, os.X_OK)), None) or shutil.which(name)
    if not found:
        raise BackupError(f"{name} not found: install PostgreSQL's client programs (apt-get install postgresql-client)")
    return str(found)


def postgres_args():
    db = settings.DATABASES["default"]
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or os.environ.get("PGPASSWORD", "")}
    return args, env


def run(command, env=None):
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip() or result.stdout.strip()}")


def counts():
    """What a person would check after a restore: records, revisions, documents, images, users."""
    from django.contrib.auth import get_user_model
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Revision

    return {
        "pages": Page.objects.count(),
        "live_pages": Page.objects.live().count(),
        "revisions": Revision.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
    }


def backup(path):
    target = Path(path)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} exists and is not empty: choose a new directory")
    vendor = engine()
    target.mkdir(parents=True, exist_ok=True)
    if vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target / SQLITE_FILE) as copy:
            connection.connection.backup(copy)
        copy.close()
    else:
        args, env = postgres_args()
        dump = str(target / POSTGRES_FILE)
        run([postgres_binary("pg_dump"), "--format=custom", "--no-owner", "--file", dump, *args], env)
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists():
        shutil.copytree(media_root, target / MEDIA, symlinks=False)
    else:
        (target / MEDIA).mkdir()
    manifest = {
        "format": FORMAT,
        "engine": vendor,
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "counts": counts(),
        "media_files": sum(1 for item in (target / MEDIA).rglob("*") if item.is_file()),
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def read_manifest(source):
    path = Path(source) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{source} is not a Hamandishi backup (no {MANIFEST})")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        found = manifest.get("format")
        raise BackupError(f"backup format {found} is not {FORMAT}: restore it with the version that made it")
    return manifest


def database_holds_data():
    """Whether restoring would overwrite anything more than what `migrate` creates by itself."""
    tables = set(connection.introspection.table_names())
    if "auth_user" not in tables:
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM auth_user)")
        if cursor.fetchone()[0]:
            return True
        for table in ("wagtaildocs_document", "wagtailimages_image"):
            if table in tables:
                cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {table})")  # noqa: S608 (fixed names)
                if cursor.fetchone()[0]:
                    return True
        if "wagtailcore_page" in tables:
            # migrate creates Wagtail's root and its welcome page; anything deeper is content.
            cursor.execute("SELECT EXISTS (SELECT 1 FROM wagtailcore_page WHERE depth > 2)")
            return bool(cursor.fetchone()[0])
    return False


def media_holds_files():
    root = Path(settings.MEDIA_ROOT)
    return root.exists() and any(item.is_file() for item in root.rglob("*"))


def restore(source, force=False):
    source = Path(source)
    manifest = read_manifest(source)
    vendor = engine()
    if manifest["engine"] != vendor:
        raise BackupError(f"this backup is of a {manifest['engine']} database; DATABASE_URL names a {vendor} one")
    if not force:
        if database_holds_data():
            raise BackupError("the database already holds records or accounts: restoring would replace them (--force)")
        if media_holds_files():
            root = settings.MEDIA_ROOT
            raise BackupError(f"MEDIA_ROOT ({root}) already holds files: restoring would replace them (--force)")
    if vendor == "sqlite":
        restore_sqlite(source / SQLITE_FILE)
    else:
        restore_postgres(source / POSTGRES_FILE)
    restore_media(source / MEDIA)
    return manifest


def restore_sqlite(dump):
    if not dump.is_file():
        raise BackupError(f"{dump} is missing from the backup")
    connection.ensure_connection()
    with sqlite3.connect(dump) as saved:
        saved.backup(connection.connection)
    saved.close()
    connection.close()


def restore_postgres(dump):
    if not dump.is_file():
        raise BackupError(f"{dump} is missing from the backup")
    connection.close()
    args, env = postgres_args()
    run(
        [
            postgres_binary("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(dump),
        ],
        env,
    )


def restore_media(saved):
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    for item in root.iterdir():
        if item.is_dir() and not item.is_symlink():
            shutil.rmtree(item)
        else:
            item.unlink()
    if saved.is_dir():
        shutil.copytree(saved, root, dirs_exist_ok=True)
