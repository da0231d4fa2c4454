from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from .models import MeetingIndexPage
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
