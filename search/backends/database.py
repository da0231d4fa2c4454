"""Wagtail's database search backend with the Persian pipeline (``persian.analysis``).

Selected by ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}``;
picks the implementation for the database in use, as Wagtail's own ``database`` backend does. Each
implementation is loaded by its dotted path: modelsearch's SQLite and PostgreSQL modules can only be
imported on their own database.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils.module_loading import import_string

FOR_VENDOR = {
    "sqlite": "search.backends.sqlite.PersianSQLiteSearchBackend",
    "postgresql": "search.backends.postgres.PersianPostgresSearchBackend",
}


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for
    if connection.vendor not in FOR_VENDOR:
        raise ImproperlyConfigured(f"no Persian search backend for {connection.vendor}")
    if (
        connection.vendor == "sqlite"
        and not import_string("modelsearch.backends.database.sqlite.utils.fts5_available")()
    ):
        raise ImproperlyConfigured("this SQLite has no FTS5; the Persian search needs it")
    return import_string(FOR_VENDOR[connection.vendor])(params)
