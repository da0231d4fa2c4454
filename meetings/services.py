"""Resolutions as the public sees them: their current status, the open ones, and what a meeting may
follow up. The status history and the meeting page's context live in ``meetings.page_context``."""

from django.db.models import Exists, OuterRef

from records.publication import public_through, published

from .models import MeetingPage, Resolution
from .page_context import current_status, meeting_context, resolution_history
from .status import OPEN_STATUSES

__all__ = [
    "current_status",
    "followable_resolutions",
    "latest_resolutions",
    "meeting_context",
    "open_resolutions",
    "published_resolutions",
    "resolution_history",
]


def published_resolutions():
    return public_through(Resolution.objects.all(), "meeting")


def latest_resolutions(count):
    """The ``count`` newest published resolutions (newest meeting first, then by number). Each meeting with
    resolutions gives at least one, so they are among the meetings no older than the ``count``-th newest such
    meeting: found over the meetings' date index, instead of sorting every resolution of the archive."""
    resolutions = published_resolutions().select_related("meeting", "meeting__province")
    with_resolutions = published(MeetingPage).filter(Exists(Resolution.objects.filter(meeting=OuterRef("pk"))))
    cutoff = next(iter(with_resolutions.order_by("-date").values_list("date", flat=True)[count - 1 : count]), None)
    if cutoff is not None:
        resolutions = resolutions.filter(meeting__date__gte=cutoff)
    return resolutions.order_by("-meeting__date", "number")[:count]


def open_resolutions(provinces=None):
    """Published resolutions whose current status is pending or in progress; ``provinces`` (an iterable
    or queryset) narrows them to a user's scope."""
    resolutions = published_resolutions().filter(current_status__in=OPEN_STATUSES)
    if provinces is not None:
        resolutions = resolutions.filter(meeting__province__in=provinces)
    return resolutions.select_related("meeting", "meeting__province", "meeting__municipality")


def followable_resolutions(meeting, province=None, date=None):
    return Resolution.objects.followable_by(meeting, province=province, date=date)
