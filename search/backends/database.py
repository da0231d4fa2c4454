"""Wagtail's database search backend with the Persian pipeline (``search.analysis``).

Selected by ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}``;
picks the implementation for the database in use, as Wagtail's own ``database`` backend does.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from .postgres import PersianPostgresSearchBackend
from .sqlite import PersianSQLiteSearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.utils import fts5_available

        if not fts5_available():
            raise ImproperlyConfigured("this SQLite has no FTS5; the Persian search needs it")
        return PersianSQLiteSearchBackend(params)
    if connection.vendor == "postgresql":
        return PersianPostgresSearchBackend(params)
    raise ImproperlyConfigured(f"no Persian search backend for {connection.vendor}")
