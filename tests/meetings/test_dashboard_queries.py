"""The admin dashboard costs the same number of queries for a small and a larger archive, and shows
the same figures as counting every resolution in Python would."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
import pytest

from meetings.open_resolutions import open_resolution_rows
from persian.text import format_number
from portal.downloads import count_download, most_downloaded
from tests.factories import DocumentFactory, MeetingPageFactory, UserFactory, attach

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def archive(meetings, per_meeting, start=0):
    """``meetings`` meetings of ``per_meeting`` resolutions: a third overdue, a third due later, a
    third without a deadline; every meeting's first resolution closed by the next meeting."""
    made = []
    for m in range(start, start + meetings):
        resolutions = [
            {
                "number": n + 1,
                "deadline": [TODAY - datetime.timedelta(days=n + 1), TODAY + datetime.timedelta(days=n + 1), None][
                    n % 3
                ],
            }
            for n in range(per_meeting)
        ]
        follow = [{"resolution": made[-1].resolutions.get(number=1), "status": "done"}] if made else []
        made.append(
            MeetingPageFactory(
                ref=f"QOM-1403-{m + 1}",
                date=datetime.date(2024, 5, 1) + datetime.timedelta(days=m),
                resolutions=resolutions,
                follow_ups=follow,
            )
        )
    return made


def downloaded(meeting, times):
    document = DocumentFactory(title=f"سند {meeting.ref}")
    attach(meeting, document)
    for _ in range(times):
        count_download(document)
    return document


def dashboard(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/")
    assert response.status_code == 200
    for query in queries:  # resolutions are counted or grouped in SQL; rows are read a few at a time
        sql = query["sql"]
        if sql.startswith("SELECT") and 'FROM "meetings_resolution"' in sql:
            assert any(word in sql for word in ("COUNT(", "LIMIT", "GROUP BY", "MIN(")), sql
    return response.content.decode(), len(queries)


@pytest.fixture
def admin_client_(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def expected_open(today=TODAY):
    rows = open_resolution_rows(today=today)
    return len(rows), sum(1 for row in rows if row.overdue), rows


def test_the_dashboards_queries_do_not_grow_with_the_archive(admin_client_):
    first = archive(2, 5)
    downloaded(first[0], 3)
    dashboard(admin_client_)  # Wagtail's first-visit rows (its own caches) are made once
    small_body, small = dashboard(admin_client_)
    more = archive(10, 19, start=2)  # 10 resolutions, then 200
    documents = [downloaded(meeting, n + 1) for n, meeting in enumerate(more)]
    large_body, large = dashboard(admin_client_)
    assert large == small
    open_count, overdue_count, rows = expected_open()
    assert open_count > 150 and overdue_count > 50
    assert f"{format_number(open_count)} مصوبه باز" in large_body
    assert f"{format_number(overdue_count)} مصوبه از مهلت گذشته" in large_body
    for row in rows[:10]:
        assert row.resolution.ref in large_body
    assert rows[10].resolution.ref not in large_body
    shown = [document.title for document in documents[-9:]]  # the ten most downloaded, the first meeting's among them
    assert all(title in large_body for title in shown) and documents[0].title not in large_body


def test_the_panels_list_the_most_overdue_first_as_before(admin_client_):
    from meetings.open_resolutions import dashboard_summary

    archive(4, 6)
    summary = dashboard_summary(None, today=TODAY)
    open_count, overdue_count, rows = expected_open()
    assert (summary["open_count"], summary["overdue_count"]) == (open_count, overdue_count)
    assert [r.resolution.pk for r in summary["rows"]] == [r.resolution.pk for r in rows[:10]]
    assert most_downloaded() == []
