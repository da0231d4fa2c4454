"""Public pages cached whole for anonymous visitors: never stale after a change, never a draft, a
private page or a signed-in visitor's page, on the file cache and on a real Redis server.

Each change is committed (``commit``: the test's transaction runs its commit callbacks), as the
archive's version is renewed when a change commits."""

from django.db import transaction
import pytest
from wagtail.models import PageViewRestriction

from places.models import Topic
from portal.page_cache import HIT_HEADER
from records.signals import record_changed
from tests.factories import DeskUserFactory, DocumentFactory, MeetingPageFactory, QomMeetingFactory, attach

pytestmark = pytest.mark.django_db


def hit(response):
    return response.get(HIT_HEADER) == "hit"


@pytest.fixture
def meeting(commit):
    with commit():
        return QomMeetingFactory()


def test_an_anonymous_page_is_served_from_the_cache_the_second_time(client, page_cache, meeting):
    paths = [meeting.url, "/", "/meetings/", "/provinces/qom/", "/feeds/atom/", "/sitemap.xml", "/thesaurus/"]
    first = {path: client.get(path) for path in paths}
    again = {path: client.get(path) for path in paths}
    for path in paths:
        assert first[path].status_code == 200 and not hit(first[path]), path
        assert hit(again[path]) and again[path].content == first[path].content, path
        assert again[path]["Content-Type"] == first[path]["Content-Type"]


def test_a_published_change_shows_at_once(client, page_cache, meeting, commit):
    client.get(meeting.url), client.get("/meetings/")
    with commit():
        meeting.title = "عنوان تازه نشست"
        meeting.save_revision().publish()
    for path in (meeting.url, "/meetings/", "/provinces/qom/"):
        response = client.get(path)
        assert not hit(response) and "عنوان تازه نشست" in response.content.decode(), path


def test_an_unpublished_page_leaves_the_cached_listing(client, page_cache, meeting, commit):
    with commit():
        kept = MeetingPageFactory(title="نشست ماندگار")
    assert meeting.title in client.get("/meetings/").content.decode()
    assert hit(client.get("/meetings/"))
    with commit():
        meeting.unpublish()
    listing = client.get("/meetings/").content.decode()
    assert meeting.title not in listing and kept.title in listing
    assert client.get(meeting.url).status_code == 404


def test_a_deleted_page_is_not_served_stale(client, page_cache, meeting, commit):
    url = meeting.url
    assert client.get(url).status_code == 200 and hit(client.get(url))
    with commit():
        meeting.delete()
    assert client.get(url).status_code == 404


def test_drafts_never_leak(client, page_cache, meeting, commit):
    client.get(meeting.url), client.get("/meetings/")
    with commit():
        meeting.title = "عنوان پیش‌نویس"
        meeting.save_revision()  # saved, not published
        draft = MeetingPageFactory(draft=True, title="نشست پیش‌نویس")
    for path in (meeting.url, "/meetings/", "/sitemap-meetings-1403.xml"):
        body = client.get(path).content.decode()
        assert "پیش‌نویس" not in body and draft.url not in body, path
    assert client.get(draft.url).status_code == 404


def test_a_related_row_or_record_changed_renews_the_pages(client, page_cache, meeting, commit):
    topic = Topic.objects.get(name="مدیریت پسماند")
    assert "مدیریت پسماند" in client.get(meeting.url).content.decode()
    with commit():
        topic.name = "پسماند شهری"
        topic.save()
    assert "پسماند شهری" in client.get(meeting.url).content.decode()
    assert hit(client.get(meeting.url))
    with commit():
        record_changed.send(sender=type(meeting), page=meeting)
    assert not hit(client.get(meeting.url))


def test_a_transaction_renews_the_version_once_at_commit_and_a_rollback_never(client, page_cache, meeting, commit):
    client.get(meeting.url)
    with commit() as callbacks:
        for name in ("الف", "ب", "ج"):
            Topic.objects.create(name=name, slug=name)
        assert hit(client.get(meeting.url))  # not committed yet: the page as it is
    assert len(callbacks) == 1 and not hit(client.get(meeting.url))
    assert hit(client.get(meeting.url))
    with commit() as callbacks:
        try:
            with transaction.atomic():
                Topic.objects.create(name="د", slug="d")
                raise RuntimeError
        except RuntimeError:
            pass
    assert callbacks == [] and hit(client.get(meeting.url))


def test_signed_in_visitors_neither_get_nor_leave_cached_pages(client, page_cache, meeting):
    client.get(meeting.url)
    assert hit(client.get(meeting.url))
    editor = DeskUserFactory()
    client.force_login(editor)
    assert client.get(meeting.url).status_code == 200 and not hit(client.get(meeting.url))
    editor_only = client.get("/provinces/qom/")
    assert not hit(editor_only)
    client.logout()
    client.cookies.clear()
    assert not hit(client.get("/provinces/qom/"))  # the editor's page was not stored
    assert hit(client.get("/provinces/qom/"))


def test_private_pages_the_search_page_and_documents_are_never_cached_whole(
    client, page_cache, meeting, commit, settings
):
    settings.SEARCH_CACHE_SECONDS = 60  # /api/search/ is kept whole then (test_public_answers_cache.py)
    with commit():
        private = MeetingPageFactory(restricted=True)
        secret = MeetingPageFactory(title="نشست با گذرواژه")
        PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.PASSWORD, password="x")
        (row,) = attach(meeting, DocumentFactory())
    for path in (private.url, secret.url, "/search/?q=قم", "/search/", row.document.url):
        client.get(path)
        response = client.get(path)
        assert not hit(response), path
    assert "نشست با گذرواژه" not in client.get(secret.url).content.decode()


def test_a_stored_page_is_the_page_itself_and_costs_no_query(client, page_cache, meeting, django_assert_num_queries):
    first = client.get(meeting.url)
    with django_assert_num_queries(0):
        again = client.get(meeting.url)
    assert hit(again) and again.content == first.content
    # Stored with what every middleware below the cache added (Vary, Content-Language, X-Frame-Options…).
    assert {k: v for k, v in again.items() if k != HIT_HEADER} == dict(first.items())


def test_other_hosts_and_query_strings_are_kept_apart(client, page_cache, meeting, settings):
    settings.ALLOWED_HOSTS = ["a.example.ir", "b.example.ir"]
    a = client.get("/sitemap.xml", HTTP_HOST="a.example.ir")
    b = client.get("/sitemap.xml", HTTP_HOST="b.example.ir")
    assert not hit(b) and b"b.example.ir" in b.content and b"a.example.ir" not in b.content
    assert hit(client.get("/sitemap.xml", HTTP_HOST="a.example.ir")) and a.status_code == 200
    assert not hit(client.get("/meetings/", {"year": "1403"}))


def test_a_cache_that_is_down_serves_the_page_uncached(client, settings, meeting, commit):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"},
    }
    settings.PAGE_CACHE_SECONDS = 600
    with commit():
        meeting.title = "پس از خرابی"
        meeting.save_revision().publish()  # the version cannot be renewed: logged, not raised
    response = client.get(meeting.url)
    assert response.status_code == 200 and "پس از خرابی" in response.content.decode()
