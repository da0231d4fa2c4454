"""/sitemap.xml is an index of files split by section and Jalali year, within the protocol's limits."""

import datetime
from urllib.parse import urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import localtime
import pytest

from persian.jalali import year_range
from portal import sitemaps
from tests.factories import AgreementPageFactory, MeetingPageFactory

from .sitemap_reading import all_urls, files, locs

pytestmark = pytest.mark.django_db
HOST = {"HTTP_HOST": "hamandishi.example.ir"}


def meetings(n, year=1403, **kwargs):
    first, _ = year_range(year)
    return [MeetingPageFactory(date=first + datetime.timedelta(days=i % 300), **kwargs) for i in range(n)]


def test_the_index_names_a_file_per_section_and_jalali_year(client, settings):
    settings.ALLOWED_HOSTS = ["hamandishi.example.ir"]
    meetings(2, 1402)
    meetings(1, 1403)
    AgreementPageFactory(date=year_range(1401)[0])
    names = [urlsplit(url).path for url in files(client, **HOST)]
    assert names == [
        "/sitemap-meetings-1402.xml",
        "/sitemap-meetings-1403.xml",
        "/sitemap-agreements-1401.xml",
        "/sitemap-pages.xml",
        "/sitemap-provinces.xml",
        "/sitemap-municipalities.xml",
        "/sitemap-topics.xml",
        "/sitemap-thesaurus.xml",
    ]
    assert all(url.startswith("http://hamandishi.example.ir/") for url in files(client, **HOST))
    body = client.get("/sitemap.xml", **HOST).content.decode()
    assert body.count("<lastmod>") >= 3  # the record files carry their latest publication


def test_each_file_lists_the_years_public_records_with_lastmod_on_the_real_host(client, settings):
    settings.ALLOWED_HOSTS = ["hamandishi.example.ir"]
    shown = meetings(2, 1403)
    draft = MeetingPageFactory(draft=True, date=year_range(1403)[0])
    private = MeetingPageFactory(restricted=True, date=year_range(1403)[0])
    other_year = MeetingPageFactory(date=year_range(1402)[0])
    response = client.get("/sitemap-meetings-1403.xml", **HOST)
    assert response.status_code == 200
    urls = locs(response.content)
    assert urls == [f"http://hamandishi.example.ir{page.url}" for page in shown]
    # the day as the portal's time zone has it (Tehran): from 20:30 UTC it is already the next day there
    assert f"<lastmod>{localtime(shown[0].last_published_at):%Y-%m-%d}</lastmod>" in response.content.decode()
    everything = all_urls(client, **HOST)
    for page in (draft, private):
        assert not any(url.endswith(page.url) for url in everything)
    assert f"http://hamandishi.example.ir{other_year.url}" in everything
    assert "http://hamandishi.example.ir/" in everything and "http://hamandishi.example.ir/provinces/qom/" in everything
    assert not any("localhost" in url for url in everything)


def test_an_unpublished_record_leaves_its_file(client):
    page, kept = meetings(2)
    page.unpublish()
    urls = locs(client.get("/sitemap-meetings-1403.xml").content)
    assert any(url.endswith(kept.url) for url in urls) and not any(url.endswith(page.url) for url in urls)


def test_a_year_over_the_limit_is_paged(client, monkeypatch):
    monkeypatch.setattr(sitemaps, "MAX_URLS", 2)
    pages = meetings(5)
    names = [url for url in files(client) if "meetings" in url]
    assert names == [
        "http://testserver/sitemap-meetings-1403.xml",
        "http://testserver/sitemap-meetings-1403.xml?p=2",
        "http://testserver/sitemap-meetings-1403.xml?p=3",
    ]
    found = [locs(client.get("/sitemap-meetings-1403.xml", {"p": p}).content) for p in (1, 2, 3)]
    assert [len(urls) for urls in found] == [2, 2, 1]
    assert sorted(u for urls in found for u in urls) == sorted(f"http://testserver{p.url}" for p in pages)
    assert client.get("/sitemap-meetings-1403.xml", {"p": 4}).status_code == 404


def test_the_byte_limit_pages_long_addresses(client, monkeypatch):
    monkeypatch.setattr(sitemaps, "MAX_BYTES", 800)
    meetings(4)
    found = [url for url in files(client) if "meetings" in url]
    assert len(found) >= 2
    for url in found:
        parts = urlsplit(url)
        body = client.get(parts.path, {"p": parts.query[2:]} if parts.query else {}).content
        assert len(body) <= 800


def test_the_encoded_length_bound_is_exact_for_persian_and_ascii():
    from django.db.models import Value

    from places.models import Topic

    topic = Topic.objects.create(name="پسماند شهری", slug="پسماند-شهری")
    bound = Topic.objects.filter(pk=topic.pk).values_list(sitemaps.encoded_length("slug"), flat=True).get()
    assert bound == len(sitemaps.iri_to_uri(topic.slug))
    ascii_bound = Topic.objects.values_list(sitemaps.encoded_length(Value("qom-1403-11")), flat=True).first()
    assert ascii_bound == len("qom-1403-11")


@pytest.mark.parametrize(
    "path", ["/sitemap-meetings-99999.xml", "/sitemap-nothing.xml", "/sitemap-meetings-1403.xml?p=x"]
)
def test_unknown_sections_and_pages_are_404(client, path):
    meetings(1)
    assert client.get(path).status_code == 404


def test_queries_per_file_do_not_grow_with_the_archive(client):
    meetings(3, 1403)
    MeetingPageFactory(date=year_range(1402)[0])

    def count(path):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    small = {path: count(path) for path in ("/sitemap.xml", "/sitemap-meetings-1403.xml", "/sitemap-pages.xml")}
    meetings(30, 1403, town="کهک")
    MeetingPageFactory(date=year_range(1401)[0])  # one more year: one more file, not one more query
    large = {path: count(path) for path in small}
    assert large == small
    assert small["/sitemap-meetings-1403.xml"] <= 8
