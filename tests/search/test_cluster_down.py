"""The search cluster stops mid-test: the page and the API answer from the database, say so, and
the edits made meanwhile reach the index when the node is back. A node of its own, really stopped."""

import logging
import os
import signal

from django.core.management import call_command
import pytest

from search.backends.resting import mark_up
from search.models import PendingIndexUpdate
from tests.conftest import agreement_fields
from tests.search.conftest import empty_indexes, engine_settings, start_node
from tests.search.test_related_records import landfill_archive  # noqa: F401 - a fixture

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]
NOTICE = "جست‌وجوی پیشرفته اکنون در دسترس نیست"


@pytest.fixture(scope="module")
def own_node():
    node = start_node()
    yield node
    node.remove()


@pytest.fixture
def node(own_node, settings):
    """The module's node, running (an earlier test may have stopped it), with empty indexes."""
    node = own_node
    if node.process is None:
        node.start()
    settings.WAGTAILSEARCH_BACKENDS = engine_settings(node)
    settings.SEARCH_RETRY_AFTER = 0
    mark_up()
    empty_indexes()
    backends = engine_settings(node)
    backends["default"]["SEARCH_TIMEOUT"] = 1  # what a frozen node costs a search
    settings.WAGTAILSEARCH_BACKENDS = backends
    return node


def lone_agreement(ref, title):
    fields = agreement_fields(ref=ref, title=title)
    del fields["approved_by"]
    return fields


def api(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200
    return response.json()


def test_page_and_api_answer_from_the_database_while_the_node_is_down(node, client, corpus, caplog, admin_user):
    up = api(client, q="پسماند")
    assert up["count"] > 0 and up["degraded"] is False

    node.stop()
    with caplog.at_level(logging.WARNING, logger="search.cluster"):
        down = api(client, q="پسماند")
        page = client.get("/search/", {"q": "پسماند", "province": "قم"})
        suggest = client.get("/api/search/suggest/", {"q": "بودجه"})
        client.force_login(admin_user)
        admin_search = client.get("/admin/pages/search/", {"q": "بودجه"})
    assert down["degraded"] is True
    assert [r["ref"] for r in down["results"]] and {r["ref"] for r in down["results"]} == {
        r["ref"] for r in up["results"]
    }
    assert down["facets"] == up["facets"]
    assert page.status_code == 200 and NOTICE in page.content.decode()
    assert suggest.status_code == 200 and suggest.json()["suggestions"]
    assert admin_search.status_code == 200 and "بودجه" in admin_search.content.decode()  # the editors' search too
    assert "search cluster unavailable" in caplog.text


def test_a_frozen_node_costs_one_timeout_not_a_hang(node, client, corpus):
    os.killpg(node.process.pid, signal.SIGSTOP)
    try:
        data = api(client, q="بودجه‌ریزی")
    finally:
        os.killpg(node.process.pid, signal.SIGCONT)
    assert data["degraded"] is True and data["count"] > 0


def test_edits_made_while_down_reach_the_index_when_it_returns(node, client, archive, import_files):
    node.stop()
    archive.write("tn.md", lone_agreement("QOM-TN-1404-09", "تفاهم‌نامه آبرسانی سیار"))
    report = import_files(archive.root)
    assert not report.failed
    assert PendingIndexUpdate.objects.exists()  # kept, not lost
    assert api(client, q="آبرسانی")["degraded"] is True

    node.start()
    mark_up()
    call_command("search_catch_up")
    assert not PendingIndexUpdate.objects.exists()
    data = api(client, q="آب رسانی")
    assert data["degraded"] is False
    assert [r["ref"] for r in data["results"]] == ["QOM-TN-1404-09"]


def test_the_next_write_that_gets_through_replays_what_waits(node, client, archive, import_files):
    node.stop()
    archive.write("tn.md", lone_agreement("QOM-TN-1404-09", "تفاهم‌نامه آبرسانی سیار"))
    import_files(archive.root)
    assert PendingIndexUpdate.objects.exists()

    node.start()
    archive.write("tn2.md", lone_agreement("QOM-TN-1404-10", "تفاهم‌نامه گردشگری روستایی"))
    import_files(archive.root)
    assert not PendingIndexUpdate.objects.exists()
    assert [r["ref"] for r in api(client, q="آبرسانی")["results"]] == ["QOM-TN-1404-09"]


def test_related_records_come_from_the_database_while_the_node_is_down(node, client, landfill_archive):  # noqa: F811
    from django.http import QueryDict
    from wagtail.search.backends import get_search_backend

    from persian.analysis import analyze_query
    from search import related, service
    from search.models import SearchEntry

    up = api(client, q="مکان‌یابی")
    assert "QOM-1403-14" in [r["ref"] for r in up["related"]] and up["degraded"] is False
    node.stop()
    down = api(client, q="مکان‌یابی")
    assert down["degraded"] is True and "QOM-1403-14" in [r["ref"] for r in down["related"]]
    # the node gone between the matches and the related records: the database answers for those
    request = service.parse_request(QueryDict("q=مکان‌یابی"))
    entries = list(SearchEntry.objects.filter(ref__in=["QOM-1403-07", "QOM-TN-1403-02"]))
    mark_up()
    ids, failed = related.beneath(request, analyze_query(request.q), 2, entries, get_search_backend())
    assert failed is True
    assert "QOM-1403-14" in SearchEntry.objects.filter(pk__in=ids).values_list("ref", flat=True)


def test_an_expansion_too_wide_for_the_cluster_goes_to_the_database_without_resting_the_cluster(
    node, corpus, settings, monkeypatch
):
    """More clauses than the node takes (``maxClauseCount``, 1024) is a question too wide, not a node
    down: the database answers that one search, the page does not say search is degraded, and the next
    search is the cluster's again."""
    from django.http import QueryDict

    from search import service
    from search.backends.records import TooBroad
    from search.backends.resting import is_resting
    from search.backends.terms import AllOf, AnyOf
    from search.expansion import RELATED

    settings.SEARCH_RETRY_AFTER = 30  # a failure would rest the cluster for the next searches
    too_wide = AnyOf(tuple(AllOf((frozenset({f"واژه{n}"}),)) for n in range(1500)))

    class Wide(service.Expansion):
        def trees(self):
            return [(RELATED, too_wide)]

        def __bool__(self):
            return True

    monkeypatch.setattr(service, "understood", lambda *args: Wide())
    backend = service.record_search()
    request = service.parse_request(QueryDict("q=پسماند"))
    with pytest.raises(TooBroad):
        backend.search_records(request, service.analyze_query(request.q), lambda matched: Wide())
    outcome = service.run_search(request)
    assert outcome.count > 0 and outcome.degraded is False
    assert not is_resting()
    monkeypatch.undo()
    again = service.run_search(service.parse_request(QueryDict("q=پسماند")))
    assert again.count > 0 and again.degraded is False
