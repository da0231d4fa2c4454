import contextlib
import os
from pathlib import Path
import shutil
import uuid

import pytest

from dev.stack import GUNICORN, manage, production_env


def on_postgres():
    return os.environ.get("DATABASE_URL", "").startswith("postgres")


needs_gunicorn = pytest.mark.skipif(
    not Path(GUNICORN).exists(), reason="gunicorn is not installed in the virtualenv (pip install -r requirements.txt)"
)
sqlite_pass_only = pytest.mark.skipif(
    on_postgres(), reason="runs its own SQLite portal; the SQLite pass of make test covers it"
)


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    """An empty, migrated SQLite database file under production settings (migrated once per session)."""
    workdir = tmp_path_factory.mktemp("migrated")
    path = workdir / "db.sqlite3"
    manage(production_env(f"sqlite:///{path}", workdir), "migrate", "--noinput", "-v", "0")
    return path


@pytest.fixture
def sqlite_portal(migrated_sqlite, tmp_path):
    """A production portal's files in ``tmp_path``: a copy of the migrated database, media and static roots."""
    database = tmp_path / "db.sqlite3"
    shutil.copyfile(migrated_sqlite, database)
    return production_env(f"sqlite:///{database}", tmp_path)


@contextlib.contextmanager
def postgres_databases(*roles):
    """Fresh databases on the run's PostgreSQL server (DATABASE_URL), dropped afterwards: their URLs."""
    import psycopg

    base = os.environ["DATABASE_URL"]
    names = [f"hamandishi_ops_{uuid.uuid4().hex[:8]}_{role}" for role in roles]
    with psycopg.connect(base, autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield [base.rsplit("/", 1)[0] + "/" + name for name in names]
    finally:
        with psycopg.connect(base, autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
