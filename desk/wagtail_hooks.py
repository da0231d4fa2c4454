"""The province scope on the admin's page listings that bypass the permission policy, and the
login-lockout screen."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .lockout_views import TITLE, LockoutListView, can_unlock
from .scope import records_hidden_from


def _scoped(pages, user):
    return pages if user.is_superuser else pages.exclude(pk__in=records_hidden_from(user).values("pk"))


@hooks.register("construct_page_chooser_queryset")
def page_chooser_in_scope(pages, request):
    return _scoped(pages, request.user)


@hooks.register("construct_explorer_page_queryset")
def explorer_in_scope(parent_page, pages, request):
    return _scoped(pages, request.user)


@hooks.register("register_admin_urls")
def lockout_urls():
    return [path("login-lockouts/", LockoutListView.as_view(), name="desk_lockouts")]


class LockoutMenuItem(MenuItem):
    def is_shown(self, request):
        return can_unlock(request.user)


@hooks.register("register_settings_menu_item")
def lockout_menu_item():
    return LockoutMenuItem(TITLE, reverse("desk_lockouts"), icon_name="lock", order=650)
