"""What this project builds on in Django, modelsearch and Wagtail, pinned: an upgrade that renames a
class or method overridden here, or changes the shape of the SQL or query body it writes, fails here
rather than at run time in a search."""

from django.db import connection
from modelsearch.query import PlainText
import pytest

from search.backends.cluster import ClusterRecords
from search.backends.database_search import DatabaseRecords
from search.backends.records import RecordSearch
from search.config import engine_backend
from search.models import SearchEntry

pytestmark = pytest.mark.django_db
ON_SQLITE = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backend")
ON_POSTGRES = pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL backend")
INTERFACE = ("search_records", "document_frequencies", "records_like_terms", "records_like_entry", "database")


def overrides(cls, *names):
    missing = [name for name in names if not callable(getattr(cls, name, None))]
    assert not missing, f"{cls.__module__}.{cls.__name__} no longer has {missing}"


def test_every_backend_implements_the_whole_interface():
    from wagtail.search.backends import get_search_backend

    database = type(get_search_backend())  # SQLite's or PostgreSQL's, whichever this run has
    for cls in (database, ClusterRecords):
        assert issubclass(cls, RecordSearch)
        for name in INTERFACE[:-1]:
            assert getattr(cls, name) is not getattr(RecordSearch, name), (cls.__name__, name)


def test_the_record_search_shadows_nothing_of_wagtails_backends():
    from importlib import import_module

    from wagtail.search.backends import get_search_backend

    database = type(get_search_backend())
    stock_database = next(cls for cls in database.__mro__ if cls.__module__.startswith("modelsearch."))
    for ours, theirs in [(database, stock_database)] + [
        (ClusterRecords, import_module(f"modelsearch.backends.{engine}").SearchBackend)
        for engine in ("opensearch2", "elasticsearch8")
    ]:
        mixins = [cls for cls in ours.__mro__ if issubclass(cls, RecordSearch) and not issubclass(cls, theirs)]
        own = {name for cls in mixins for name in vars(cls) if not name.startswith("__")}
        shadowed = sorted(name for name in own if hasattr(theirs, name))
        assert not shadowed, f"{ours.__name__} hides {theirs.__name__}'s {shadowed}"


@ON_SQLITE
def test_modelsearch_sqlite_names_the_persian_backend_builds_on():
    from modelsearch.backends.database.sqlite import sqlite as stock
    from modelsearch.backends.database.sqlite.query import BM25, Lexeme, SearchQueryExpression

    from search.backends.sqlite import PersianSQLiteSearchBackend

    overrides(
        stock.SQLiteSearchQueryCompiler,
        "build_search_query_content",
        "build_search_query",
        "build_tsrank",
        "get_search_vectors",
        "_build_rank_expression",
        "search",
    )
    overrides(stock.SQLiteAutocompleteQueryCompiler, "build_search_query_content", "search")
    overrides(stock.SQLiteIndex, "add_items", "_refresh_title_norms")
    assert stock.SQLiteSearchQueryCompiler.FTS_TABLE_FIELDS and stock.MatchExpression and stock.normalize
    assert stock.SQLiteFTSIndexEntry._meta.db_table == "wagtailsearch_indexentry_fts"
    assert stock.IndexEntry._meta.db_table == "wagtailsearch_indexentry"
    assert callable(stock.get_descendants_content_types_pks)
    assert BM25 and Lexeme and SearchQueryExpression
    assert issubclass(PersianSQLiteSearchBackend, stock.SQLiteSearchBackend)
    assert issubclass(PersianSQLiteSearchBackend, DatabaseRecords)


@ON_SQLITE
def test_the_fts5_match_keeps_its_join_order_and_covering_index(corpus):
    from wagtail.search.backends import get_search_backend

    from search.backends.sqlite import match_sql

    (scored, _), (ids, _) = match_sql(get_search_backend(), PlainText("بودجه ریزی"), SearchEntry)
    pinned = (
        'FROM "wagtailsearch_indexentry_fts" CROSS JOIN "wagtailsearch_indexentry" INDEXED BY indexentry_object '
        'ON ("wagtailsearch_indexentry_fts"."rowid" = "wagtailsearch_indexentry"."id") '
        'WHERE (wagtailsearch_indexentry_fts MATCH %s AND "wagtailsearch_indexentry"."content_type_id" IN (%s))'
    )
    assert scored.startswith('SELECT "wagtailsearch_indexentry"."object_id" AS "index_entry__object_id", (bm25(')
    assert scored.endswith(pinned) and ids.endswith(pinned)
    assert "INNER JOIN" not in scored and "INNER JOIN" not in ids  # no second join of the entries


@ON_SQLITE
def test_the_facets_of_a_match_read_their_covering_index(corpus):
    from django.test.utils import CaptureQueriesContext
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    ids = list(SearchEntry.objects.values_list("pk", flat=True)[:3])
    with CaptureQueriesContext(connection) as queries:
        count, _ = backend.facets(SearchEntry.objects.filter(pk__in=ids), by_id=True)
    assert count == 3
    assert 'FROM "portal_search_searchentry" INDEXED BY searchentry_facets_by_id ' in queries[0]["sql"]


@ON_POSTGRES
def test_modelsearch_postgres_names_the_persian_backend_builds_on():
    from modelsearch.backends.database.postgres import postgres as stock

    from search.backends.postgres import PersianPostgresSearchBackend

    overrides(
        stock.PostgresSearchQueryCompiler,
        "build_tsquery_content",
        "build_tsquery",
        "build_tsrank",
        "get_index_vectors",
        "search",
    )
    overrides(stock.PostgresAutocompleteQueryCompiler, "build_tsquery_content", "search")
    overrides(stock.PostgresIndex, "add_items", "_refresh_title_norms")
    assert stock.IndexEntry._meta.db_table == "wagtailsearch_indexentry"
    assert issubclass(PersianPostgresSearchBackend, stock.PostgresSearchBackend)
    assert issubclass(PersianPostgresSearchBackend, DatabaseRecords)


@pytest.mark.parametrize("engine", ["opensearch2", "elasticsearch8"])
def test_the_cluster_compiler_writes_the_query_body_the_records_search_expects(engine):
    from importlib import import_module

    from modelsearch.backends.elasticsearchbase import ElasticsearchAtomicIndexRebuilder

    from search.backends.cluster import _compiled
    from search.backends.elasticsearch import SearchBackend

    stock = import_module(f"modelsearch.backends.{engine}").SearchBackend
    overrides(stock.query_compiler_class, "_compile_plaintext_query", "_compile_phrase_query", "_process_match_none")
    overrides(stock.query_compiler_class, "get_query")
    overrides(stock.autocomplete_query_compiler_class, "_compile_plaintext_query")
    overrides(stock.results_class, "_do_search", "_do_count", "_get_es_body", "facet")
    overrides(stock.mapping_class, "_get_document_field_data", "get_document", "get_mapping", "get_field_column_name")
    overrides(stock.index_class, "add_items", "add_item", "delete_item", "refresh")
    overrides(ElasticsearchAtomicIndexRebuilder, "finish")
    backend = SearchBackend(engine_backend({"SEARCH_ENGINE": engine}, "http://127.0.0.1:9"))  # never asked
    assert isinstance(backend, stock) and isinstance(backend, ClusterRecords)
    fields = ["_all_text", "_all_text_boost_2_0^2.0", "_all_text_boost_10_0^10.0"]
    assert _compiled(backend, PlainText("بودجه ریزی")) == {
        "bool": {
            "must": {
                "bool": {
                    "should": [
                        {"multi_match": {"query": "بودجه بودجهریزی", "fields": fields, "operator": "or"}},
                        {"multi_match": {"query": "بودجهریزی ریزی", "fields": fields, "operator": "or"}},
                    ],
                    "minimum_should_match": 2,
                }
            },
            "filter": {"match": {"_django_content_type": "portal_search.SearchEntry"}},
        }
    }
