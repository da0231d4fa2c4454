"""A follow-up's resolution picked in Wagtail's chooser modal (searchable, paginated), not a select of
every open resolution of the province: at 50,000 records that select held 8,475 options in each row and
in the new-row template, and the meeting editor took 9 s and 5.3 MB to open.

The modal offers what the form accepts (``ResolutionQuerySet.followable_by``): the meeting comes in the
modal's URL, the province and date being edited come from the form's own fields, as the editor has them.
"""

from django import forms
from django.db.models import Q
from django.urls import reverse
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.chooser import BaseFilterForm, ChooseResultsView, ChooseView, ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from persian import jalali
from persian.text import loose_pattern, normalize
from records.publication import public_condition

from .follow_up_widget import VIEWSET_NAME, ResolutionChooser, choice_label
from .models import MeetingPage, Resolution


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


class FollowableMixin:
    filter_form_class = ResolutionFilterForm
    per_page = 20

    def get_object_list(self):
        return followable(self.request.GET)

    def apply_object_list_ordering(self, objects):
        return objects  # ``followable_by`` orders: latest meeting first

    @property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label="مصوبه",
                accessor=choice_label,
                get_url=lambda resolution: self.append_preserved_url_parameters(
                    reverse(self.chosen_url_name, args=(resolution.pk,))
                ),
                link_attrs={"data-chooser-modal-choice": True},
            ),
            Column("date", label="تاریخ نشست", accessor=lambda r: jalali.format_numeric(r.meeting.date)),
        ]


class ResolutionChooseView(FollowableMixin, ChooseView):
    pass


class ResolutionChooseResultsView(FollowableMixin, ChooseResultsView):
    pass


class ResolutionChosenView(ChosenView):
    def get_object(self, pk):
        # a draft or restricted meeting's resolution is never named, whatever id is asked for
        return Resolution.objects.filter(public_condition("meeting")).select_related("meeting").get(pk=pk)

    def get_display_title(self, instance):
        return choice_label(instance)


class ResolutionChooserViewSet(ChooserViewSet):
    model = Resolution
    icon = "tasks"
    choose_one_text = ResolutionChooser.choose_one_text
    choose_another_text = ResolutionChooser.choose_another_text
    page_title = "گزینش مصوبه برای پیگیری"
    search_tab_label = "جستجو"
    preserve_url_parameters = ["multiple", "meeting", "province", "date"]
    choose_view_class = ResolutionChooseView
    choose_results_view_class = ResolutionChooseResultsView
    chosen_view_class = ResolutionChosenView
    register_widget = False  # the follow-up form sets its own, with the meeting being edited

    widget_class = ResolutionChooser


resolution_chooser_viewset = ResolutionChooserViewSet(VIEWSET_NAME, url_prefix="meetings/followable")
