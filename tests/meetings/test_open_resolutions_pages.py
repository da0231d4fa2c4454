"""The open-resolutions page a page at a time: counts and the chart from SQL aggregates, the rows of one
page only, bounds as on every listing (tests/portal/test_pagination.py)."""

import datetime
import html as html_module
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
import pytest

from meetings.open_resolutions import OpenResolutionFilters, filtered_resolutions, open_counts, status_counts
from meetings.views import PAGE_SIZE
from persian.text import format_number, to_latin_digits
from places.models import Province
from tests.factories import MeetingPageFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 1, 10)
URL = "/provinces/qom/open-resolutions/"
COUNT = PAGE_SIZE + 5


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("persian.jalali.today", lambda: TODAY)


@pytest.fixture
def many_open(site_tree):
    """COUNT meetings three weeks apart (over two Jalali years), each with one resolution due 60 days after it."""
    dates = [TODAY - datetime.timedelta(days=21 * n) for n in range(COUNT)]
    for date in dates:
        resolution = {"number": 1, "text": f"مصوبه {date}", "deadline": date + datetime.timedelta(days=60)}
        MeetingPageFactory.create_quickly([date], resolutions=[resolution])
    return dates


def refs(html):
    return re.findall(r'<bdi class="ref">([^<]+)</bdi>', html)


def test_rows_come_a_page_at_a_time_in_deadline_order(client, many_open):
    first = client.get(URL).content.decode()
    second = client.get(URL, {"page": "2"}).content.decode()
    assert len(refs(first)) == PAGE_SIZE and len(refs(second)) == COUNT - PAGE_SIZE
    assert not set(refs(first)) & set(refs(second))
    overdue = sum(1 for date in many_open if date + datetime.timedelta(days=60) < TODAY)
    for html in (first, second):
        assert f"{format_number(COUNT)} مصوبه باز، <strong>{format_number(overdue)} مصوبه از مهلت گذشته" in html
    assert "صفحه ۱ از ۲" in first and "صفحه ۲ از ۲" in second
    # the most overdue (the oldest deadline) first
    days = [int(to_latin_digits(n).replace("٬", "")) for n in re.findall(r"از مهلت گذشته: ([۰-۹٬]+) روز", first)]
    assert len(days) == PAGE_SIZE and days == sorted(days, reverse=True)


def test_filters_are_kept_in_the_page_links(client, many_open):
    html = client.get(URL, {"overdue": "1", "status": "pending"}).content.decode()
    nav = html_module.unescape(html[html.index('<nav class="pagination"') :].split("</nav>")[0])
    assert 'rel="next" href="?overdue=1&status=pending&page=2"' in nav


@pytest.mark.parametrize(("page", "status"), [("0", 400), ("-3", 400), ("abc", 400), ("99999999999", 400), ("9", 200)])
def test_page_bounds(client, many_open, page, status):
    response = client.get(URL, {"page": page})
    assert response.status_code == status
    if status == 400:
        assert "پارامتر page" in response.content.decode()
    else:
        assert "صفحه ۲ از ۲" in response.content.decode()  # past the end: the last page


def test_counts_and_chart_are_aggregates(many_open):
    qom = Province.objects.get(code="QOM")
    resolutions = filtered_resolutions(qom, OpenResolutionFilters(), TODAY)
    with CaptureQueriesContext(connection) as queries:
        counts = open_counts(resolutions, TODAY)
        _, by_year = status_counts([qom])
    assert counts["open"] == COUNT and 0 < counts["overdue"] < COUNT
    assert sum(sum(counter.values()) for counter in by_year.values()) == COUNT
    assert set(by_year) == {1402, 1403}
    assert len(queries) == 2  # the counts; the summary per province, year and status
    first, summary = (q["sql"] for q in queries.captured_queries)
    assert "COUNT(" in first and "meetings_resolutioncount" in summary
