"""Keeping ``Resolution.current_status`` equal to ``computed_current_status()``, the public rule.

A resolution's status changes only when something its rule reads changes: its own adopted status, a
follow-up naming it (added, edited, pointed elsewhere, removed), or a meeting recording one (published,
unpublished, deleted, its date changed, moved, view-restricted or released). Each of those recomputes
the resolutions it can touch in one UPDATE, in the same transaction, from what the database holds then,
so a rolled-back import or publish leaves nothing stale and a draft revision (not written to the rows)
changes nothing. ``drift()`` / ``manage.py check_resolution_status`` compare every row with the rule.

The same changes (and a resolution added or removed, a meeting's province changed or a meeting deleted)
recount the dashboard's summary of the buckets they touch (``meetings.status_summary``).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

from persian import jalali
from records.deferral import deferring
from records.signals import records_changed

from . import status_summary
from .models import FollowUp, MeetingPage, Resolution, computed_current_status

# Fields of a meeting page whose change can move a status or a count; a save of other fields only (a
# draft's ``save_revision``) needs nothing.
RULE_FIELDS = {"live", "date", "path", "province", "province_id"}

_saving_meeting = ContextVar("saving_meeting", default=False)


def refresh(resolutions, meetings=()):
    """Recompute the stored status of ``resolutions`` (a queryset) in one UPDATE, then the summary of their
    buckets and of ``meetings``' (ids: whose resolutions' publicity may have changed); returns the rows
    touched."""
    touched = resolutions.update(current_status=computed_current_status())
    buckets = status_summary.buckets_of(resolutions.values("meeting_id"))
    status_summary.recount(buckets | status_summary.buckets_of(meetings))
    return touched


def followed_by(meetings):
    """Resolutions some follow-up of ``meetings`` (a Page or MeetingPage queryset or ids) names."""
    return Q(pk__in=FollowUp.objects.filter(meeting__in=meetings).values("resolution_id"))


def refresh_under(path):
    """Every resolution followed up by a meeting at or below ``path`` (a move, a view restriction), and the
    summary of those meetings."""
    meetings = MeetingPage.objects.filter(path__startswith=path).values("pk")
    return refresh(Resolution.objects.filter(followed_by(meetings)), meetings)


@contextmanager
def keeping_status_of(meeting, update_fields=None):
    """Around a meeting's save, which writes the page and then its resolutions and follow-ups: afterwards
    refresh its own resolutions and those its follow-ups name, before and after (one may have been
    removed or pointed elsewhere). The rows' own signals wait for this."""
    if update_fields is not None and not RULE_FIELDS & set(update_fields):
        yield
        return
    if meeting.pk is None and deferring():
        # A new meeting of a bulk import: its own resolutions are new (their status is the adopted one);
        # those its follow-ups name, and the summary, are refreshed at the flush, for every meeting of it.
        token = _saving_meeting.set(True)
        try:
            yield
        finally:
            _saving_meeting.reset(token)
        return
    before, buckets = [], set()
    if meeting.pk is not None:
        before = list(FollowUp.objects.filter(meeting_id=meeting.pk).values_list("resolution_id", flat=True))
        buckets = status_summary.buckets_of([meeting.pk])  # where it was counted, before a new date or province
    token = _saving_meeting.set(True)
    try:
        yield
    finally:
        _saving_meeting.reset(token)
    touched = Q(meeting_id=meeting.pk) | Q(pk__in=before) | followed_by([meeting.pk])
    refresh(Resolution.objects.filter(touched), [meeting.pk])
    status_summary.recount(buckets - status_summary.buckets_of([meeting.pk]))


def _resolution_saved(sender, instance, created, raw=False, **kwargs):
    if raw or _saving_meeting.get():
        return
    if created:
        status_summary.recount(status_summary.buckets_of([instance.meeting_id]))
    else:
        refresh(Resolution.objects.filter(pk=instance.pk))


def _resolution_deleted(sender, instance, **kwargs):
    if not _saving_meeting.get():
        status_summary.recount(status_summary.buckets_of([instance.meeting_id]))


def _meeting_deleted(sender, instance, **kwargs):
    """Its resolutions are gone with it (deleted before it): recount where they were counted."""
    status_summary.recount({(instance.province_id, jalali.jalali_year(instance.date))})


def _follow_up_changed(sender, instance, raw=False, **kwargs):
    if not raw and not _saving_meeting.get():
        refresh(Resolution.objects.filter(pk=instance.resolution_id))


def _page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """A meeting saved as a plain ``Page`` (an expiry, a move): its follow-ups count or stop counting."""
    if raw or isinstance(instance, MeetingPage) or type(instance) is not Page:
        return
    if update_fields is None or RULE_FIELDS & set(update_fields):
        refresh(Resolution.objects.filter(followed_by([instance.pk])), [instance.pk])


def _page_moved(sender, instance, **kwargs):
    refresh_under(instance.path)


def _restriction_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        page = Page.objects.filter(pk=instance.page_id).only("path").first()
        if page is not None:
            refresh_under(page.path)


def _flushed(sender, pages, **kwargs):
    """After a flush of a bulk import's deferred work, before the search entries (the next listener) read
    the statuses: the resolutions its meetings follow up and the summary of their buckets, in one go."""
    if pages:
        with transaction.atomic():
            refresh(Resolution.objects.filter(followed_by(list(pages))), list(pages))


def connect():
    records_changed.connect(_flushed, dispatch_uid="stored_status_flushed")
    MeetingPage.keep_status = staticmethod(keeping_status_of)
    post_save.connect(_resolution_saved, sender=Resolution, dispatch_uid="stored_status_resolution")
    post_delete.connect(_resolution_deleted, sender=Resolution, dispatch_uid="stored_status_resolution_deleted")
    post_delete.connect(_meeting_deleted, sender=MeetingPage, dispatch_uid="stored_status_meeting_deleted")
    post_save.connect(_follow_up_changed, sender=FollowUp, dispatch_uid="stored_status_follow_up_saved")
    post_delete.connect(_follow_up_changed, sender=FollowUp, dispatch_uid="stored_status_follow_up_deleted")
    post_save.connect(_page_saved, dispatch_uid="stored_status_page")
    post_page_move.connect(_page_moved, dispatch_uid="stored_status_move")
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="stored_status_restricted")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="stored_status_released")


def drift(resolutions=None):
    """Resolutions whose stored status is not what the rule computes now (as ``rule``)."""
    resolutions = Resolution.objects.all() if resolutions is None else resolutions
    return resolutions.annotate(rule=computed_current_status()).exclude(current_status=F("rule"))
