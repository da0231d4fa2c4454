"""Noting the record versions that became public, and starting the matching once they are committed."""

from django.db import transaction

from records.deferral import deferring
from records.publication import is_published

from .models import RecordChange
from .tasks import match_changes


def note_change(page):
    """Log the page's live version (drafts and restricted pages never) and match it after the commit,
    when the search entries the matching reads are written; in a bulk import, once per flush of the
    deferred updates (``match_after_flush``), not once per file."""
    page = getattr(page, "specific", page)
    if not is_published(page):
        return
    _, created = RecordChange.objects.get_or_create(page_id=page.pk, version=page.live_revision_id or 0)
    if created and not deferring():
        transaction.on_commit(match_changes.enqueue)


def match_after_flush(pages):
    """The pages of a bulk import have their search entries now: match them, once for all of them."""
    if pages:
        transaction.on_commit(match_changes.enqueue)
