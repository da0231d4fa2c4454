"""The stored ``Resolution.current_status`` is the rule (``computed_current_status``, and the meeting page's
history) after any sequence of what editors do: publish a revision with follow-ups added, edited, pointed
elsewhere or removed, keep a draft, unpublish, republish, move a meeting's date, restrict it, delete it."""

import datetime
import io

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import pytest
from wagtail.models import PageViewRestriction

from meetings.models import FollowUp, MeetingPage, Resolution, computed_current_status
from meetings.page_context import current_status
from meetings.stored_status import drift
from tests.factories import MeetingPageFactory

pytestmark = pytest.mark.django_db

STATUSES = ["pending", "in_progress", "done", "cancelled"]
FOLLOWERS = 3  # meetings B, C, D follow up the resolutions of meeting A

follow_up_lists = st.lists(st.tuples(st.integers(0, 2), st.sampled_from(STATUSES)), max_size=3)
steps = st.one_of(
    st.tuples(st.just("publish"), st.integers(0, FOLLOWERS - 1), follow_up_lists),
    st.tuples(st.just("draft"), st.integers(0, FOLLOWERS - 1), follow_up_lists),
    st.tuples(st.just("unpublish"), st.integers(0, FOLLOWERS - 1)),
    st.tuples(st.just("republish"), st.integers(0, FOLLOWERS - 1)),
    st.tuples(st.just("redate"), st.integers(0, FOLLOWERS - 1), st.integers(-3, 3)),
    st.tuples(st.just("restrict"), st.integers(0, FOLLOWERS - 1)),
    st.tuples(st.just("release"), st.integers(0, FOLLOWERS - 1)),
    st.tuples(st.just("delete"), st.integers(0, FOLLOWERS - 1)),
    st.tuples(st.just("adopt"), st.integers(0, 2), st.sampled_from(STATUSES)),
)


def archive():
    adopting = MeetingPageFactory(
        ref="QOM-1403-01", date=datetime.date(2024, 1, 1), resolutions=[{"number": n} for n in (1, 2, 3)]
    )
    targets = list(adopting.resolutions.order_by("number"))
    for n in range(FOLLOWERS):
        MeetingPageFactory(
            ref=f"QOM-1403-{n + 2:02d}",
            date=datetime.date(2024, 2, 1) + datetime.timedelta(days=n),
            follow_ups=[{"resolution": targets[n], "status": "in_progress"}],
        )
    return adopting


def follower(n):
    return MeetingPage.objects.filter(ref=f"QOM-1403-{n + 2:02d}").first()


def apply(step, adopting):
    kind, n, *rest = step
    if kind == "adopt":
        page = MeetingPage.objects.get(pk=adopting.pk)
        page.resolutions = [
            Resolution(pk=r.pk, number=r.number, text=r.text, status=rest[0] if r.number == n + 1 else r.status)
            for r in page.resolutions.order_by("number")
        ]
        page.save_revision().publish()
        return
    page = follower(n)
    if page is None:  # deleted by an earlier step
        return
    targets = list(Resolution.objects.filter(meeting=adopting).order_by("number"))
    if kind in ("publish", "draft"):
        # a resolution dropped by an earlier step (the summary's sequences) can no longer be followed up
        follow_ups = [(targets[i], status) for i, status in rest[0] if i < len(targets)]
        page.follow_ups = [FollowUp(resolution=resolution, status=status) for resolution, status in follow_ups]
        revision = page.save_revision()
        if kind == "publish":
            revision.publish()
    elif kind == "unpublish":
        page.unpublish()
    elif kind == "republish":
        page.get_latest_revision().publish()
    elif kind == "redate":
        page.date = datetime.date(2024, 2, 1) + datetime.timedelta(days=rest[0])
        page.save_revision().publish()
    elif kind == "restrict" and not page.view_restrictions.exists():
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    elif kind == "release":
        page.view_restrictions.all().delete()
    elif kind == "delete":
        page.delete()


def assert_stored_is_the_rule(history=False):
    stored = dict(Resolution.objects.values_list("pk", "current_status"))
    computed = dict(Resolution.objects.annotate(rule=computed_current_status()).values_list("pk", "rule"))
    assert stored == computed
    for resolution in Resolution.objects.select_related("meeting") if history else ():
        assert resolution.current_status == current_status(resolution), resolution.ref  # the page says the same


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=st.lists(steps, min_size=1, max_size=5))
def test_stored_status_follows_every_change(sequence, site_tree):
    with transaction.atomic():
        adopting = archive()
        assert_stored_is_the_rule()
        for step in sequence:
            apply(step, adopting)
            assert_stored_is_the_rule()
        assert_stored_is_the_rule(history=True)
        transaction.set_rollback(True)


def test_a_draft_follow_up_changes_nothing(site_tree):
    adopting = archive()
    page = follower(0)
    page.follow_ups = [FollowUp(resolution=adopting.resolutions.get(number=1), status="done")]
    page.save_revision()
    assert adopting.resolutions.get(number=1).current_status == "in_progress"
    MeetingPageFactory(
        ref="QOM-1403-09",
        draft=True,
        date=datetime.date(2024, 3, 1),
        follow_ups=[{"resolution": adopting.resolutions.get(number=2), "status": "cancelled"}],
    )
    assert adopting.resolutions.get(number=2).current_status == "in_progress"


def test_restricting_the_section_stops_its_meetings_follow_ups(site_tree):
    adopting = archive()
    page = follower(0)
    section = page.get_parent()
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    assert not drift().exists()
    assert adopting.resolutions.get(number=1).current_status == "pending"


def test_the_check_reports_and_fixes_drift(site_tree):
    adopting = archive()
    Resolution.objects.filter(meeting=adopting, number=1).update(current_status="done")
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 resolutions differ"):
        call_command("check_resolution_status", stdout=out)
    assert "QOM-1403-01#1: stored done, rule in_progress" in out.getvalue()
    call_command("check_resolution_status", "--fix", stdout=io.StringIO())
    assert adopting.resolutions.get(number=1).current_status == "in_progress"
    out = io.StringIO()
    call_command("check_resolution_status", stdout=out)
    assert "agrees" in out.getvalue()
