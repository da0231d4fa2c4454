"""PostgreSQL full-text search with the Persian pipeline, matching what the SQLite backend matches.

- The indexer stores the same analysed text as SQLite (``search.backends.indexing``): titles and refs
  as weight A, the body as weight B, autocomplete unweighted. The ``body`` column holds the whole
  document, title (A) and body (B), so one GIN index serves the match (a query's words may be split
  between title and text) and ranking reads one tsvector per row instead of concatenating two.
- Text-search configuration ``simple``: lower-casing and nothing else. The pipeline has already folded,
  split and stemmed every term in Python; a language configuration would stem again (``english``
  cuts Latin-letter refs and drops English stop words), and a custom configuration would be a second
  pipeline to keep in step. The terms are letters and digits separated by spaces, so the parser
  takes each one whole.
- The query compiler writes the analysed groups as a ``to_tsquery`` argument (AND over groups, OR
  within one, ``:*`` for the word being typed, any n-1 groups for a lenient question), bound as a
  parameter: no text a person typed reaches tsquery syntax, since terms hold letters and digits only.
- ``ts_rank_cd`` weighs a title hit 10× a body hit, as SQLite's bm25 weighs its columns.
"""

from functools import cached_property

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections, router, transaction
from django.db.models import F
from django.db.models.expressions import RawSQL
from modelsearch.backends.database.postgres import postgres as stock
from modelsearch.query import Not, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from persian.analysis import LENIENT_BELOW
from search.models import SearchEntry

from .database_search import DatabaseRecords
from .indexing import AnalysedIndex, AnalysedText
from .records import Match
from .terms import (
    Syntax,
    TermTree,
    autocomplete_groups,
    boolean_expression,
    matches_nothing,
    search_groups,
    tree_expression,
)

SEARCH_CONFIG = "simple"
TITLE_WEIGHT, BODY_WEIGHT = "A", "B"
# Weights for labels D, C, B, A: a title hit counts 10× a body hit; 0 for the unused labels.
RANK_WEIGHTS = [0.0, 0.0, 0.1, 1.0]

# PostgreSQL refuses a tsvector whose lexemes and positions take more than 1 MiB (title and body together).
TSVECTOR_BYTES = 1_000_000
MAX_POSITIONS = 256  # positions a tsvector keeps per lexeme


class LexemeBudget:
    """What fits in one tsvector: a very long attachment is indexed by its leading words (some
    40,000 distinct Persian ones) instead of failing to index and taking its page down with it."""

    def __init__(self, limit=TSVECTOR_BYTES):
        self.positions = {}
        self.left = limit

    def fit(self, text):
        terms = text.split()
        for index, term in enumerate(terms):
            count = self.positions.get(term, 0)
            if count == 0:  # the lexeme, 2-byte aligned, and its position count
                self.left -= len(term.encode()) + 1 + 2
            if count < MAX_POSITIONS:
                self.positions[term] = count + 1
                self.left -= 2
            if self.left < 0:
                return " ".join(terms[:index])
        return text


class PersianObjectIndexer(AnalysedText, stock.ObjectIndexer):
    @cached_property
    def document(self):
        """(title, body) as they fit together in one tsvector, the title first."""
        budget = LexemeBudget()
        return budget.fit(self.title), budget.fit(self.body)


# (content type, id, title, autocomplete, body = title || body, title_norm, title_text, body_text)
TITLE_VECTOR = "setweight(to_tsvector(%s::regconfig, %s), '" + TITLE_WEIGHT + "')"
BODY_VECTOR = "setweight(to_tsvector(%s::regconfig, %s), '" + BODY_WEIGHT + "')"
ENTRY_ROW = f"(%s, %s, {TITLE_VECTOR}, to_tsvector(%s::regconfig, %s), {TITLE_VECTOR} || {BODY_VECTOR}, 1.0, %s, %s)"


class PersianPostgresIndex(AnalysedIndex, stock.PostgresIndex):
    indexer_class = PersianObjectIndexer

    def write_entries(self, content_type_pk, indexers):
        params = []
        for i in indexers:
            title, body = i.document
            params += [content_type_pk, i.id, SEARCH_CONFIG, title, SEARCH_CONFIG, LexemeBudget().fit(i.autocomplete)]
            params += [SEARCH_CONFIG, title, SEARCH_CONFIG, body, i.title_text, i.body_text]
        table = stock.IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} "  # noqa: S608 - a table name and constant row templates; values bound
                "(content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text) "
                f"VALUES {', '.join([ENTRY_ROW] * len(indexers))} "
                "ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = EXCLUDED.title, "
                "autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
                "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
                params,
            )


def _quoted(term):
    # Terms hold letters and digits only; escaping anyway keeps the tsquery valid whatever comes.
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


TSQUERY = Syntax(term=_quoted, prefix=lambda term: _quoted(term) + ":*", and_=" & ", or_=" | ")


def tsquery(groups, prefix_last=False, required=None):
    """``to_tsquery('simple', '(''a'' | ''b'') & ''c''')`` with the expression as a bound parameter."""
    expression = boolean_expression(groups, TSQUERY, prefix_last=prefix_last, required=required)
    return SearchQuery(expression, search_type="raw", config=SEARCH_CONFIG)


class PersianPostgresSearchQueryCompiler(stock.PostgresSearchQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, TermTree):
            search_query = SearchQuery(tree_expression(query.tree, TSQUERY), search_type="raw", config=SEARCH_CONFIG)
            return ~search_query if invert else search_query
        if isinstance(query, (PlainText, Phrase)):
            found = search_groups(query)
            if found is None:
                return None
            groups, required = found
            search_query = tsquery(groups, required=required)
            return ~search_query if invert else search_query
        return super().build_tsquery_content(query, config=config, invert=invert)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, (Phrase, PlainText, Not)):
            # ts_rank_cd (query words close together count more), not normalised by length, ranks the
            # relevance set as SQLite's bm25 does; ts_rank and length normalisation lose a few records.
            rank = SearchRank(vector, self.build_tsquery(query), weights=RANK_WEIGHTS, cover_density=True)
            return rank * boost if boost != 1.0 else rank
        return super().build_tsrank(vector, query, config=config, boost=boost)

    def get_index_vectors(self, search_query):
        # ``body`` holds title and body, so the weights compare their hits (see RANK_WEIGHTS).
        return [(F("index_entries__body"), 1.0)]

    def search(self, config, start, stop, score_field=None, backend=None):
        if matches_nothing(self.query):
            return self.queryset.none()
        return super().search(config, start, stop, score_field=score_field, backend=backend)


class PersianPostgresAutocompleteQueryCompiler(stock.PostgresAutocompleteQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, PlainText):
            groups = autocomplete_groups(query)
            return tsquery(groups, prefix_last=True) if groups else None
        return super().build_tsquery_content(query, config=config, invert=invert)

    def search(self, config, start, stop, score_field=None, backend=None):
        if isinstance(self.query, PlainText) and not autocomplete_groups(self.query):
            return self.queryset.none()
        return super().search(config, start, stop, score_field=score_field, backend=backend)


def _id_array(ids):
    return RawSQL("SELECT unnest(%s::bigint[])", (list(ids),))  # noqa: S611 - values bound


class PostgresRecords(DatabaseRecords):
    """Record search on PostgreSQL: every (id, rank) in one statement over the index table; the ids
    go back as one array parameter, so counting, faceting and paging never run the match again."""

    def ranked(self, query):
        ranks = ranked_matches(self, query, SearchEntry)
        if ranks is None:
            return Match({}, [])
        return Match(ranks, _id_array(ranks))

    def ranked_within(self, query, within):
        compiled = match_sql(self, query, SearchEntry)
        if compiled is None:
            return Match({}, [], total=0)
        sql, params = compiled
        content_types = list(get_descendants_content_types_pks(SearchEntry))
        rows = _through_gin(
            f"SELECT object_id, score FROM ({sql}) AS matches "  # noqa: S608 - ORM SQL
            "WHERE content_type_id = ANY(%s) AND object_id = ANY(%s)",
            [*params, content_types, [str(pk) for pk in within]],
        )
        ranks = {int(pk): -score for pk, score in rows}
        total = len(ranks)
        if total < LENIENT_BELOW:  # leniency and expansion depend on the archive's count
            counted = _through_gin(
                f"SELECT count(*) FROM (SELECT 1 FROM ({sql}) AS matches "  # noqa: S608 - ORM SQL
                "WHERE content_type_id = ANY(%s) LIMIT %s) AS hits",
                [*params, content_types, LENIENT_BELOW],
            )
            total = counted[0][0]
        return Match(ranks, list(ranks), total=total)

    def scored(self, query, limit):
        return list((ranked_matches(self, query, SearchEntry, limit) or {}).items())

    def best_records(self, query, limit, within):
        return best_within(self, query, SearchEntry, within, limit)

    def merged_ids(self, found, added, merged):
        return _id_array(merged)

    def document_frequencies(self, terms, share=1.0, most=None):
        return document_frequencies(SearchEntry, terms, share, float("inf") if most is None else most)


class PersianPostgresSearchBackend(PostgresRecords, stock.PostgresSearchBackend):
    query_compiler_class = PersianPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = PersianPostgresAutocompleteQueryCompiler
    index_class = PersianPostgresIndex

    def __init__(self, params):
        super().__init__(params)
        self.config = SEARCH_CONFIG
        self.autocomplete_config = SEARCH_CONFIG


def ranked_matches(backend, query, model, limit=None):
    """{object id: rank, lower is better} of every match (the ``limit`` best, best first, if given),
    in one statement over the index table alone; None when nothing can match."""
    compiled = match_sql(backend, query, model)
    if compiled is None:
        return None
    content_types = list(get_descendants_content_types_pks(model))
    if limit is not None:
        sql, params = compiled
        rows = _through_gin(
            f"SELECT content_type_id, object_id, score FROM ({sql}) AS matches "  # noqa: S608 - ORM SQL
            "WHERE content_type_id = ANY(%s) ORDER BY score DESC, object_id::bigint DESC LIMIT %s",
            [*params, content_types, limit],
        )
        return {int(pk): -score for _, pk, score in rows}
    return {int(pk): -score for content_type, pk, score in _through_gin(*compiled) if content_type in content_types}


def best_within(backend, query, model, within, limit):
    """The ids of the ``limit`` best records of ``within`` (a queryset of ``model``), best first."""
    compiled = match_sql(backend, query, model)
    if compiled is None:
        return []
    sql, params = compiled
    within_sql, within_params = within.order_by().values("pk").query.sql_with_params()
    rows = _through_gin(
        f"SELECT object_id FROM ({sql}) AS matches WHERE content_type_id = ANY(%s) "  # noqa: S608 - ORM SQL
        f"AND object_id IN (SELECT pk::text FROM ({within_sql}) AS within_(pk)) "
        "ORDER BY score DESC, object_id DESC LIMIT %s",
        [*params, list(get_descendants_content_types_pks(model)), *within_params, limit],
    )
    return [int(pk) for (pk,) in rows]


def _through_gin(sql, params):
    """The rows of a statement that matches over the index table, with its GIN index made the only way.

    The planner does not count the cost of unpacking a tsvector, so for a word in a fifth of the
    records it scans the whole table (or the content-type index), unpacking every row, rather than
    the GIN index (at 50,000 records, 450 ms against 120 ms); content types are filtered by the
    callers, outside the match.
    """
    connection = connections[router.db_for_read(stock.IndexEntry)]
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        # for the rest of an enclosing transaction
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_indexscan")
    return rows


def match_sql(backend, query, model):
    """The SQL (sql, params) that gives ``(content type, object id, rank)`` of every match over the
    index table alone, filtering on ``body`` (title and body) only, which its GIN index serves;
    None when nothing can match."""
    compiler = backend.query_compiler_class(model.objects.all(), query)
    search_query = compiler.build_tsquery(compiler.query)
    if search_query is None:
        return None
    rank = compiler.build_tsrank(F("body"), compiler.query)
    matches = stock.IndexEntry.objects.filter(body=search_query).annotate(score=rank)
    return matches.values_list("content_type_id", "object_id", "score").query.sql_with_params()


def document_frequencies(model, terms, share, most):
    """({term: records of ``model`` whose index entry holds it}, records), through the GIN index.

    Only the model's rows count, as on SQLite. PostgreSQL keeps no term list to read (``ts_stat``
    reads every row), so each term's rows are counted, but only to just past ``share`` of the
    records or ``most`` records: a term that common is not used."""
    table = stock.IndexEntry._meta.db_table
    content_types = list(get_descendants_content_types_pks(model))
    connection = connections[router.db_for_read(stock.IndexEntry)]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table} WHERE content_type_id = ANY(%s)", [content_types])  # noqa: S608
        total = cursor.fetchone()[0]
        cursor.execute(
            "SELECT term, (SELECT count(*) FROM (SELECT 1 FROM "  # noqa: S608 - a table name; values bound
            f"{table} WHERE body @@ to_tsquery(%s::regconfig, quote_literal(term)) AND content_type_id = ANY(%s) "
            "LIMIT %s) AS hits) FROM unnest(%s::text[]) AS term",
            [SEARCH_CONFIG, content_types, int(min(share * total, most)) + 1, sorted(terms)],
        )
        return dict(cursor.fetchall()), total
