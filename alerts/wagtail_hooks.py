from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .office import TITLE, MunicipalSubscriptionsView, is_office


@hooks.register("register_admin_urls")
def municipal_urls():
    return [path("alerts/municipalities/", MunicipalSubscriptionsView.as_view(), name="alerts_municipal")]


class OfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return is_office(request.user)


@hooks.register("register_admin_menu_item")
def municipal_menu_item():
    return OfficeMenuItem(TITLE, reverse("alerts_municipal"), icon_name="mail", order=900)
