"""Matching search entries against a text query on the configured backend, once per request.

``match`` returns every matching entry id with a rank (lower is better) and an uncorrelated id
filter for the ORM, so counting, faceting and paging never run the match again per row.
"""

from dataclasses import dataclass
from functools import partial

from django.db import connection
from django.db.models.expressions import RawSQL
from modelsearch.query import PlainText
from wagtail.search.backends import get_search_backend

from persian.analysis import LENIENT_BELOW, analyze_query, lenient_groups

from .backends.terms import LenientText
from .models import SearchEntry

HITS = "temp.search_hits"
# The most records an expansion adds, the best by tier, then by the engine's score: a concept's labels
# can reach a third of a large archive, and scoring all of it into Python made a concept question
# several times slower than its words alone. The count and the facets are of what is added.
EXPANSION_LIMIT = 300


@dataclass
class Match:
    ranks: dict  # entry id → rank, lower is better
    ids: object  # what ``pk__in=`` takes: an SQL subquery or a list
    complete: frozenset = None  # of a lenient match: the ids that matched every word
    tiers: dict = None  # ids the query's words did not find, reached through ``search.expansion``

    def score(self, entry_id):
        """The rank as the API shows it: higher is better."""
        return -self.ranks[entry_id]

    def missed_a_word(self, entry_id):
        """Whether the entry came only through leniency; such entries follow the complete matches."""
        return self.complete is not None and entry_id not in self.complete

    def tier(self, entry_id):
        """0: every word of the query; 1: all but one; then the expansion's tiers (``search.expansion``)."""
        if self.tiers and entry_id in self.tiers:
            return self.tiers[entry_id]
        return 1 if self.missed_a_word(entry_id) else 0

    def expanded(self, entry_id):
        return bool(self.tiers) and entry_id in self.tiers


def match(query_string, backend=None):
    """Every word must match; a long question that finds too little may miss one word, and then the
    records that have every word still come first."""
    backend = backend or get_search_backend()
    found = _match(PlainText(query_string), backend)
    analysed = analyze_query(query_string)
    if len(found.ranks) < LENIENT_BELOW and lenient_groups(len(analysed.groups)) < len(analysed.groups):
        relaxed = _match(LenientText(query_string), backend)
        relaxed.complete = frozenset(found.ranks)
        return relaxed
    return found


def widen(found, trees, backend, limit=None):
    """``found`` with the records each (tier, tree) of an expansion adds, never dropping one: the
    added ids are ranked after the query's own matches, tier by tier, each by the engine's score;
    all tiers together add at most ``limit`` (``EXPANSION_LIMIT``) records, and a weaker tier is
    asked only for the room the stronger ones left."""
    from .backends.terms import TermTree

    limit = EXPANSION_LIMIT if limit is None else limit
    tiers, ranks = {}, {}
    for tier, tree in trees:
        room = limit - len(tiers)
        if room <= 0:
            break
        taken = len(found.ranks) + len(tiers)  # the best rows may be records already found
        for pk, rank in _scored(TermTree(tree), backend, room + taken):
            if len(tiers) == limit:
                break
            if pk not in found.ranks and pk not in tiers:
                tiers[pk], ranks[pk] = tier, rank
    if not tiers:
        return found
    merged = {**found.ranks, **ranks}
    if _is_sqlite_fts(backend):
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT OR IGNORE INTO {HITS} (id, rank) VALUES (%s, %s)", list(ranks.items()))  # noqa: S608
        ids = found.ids
    elif _is_persian_postgres(backend):
        ids = RawSQL("SELECT unnest(%s::bigint[])", (list(merged),))  # noqa: S611 - values bound
    else:
        ids = list(merged)
    return Match(merged, ids, found.complete, tiers)


def _scored(query, backend, limit):
    """[(id, rank)] of the ``limit`` best records a query object matches, best first, leaving the
    page's match table alone."""
    if _is_sqlite_fts(backend):
        from .backends.sqlite import match_sql

        compiled = match_sql(backend, query, SearchEntry)
        if compiled is None:
            return []
        (scored_sql, scored_params), _ = compiled
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, score FROM (SELECT CAST(index_entry__object_id AS INTEGER) AS id, score "  # noqa: S608 - ORM SQL
                f"FROM ({scored_sql})) ORDER BY score, id DESC LIMIT %s",
                [*scored_params, limit],
            )
            return cursor.fetchall()
    if _is_persian_postgres(backend):
        from .backends.postgres import ranked_matches

        return list((ranked_matches(backend, query, SearchEntry, limit) or {}).items())
    results = backend.search(query, SearchEntry.objects.all()).annotate_score("_score")[:limit]
    return [(entry.pk, -(entry._score or 0.0)) for entry in results]


def best(query, backend, limit, within):
    """The ids of the ``limit`` best records of ``within`` (a SearchEntry queryset) for a query
    object, best first, on this project's database backends; unlike ``match`` it leaves the
    connection's table of the page's match alone."""
    if _is_sqlite_fts(backend):
        from .backends.sqlite import match_sql

        compiled = match_sql(backend, query, SearchEntry)
        if compiled is None:
            return []
        (scored_sql, scored_params), _ = compiled
        within_sql, within_params = within.order_by().values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM (SELECT CAST(index_entry__object_id AS INTEGER) AS id, score "  # noqa: S608 - ORM SQL
                f"FROM ({scored_sql})) WHERE id IN ({within_sql}) ORDER BY score LIMIT %s",
                [*scored_params, *within_params, limit],
            )
            return [pk for (pk,) in cursor.fetchall()]
    if _is_persian_postgres(backend):
        from .backends.postgres import best_within

        return best_within(backend, query, SearchEntry, within, limit)
    raise ValueError(f"no ranked search within a queryset on {type(backend).__name__}")


def _match(query, backend):
    if _is_sqlite_fts(backend):
        from .backends.sqlite import match_sql

        compiled = match_sql(backend, query, SearchEntry)
        if compiled is None:
            return Match({}, [])
        (scored_sql, scored_params), _ = compiled
        # The match is written once into a connection-local table, so the count, the facets and the
        # page read it instead of joining the full-text index again (50 ms each at 50,000 records).
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {HITS} (id INTEGER PRIMARY KEY, rank REAL)")
            cursor.execute(f"DELETE FROM {HITS}")  # noqa: S608
            cursor.execute(
                f"INSERT OR IGNORE INTO {HITS} (id, rank) "  # noqa: S608 - SQL built by the ORM, values bound
                f"SELECT CAST(index_entry__object_id AS INTEGER), score FROM ({scored_sql})",
                scored_params,
            )
            cursor.execute(f"SELECT id, rank FROM {HITS}")  # noqa: S608
            ranks = dict(cursor.fetchall())
        ids = RawSQL(f"SELECT id FROM {HITS}", [])  # noqa: S608,S611 - a constant table name
        return Match(ranks, ids)
    if _is_persian_postgres(backend):
        return _match_postgres(backend, query)
    results = backend.search(query, SearchEntry.objects.all()).annotate_score("_score")
    ranks = {entry.pk: -(entry._score or 0.0) for entry in results}
    return Match(ranks, list(ranks))


def _is_sqlite_fts(backend):
    if connection.vendor != "sqlite":
        return False  # modelsearch's SQLite module cannot even be imported on another database
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    return isinstance(backend, SQLiteSearchBackend)


def _is_persian_postgres(backend):
    if connection.vendor != "postgresql":
        return False
    from .backends.postgres import PersianPostgresSearchBackend

    return isinstance(backend, PersianPostgresSearchBackend)


def _match_postgres(backend, query):
    """PostgreSQL: every (id, rank) in one statement over the index table; the ids go back as one
    array parameter, so counting, faceting and paging never run the match again."""
    from .backends.postgres import ranked_matches

    ranks = ranked_matches(backend, query, SearchEntry)
    if ranks is None:
        return Match({}, [])
    return Match(ranks, RawSQL("SELECT unnest(%s::bigint[])", (list(ranks),)))  # noqa: S611 - values bound


def document_frequencies_of(backend):
    """The search entries' document-frequency reader of this project's database backend
    (``search.related``), or None for another backend: stock Wagtail offers no related records."""
    if connection.vendor == "sqlite":
        from .backends.sqlite import PersianSQLiteSearchBackend, document_frequencies

        return partial(document_frequencies, SearchEntry) if isinstance(backend, PersianSQLiteSearchBackend) else None
    if _is_persian_postgres(backend):
        from .backends.postgres import document_frequencies

        return partial(document_frequencies, SearchEntry)
    return None
