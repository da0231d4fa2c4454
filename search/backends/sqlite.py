"""SQLite FTS5 with the Persian pipeline and a title column that really weighs more."""

import json

from django.db import connection
from django.db.models import F
from django.db.models.expressions import RawSQL
from modelsearch.backends.database.sqlite import sqlite as stock
from modelsearch.backends.database.sqlite.query import BM25, Lexeme, SearchQueryExpression
from modelsearch.query import Not, Phrase, PlainText

from search.models import SearchEntry

from .database_search import DatabaseRecords, StockAdapter
from .indexing import TITLE_WEIGHT, AnalysedIndex, AnalysedText
from .records import Match
from .sqlite_plan import nested_join, read_through
from .terms import (
    Syntax,
    TermTree,
    autocomplete_groups,
    boolean_expression,
    matches_nothing,
    search_groups,
    tree_expression,
)

# FTS5 columns are (autocomplete, body, title); bm25() weighs each term hit by its column.
COLUMN_WEIGHTS = (0.0, 1.0, TITLE_WEIGHT)


class WeightedBM25(BM25):
    def as_sql(self, compiler, connection, function=None, template=None):
        weights = ", ".join(str(w) for w in COLUMN_WEIGHTS)
        return f"bm25({stock.SQLiteFTSIndexEntry._meta.db_table}, {weights})", []


class PersianObjectIndexer(AnalysedText, stock.ObjectIndexer):
    pass


class PersianSQLiteIndex(AnalysedIndex, stock.SQLiteIndex):
    indexer_class = PersianObjectIndexer

    def write_entries(self, content_type_pk, indexers):
        data = {i.id: (i.title, i.autocomplete, i.body) for i in indexers}
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = frozenset(entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True))
        for object_id in indexed:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(title=title, autocomplete=autocomplete, body=body)
        self.entries.bulk_create(
            stock.IndexEntry(
                content_type_id=content_type_pk,
                object_id=object_id,
                title=title,
                autocomplete=autocomplete,
                body=body,
            )
            for object_id, (title, autocomplete, body) in data.items()
            if object_id not in indexed
        )


def _quoted(term):
    return f'"{term}"'


FTS5 = Syntax(term=_quoted, prefix=lambda term: _quoted(term) + "*", and_=" AND ", or_=" OR ")


class GroupedMatch(Lexeme):
    """An FTS5 expression ``("a" OR "b") AND ("c")`` with every group in parentheses.

    modelsearch's CombinedLexeme joins ``a OR b AND c`` bare, and FTS5 binds AND tighter than OR.
    Terms hold letters and digits only, so quoting is safe.
    """

    def __init__(self, groups, prefix_last=False, required=None):
        self.groups = groups
        self.prefix_last = prefix_last
        self.required = required
        super().__init__("")

    def as_sql(self, compiler, connection):
        return "%s", [boolean_expression(self.groups, FTS5, self.prefix_last, self.required)]


class TreeMatch(Lexeme):
    """An FTS5 expression for a ``TermTree`` (``search.expansion``)."""

    def __init__(self, tree):
        self.tree = tree
        super().__init__("")

    def as_sql(self, compiler, connection):
        return "%s", [tree_expression(self.tree, FTS5)]


class PersianSQLiteSearchQueryCompiler(stock.SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        if isinstance(query, TermTree):
            return SearchQueryExpression(TreeMatch(query.tree))
        if isinstance(query, (PlainText, Phrase)):
            found = search_groups(query)
            if found is None:
                return None
            groups, required = found
            return SearchQueryExpression(GroupedMatch(groups, required=required))
        return super().build_search_query_content(query, config)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, (Phrase, PlainText, Not)):
            return WeightedBM25() * boost if boost != 1.0 else WeightedBM25()
        return super().build_tsrank(vector, query, config=config, boost=boost)

    def get_search_vectors(self):
        # One weighted bm25() covers every column; the stock pair would count it twice.
        return [(F("index_entry__title"), 1.0)]

    def search(self, config, start, stop, score_field=None):
        if matches_nothing(self.query):
            return self.queryset.none()
        return super().search(config, start, stop, score_field=score_field)


class PersianSQLiteAutocompleteQueryCompiler(stock.SQLiteAutocompleteQueryCompiler):
    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            groups = autocomplete_groups(query)
            return SearchQueryExpression(GroupedMatch(groups, prefix_last=True)) if groups else None
        return super().build_search_query_content(query, config)

    def search(self, config, start, stop, score_field=None):
        if isinstance(self.query, PlainText) and not autocomplete_groups(self.query):
            return self.queryset.none()
        return super().search(config, start, stop, score_field=score_field)


HITS = "temp.search_hits"
FACETS_BY_ID = "searchentry_facets_by_id"


class SQLiteRecords(DatabaseRecords):
    """Record search on SQLite FTS5, with any SQLite FTS compiler, stock or Persian: each match is
    scored in one statement (``match_sql``) instead of modelsearch's subquery per row."""

    def ranked(self, query):
        compiled = match_sql(self, query, SearchEntry)
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

    def ranked_within(self, query, within):
        # Unscored: bm25 over every match costs more than reading the matching ids, and the records of
        # ``within`` need no order among themselves.
        compiled = match_sql(self, query, SearchEntry)
        if compiled is None:
            return Match({}, [], total=0)
        _, (ids_sql, ids_params) = compiled
        with connection.cursor() as cursor:
            cursor.execute(ids_sql, ids_params)
            matched = [int(pk) for (pk,) in cursor.fetchall()]
        wanted = set(within)
        kept = [pk for pk in matched if pk in wanted]
        return Match(dict.fromkeys(kept, 0.0), kept, total=len(matched))

    def scored(self, query, limit):
        compiled = match_sql(self, query, SearchEntry)
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

    def best_records(self, query, limit, within):
        compiled = match_sql(self, query, SearchEntry)
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

    def merged_ids(self, found, added, merged):
        # One statement: 300 single-row INSERTs cost more than the expansion's facets.
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT OR IGNORE INTO {HITS} (id, rank) "  # noqa: S608 - a constant table name, values bound
                "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(%s)",
                [json.dumps(list(added.items()))],
            )
        return found.ids

    def grouped_rows(self, grouped, by_id):
        # Picked by id (a match), the rows are read through the covering index of the facets' columns,
        # which the planner passes over without statistics.
        return list(read_through(grouped, FACETS_BY_ID) if by_id else grouped)

    def document_frequencies(self, terms, share=1.0, most=None):
        return document_frequencies(SearchEntry, terms, share, float("inf") if most is None else most)

    def held_terms(self, terms):
        # One statement, each term looked up to its first record: a term no record holds adds
        # nothing to FTS5's bm25 but the cost of reading it for every matching row.
        content_types = list(stock.get_descendants_content_types_pks(SearchEntry))
        return {term for term, n in _row_counts(terms, 1, content_types).items() if n}


class StockSQLiteRecords(StockAdapter, SQLiteRecords):
    """Wagtail's own SQLite backend, its matches scored in one statement as this project's are."""


class PersianSQLiteSearchBackend(SQLiteRecords, stock.SQLiteSearchBackend):
    query_compiler_class = PersianSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = PersianSQLiteAutocompleteQueryCompiler
    index_class = PersianSQLiteIndex


def match_sql(backend, query, model):
    """Two SQL statements (sql, params) for one FTS5 match: ``(object id, score)`` of every match,
    and the matching object ids alone (no bm25, for filtering), or None when nothing can match.

    modelsearch scores results with a correlated subquery that runs the MATCH again for every
    matched row; callers that need all scores (ordering, facets) use this instead. It works with
    any SQLite FTS backend's compiler, stock or Persian, so comparisons stay like for like.
    """
    compiler = backend.query_compiler_class(model.objects.all(), query)
    search_query = compiler.build_search_query(stock.normalize(compiler.query), config=None)
    if search_query is None:
        return None
    matches = stock.SQLiteFTSIndexEntry.objects.filter(
        stock.MatchExpression(compiler.FTS_TABLE_FIELDS, search_query)
    ).filter(index_entry__content_type__in=stock.get_descendants_content_types_pks(model))
    rank = compiler._build_rank_expression(compiler.get_search_vectors(), None)
    # SQLite may otherwise loop over the index entries and run the FTS5 MATCH once per entry (seconds
    # at 10,000 records): the full-text table stays the outer loop, and the entries' object ids are
    # read from a covering index rather than from rows holding the whole text.
    scored = matches.annotate(score=rank).values_list("index_entry__object_id", "score")
    ids = matches.values_list("index_entry__object_id")
    entries = stock.IndexEntry._meta.db_table
    return tuple(nested_join(qs, entries, INDEX_ENTRY_BY_ID).query.sql_with_params() for qs in (scored, ids))


# Covering indexes (migration portal_search 0004) the planner overlooks without ANALYZE statistics.
INDEX_ENTRY_BY_ID = "indexentry_object"


SMALL_CAP = 16
COMPOUND_TERMS = 400


def document_frequencies(model, terms, share, most):
    """({term: records of ``model`` whose index entry holds it}, records), counted in FTS5's own index.

    Only the model's rows count (the index holds pages, images and documents too), so the figures
    are those the search cluster gives. A term held by ``share`` of the records or ``most`` records
    is not used, so it is counted only that far: first over all rows, without the join to the
    model's entries, up to the cap plus the rows of other objects, which settles the common terms
    cheaply; then the others exactly (fts5vocab would read every entry of a common term, and cannot
    tell the model's rows apart). A small cap (is a spelling held at all?) is counted with the join at
    once: the first pass and its count of every row would cost more than they save."""
    content_types = list(stock.get_descendants_content_types_pks(model))
    total = stock.IndexEntry.objects.filter(content_type_id__in=content_types).count()
    cap = int(min(share * total, most)) + 1
    if cap <= SMALL_CAP:
        return _row_counts(terms, cap, content_types), total
    rows = stock.IndexEntry.objects.count()
    limit = cap + rows - total
    everywhere = _row_counts(terms, limit)
    common = {term: cap for term, n in everywhere.items() if n >= limit}
    rare = [term for term, n in everywhere.items() if 0 < n < limit]
    return {**common, **_row_counts(rare, cap, content_types)}, total


def _row_counts(terms, limit, content_types=None):
    """{term: index rows holding it, counted up to ``limit``}, of the given content types only."""
    if not terms:
        return {}
    fts, entries = stock.SQLiteFTSIndexEntry._meta.db_table, stock.IndexEntry._meta.db_table
    source, kinds = f'"{fts}"', []
    if content_types:
        source += f' CROSS JOIN "{entries}" INDEXED BY {INDEX_ENTRY_BY_ID} ON "{entries}".id = "{fts}".rowid'
        kinds = list(content_types)
    kind_filter = f' AND "{entries}".content_type_id IN ({", ".join(["%s"] * len(kinds))})' if kinds else ""
    count = f'SELECT %s, (SELECT count(*) FROM (SELECT 1 FROM {source} WHERE "{fts}" MATCH %s{kind_filter} LIMIT %s))'  # noqa: S608
    terms, counted = sorted(terms), {}
    with connection.cursor() as cursor:
        for start in range(0, len(terms), COMPOUND_TERMS):  # SQLite joins at most 500 SELECTs in one
            batch = terms[start : start + COMPOUND_TERMS]
            params = [value for term in batch for value in (term, _quoted(term), *kinds, limit)]
            cursor.execute(" UNION ALL ".join([count] * len(batch)), params)
            counted.update(cursor.fetchall())
    return counted
