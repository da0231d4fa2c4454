"""Noting the record versions that became public, and starting the matching once they are committed."""

from django.db import transaction

from records.publication import is_published

from .models import RecordChange
from .tasks import match_changes


def note_change(page):
    """Log the page's live version (drafts and restricted pages never) and match it after the commit,
    when the search entries the matching reads are written."""
    page = getattr(page, "specific", page)
    if not is_published(page):
        return
    _, created = RecordChange.objects.get_or_create(page_id=page.pk, version=page.live_revision_id or 0)
    if created:
        transaction.on_commit(match_changes.enqueue)
