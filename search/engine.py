"""Matching search entries against a text query on the configured backend, once per request.

``match`` returns every matching entry id with a rank (lower is better) and an uncorrelated id
filter for the ORM, so counting, faceting and paging never run the match again per row.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models.expressions import RawSQL
from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend
from wagtail.search.backends import get_search_backend

from .models import SearchEntry


@dataclass
class Match:
    ranks: dict  # entry id → rank, lower is better
    ids: object  # what ``pk__in=`` takes: an SQL subquery or a list

    def score(self, entry_id):
        """The rank as the API shows it: higher is better."""
        return -self.ranks[entry_id]


def match(query_string):
    backend = get_search_backend()
    if isinstance(backend, SQLiteSearchBackend):
        from .backends.sqlite import match_sql

        compiled = match_sql(backend, query_string, SearchEntry)
        if compiled is None:
            return Match({}, [])
        sql, params = compiled
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            ranks = {int(object_id): rank for object_id, rank in cursor.fetchall()}
        # LIMIT/OFFSET keeps SQLite from flattening the subquery into a join that re-runs MATCH per row.
        ids = RawSQL(f"SELECT CAST(index_entry__object_id AS INTEGER) FROM ({sql}) LIMIT -1 OFFSET 0", params)  # noqa: S608,S611
        return Match(ranks, ids)
    results = backend.search(query_string, SearchEntry.objects.all()).annotate_score("_score")
    ranks = {entry.pk: -(entry._score or 0.0) for entry in results}
    return Match(ranks, list(ranks))
