"""Atom feeds of a province, a municipality, a topic and a search: published public records only, of that
filter only, with Persian titles, Jalali dates in the content, stable ids; a bad parameter is a Persian 400."""

import xml.etree.ElementTree as ET

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
import pytest
from wagtail.models import PageViewRestriction

from persian.jalali import format_long
from tests.factories import (
    AgreementPageFactory,
    BestPracticePageFactory,
    MeetingPageFactory,
    QazvinMeetingFactory,
    QomMeetingFactory,
)

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response):
    assert response.status_code == 200, response.content.decode()[:500]
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 — the portal's own output
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "id": entry.findtext(f"{ATOM}id"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "content": entry.findtext(f"{ATOM}content") or "",
            "summary": entry.findtext(f"{ATOM}summary") or "",
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


def titles(response):
    return [entry["title"] for entry in entries(response)]


@pytest.fixture
def records():
    qom = QomMeetingFactory(town="دستجرد")
    qzv = QazvinMeetingFactory()
    return qom, qzv


def test_a_province_feed_lists_its_published_records_with_jalali_dates(client, records):
    qom, qzv = records
    agreement = AgreementPageFactory(title="تفاهم‌نامه پسماند قم و کهک")
    draft = MeetingPageFactory(title="پیش‌نویس نشست قم", draft=True)
    private = MeetingPageFactory(title="نشست محرمانه قم")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    found = entries(client.get("/feeds/provinces/qom/"))
    by_title = {entry["title"]: entry for entry in found}
    assert set(by_title) == {qom.title, agreement.title}  # not Qazvin's, not the draft, not the private one
    meeting = by_title[qom.title]
    assert meeting["id"] == f"hamandishi:{qom.ref_key}"
    assert meeting["link"].endswith(qom.url)
    assert format_long(qom.date) in meeting["content"] == meeting["content"]
    assert "۱۴۰۳" in meeting["content"] and "استان قم" in meeting["content"] and "نشست" in meeting["content"]
    assert qom.summary in meeting["summary"]
    assert draft.title not in client.get("/feeds/provinces/qom/").content.decode()


def test_the_feed_root_is_persian_and_points_at_the_page(client, records):
    root = ET.fromstring(client.get("/feeds/provinces/qom/").content)  # noqa: S314 — the portal's own output
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fa"
    assert root.findtext(f"{ATOM}title") == "هم‌اندیشی — استان قم"
    assert root.find(f"{ATOM}link").get("href").endswith("/provinces/qom/")


def test_a_municipality_feed_lists_only_that_municipality(client, records):
    qom, _ = records
    MeetingPageFactory(title="نشست شهرداری کهک", town="کهک")
    assert titles(client.get(f"/feeds/provinces/qom/{qom.municipality.slug}/")) == [qom.title]


def test_a_topic_feed_lists_only_records_of_that_topic(client, records):
    qom, qzv = records
    practice = BestPracticePageFactory(title="تجربه پسماند", topics=("مدیریت پسماند",))
    other = BestPracticePageFactory(title="تجربه حمل و نقل", topics=("حمل و نقل عمومی",))
    topic = qom.topics.get(name="مدیریت پسماند")
    found = titles(client.get(f"/feeds/topics/{topic.slug}/"))
    assert set(found) == {qom.title, practice.title} | ({qzv.title} if qzv.topics.filter(pk=topic.pk) else set())
    assert other.title not in found
    assert found[0] == practice.title  # newest published first


def test_unknown_places_are_404(client):
    assert client.get("/feeds/provinces/xyz/").status_code == 404
    assert client.get("/feeds/provinces/qom/nowhere/").status_code == 404
    assert client.get("/feeds/topics/nothing/").status_code == 404


def test_a_search_feed_has_the_search_results_newest_first(client, records):
    qom, qzv = records
    newer = MeetingPageFactory(title="نشست تازه‌تر قم درباره پسماند", summary="پسماند", date=qzv.date)
    page = client.get("/search/", {"province": "قم", "type": "meeting"}).content.decode()
    found = entries(
        client.get("/search/feed/", {"province": "قم", "type": "meeting", "page": "2", "sort": "relevance"})
    )
    assert [entry["title"] for entry in found] == [newer.title, qom.title]
    for entry in found:
        assert entry["link"].split("testserver", 1)[1] in page  # the same results as the search page
    assert found[1]["id"] == f"hamandishi:{qom.ref_key}"
    assert format_long(qom.date) in found[1]["content"]


def test_the_search_page_and_the_place_pages_announce_their_feeds(client, records):
    qom, _ = records
    search = client.get("/search/", {"q": "پسماند", "province": "قم", "page": "1"}).content.decode()
    assert 'type="application/atom+xml"' in search
    assert (
        "/search/feed/?q=%D9%BE" in search
        and "province=" in search
        and "page=1" not in search.split("/search/feed/")[1][:120]
    )
    province = client.get("/provinces/qom/").content.decode()
    assert 'href="/feeds/provinces/qom/"' in province and 'href="/calendar/qom.ics"' in province
    assert "تقویم نشست‌ها" in province
    slug = qom.municipality.slug
    municipality = client.get(qom.municipality.get_absolute_url()).content.decode()
    assert f'href="{reverse("municipality_feed", args=["qom", slug])}"' in municipality
    assert f'href="{reverse("municipality_calendar", args=["qom", slug])}"' in municipality
    topic = qom.topics.first()
    assert f'href="{reverse("topic_feed", args=[topic.slug])}"' in client.get(topic.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "query",
    [{"province": "ناکجا"}, {"type": "nothing"}, {"year": "abc"}, {"page": "0"}, {"page_size": "100000"}],
)
def test_bad_search_feed_parameters_are_a_persian_400(client, query):
    response = client.get("/search/feed/", query)
    assert response.status_code == 400
    body = response.content.decode()
    assert any("\u0600" <= ch <= "\u06ff" for ch in body)
    assert "<feed" not in body


def test_restricted_agreement_documents_never_reach_a_feed(client, desk_records):
    from tests.agreements.test_restricted_documents import SECRET_WORD

    assert entries(client.get("/search/feed/", {"q": SECRET_WORD})) == []
    for path in ("/feeds/provinces/qom/", "/search/feed/?q=landfill+map", "/search/feed/?province=قم"):
        body = client.get(path).content.decode()
        assert desk_records.agreement.title in body, path
        assert SECRET_WORD not in body.lower() and "signed.pdf" not in body and "/documents/" not in body, path


def _queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_records(client, site_tree):
    paths = ["/feeds/provinces/qom/", "/search/feed/?province=قم", "/feeds/atom/"]
    for _ in range(10):
        MeetingPageFactory(town="دستجرد", topics=("مدیریت پسماند",))
    few = [_queries(client, path) for path in paths]
    for _ in range(30):
        MeetingPageFactory(town="دستجرد", topics=("مدیریت پسماند",))
    assert [_queries(client, path) for path in paths] == few
