"""The search cluster killed (SIGKILL) in the middle of ``update_index``'s atomic rebuild: when it comes
back on the same data, the alias still points at the complete index it pointed at, searching finds
every record, and the next rebuild succeeds and removes the index the killed one left half-built.
A node of its own per engine, really killed while the rebuild is writing to it."""

from io import StringIO
import json
import re
import threading
import time
import urllib.request

from django.core.management import call_command
import pytest
from wagtail.search.backends import get_search_backend

from persian.analysis import compact_ref
from search.backends.resting import mark_up
from search.models import SearchEntry
from tests.search.conftest import NODES, engine_settings, start_node

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]
EXTRA_ENTRIES = 150  # with one record per request, the rebuild writes for a few seconds: time to kill it


@pytest.fixture(params=NODES)
def node(request, settings):
    node = start_node(request.param)
    settings.WAGTAILSEARCH_BACKENDS = engine_settings(node)
    settings.SEARCH_RETRY_AFTER = 0
    mark_up()
    yield node
    node.remove()


def more_entries(count):
    """Copies of a corpus record under refs of their own: real rows for the rebuild to write."""
    model = SearchEntry.objects.filter(kind="meeting").first()
    topics = list(model.topics.all())
    copies = []
    for n in range(count):
        copy = SearchEntry.objects.get(pk=model.pk)
        copy.pk = None
        copy.ref = f"QOM-1399-{n + 1:03d}"
        copy.ref_key = compact_ref(copy.ref)
        copies.append(copy)
    created = SearchEntry.objects.bulk_create(copies)
    for entry in created:
        entry.topics.set(topics)


def indexes(node, pattern):
    with urllib.request.urlopen(f"{node.url}/_cat/indices/{pattern}?format=json", timeout=5) as response:  # noqa: S310
        return {row["index"] for row in json.load(response)}


def kill_when_a_new_index_appears(node, alias, live, killed):
    """Watches the node from a thread and kills it once the rebuild has created its new index."""
    unfinished = re.compile(re.escape(alias) + "_[a-z0-9]{7}")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            found = {name for name in indexes(node, f"{alias}_*") if unfinished.fullmatch(name)} - {live}
        except OSError:
            found = set()
        if found:
            node.kill()
            killed.update(found)
            return
        time.sleep(0.02)


def answers(client):
    found = {}
    for query in ("پسماند", "بودجه ریزی مشارکتی", "QOM-۱۳۹۹-۰۴۲", "شهرداری"):
        data = client.get("/api/search/", {"q": query, "page_size": 100}).json()
        assert data["degraded"] is False
        found[query] = (data["count"], sorted(r["ref"] for r in data["results"]))
    return found


def test_a_node_killed_mid_rebuild_keeps_the_complete_index_and_the_next_rebuild_cleans_up(node, client, corpus):
    more_entries(EXTRA_ENTRIES)
    call_command("update_index", stdout=StringIO())
    backend = get_search_backend()
    alias = backend.get_index_for_model(SearchEntry).name
    (live,) = backend.es.indices.get_alias(name=alias)
    total = SearchEntry.objects.count()
    before = answers(client)
    assert before["QOM-۱۳۹۹-۰۴۲"][1] == ["QOM-1399-042"] and before["شهرداری"][0] > EXTRA_ENTRIES

    killed = set()
    watcher = threading.Thread(target=kill_when_a_new_index_appears, args=(node, alias, live, killed))
    watcher.start()
    try:
        with pytest.raises(backend.unavailable):  # the rebuild cannot finish: its node is gone
            call_command("update_index", "--chunk_size", "1", stdout=StringIO())
    finally:
        watcher.join()
    assert killed and node.process is None

    node.start()  # the same data directory, as after a crash
    mark_up()
    backend = get_search_backend()
    assert set(backend.es.indices.get_alias(name=alias)) == {live}  # never moved to the half-built index
    assert killed <= indexes(node, f"{alias}_*")  # which is still there, an orphan…
    assert all(backend.es.count(index=orphan)["count"] < total for orphan in killed)  # …and incomplete
    assert backend.es.count(index=alias)["count"] == total
    assert answers(client) == before

    call_command("update_index", stdout=StringIO())
    (rebuilt,) = backend.es.indices.get_alias(name=alias)
    assert rebuilt not in {live, *killed}
    assert indexes(node, f"{alias}_*") == {rebuilt}  # the old index and the orphan are gone
    assert answers(client) == before
