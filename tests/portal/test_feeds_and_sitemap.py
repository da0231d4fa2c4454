"""The sitemap and the feeds list published, public records only, with their Persian titles."""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import QazvinMeetingFactory, QomMeetingFactory

from .sitemap_reading import all_urls

pytestmark = pytest.mark.django_db
FEEDS = ("/feeds/atom/", "/feeds/rss/")


@pytest.fixture
def records():
    return QomMeetingFactory(), QazvinMeetingFactory()


def test_sitemap_lists_published_records(client, records):
    qom, _ = records
    assert f"http://testserver{qom.url}" in all_urls(client)


@pytest.mark.parametrize("path", FEEDS)
def test_feeds_carry_persian_titles_newest_first(client, records, path):
    response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert "هم‌اندیشی" in body
    assert 'xml:lang="fa"' in body or "<language>fa</language>" in body
    for page in records:
        assert page.title in body and page.url in body
    qom, qzv = records
    assert body.index(qzv.title) < body.index(qom.title)  # published later


def test_an_unpublished_or_view_restricted_record_leaves_sitemap_feeds_and_search(client, records):
    qom, qzv = records
    qom.unpublish()
    PageViewRestriction.objects.create(page=qzv, restriction_type=PageViewRestriction.LOGIN)
    listed = " ".join(all_urls(client))
    assert qom.url not in listed and qzv.url not in listed
    for path in FEEDS:
        body = client.get(path).content.decode()
        assert qom.url not in body and qzv.url not in body, path
    assert client.get("/api/search/", {"q": "QOM-1403-11"}).json()["count"] == 0


def test_the_home_page_announces_the_atom_feed(client, records):
    assert 'type="application/atom+xml"' in client.get("/").content.decode()
