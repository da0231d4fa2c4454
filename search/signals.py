from django.db.models.signals import post_delete, pre_delete
from modelsearch.index import remove_object
from wagtail.signals import page_published, page_unpublished

from .indexing import remove_page, sync_page


def _resync(sender, instance, **kwargs):
    sync_page(instance)


def _remove(sender, instance, **kwargs):
    remove_page(instance)


def _unindex(sender, instance, **kwargs):
    remove_object(instance)


def connect():
    from portal.records import record_models

    from .models import SearchEntry

    post_delete.connect(_unindex, sender=SearchEntry, dispatch_uid="search-entry-unindex")
    for model in record_models():
        page_published.connect(_resync, sender=model, dispatch_uid=f"search-publish-{model.__name__}")
        page_unpublished.connect(_remove, sender=model, dispatch_uid=f"search-unpublish-{model.__name__}")
        pre_delete.connect(_note_followed, sender=model, dispatch_uid=f"search-predelete-{model.__name__}")
        post_delete.connect(_refresh_followed, sender=model, dispatch_uid=f"search-delete-{model.__name__}")


def _note_followed(sender, instance, **kwargs):
    from meetings.models import MeetingPage

    instance._followed_meetings = list(
        MeetingPage.objects.filter(resolutions__follow_ups__meeting=instance.pk).exclude(pk=instance.pk).distinct()
    )


def _refresh_followed(sender, instance, **kwargs):
    """A deleted meeting's follow-ups no longer count for the resolutions it reviewed."""
    for meeting in getattr(instance, "_followed_meetings", []):
        sync_page(meeting, follow_links=False)
