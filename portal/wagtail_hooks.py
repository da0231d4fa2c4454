from django.db import models
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.forms import JalaliDateField, JalaliDateInput
from portal.models import Municipality, Province, Topic

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

    return format_html('<link rel="stylesheet" href="{}">', static("portal/css/admin.css"))


@hooks.register("before_serve_document")
def restricted_documents_and_download_count(document, request):
    from portal.downloads import check_and_count

    return check_and_count(document, request)
