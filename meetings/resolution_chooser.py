"""Resolutions picked in Wagtail's chooser modal (searchable, paginated), not a select of every one: at
50,000 records a follow-up's select held 8,475 options in each row and in the new-row template (the
meeting editor took 9 s and 5.3 MB to open), a practice's related resolutions all 62,668.

Two listings: what a meeting may follow up, and every published resolution (a practice's related ones).
The follow-up modal offers what the form accepts (``ResolutionQuerySet.followable_by``): the meeting comes in the
modal's URL, the province and date being edited come from the form's own fields, as the editor has them.
"""

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
from records.publication import public_condition

from .models import MeetingPage, Resolution
from .resolution_widgets import PUBLISHED_VIEWSET_NAME, VIEWSET_NAME, ResolutionChooser, choice_label


def _number(value):
    return int(value) if value and value.isdigit() else None


def followable(query):
    """The resolutions a chooser opened with ``query`` (its URL parameters) may offer."""
    meeting = MeetingPage.objects.filter(pk=_number(query.get("meeting"))).first() or MeetingPage()
    try:
        date = jalali.parse_date(query["date"]) if query.get("date") else None
    except jalali.InvalidDate:
        date = None
    return Resolution.objects.followable_by(meeting, province=_number(query.get("province")), date=date)


class ResolutionFilterForm(BaseFilterForm):
    q = forms.CharField(label="جستجو در شماره یا متن مصوبه", required=False)

    def filter(self, objects):
        for word in normalize(self.cleaned_data.get("q") or "").split():
            objects = objects.filter(Q(text__iregex=loose_pattern(word)) | Q(meeting__ref__icontains=word))
        return objects


class ResolutionListing:
    """A page of resolutions in the modal: searchable by ref or text, labelled as the editor shows them."""

    filter_form_class = ResolutionFilterForm
    per_page = 20

    def apply_object_list_ordering(self, objects):
        return objects  # each listing orders itself: latest meeting first

    @property
    def title_column(self):
        column = super().title_column
        column.label, column.accessor = "مصوبه", choice_label
        return column

    @property
    def columns(self):
        date = Column("date", label="تاریخ نشست", accessor=lambda r: jalali.format_numeric(r.meeting.date))
        return [*super().columns, date]


class Followable(ResolutionListing):
    def get_object_list(self):
        return followable(self.request.GET)


class Published(ResolutionListing):
    def get_object_list(self):
        return published_resolutions()


def published_resolutions():
    """Resolutions of public meetings: a draft or restricted meeting's resolution is never named."""
    rows = Resolution.objects.filter(public_condition("meeting")).select_related("meeting")
    return rows.order_by("-meeting__date", "meeting__ref", "number")


class ResolutionChosenView(ChosenView):
    def get_object(self, pk):
        return published_resolutions().get(pk=pk)

    def get_display_title(self, instance):
        return choice_label(instance)


class ResolutionsChosenView(ChosenMultipleView):
    def get_objects(self, pks):
        return published_resolutions().filter(pk__in=[pk for pk in pks if str(pk).isdigit()])

    def get_display_title(self, instance):
        return choice_label(instance)


class ResolutionChooserViewSet(ChooserViewSet):
    model = Resolution
    icon = "tasks"
    choose_one_text = ResolutionChooser.choose_one_text
    choose_another_text = ResolutionChooser.choose_another_text
    search_tab_label = "جستجو"
    chosen_view_class = ResolutionChosenView
    chosen_multiple_view_class = ResolutionsChosenView
    register_widget = False  # each form sets its own widget


class FollowableChooserViewSet(ResolutionChooserViewSet):
    page_title = "گزینش مصوبه برای پیگیری"
    preserve_url_parameters = ["multiple", "meeting", "province", "date"]
    choose_view_class = type("FollowableChooseView", (Followable, ChooseView), {})
    choose_results_view_class = type("FollowableResultsView", (Followable, ChooseResultsView), {})
    widget_class = ResolutionChooser


class PublishedChooserViewSet(ResolutionChooserViewSet):
    page_title = "گزینش مصوبه‌های مرتبط"
    choose_view_class = type("PublishedChooseView", (Published, ChooseView), {})
    choose_results_view_class = type("PublishedResultsView", (Published, ChooseResultsView), {})


followable_viewset = FollowableChooserViewSet(VIEWSET_NAME, url_prefix="meetings/followable")
published_viewset = PublishedChooserViewSet(PUBLISHED_VIEWSET_NAME, url_prefix="meetings/resolutions-chooser")
