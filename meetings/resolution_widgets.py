"""A resolution chooser as a form widget. A follow-up's: the modal's URL carries the meeting being edited,
its province and date follow the form's own fields; an agreement's approving resolution: any published one.
No model import: the meeting form (imported by the models) uses it."""

from urllib.parse import urlencode

from wagtail.admin.widgets import BaseChooser

VIEWSET_NAME = "followable_resolutions"
PUBLISHED_VIEWSET_NAME = "published_resolutions"
LINKED_FIELDS = {"province": "#id_province", "date": "#id_date"}


def choice_label(resolution):
    """«QOM-1403-11#1 — پیشنهاد افزایش منطقی تعرفه … (در دست اقدام)»"""
    text = " ".join(resolution.text.split())
    short = text if len(text) <= 70 else text[:70].rsplit(" ", 1)[0] + "…"
    return f"{resolution.ref} — {short} ({resolution.current_status_label})"


class ResolutionChooser(BaseChooser):
    model = "meetings.Resolution"
    chooser_modal_url_name = f"{VIEWSET_NAME}:choose"
    choose_one_text = "گزینش مصوبه"
    choose_another_text = "گزینش مصوبه‌ای دیگر"
    link_to_chosen_text = "ویرایش"
    show_edit_link = False
    icon = "tasks"
    linked_fields = LINKED_FIELDS

    def __init__(self, meeting=None, **kwargs):
        self.meeting = meeting
        super().__init__(**kwargs)

    def get_chooser_modal_url(self):
        url = super().get_chooser_modal_url()
        return f"{url}?{urlencode({'meeting': self.meeting})}" if self.meeting else url

    def get_instance(self, value):
        if value is None or isinstance(value, self.model_class):
            return value
        return self.model_class.objects.select_related("meeting").filter(pk=value).first()

    def get_display_title(self, instance):
        return choice_label(instance)


class PublishedResolutionChooser(ResolutionChooser):
    chooser_modal_url_name = f"{PUBLISHED_VIEWSET_NAME}:choose"
    linked_fields = {}
