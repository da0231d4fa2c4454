"""The search cluster's index: Persian analysis shared with the database, atomic rebuilds, and
the same answers as the database backend. Runs on the session's real node only."""

from io import StringIO

from django.core.management import call_command
import pytest
from wagtail.search.backends import get_search_backend

from search.analysis import index_terms
from search.models import SearchEntry
from tests.search.conftest import engine_settings

pytestmark = pytest.mark.django_db
QUERIES = ["شهرداريها پسماندها", "بودجه ریزی مشارکتی", "تفاهمنامه", "QOM-۱۴۰۳-۱۱", "مصوبات", "۱۲۳/۴۵۶"]


def test_documents_hold_the_pipelines_terms_and_the_engine_adds_no_folding(corpus):
    backend = get_search_backend()
    index = backend.get_index_for_model(SearchEntry).name
    entry = SearchEntry.objects.get(ref="QZV-1404-06")
    document = backend.es.get(index=index, id=str(entry.pk))["_source"]
    assert document["text"] == index_terms(entry.text)
    tokens = backend.es.indices.analyze(index=index, body={"field": "text", "text": "شهرداريها QOM"})["tokens"]
    assert [t["token"] for t in tokens] == ["شهرداريها", "qom"]  # whitespace and lower case only


def test_rebuild_swaps_an_alias_and_drops_the_old_index(corpus, settings):
    backend = get_search_backend()
    alias = backend.get_index_for_model(SearchEntry).name
    call_command("update_index", stdout=StringIO())
    first = set(backend.es.indices.get_alias(name=alias))
    call_command("update_index", stdout=StringIO())
    second = set(backend.es.indices.get_alias(name=alias))
    assert len(first) == len(second) == 1 and first != second
    assert not backend.es.indices.exists(index=first.pop())
    assert backend.es.count(index=alias)["count"] == SearchEntry.objects.count()


def test_shards_and_replicas_come_from_the_settings(corpus, settings, search_node):
    backends = engine_settings(search_node.url)
    backends["default"]["INDEX_SETTINGS"]["settings"]["index"]["number_of_shards"] = 2
    backends["default"]["INDEX_PREFIX"] = "sharded_"
    settings.WAGTAILSEARCH_BACKENDS = backends
    call_command("update_index", stdout=StringIO())
    backend = get_search_backend()
    alias = backend.get_index_for_model(SearchEntry).name
    (concrete,) = backend.es.indices.get_alias(name=alias)
    index_settings = backend.es.indices.get_settings(index=concrete)[concrete]["settings"]["index"]
    assert index_settings["number_of_shards"] == "2" and index_settings["number_of_replicas"] == "0"
    backend.es.indices.delete(index="sharded_*")


def test_the_cluster_and_the_database_give_the_same_answers(client, corpus, settings):
    def answers():
        found = {}
        for query in QUERIES:
            data = client.get("/api/search/", {"q": query, "page_size": 100}).json()
            found[query] = (data["count"], data["facets"], sorted(r["ref"] for r in data["results"]))
        for params in ({"type": "resolution"}, {"status": "expired"}, {"topic": "بودجه‌ریزی مشارکتی", "year": "1404"}):
            data = client.get("/api/search/", params).json()
            found[str(params)] = (data["count"], data["facets"], [r["ref"] for r in data["results"]])
        return found

    on_cluster = answers()
    settings.WAGTAILSEARCH_BACKENDS = {"default": settings.WAGTAILSEARCH_BACKENDS["database"]}
    assert answers() == on_cluster


def test_when_no_word_matches_the_cluster_tries_character_ngrams(client, archive, import_files, settings):
    from tests.conftest import agreement_fields

    fields = agreement_fields(ref="QOM-TN-1404-09", title="تفاهم‌نامه آب رسانی سیار به روستاها")
    del fields["approved_by"]
    archive.write("tn.md", fields)
    assert not import_files(archive.root).failed
    fused = "آبرسانیسیار"  # three words run together: no pipeline rule undoes it
    found = client.get("/api/search/", {"q": fused}).json()
    assert [r["ref"] for r in found["results"]] == ["QOM-TN-1404-09"]
    assert not client.get("/api/search/", {"q": "گردشگریکوهستان"}).json()["count"]  # most n-grams must match
    settings.WAGTAILSEARCH_BACKENDS = {"default": settings.WAGTAILSEARCH_BACKENDS["database"]}
    assert client.get("/api/search/", {"q": fused}).json()["count"] == 0  # what the database cannot do
