from wagtail import hooks

from .scope import province_of, records_outside


@hooks.register("construct_explorer_page_queryset")
def only_own_province(parent_page, pages, request):
    """Office users browse their own province's records; other provinces' drafts stay out of sight."""
    user = request.user
    if user.is_superuser:
        return pages
    return pages.exclude(pk__in=records_outside(province_of(user)).values("pk"))
