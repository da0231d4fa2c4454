"""Noting the record versions that became public, and starting the matching once they are committed."""

from django.db import transaction
from wagtail.models import Page

from records.deferral import defer, deferring
from records.publication import is_published, public

from .models import RecordChange
from .tasks import match_changes


def note_change(page):
    """Log the page's live version (drafts and restricted pages never) and match it after the commit,
    when the search entries the matching reads are written; in a bulk import, once per flush of the
    deferred updates (``match_after_flush``), not once per file, which logs every page of the flush."""
    if defer(page.pk):
        return
    page = getattr(page, "specific", page)
    if not is_published(page):
        return
    _, created = RecordChange.objects.get_or_create(page_id=page.pk, version=page.live_revision_id or 0)
    if created and not deferring():
        transaction.on_commit(match_changes.enqueue)


def match_after_flush(pages):
    """The pages of a bulk import have their search entries now: log the live version of those public
    (as ``note_change`` would have, each in a few queries) and match them, once for all of them."""
    if not pages:
        return
    with transaction.atomic():
        versions = {
            (pk, revision or 0)
            for pk, revision in public(Page.objects.filter(pk__in=pages)).values_list("pk", "live_revision_id")
        }
        logged = RecordChange.objects.filter(page_id__in=pages).values_list("page_id", "version")
        new = versions - set(logged)
        RecordChange.objects.bulk_create([RecordChange(page_id=pk, version=version) for pk, version in new])
    transaction.on_commit(match_changes.enqueue)
