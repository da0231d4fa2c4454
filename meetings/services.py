"""Resolution status history, derived status and meeting navigation."""

from dataclasses import dataclass
import datetime

from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from portal.listing import published

from .models import FollowUp, MeetingPage, Resolution, ResolutionStatus


@dataclass(frozen=True)
class HistoryEntry:
    date: datetime.date
    status: str
    meeting: MeetingPage
    note: str
    is_follow_up: bool

    @property
    def status_label(self):
        return ResolutionStatus(self.status).label


def live_follow_ups():
    return FollowUp.objects.filter(meeting__live=True)


def resolution_history(resolution):
    """The status a resolution was given when adopted, then every follow-up in date order."""
    entries = [HistoryEntry(resolution.meeting.date, resolution.status, resolution.meeting, "", is_follow_up=False)]
    follow_ups = sorted(
        (f for f in resolution.follow_ups.all() if f.meeting.live),
        key=lambda f: (f.meeting.date, f.meeting.pk, f.sort_order or 0),
    )
    entries += [HistoryEntry(f.meeting.date, f.status, f.meeting, f.note, is_follow_up=True) for f in follow_ups]
    return entries


def current_status(resolution):
    return resolution_history(resolution)[-1].status


def with_current_status(resolutions):
    """Annotate a Resolution queryset with ``current_status`` computed in the database."""
    latest = (
        live_follow_ups()
        .filter(resolution=OuterRef("pk"))
        .order_by("-meeting__date", "-meeting_id", "-sort_order")
        .values("status")[:1]
    )
    return resolutions.annotate(current_status=Coalesce(Subquery(latest), "status", output_field=CharField()))


def published_resolutions():
    return Resolution.objects.filter(meeting__in=published(MeetingPage))


@dataclass(frozen=True)
class ResolutionView:
    resolution: Resolution
    history: list

    @property
    def current_status(self):
        return self.history[-1].status

    @property
    def current_status_label(self):
        return ResolutionStatus(self.current_status).label


def meeting_context(meeting):
    resolutions = (
        meeting.resolutions.all().order_by("number").prefetch_related("follow_ups__meeting").select_related("meeting")
    )
    views = [ResolutionView(r, resolution_history(r)) for r in resolutions]
    follow_ups = meeting.follow_ups.select_related("resolution__meeting").order_by("sort_order")
    siblings = published(MeetingPage).filter(province_id=meeting.province_id)
    previous_meeting = siblings.filter(date__lt=meeting.date).order_by("-date", "-pk").first()
    next_meeting = siblings.filter(date__gt=meeting.date).order_by("date", "pk").first()
    return {
        "resolution_views": views,
        "reviewed_follow_ups": follow_ups,
        "previous_meeting": previous_meeting,
        "next_meeting": next_meeting,
    }


OPEN_STATUSES = (ResolutionStatus.PENDING, ResolutionStatus.IN_PROGRESS)


def open_resolutions(provinces=None):
    """Published resolutions whose current status is pending or in progress, annotated with
    ``current_status``; ``provinces`` (an iterable or queryset) narrows them to a user's scope."""
    resolutions = with_current_status(published_resolutions()).filter(current_status__in=OPEN_STATUSES)
    if provinces is not None:
        resolutions = resolutions.filter(meeting__province__in=provinces)
    return resolutions.select_related("meeting", "meeting__province", "meeting__municipality")


def followable_resolutions(meeting, province=None, date=None):
    """What a meeting may follow up: open resolutions of earlier published meetings of its province,
    plus whatever it already follows up (so a follow-up that closed a resolution stays valid)."""
    from django.db.models import Q

    province_id = getattr(province, "pk", province) or meeting.province_id
    date = date or meeting.date
    choices = Q(current_status__in=OPEN_STATUSES, meeting__in=published(MeetingPage))
    if province_id:
        choices &= Q(meeting__province_id=province_id)
    if date:
        choices &= Q(meeting__date__lt=date)
    if meeting.pk:
        followed = FollowUp.objects.filter(meeting_id=meeting.pk).values("resolution_id")
        choices = (choices & ~Q(meeting_id=meeting.pk)) | Q(pk__in=followed)
    resolutions = with_current_status(Resolution.objects.all()).filter(choices)
    return resolutions.select_related("meeting").order_by("-meeting__date", "meeting__ref", "number")


def resolution_choice_label(resolution):
    """«QOM-1403-11#1 — پیشنهاد افزایش منطقی تعرفه … (در دست اقدام)»"""
    text = " ".join(resolution.text.split())
    short = text if len(text) <= 70 else text[:70].rsplit(" ", 1)[0] + "…"
    return f"{resolution.ref} — {short} ({resolution.current_status_label})"
