"""The page benchmark's generated archive (dev/bench/pages/generate.py) is a real one: a valid page tree,
pages the site serves, search entries equal to those the site itself writes for the same records, and
what publishing leaves beside each page (live revision, log entries, references, the backend's index),
stored statuses and the dashboard's summary as the site would keep them."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.test import Client
import pytest
from wagtail.models import Page, PageLogEntry, ReferenceIndex
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from agreements.models import AgreementPage
from dev.bench.pages.generate import main as generate
from dev.bench.pages.generate import path_number, path_step
from dev.bench.pages.history import UNSET_BEFORE_REVISION
from meetings import status_summary, stored_status
from meetings.models import FollowUp, MeetingPage
from practices.models import BestPracticePage
from records.registry import record_types
from search.indexing import entries_for
from search.models import SearchEntry
from tests.conftest import loaded_demo

pytestmark = pytest.mark.django_db
FIELDS = ("kind", "ref", "title", "url", "text", "places", "status", "valid_until", "date", "year", "province_id")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with loaded_demo(django_db_blocker):
        yield


@pytest.fixture
def generated(demo):
    models = (MeetingPage, AgreementPage, BestPracticePage)
    before = {model: set(model.objects.values_list("pk", flat=True)) for model in models}
    generate(240, batch=60, out=lambda *_: None)  # follow-ups reach back to earlier batches
    return {model: model.objects.exclude(pk__in=before[model]).order_by("pk") for model in models}


def test_path_steps_are_treebeards():
    assert path_step(1) == "0001"
    assert path_step(36) == "0010"
    assert path_number(path_step(46655)) == 46655


def test_the_generated_tree_is_valid(generated):
    assert all(problems == [] for problems in Page.find_problems())
    for record_type in record_types():
        section = record_type.index_model.objects.get()
        assert section.numchild == section.get_children().count() > 20
        child = section.get_children().last()
        assert child.url_path == f"{section.url_path}{child.slug}/"
        assert child.specific.get_parent().pk == section.pk


def test_generated_pages_are_served(generated):
    client = Client()
    for records in generated.values():
        page = records.last()
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.content.decode()
    meeting = generated[MeetingPage].last()
    for path in ("/", "/meetings/?page=3", f"/provinces/{meeting.province.code.lower()}/", "/sitemap.xml"):
        assert client.get(path).status_code == 200, path
    found = client.get("/api/search/", {"q": meeting.ref}).json()
    assert meeting.ref in str(found)


def test_search_entries_are_those_the_site_writes(generated):
    followed = FollowUp.objects.filter(meeting__in=generated[MeetingPage]).values("resolution__meeting")
    records = [
        generated[MeetingPage].filter(pk__in=followed).first(),
        generated[MeetingPage].filter(follow_ups__isnull=False).last(),
        generated[MeetingPage].filter(resolutions__isnull=False).first(),
        generated[AgreementPage].last(),
        generated[BestPracticePage].last(),
    ]
    for record in records:
        written = SearchEntry.objects.filter(page_id=record.pk).order_by("pk")
        expected = entries_for(record)
        assert [[getattr(e, f) for f in FIELDS] for e in written] == [[getattr(e, f) for f in FIELDS] for e in expected]
        topics = sorted(t.name for t in record.topics.all())
        assert sorted(written[0].topic_names.split("، ")) == topics
        assert sorted(written[0].topics.values_list("name", flat=True)) == topics


def references(page):
    rows = ReferenceIndex.get_references_for_object(page)
    return set(rows.values_list("to_content_type", "to_object_id", "content_path"))


def index_rows(page):
    return list(IndexEntry.objects.filter(object_id=str(page.pk)).values_list("content_type", "title", "body"))


def test_each_page_has_what_publishing_leaves(generated):
    records = [generated[MeetingPage].filter(documents__isnull=False, follow_ups__isnull=False).last()]
    records += [generated[AgreementPage].filter(documents__isnull=False).last(), generated[BestPracticePage].last()]
    for page in records:
        revision = page.live_revision
        assert revision is not None and page.latest_revision_id == revision.pk
        expected = json.loads(json.dumps(page.serializable_data(), cls=DjangoJSONEncoder))
        expected.update(dict.fromkeys(UNSET_BEFORE_REVISION))
        for resolution in expected.get("resolutions", []):  # the revision holds it as it was when published
            resolution["current_status"] = resolution["status"]
        assert revision.content == expected
        actions = PageLogEntry.objects.filter(page=page).order_by("pk").values_list("action", "revision")
        assert list(actions) == [("wagtail.create", None), ("wagtail.publish", revision.pk)]
        written, indexed = references(page), index_rows(page)
        assert len(written) >= 2 and indexed  # province and municipality at least
        with transaction.atomic():  # what Wagtail itself writes for the page changes nothing
            ReferenceIndex.create_or_update_for_object(page)
            get_search_backend().add(page)
            assert (references(page), index_rows(page)) == (written, indexed)
            transaction.set_rollback(True)


def test_statuses_and_summary_are_kept(generated):
    assert generated[MeetingPage].filter(resolutions__current_status="done").exists()
    assert not stored_status.drift().exists()
    assert status_summary.drift() == {}


def test_search_finds_a_generated_practice(generated):
    practice = generated[BestPracticePage].last()
    found = Client().get("/api/search/", {"q": practice.ref}).json()
    assert practice.ref in str(found)
