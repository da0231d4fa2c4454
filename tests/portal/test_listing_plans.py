"""The main listings' SQL reads the page table and the record tables through indexes, never by a full scan:
EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL (with sequential scans priced out, since on a test's
tiny tables the planner would rightly prefer them: what is checked is that an index can serve).
"""

import datetime
import re

from django.db import connection
import pytest

from meetings.open_resolutions import OpenResolutionFilters, filtered_resolutions
from places.models import Province, Topic
from records.listing import LATEST, apply_filters
from records.registry import record_types
from tests.factories import MeetingPageFactory

pytestmark = pytest.mark.django_db

PAGE_SIZE = 20
DEEP = 500


def listing_queries():
    """(name, queryset, the tables it must not scan) of the main listings, for every record type."""
    qom = Province.objects.get(code="QOM")
    topic = Topic.objects.get(name="مدیریت پسماند")
    queries = []
    for record_type in record_types():
        model = record_type.model
        section = apply_filters(model, {})
        tables = {"wagtailcore_page", model._meta.db_table}
        deep = (DEEP - 1) * PAGE_SIZE
        queries += [
            (f"{record_type.section} page 1", section.values_list("pk", flat=True)[:PAGE_SIZE], tables),
            (
                f"{record_type.section} page {DEEP}",
                section.values_list("pk", flat=True)[deep : deep + PAGE_SIZE],
                tables,
            ),
            (f"{record_type.section} page rows", section.filter(pk__in=[1, 2, 3]).order_by(), tables),
            (f"{record_type.section} count", section.order_by().values("pk"), tables),
            (f"{record_type.section} of a province", apply_filters(model, {"province": qom})[:LATEST], tables),
            (f"{record_type.section} of a topic", apply_filters(model, {"topic": topic})[:LATEST], tables),
            (
                f"{record_type.section} of a common topic",
                apply_filters(model, {"topic": topic}, walk_dates=True)[:LATEST],
                tables,
            ),
        ]
    open_rows = filtered_resolutions(qom, OpenResolutionFilters(), datetime.date(2025, 1, 10))[:25]
    return queries + [("open resolutions", open_rows, {"wagtailcore_page", "meetings_meetingpage"})]


def full_scans(queryset, tables):
    """(the plan's lines that read one of ``tables`` whole, the plan)."""
    sql, params = queryset.query.sql_with_params()
    names = set(tables) | {alias for table in tables for alias in re.findall(rf'"{table}" (\w+)', sql)}
    scanned = "|".join(sorted(names))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = [row[0] for row in cursor.fetchall()]
            return [line for line in plan if re.search(rf"Seq Scan on ({scanned})\b", line)], plan
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = [row[-1] for row in cursor.fetchall()]
        # «SCAN t USING [COVERING] INDEX i» walks an index in order (and stops at the LIMIT): not a full scan
        return [line for line in plan if re.match(rf"SCAN ({scanned})\b", line) and "USING" not in line], plan


@pytest.fixture
def archive(db):
    for n in range(3):
        MeetingPageFactory(town="دستجرد", topics=["مدیریت پسماند"], date=datetime.date(2024, 1, 1 + n))


def test_main_listings_use_indexes(archive):
    checked = listing_queries()
    assert len(checked) == 7 * len(record_types()) + 1
    for name, queryset, tables in checked:
        scans, plan = full_scans(queryset, tables)
        assert not scans, f"{name} scans a whole table:\n" + "\n".join(plan)


@pytest.mark.skipif(
    connection.vendor == "postgresql",
    reason="with sequential scans priced out PostgreSQL walks the primary key instead: only SQLite shows it",
)
def test_the_check_sees_a_full_scan(archive):
    """An ordering no index serves (by title) is reported: the check is not blind."""
    from meetings.models import MeetingPage

    scans, plan = full_scans(MeetingPage.objects.order_by("title")[:10], {"wagtailcore_page", "meetings_meetingpage"})
    assert scans, "\n".join(plan)


def test_a_topic_tested_along_the_dates_gives_the_same_records(db):
    """``walk_dates`` (a common topic on a topic page) changes the plan, never the records or their order:
    records with and without the topic, dates shared, one unpublished."""
    from meetings.models import MeetingPage

    for n in range(14):
        topics = ["مدیریت پسماند"] if n % 3 else ["حمل و نقل عمومی"]
        MeetingPageFactory(town="دستجرد", topics=topics, date=datetime.date(2024, 1, 1 + n // 2))
    MeetingPage.objects.filter(topics__name="مدیریت پسماند").order_by("-date").first().unpublish()
    topic = Topic.objects.get(name="مدیریت پسماند")
    for limit in (1, 5, LATEST):
        joined = list(apply_filters(MeetingPage, {"topic": topic})[:limit])
        walked = list(apply_filters(MeetingPage, {"topic": topic}, walk_dates=True)[:limit])
        assert walked == joined and len(joined) == min(limit, 8)


def test_the_tree_root_is_found_through_an_index(archive):
    """Wagtail asks for ``depth = 1 ORDER BY path`` on every admin screen (a superuser's explorable root):
    without an index on depth that reads the whole page table."""
    from wagtail.models import Page

    sql, params = Page.objects.filter(depth=1).query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
    assert "portal_page_depth_path_idx" in plan, plan
