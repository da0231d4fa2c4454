"""Agreements picked in Wagtail's chooser modal (a practice's related agreements): published ones only,
searchable by ref or title, a page at a time, instead of a select of every agreement in the archive."""

from django import forms
from django.db.models import Q
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import (
    BaseFilterForm,
    ChooseResultsView,
    ChooseView,
    ChosenMultipleView,
    ChosenView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet

from persian import jalali
from persian.text import loose_pattern, normalize
from records.publication import published

from .models import AgreementPage

VIEWSET_NAME = "published_agreements"


def choice_label(agreement):
    return f"{agreement.ref} — {agreement.title}"


def published_agreements():
    return published(AgreementPage).order_by("-date", "-pk")


class AgreementFilterForm(BaseFilterForm):
    q = forms.CharField(label="جستجو در شماره یا عنوان تفاهم‌نامه", required=False)

    def filter(self, objects):
        for word in normalize(self.cleaned_data.get("q") or "").split():
            objects = objects.filter(Q(title__iregex=loose_pattern(word)) | Q(ref__icontains=word))
        return objects


class AgreementListing:
    filter_form_class = AgreementFilterForm
    per_page = 20

    def get_object_list(self):
        return published_agreements()

    def apply_object_list_ordering(self, objects):
        return objects

    @property
    def title_column(self):
        column = super().title_column
        column.label, column.accessor = "تفاهم‌نامه", choice_label
        return column

    @property
    def columns(self):
        return [*super().columns, Column("date", label="تاریخ", accessor=lambda a: jalali.format_numeric(a.date))]


class AgreementChosenView(ChosenView):
    def get_object(self, pk):
        return published_agreements().get(pk=pk)

    def get_display_title(self, instance):
        return choice_label(instance)


class AgreementsChosenView(ChosenMultipleView):
    def get_objects(self, pks):
        return published_agreements().filter(pk__in=[pk for pk in pks if str(pk).isdigit()])

    def get_display_title(self, instance):
        return choice_label(instance)


class AgreementChooserViewSet(ChooserViewSet):
    model = AgreementPage
    icon = "doc-full"
    choose_one_text = "گزینش تفاهم‌نامه"
    page_title = "گزینش تفاهم‌نامه‌های مرتبط"
    search_tab_label = "جستجو"
    choose_view_class = type("AgreementChooseView", (AgreementListing, ChooseView), {})
    choose_results_view_class = type("AgreementResultsView", (AgreementListing, ChooseResultsView), {})
    chosen_view_class = AgreementChosenView
    chosen_multiple_view_class = AgreementsChosenView
    register_widget = False  # pages keep Wagtail's page chooser; only the practice's field uses this


agreement_chooser_viewset = AgreementChooserViewSet(VIEWSET_NAME, url_prefix="agreements/chooser")
