from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .lockout_views import TITLE, LockoutListView, can_unlock


@hooks.register("register_admin_urls")
def lockout_urls():
    return [path("login-lockouts/", LockoutListView.as_view(), name="desk_lockouts")]


class LockoutMenuItem(MenuItem):
    def is_shown(self, request):
        return can_unlock(request.user)


@hooks.register("register_settings_menu_item")
def lockout_menu_item():
    return LockoutMenuItem(TITLE, reverse("desk_lockouts"), icon_name="lock", order=650)
