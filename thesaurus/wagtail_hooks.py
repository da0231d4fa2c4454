from django import forms
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .exchange import Entry, ThesaurusError, validate
from .models import Concept, split_labels


class ConceptForm(WagtailAdminModelForm):
    """The snippet form refuses what an import refuses: a label another concept has, a cycle in broader."""

    def clean(self):
        data = super().clean()
        if self.errors or not data.get("slug"):
            return data
        entry = Entry(
            slug=data["slug"],
            pref_label=data.get("pref_label") or "",
            alt_labels=split_labels(data.get("alt_labels")),
            broader=[c.slug for c in data.get("broader") or []],
            related=[c.slug for c in data.get("related") or []],
        )
        try:
            validate([entry], exclude=self.instance.pk)
        except ThesaurusError as error:
            raise forms.ValidationError([reason for _, reason in error.problems]) from None
        return data


class ConceptViewSet(SnippetViewSet):
    model = Concept
    icon = "list-ul"
    menu_label = "اصطلاح‌نامه"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["pref_label", "slug", "topic", "updated_at"]
    list_export = ["slug", "pref_label", "alt_labels", "topic"]
    list_filter = ["topic"]
    search_fields = ["pref_label", "alt_labels", "slug"]
    ordering = ["pref_label"]
    edit_handler = ObjectList(
        [
            FieldPanel("pref_label"),
            FieldPanel("alt_labels"),
            FieldPanel("slug"),
            FieldPanel("definition"),
            FieldPanel("broader", widget=forms.CheckboxSelectMultiple),
            FieldPanel("related", widget=forms.CheckboxSelectMultiple),
            FieldPanel("topic"),
            FieldPanel("iri"),
        ],
        base_form_class=ConceptForm,
    )


register_snippet(ConceptViewSet)


@hooks.register("register_admin_urls")
def thesaurus_exchange_urls():
    return [path("thesaurus/exchange/", admin_views.exchange_view, name="thesaurus_exchange")]


@hooks.register("register_admin_menu_item")
def thesaurus_exchange_menu_item():
    return MenuItem("ورود و صدور اصطلاح‌نامه", reverse("thesaurus_exchange"), icon_name="download", order=311)
