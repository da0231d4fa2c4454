"""What a meeting's page shows: each resolution with its status history, the follow-ups it records,
and the province's previous and next published meetings."""

from dataclasses import dataclass
import datetime

from records.publication import published

from .status import ResolutionStatus


@dataclass(frozen=True)
class HistoryEntry:
    date: datetime.date
    status: str
    meeting: object
    note: str
    is_follow_up: bool

    @property
    def status_label(self):
        return ResolutionStatus(self.status).label


def public_meeting_ids(meetings):
    """Which of ``meetings`` the public may see (``records.publication``): only their follow-ups count."""
    meetings = list(meetings)
    if not meetings:
        return set()
    return set(published(type(meetings[0])).filter(pk__in=[m.pk for m in meetings]).values_list("pk", flat=True))


def resolution_history(resolution, public_meetings=None):
    """The status a resolution was given when adopted, then every follow-up recorded by a published
    meeting, in date order: a draft's or a view-restricted meeting's follow-ups are not the public's.
    ``public_meetings``: ids already known to be published (one query for a whole page)."""
    entries = [HistoryEntry(resolution.meeting.date, resolution.status, resolution.meeting, "", is_follow_up=False)]
    recorded = list(resolution.follow_ups.all())
    if public_meetings is None:
        public_meetings = public_meeting_ids(f.meeting for f in recorded)
    follow_ups = sorted(
        (f for f in recorded if f.meeting_id in public_meetings),
        key=lambda f: (f.meeting.date, f.meeting.pk, f.sort_order or 0, f.pk),
    )
    entries += [HistoryEntry(f.meeting.date, f.status, f.meeting, f.note, is_follow_up=True) for f in follow_ups]
    return entries


def current_status(resolution):
    return resolution_history(resolution)[-1].status


@dataclass(frozen=True)
class ResolutionView:
    resolution: object
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
    public = public_meeting_ids({f.meeting for r in resolutions for f in r.follow_ups.all()})
    views = [ResolutionView(r, resolution_history(r, public)) for r in resolutions]
    follow_ups = meeting.follow_ups.select_related("resolution__meeting").order_by("sort_order")
    siblings = published(type(meeting)).filter(province_id=meeting.province_id)
    previous_meeting = siblings.filter(date__lt=meeting.date).order_by("-date", "-pk").first()
    next_meeting = siblings.filter(date__gt=meeting.date).order_by("date", "pk").first()
    return {
        "resolution_views": views,
        "reviewed_follow_ups": follow_ups,
        "previous_meeting": previous_meeting,
        "next_meeting": next_meeting,
    }
