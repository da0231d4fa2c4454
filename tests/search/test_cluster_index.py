"""The search cluster's index: Persian analysis shared with the database, atomic rebuilds, and
the same answers as the database backend. Runs on the session's real node only."""

from io import StringIO

from django.core.management import call_command
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
import pytest
from wagtail.search.backends import get_search_backend

from persian.analysis import fold_phrase, index_terms
from search.backends.elasticsearch import character_grams, edge_grams
from search.models import SearchEntry
from tests.search.conftest import engine_settings

pytestmark = pytest.mark.django_db
TEXT_FIELDS = ("index_title", "ref", "text", "places", "topic_names", "attachment_text")
QUERIES = ["شهرداريها پسماندها", "بودجه ریزی مشارکتی", "تفاهمنامه", "QOM-۱۴۰۳-۱۱", "مصوبات", "۱۲۳/۴۵۶"]


def test_documents_hold_the_pipelines_terms_and_the_engine_adds_no_folding(corpus):
    backend = get_search_backend()
    index = backend.get_index_for_model(SearchEntry).name
    entry = SearchEntry.objects.get(ref="QZV-1404-06")
    document = backend.es.get(index=index, id=str(entry.pk))["_source"]
    assert document["text"] == index_terms(entry.text)
    texts = [document[field] for field in TEXT_FIELDS if document.get(field)]
    assert document["_grams"] == character_grams(" ".join(texts)) and "بودج" in document["_grams"].split()
    assert document["title_edgengrams"] == edge_grams(fold_phrase(entry.title))
    for field in ("text", "_all_text", "_grams", "title_edgengrams"):
        tokens = backend.es.indices.analyze(index=index, body={"field": field, "text": "شهرداريها QOM می\u200cشود"})
        assert [t["token"] for t in tokens["tokens"]] == ["شهرداريها", "QOM", "می\u200cشود"]  # split at spaces only


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80))
def test_the_engine_splits_the_pipelines_terms_exactly_where_python_does(search_backend, text):
    """The index's analyzer, on OpenSearch and Elasticsearch alike, gives back the terms Python cut."""
    backend = get_search_backend()
    index = backend.get_index_for_model(SearchEntry).name
    terms = index_terms(text)
    grams = character_grams(terms)
    for field, value in (("text", terms), ("_grams", grams)):
        analysed = backend.es.indices.analyze(index=index, body={"field": field, "text": value})["tokens"]
        assert [t["token"] for t in analysed] == value.split()


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
    backends = engine_settings(search_node)
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


RANKINGS = {}  # node → its ranked answers, compared across the nodes a session runs (as ``make test`` does)


def test_every_engine_ranks_the_records_alike(client, corpus, search_backend):
    ranked = {}
    for query in [*QUERIES, "شهرداری", "پسماند قم"]:
        data = client.get("/api/search/", {"q": query, "page_size": 100}).json()
        ranked[query] = [r["ref"] for r in data["results"]]
    assert ranked["QOM-۱۴۰۳-۱۱"][0] == "QOM-1403-11" and len(ranked["شهرداری"]) > 1
    for other, theirs in RANKINGS.items():
        assert ranked == theirs, f"{search_backend} ranks unlike {other}"
    RANKINGS[search_backend] = ranked


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
