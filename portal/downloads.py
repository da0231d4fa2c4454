"""Serving a document: only to those ``agreements.access`` lets have it, every download counted."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import F

from portal.models import DocumentDownload


def count_download(document):
    DocumentDownload.objects.get_or_create(document=document)
    DocumentDownload.objects.filter(document=document).update(count=F("count") + 1)


def check_and_count(document, request):
    """The ``before_serve_document`` hook: a login redirect, a 403, or None to serve (counted)."""
    from agreements.access import LOCKED, LOGIN, access_to

    access = access_to(request.user, document)
    if access == LOGIN:
        return redirect_to_login(request.get_full_path())
    if access == LOCKED:
        raise PermissionDenied("restricted or unpublished document")
    count_download(document)
    return None
