"""Resolutions picked in Wagtail's chooser modal (``records.choosers``), not a select of every one: at
50,000 records a follow-up's select held 8,475 options in each row and in the new-row template (the
meeting editor took 9 s and 5.3 MB to open), a practice's related resolutions all 62,668.

Two listings: what a meeting may follow up, and every published resolution (a practice's related ones,
an agreement's approving one). The follow-up modal offers what the form accepts
(``ResolutionQuerySet.followable_by``): the meeting comes in the modal's URL, the province and date being
edited come from the form's own fields, as the editor has them.
"""

from django.db.models import Q
from wagtail.admin.ui.tables import Column

from persian import jalali
from persian.text import loose_pattern
from records.choosers import RecordChooserViewSet

from .models import MeetingPage, Resolution
from .resolution_widgets import PUBLISHED_VIEWSET_NAME, VIEWSET_NAME, ResolutionChooser, choice_label
from .services import followable_resolutions, published_resolutions


def _number(value):
    return int(value) if value and value.isdigit() else None


def followable(query):
    """The resolutions a chooser opened with ``query`` (its URL parameters) may offer."""
    meeting = MeetingPage.objects.filter(pk=_number(query.get("meeting"))).first() or MeetingPage()
    try:
        date = jalali.parse_date(query["date"]) if query.get("date") else None
    except jalali.InvalidDate:
        date = None
    return followable_resolutions(meeting, province=_number(query.get("province")), date=date)


def chosen_from():
    """Resolutions of public meetings: a draft or restricted meeting's resolution is never named."""
    rows = published_resolutions().select_related("meeting")
    return rows.order_by("-meeting__date", "meeting__ref", "number")


def search(rows, word):
    return rows.filter(Q(text__iregex=loose_pattern(word)) | Q(meeting__ref__icontains=word))


COMMON = {
    "model": Resolution,
    "icon": "tasks",
    "choose_one_text": ResolutionChooser.choose_one_text,
    "choose_another_text": ResolutionChooser.choose_another_text,
    "chosen_from": chosen_from,
    "label": choice_label,
    "item_label": "مصوبه",
    "search": search,
    "search_label": "جستجو در شماره یا متن مصوبه",
    "extra_columns": (Column("date", label="تاریخ نشست", accessor=lambda r: jalali.format_numeric(r.meeting.date)),),
}

followable_viewset = RecordChooserViewSet(
    VIEWSET_NAME,
    url_prefix="meetings/followable",
    page_title="گزینش مصوبه برای پیگیری",
    listing=followable,
    preserve_url_parameters=["multiple", "meeting", "province", "date"],
    widget_class=ResolutionChooser,
    **COMMON,
)
published_viewset = RecordChooserViewSet(
    PUBLISHED_VIEWSET_NAME,
    url_prefix="meetings/resolutions-chooser",
    page_title="گزینش مصوبه‌های مرتبط",
    listing=lambda query: chosen_from(),
    **COMMON,
)
