import os
from pathlib import Path
import shutil

import pytest

from tools.stack import GUNICORN, manage, production_env


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
