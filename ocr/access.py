"""Who corrects which scans: a province's office those of files attached to its own records."""

from django.db.models import Q

from desk.scope import OFFICE_GROUPS, in_groups, province_of
from records.registry import record_models


def scans_for(user, scans):
    """``scans`` narrowed to what ``user`` may see and correct (a superuser: all)."""
    if not getattr(user, "is_active", False):
        return scans.none()
    if user.is_superuser:
        return scans
    province = province_of(user)
    if province is None or not in_groups(user, OFFICE_GROUPS):
        return scans.none()
    attached = Q()
    for model in record_models():
        documents = model.documents.rel.related_model.objects.filter(page__province=province)
        images = model.images.rel.related_model.objects.filter(page__province=province)
        attached |= Q(document__in=documents.values("document")) | Q(image__in=images.values("image"))
    return scans.filter(attached)
