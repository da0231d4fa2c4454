import re

import pytest

from persian.jalali import parse_date
from places.models import Municipality, Province, Topic
from tests.factories import (
    BestPracticePageFactory,
    DocumentFactory,
    ImageFactory,
    QomAgreementFactory,
    QomMeetingFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive_pages():
    chart = ImageFactory(title="chart.png")
    meeting = QomMeetingFactory(
        images=[chart],
        body="## دستور جلسه\n\n<script>alert('x')</script>\n\n"
        "[پیوند](javascript:alert(1)) و <img src=x onerror=alert(2)>\n\n"
        "| شهر | تن |\n|---|---|\n| قم | ۱۲ |\n",
    )
    agreement = QomAgreementFactory(
        title="تفاهم‌نامه پسماند", valid_until=parse_date("1406/01/01"), documents=[DocumentFactory(title="mou.pdf")]
    )
    practice = BestPracticePageFactory(
        ref="BP-QOM-01",
        title="تفکیک پسماند از مبدأ",
        date=parse_date("1404/02/10"),
        town="قم",
        topics=["مدیریت پسماند"],
        results="کاهش ۳۰ درصدی دفن",
        contact="معاونت خدمات شهری",
        images=[chart],
        related_resolutions=[meeting.resolutions.get(number=1)],
    )
    return {"meeting": meeting, "agreement": agreement, "practice": practice}


def assert_persian_page(response):
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<html lang="fa" dir="rtl">', html)
    head = html.split("<body")[0]
    assert not re.search(r'(src|href)="(https?:)?//', head), "no external assets"
    return html


def test_meeting_page(client, archive_pages):
    html = assert_persian_page(client.get(archive_pages["meeting"].url))
    assert "۱۵ آبان ۱۴۰۳" in html  # Jalali date, Persian digits
    assert 'id="resolution-1"' in html and 'id="resolution-2"' in html
    assert "۳۰ آذر ۱۴۰۳" in html  # the resolution's deadline
    assert "در دست اقدام" in html
    assert "<table>" in html  # Markdown tables are kept


def test_minutes_markdown_is_sanitised(client, archive_pages):
    html = client.get(archive_pages["meeting"].url).content.decode()
    body = html.split('id="minutes-heading"')[1].split("</section>")[0]
    assert "<script" not in body and "alert('x')" not in body.replace("&#x27;", "'").split("<p>")[0]
    assert "<script>" not in html
    assert "javascript:" not in html
    assert "onerror" not in html


def test_agreement_page_with_download(client, archive_pages):
    html = assert_persian_page(client.get(archive_pages["agreement"].url))
    assert "۱ آذر ۱۴۰۳" in html
    assert "در حال اجرا" in html
    assert "PDF" in html and "بایت" in html
    assert 'href="/documents/' in html
    assert archive_pages["meeting"].url + "#resolution-1" in html


def test_practice_page(client, archive_pages):
    html = assert_persian_page(client.get(archive_pages["practice"].url))
    assert "کاهش ۳۰ درصدی دفن" in html
    assert "معاونت خدمات شهری" in html
    assert "<img" in html
    assert "#resolution-1" in html


def test_home_page_lists_latest_and_counts(client, archive_pages):
    html = assert_persian_page(client.get("/"))
    assert archive_pages["meeting"].title in html
    assert archive_pages["agreement"].title in html
    assert archive_pages["practice"].title in html
    assert "QOM-1403-11#1" in html
    counts_row = html.split('href="/provinces/qom/"')[1].split("</tr>")[0]
    assert re.findall(r"<td>(.*?)</td>", counts_row) == ["۱", "۱", "۱"]


@pytest.mark.parametrize("path", ["/meetings/", "/agreements/", "/practices/"])
def test_index_pages_and_filters(client, archive_pages, path):
    html = assert_persian_page(client.get(path))
    assert "۱ مورد" in html
    assert "۰ مورد" in client.get(path, {"province": "qzv"}).content.decode()
    assert "۱ مورد" in client.get(path, {"province": "qom", "topic": "nope"}).content.decode()


def test_year_filter_narrows_the_listing(client, archive_pages):
    assert "۱ مورد" in client.get("/meetings/", {"year": "۱۴۰۳"}).content.decode()
    assert "۰ مورد" in client.get("/meetings/", {"year": "1402"}).content.decode()
    assert client.get("/meetings/", {"page": "999"}).status_code == 200  # past the last page: the last page
    refused = client.get("/meetings/", {"year": "abc"})  # a malformed filter is refused, not ignored
    assert refused.status_code == 400 and "سال شمسی چهاررقمی" in refused.content.decode()


def test_province_municipality_topic_pages(client, archive_pages):
    qom = Province.objects.get(code="QOM")
    html = assert_persian_page(client.get(qom.get_absolute_url()))
    for page in archive_pages.values():
        assert page.title in html
    kahak = Municipality.objects.get(name="کهک")
    html = assert_persian_page(client.get(kahak.get_absolute_url()))
    assert archive_pages["agreement"].title in html
    topic = Topic.objects.get(name="مدیریت پسماند")
    html = assert_persian_page(client.get(topic.get_absolute_url()))
    assert archive_pages["meeting"].title in html and archive_pages["practice"].title in html
    html = assert_persian_page(client.get("/provinces/"))
    assert html.count('href="/provinces/') >= 31


def test_stable_ref_urls(client, archive_pages):
    assert client.get("/ref/QOM-1403-11/").url == archive_pages["meeting"].url
    assert client.get("/ref/QOM-1403-11%231/").url == archive_pages["meeting"].url + "#resolution-1"
    assert client.get("/ref/BP-QOM-01/").url == archive_pages["practice"].url
    assert client.get("/ref/NOPE-1/").status_code == 404
    assert client.get("/ref/QOM-1403-11%2399/").status_code == 404


def test_unknown_page_is_a_persian_404(client, site_tree):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert 'lang="fa" dir="rtl"' in response.content.decode()


def test_draft_records_are_not_public(client, archive_pages):
    meeting = archive_pages["meeting"]
    meeting.unpublish()
    assert client.get(meeting.url or "/meetings/qom-1403-11/").status_code == 404
    assert meeting.title not in client.get("/").content.decode()
    assert meeting.title not in client.get("/provinces/qom/").content.decode()
