"""The dashboard's summary (``ResolutionCount``: published resolutions per province, Jalali year and stored
status) equals a recount from the rows after any sequence of what editors do, the stored status's own
sequences plus a meeting moved to another province or Jalali year, a resolution removed, a meeting deleted."""

import datetime
import io

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import pytest

from meetings import status_summary
from meetings.models import MeetingPage, Resolution, ResolutionCount
from meetings.open_resolutions import dashboard_summary, status_counts
from places.models import Province
from tests.factories import MeetingPageFactory
from tests.meetings.test_stored_status import FOLLOWERS, apply, archive
from tests.meetings.test_stored_status import steps as status_steps

pytestmark = pytest.mark.django_db

steps = st.one_of(
    status_steps,
    st.tuples(st.just("province"), st.integers(0, FOLLOWERS), st.sampled_from(["QOM", "QZV"])),
    st.tuples(st.just("new year"), st.integers(0, FOLLOWERS)),  # 1402 → 1403 (Nowruz 2024 is 20 March)
    st.tuples(st.just("drop resolution"), st.integers(1, 3)),
    st.tuples(st.just("delete adopting"), st.just(0)),
)


def meeting(n, adopting):
    """0: the adopting meeting, 1…: its followers."""
    return MeetingPage.objects.filter(ref=adopting.ref if n == 0 else f"QOM-1403-{n + 1:02d}").first()


def apply_step(step, adopting):
    kind, n, *rest = step
    if kind == "province" and (page := meeting(n, adopting)):
        page.province = Province.objects.get(code=rest[0])
        page.save_revision().publish()
    elif kind == "new year" and (page := meeting(n, adopting)):
        page.date = datetime.date(2024, 4, 1)
        page.save_revision().publish()
    elif kind == "drop resolution" and (page := meeting(0, adopting)):
        page.resolutions = [r for r in page.resolutions.order_by("number") if r.number != n]
        page.save_revision().publish()
    elif kind == "delete adopting" and (page := meeting(0, adopting)):
        page.delete()
    elif kind not in ("province", "new year", "drop resolution", "delete adopting") and meeting(0, adopting):
        apply(step, adopting)


def assert_summary_is_a_recount():
    assert status_summary.stored() == status_summary.recounted()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=st.lists(steps, min_size=1, max_size=6))
def test_summary_follows_every_change(sequence, site_tree):
    with transaction.atomic():
        adopting = archive()
        assert_summary_is_a_recount()
        assert sum(status_summary.stored().values()) == Resolution.objects.count() == 3
        for step in sequence:
            apply_step(step, adopting)
            assert_summary_is_a_recount()
        transaction.set_rollback(True)


def test_the_dashboard_reads_the_summary(site_tree):
    archive()
    ResolutionCount.objects.filter(status="in_progress").update(count=40)  # not a recount: read as it is
    by_province, by_year = status_counts()
    assert by_province == {"قم": {"in_progress": 40}}
    assert by_year == {1402: {"in_progress": 40}}
    assert dashboard_summary(None, today=datetime.date(2024, 3, 1))["open_count"] == 40


def test_the_check_reports_and_fixes_drift(site_tree):
    archive()
    ResolutionCount.objects.filter(status="in_progress").delete()
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 counts differ"):
        call_command("check_resolution_counts", stdout=out)
    assert "1402, in_progress: stored 0, recounted 3" in out.getvalue()
    call_command("check_resolution_counts", "--fix", stdout=io.StringIO())
    assert status_summary.drift() == {}
    out = io.StringIO()
    call_command("check_resolution_counts", stdout=out)
    assert "agrees" in out.getvalue()


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite's plan; PostgreSQL's planner reads statistics")
def test_the_dashboards_rows_and_counts_walk_the_deadline_index(site_tree):
    """The most overdue and the counts not overdue are ranges of (status, deadline): the cost follows the
    rows shown and the recent resolutions, not every open resolution of the archive."""
    today = datetime.date(2024, 3, 1)
    deadlines = [today - datetime.timedelta(days=9), today + datetime.timedelta(days=9), None]
    MeetingPageFactory(resolutions=[{"number": n + 1, "deadline": d} for n, d in enumerate(deadlines)])
    with CaptureQueriesContext(connection) as queries:
        summary = dashboard_summary(None, today=today)
    assert (summary["open_count"], summary["overdue_count"], len(summary["rows"])) == (3, 1, 3)
    asked = [q["sql"] for q in queries.captured_queries if 'FROM "meetings_resolution"' in q["sql"]]
    assert len(asked) == 5  # two statuses by deadline, those without one; not overdue: to come, none
    for sql in asked:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            first = cursor.fetchall()[0][-1]
        assert "USING INDEX resolution_deadline_idx (current_status=? AND deadline" in first, (first, sql)
