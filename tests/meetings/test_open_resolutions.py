import datetime
import re

from django.contrib.auth import get_user_model
import pytest

from meetings.open_resolutions import dashboard_summary, open_resolution_rows, status_counts
from meetings.status_chart import status_chart
from persian.jalali import parse_date
from places.models import Province
from tests.factories.meetings import QOM_RESOLUTIONS, QomMeetingFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 1, 10)  # ۱۴۰۳/۱۰/۲۱
URL = "/provinces/qom/open-resolutions/"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("persian.jalali.today", lambda: TODAY)


@pytest.fixture
def resolutions():
    earlier = QomMeetingFactory(
        ref="QOM-1403-07",
        date=parse_date("1403/05/01"),
        town="قنوات",
        topics=["منابع انسانی"],
        resolutions=[
            {
                "number": 1,
                "text": "آمار پسماند گرفته شود.",
                "deadline": parse_date("1403/06/31"),
                "responsible": "قنوات",
            },
            {"number": 2, "text": "نیازسنجی آموزشی انجام شود.", "deadline": parse_date("1403/07/30")},
        ],
    )
    third = {
        "number": 3,
        "text": "دوره آموزشی برگزار شود.",
        "deadline": parse_date("1403/11/30"),
        "responsible": "شهرداری کهک",
    }
    QomMeetingFactory(
        resolutions=[*QOM_RESOLUTIONS, third],
        follow_ups=[{"resolution": earlier.resolutions.get(number=2), "status": "done"}],
    )
    QomMeetingFactory(ref="QZV-1403-09", province_code="QZV", town="قزوین")
    QomMeetingFactory(ref="QOM-1403-13", date=parse_date("1403/09/01")).unpublish()


def refs_in(html):
    return re.findall(r'<bdi class="ref">([^<]+)</bdi>', html)


def test_open_resolutions_most_overdue_first_without_closed_or_other_provinces(client, resolutions):
    html = client.get(URL).content.decode()
    assert refs_in(html) == ["QOM-1403-07#1", "QOM-1403-11#1", "QOM-1403-11#3", "QOM-1403-11#2"]
    assert "۴ مصوبه باز" in html and "۲ مصوبه از مهلت گذشته" in html


def test_days_overdue_are_exact_and_in_persian_digits(client, resolutions):
    rows = open_resolution_rows([Province.objects.get(code="QOM")])
    assert [(r.resolution.ref, r.days_overdue) for r in rows] == [
        ("QOM-1403-07#1", 111),  # deadline ۱۴۰۳/۰۶/۳۱ = 2024-09-21
        ("QOM-1403-11#1", 21),  # deadline ۱۴۰۳/۰۹/۳۰ = 2024-12-20
        ("QOM-1403-11#3", 0),
        ("QOM-1403-11#2", 0),
    ]
    html = client.get(URL).content.decode()
    assert "از مهلت گذشته: ۱۱۱ روز" in html and "از مهلت گذشته: ۲۱ روز" in html
    assert html.count("open-resolution--overdue") == 2
    assert "۳۱ شهریور ۱۴۰۳" in html and "۳۰ بهمن ۱۴۰۳" in html  # deadlines in Jalali
    assert "تعیین نشده" in html  # 11#2 has no deadline


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"overdue": "1"}, ["QOM-1403-07#1", "QOM-1403-11#1"]),
        ({"status": "in_progress"}, ["QOM-1403-11#1"]),
        ({"status": "pending", "overdue": "1"}, ["QOM-1403-07#1"]),
        ({"municipality": "کهک"}, ["QOM-1403-11#3"]),  # named responsible
        ({"municipality": "قنوات"}, ["QOM-1403-07#1"]),  # hosted the meeting
        ({"topic": "منابع-انسانی"}, ["QOM-1403-07#1"]),
        (  # a municipality nobody has (a stale link) is ignored; a status not offered is a 400 (test_parameter_bounds)
            {"municipality": "nowhere"},
            ["QOM-1403-07#1", "QOM-1403-11#1", "QOM-1403-11#3", "QOM-1403-11#2"],
        ),
    ],
)
def test_filters_live_in_the_url(client, resolutions, query, expected):
    Province.objects.get(code="QOM").municipalities.get_or_create(name="کهک")
    html = client.get(URL, query).content.decode()
    assert refs_in(html) == expected


def test_filter_form_keeps_the_chosen_values(client, resolutions):
    html = client.get(URL, {"overdue": "1", "status": "pending"}).content.decode()
    assert 'name="overdue" value="1" checked' in html
    assert '<option value="pending" selected>' in html


def test_unknown_province_is_404(client, db):
    assert client.get("/provinces/xyz/open-resolutions/").status_code == 404


def test_province_page_links_to_its_open_resolutions(client, resolutions):
    assert URL in client.get("/provinces/qom/").content.decode()


def test_chart_by_year_counts_every_published_resolution_by_current_status(client, resolutions):
    html = client.get(URL).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    counts = dict(re.findall(r'data-status="(\w+)" data-count="(\d+)"', svg))
    assert counts == {"pending": "3", "in_progress": "1", "done": "1"}
    assert "۱۴۰۳ — در انتظار اقدام: ۳" in svg and ">۱۴۰۳</text>" in svg
    assert "cancelled" not in counts


def test_status_counts_per_province_and_year(resolutions):
    by_province, by_year = status_counts()
    assert by_province["قم"] == {"pending": 3, "in_progress": 1, "done": 1}
    assert by_province["قزوین"] == {"in_progress": 1, "pending": 1}
    assert by_year[1403]["pending"] == 4


def test_chart_geometry_scales_bars_to_the_largest_row():
    from collections import Counter

    chart = status_chart("c", "t", {"قم": Counter(pending=2, done=2), "قزوین": Counter(done=1)})
    first, second = chart.rows
    assert [s.count for s in first.segments] == [2, 2]
    assert second.segments[0].width * 4 == pytest.approx(sum(s.width for s in first.segments))
    assert first.segments[0].x > first.segments[1].x  # the bar grows from the right
    assert "قم: در انتظار اقدام ۲، انجام شد ۲ (جمع ۴)" in chart.description


def test_dashboard_panel_shows_open_resolutions_and_charts(client, resolutions):
    client.force_login(get_user_model().objects.create_superuser("office", "o@example.org", "pass"))
    html = client.get("/admin/").content.decode()
    panel = html[html.index('id="open-resolutions-section"') :]
    assert "مصوبات باز" in panel and "QOM-1403-07#1" in panel and "از مهلت گذشته: ۱۱۱ روز" in panel
    assert "QZV-1403-09#1" in panel
    assert "مصوبات به تفکیک وضعیت در هر استان" in panel and "مصوبات به تفکیک وضعیت در هر سال" in panel


def test_dashboard_summary_can_be_narrowed_to_provinces(resolutions):
    summary = dashboard_summary([Province.objects.get(code="QZV")])
    assert {row.resolution.ref for row in summary["rows"]} == {"QZV-1403-09#1", "QZV-1403-09#2"}
    assert [row.label for row in summary["province_chart"].rows] == ["قزوین"]


def test_a_provincial_editors_dashboard_shows_only_their_province(client, resolutions):
    from desk.scope import EDITOR
    from tests.conftest import desk_user

    client.force_login(desk_user("qzv-editor", EDITOR, "QZV"))
    html = client.get("/admin/").content.decode()
    panel = html[html.index('id="open-resolutions-section"') :]
    assert "QZV-1403-09#1" in panel and "QOM-1403-07#1" not in panel
