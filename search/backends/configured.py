"""The record search (``search.backends.records``) of a configured search backend."""

from django.db import connection
from django.utils.module_loading import import_string
from wagtail.search.backends import get_search_backend

from .database_search import StockRecords
from .records import RecordSearch


def record_search(alias="default"):
    """The backend named ``alias`` in ``WAGTAILSEARCH_BACKENDS``: this project's backends are record
    searches themselves; Wagtail's own database backend (``SEARCH_PIPELINE=stock``, the benchmarks'
    baseline, left as Wagtail ships it) is given one beside it."""
    backend = get_search_backend(alias)
    if isinstance(backend, RecordSearch):
        return backend
    if connection.vendor == "sqlite":  # modelsearch's SQLite module can only be imported on SQLite
        return import_string("search.backends.sqlite.StockSQLiteRecords")(backend)
    return StockRecords(backend)


def cluster_backend():
    """The configured search cluster's backend, or None when search runs on the database."""
    backend = record_search()
    return backend if backend.database() is not backend else None
