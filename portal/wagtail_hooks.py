from django.db import models
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from desk.scope import province_of
from places.models import Municipality, Province, Topic
from portal.downloads import check_and_count, most_downloaded
from portal.task_admin import TITLE as TASK_TITLE
from portal.task_admin import TaskListView, may_see_tasks
from records.forms import JalaliDateField, JalaliDateInput

# Editors type Jalali dates everywhere a date is entered in the admin.
register_form_field_override(models.DateField, override={"form_class": JalaliDateField, "widget": JalaliDateInput})


class ProvinceViewSet(SnippetViewSet):
    model = Province
    icon = "site"
    list_display = ["name", "code", "capital"]
    list_export = ["name", "code", "capital"]
    search_fields = ["name", "capital"]
    ordering = ["name"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "home"
    list_display = ["name", "province"]
    list_export = ["name", "province"]
    list_filter = ["province"]
    search_fields = ["name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    list_export = ["name", "slug"]
    search_fields = ["name"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "طبقه‌بندی"
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (ProvinceViewSet, MunicipalityViewSet, TopicViewSet)


register_snippet(TaxonomyGroup)


@hooks.register("insert_global_admin_css")
def admin_font():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html(
        '<link rel="stylesheet" href="{}"><link rel="stylesheet" href="{}">',
        static("portal/vendor/jalalidatepicker/jalalidatepicker.min.css"),
        static("portal/css/admin.css"),
    )


@hooks.register("insert_global_admin_js")
def admin_scripts():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html(
        '<script src="{}" defer></script><script src="{}" defer></script>',
        static("portal/vendor/jalalidatepicker/jalalidatepicker.min.js"),
        static("portal/js/admin.js"),
    )


class MostDownloadedPanel(Component):
    """«پربازدیدترین اسناد» on the dashboard: the office's province, or every province for a superuser."""

    name = "most_downloaded"
    order = 120
    template_name = "portal/admin/most_downloaded_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        province = None if self.user.is_superuser else province_of(self.user)
        provinces = None if self.user.is_superuser else {getattr(province, "pk", None)}
        return {"documents": most_downloaded(provinces=provinces, user=self.user)}


@hooks.register("construct_homepage_panels")
def most_downloaded_panel(request, panels):
    panels.append(MostDownloadedPanel(request.user))


@hooks.register("before_serve_document")
def restricted_documents_and_download_count(document, request):
    return check_and_count(document, request)


@hooks.register("register_admin_urls")
def task_urls():
    return [path("background-tasks/", TaskListView.as_view(), name="portal_tasks")]


class TaskMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_tasks(request.user)


@hooks.register("register_settings_menu_item")
def task_menu_item():
    return TaskMenuItem(TASK_TITLE, reverse("portal_tasks"), icon_name="cogs", order=660)
