"""PostgreSQL full-text search with the Persian pipeline: see issue #4 (not built yet)."""

from django.core.exceptions import ImproperlyConfigured


def PersianPostgresSearchBackend(params):  # noqa: N802
    raise ImproperlyConfigured(
        "The Persian search backend for PostgreSQL is not built yet; set SEARCH_PIPELINE=stock to use "
        "Wagtail's own PostgreSQL search in the meantime."
    )
