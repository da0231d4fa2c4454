"""The province scope on the admin's page listings that bypass the permission policy."""

from wagtail import hooks

from .scope import records_hidden_from


def _scoped(pages, user):
    return pages if user.is_superuser else pages.exclude(pk__in=records_hidden_from(user).values("pk"))


@hooks.register("construct_page_chooser_queryset")
def page_chooser_in_scope(pages, request):
    return _scoped(pages, request.user)


@hooks.register("construct_explorer_page_queryset")
def explorer_in_scope(parent_page, pages, request):
    return _scoped(pages, request.user)
