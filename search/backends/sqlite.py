"""SQLite FTS5 with the Persian pipeline and a title column that really weighs more."""

from functools import cached_property
from itertools import combinations

from django.db.models import F
from modelsearch.backends.database.sqlite import sqlite as stock
from modelsearch.backends.database.sqlite.query import BM25, Lexeme, SearchQueryExpression
from modelsearch.query import And, Not, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from search.analysis import analyze_query, autocomplete_query, lenient_groups

from .indexing import TITLE_WEIGHT, analysed_autocomplete, analysed_body, analysed_title

# FTS5 columns are (autocomplete, body, title); bm25() weighs each term hit by its column.
COLUMN_WEIGHTS = (0.0, 1.0, TITLE_WEIGHT)


class WeightedBM25(BM25):
    def as_sql(self, compiler, connection, function=None, template=None):
        weights = ", ".join(str(w) for w in COLUMN_WEIGHTS)
        return f"bm25({stock.SQLiteFTSIndexEntry._meta.db_table}, {weights})", []


class PersianObjectIndexer(stock.ObjectIndexer):
    title = cached_property(analysed_title)
    body = cached_property(analysed_body)
    autocomplete = cached_property(analysed_autocomplete)


class PersianSQLiteIndex(stock.SQLiteIndex):
    indexer_class = PersianObjectIndexer

    def add_items(self, model, objs):
        # The stock method builds stock.ObjectIndexer itself; this is it with ``indexer_class``.
        if not model.get_search_fields():
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
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
        self._refresh_title_norms()


class GroupedMatch(Lexeme):
    """An FTS5 expression ``("a" OR "b") AND ("c")`` with every group in parentheses.

    modelsearch's CombinedLexeme joins ``a OR b AND c`` bare, and FTS5 binds AND tighter than OR.
    Terms come from ``search.analysis`` and hold letters and digits only, so quoting is safe.
    With ``required`` below the number of groups, any ``required`` of them must match.
    """

    def __init__(self, groups, prefix_last=False, required=None):
        self.groups = groups
        self.prefix_last = prefix_last
        self.required = required or len(groups)
        super().__init__("")

    def _group(self, position):
        star = "*" if self.prefix_last and position == len(self.groups) - 1 else ""
        return "(" + " OR ".join(f'"{term}"{star}' for term in sorted(self.groups[position])) + ")"

    def as_sql(self, compiler, connection):
        positions = range(len(self.groups))
        if self.required >= len(self.groups):
            return "%s", [" AND ".join(self._group(p) for p in positions)]
        subsets = combinations(positions, self.required)
        return "%s", [" OR ".join("(" + " AND ".join(self._group(p) for p in subset) + ")" for subset in subsets)]


def _lexemes(groups, prefix_last=False, required=None):
    """AND over groups (or any ``required`` of them), OR over each group's alternatives."""
    return GroupedMatch(groups, prefix_last=prefix_last, required=required)


class LenientText(PlainText):
    """A plain-text query that may miss one word of a long question (see ``lenient_groups``).

    Other backends' compilers treat it as the PlainText it is.
    """


class PersianSQLiteSearchQueryCompiler(stock.SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        if isinstance(query, (PlainText, Phrase)):
            analysed = analyze_query(query.query_string)
            if not analysed:
                return None
            if isinstance(query, PlainText) and query.operator.lower() == "or":
                return SearchQueryExpression(_lexemes([frozenset().union(*analysed.groups)]))
            required = lenient_groups(len(analysed.groups)) if isinstance(query, LenientText) else None
            return SearchQueryExpression(_lexemes(analysed.groups, required=required))
        return super().build_search_query_content(query, config)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, (Phrase, PlainText, Not)):
            return WeightedBM25() * boost if boost != 1.0 else WeightedBM25()
        return super().build_tsrank(vector, query, config=config, boost=boost)

    def get_search_vectors(self):
        # One weighted bm25() covers every column; the stock pair would count it twice.
        return [(F("index_entry__title"), 1.0)]

    def search(self, config, start, stop, score_field=None):
        if _matches_nothing(self.query):
            return self.queryset.none()
        return super().search(config, start, stop, score_field=score_field)


def _matches_nothing(query):
    """A text query with no searchable word at all («***», «؟») cannot match anything."""
    if isinstance(query, (PlainText, Phrase)):
        return not analyze_query(query.query_string)
    if isinstance(query, And):
        return any(_matches_nothing(q) for q in query.subqueries)
    if isinstance(query, Or):
        return all(_matches_nothing(q) for q in query.subqueries)
    return False


class PersianSQLiteAutocompleteQueryCompiler(stock.SQLiteAutocompleteQueryCompiler):
    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            groups = autocomplete_query(query.query_string)
            return SearchQueryExpression(_lexemes(groups, prefix_last=True)) if groups else None
        return super().build_search_query_content(query, config)

    def search(self, config, start, stop, score_field=None):
        if isinstance(self.query, PlainText) and not autocomplete_query(self.query.query_string):
            return self.queryset.none()
        return super().search(config, start, stop, score_field=score_field)


class PersianSQLiteSearchBackend(stock.SQLiteSearchBackend):
    pins_exact_refs = True  # the search service lists a record whose ref was typed first
    query_compiler_class = PersianSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = PersianSQLiteAutocompleteQueryCompiler
    index_class = PersianSQLiteIndex


def match_sql(backend, query_string, model, lenient=False):
    """Two SQL statements (sql, params) for one FTS5 match: ``(object id, score)`` of every match,
    and the matching object ids alone (no bm25, for filtering), or None when nothing can match.

    modelsearch scores results with a correlated subquery that runs the MATCH again for every
    matched row; callers that need all scores (ordering, facets) use this instead. It works with
    any SQLite FTS backend's compiler, stock or Persian, so comparisons stay like for like.
    """
    query_class = LenientText if lenient else PlainText
    compiler = backend.query_compiler_class(model.objects.all(), query_class(query_string))
    search_query = compiler.build_search_query(stock.normalize(compiler.query), config=None)
    if search_query is None:
        return None
    matches = stock.SQLiteFTSIndexEntry.objects.filter(
        stock.MatchExpression(compiler.FTS_TABLE_FIELDS, search_query)
    ).filter(index_entry__content_type__in=stock.get_descendants_content_types_pks(model))
    rank = compiler._build_rank_expression(compiler.get_search_vectors(), None)
    scored = matches.annotate(score=rank).values_list("index_entry__object_id", "score")
    ids = matches.values_list("index_entry__object_id")
    return _pin_join_order(*scored.query.sql_with_params()), _pin_join_order(*ids.query.sql_with_params())


def _pin_join_order(sql, params):
    # SQLite may otherwise loop over the index entries and run the FTS5 MATCH once per entry
    # (seconds at 10,000 records); CROSS JOIN pins the full-text table as the outer loop.
    fts, entries = stock.SQLiteFTSIndexEntry._meta.db_table, stock.IndexEntry._meta.db_table
    inner = f'FROM "{fts}" INNER JOIN "{entries}"'
    if inner not in sql:
        raise RuntimeError("unexpected FTS query shape; cannot pin the join order")
    return sql.replace(inner, f'FROM "{fts}" CROSS JOIN "{entries}"'), params
