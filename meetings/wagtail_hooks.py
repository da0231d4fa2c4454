from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button

from desk.scope import provinces_for

from .models import MeetingIndexPage
from .open_resolutions import dashboard_summary
from .resolution_chooser import followable_viewset, published_viewset
from .word_import_views import WordConfirmView, WordUploadView, can_import

WORD_IMPORT_LABEL = "ورود از Word"


@hooks.register("register_admin_urls")
def word_import_urls():
    return [
        path("meetings/import-word/", WordUploadView.as_view(), name="meetings_word_import"),
        path("meetings/import-word/confirm/", WordConfirmView.as_view(), name="meetings_word_import_confirm"),
    ]


class WordImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_admin_menu_item")
def word_import_menu_item():
    return WordImportMenuItem(
        WORD_IMPORT_LABEL, reverse("meetings_word_import"), icon_name="doc-full-inverse", order=250
    )


@hooks.register("register_page_header_buttons")
def word_import_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, MeetingIndexPage) and can_import(user):
        yield Button(WORD_IMPORT_LABEL, reverse("meetings_word_import"), icon_name="doc-full-inverse", priority=16)


def dashboard_provinces(user):
    """The provinces whose resolutions a user's dashboard shows (``None``: every province)."""
    return None if user.is_superuser else list(provinces_for(user))


class OpenResolutionsPanel(Component):
    name = "open_resolutions"
    order = 110
    template_name = "meetings/admin/open_resolutions_panel.html"

    def __init__(self, provinces):
        self.provinces = provinces

    def get_context_data(self, parent_context):
        return dashboard_summary(self.provinces)


@hooks.register("construct_homepage_panels")
def open_resolutions_panel(request, panels):
    panels.append(OpenResolutionsPanel(dashboard_provinces(request.user)))


@hooks.register("register_admin_viewset")
def register_resolution_choosers():
    return [followable_viewset, published_viewset]
