"""Pagination of the public listings: one Persian include, bounds answered the same on every listing.

A page number that is no page number (0, negative, not a number, past ``params.MAX_PAGE``) is a 400
with a Persian reason; a page past the end of the listing shows its last page.
"""

import datetime
import html as html_module
import re

from django.core.paginator import Paginator
from django.http import QueryDict
import pytest

from persian.params import MAX_PAGE
from records.pagination import links, page_href
from records.registry import record_types
from tests.factories import AgreementPageFactory, BestPracticePageFactory, MeetingPageFactory

pytestmark = pytest.mark.django_db

PER_PAGE = 20
DATES = [datetime.date(2024, 11, 5) - datetime.timedelta(days=n) for n in range(PER_PAGE + 3)]


@pytest.fixture
def listings(site_tree):
    """Every section listing with two pages: 23 records of each type in Qom on one topic."""
    for factory in (MeetingPageFactory, AgreementPageFactory, BestPracticePageFactory):
        factory.create_quickly(DATES, topics=["مدیریت پسماند"])
    return [rt.index_model.objects.live().get().url for rt in record_types()]


def cards(response):
    return response.content.decode().count('class="card__title"')


@pytest.mark.parametrize("page", ["0", "-1", "-0", "abc", "1.5", "۰", "", str(MAX_PAGE + 1), "9" * 30, "1e3"])
def test_a_page_that_is_no_page_number_is_a_persian_400(client, listings, page):
    for url in listings:
        response = client.get(url, {"page": page})
        assert response.status_code == 400, (url, page)
        assert "پارامتر page باید عددی صحیح" in response.content.decode()


@pytest.mark.parametrize("page", ["3", "500", str(MAX_PAGE)])
def test_a_page_past_the_end_shows_the_last_page(client, listings, page):
    for url in listings:
        response = client.get(url, {"page": page})
        assert response.status_code == 200, (url, page)
        html = response.content.decode()
        assert cards(response) == 3 and "صفحه ۲ از ۲" in html


def test_persian_digits_and_the_page_numbers_are_accepted(client, listings):
    for url in listings:
        first, second = client.get(url, {"page": "۱"}), client.get(url, {"page": "٢"})
        assert cards(first) == PER_PAGE and cards(second) == 3


def test_pages_do_not_repeat_or_lose_records(client, listings):
    url = listings[0]
    refs = []
    for page in ("1", "2"):
        refs += re.findall(r'<bdi class="ref">([^<]+)</bdi>', client.get(url, {"page": page}).content.decode())
    assert len(refs) == len(set(refs)) == len(DATES)


def test_the_include_keeps_the_filters_and_speaks_persian(client, listings):
    url = listings[0]
    html = client.get(url, {"province": "QOM", "topic": "مدیریت-پسماند"}).content.decode()
    nav = html_module.unescape(html[html.index('<nav class="pagination"') :].split("</nav>")[0])
    assert "صفحه ۱ از ۲" in nav and 'aria-current="page">۱<' in nav
    assert 'rel="next" href="?province=QOM&topic=' in nav and "page=2" in nav
    assert "صفحه آخر" in nav and "صفحه قبل" not in nav and "صفحه نخست" not in nav
    second = client.get(url, {"province": "QOM", "topic": "مدیریت-پسماند", "page": "2"}).content.decode()
    nav = html_module.unescape(second[second.index('<nav class="pagination"') :].split("</nav>")[0])
    assert 'rel="prev" href="?province=QOM&topic=' in nav and "page=" not in nav.split('rel="prev"')[1].split(">")[0]
    assert "صفحه نخست" in nav and 'rel="next"' not in nav


def test_a_single_page_has_no_pagination(client, listings):
    html = client.get(listings[0], {"year": "1402"}).content.decode()  # none in 1402
    assert '<nav class="pagination"' not in html


def test_page_numbers_around_the_current_one_with_gaps():
    page = Paginator(range(1000), 20).get_page(25)  # 50 pages
    pagination = links(page, QueryDict("q=x&page=25"))
    shown = [link.number for link in pagination.links]
    assert shown == [1, None, 23, 24, 25, 26, 27, None, 50]
    assert [link.current for link in pagination.links].count(True) == 1
    assert pagination.first == "?q=x" and pagination.previous == "?q=x&page=24"
    assert pagination.next == "?q=x&page=26" and pagination.last == "?q=x&page=50"


def test_page_href_drops_page_one_and_keeps_repeated_parameters():
    query = QueryDict("status=a&status=b&page=3")
    assert page_href(query, 1) == "?status=a&status=b"
    assert page_href(query, 4) == "?status=a&status=b&page=4"
    assert page_href(QueryDict(""), 1) == "?"
