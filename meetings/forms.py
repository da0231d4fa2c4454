"""The meeting editor's form: follow-ups can only pick earlier open resolutions of the province."""

from persian import jalali
from records.forms import RecordPageForm


class MeetingPageForm(RecordPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("follow_ups")
        if formset is not None:
            formset.form = _with_resolution_choices(formset.form, self._followable(formset.form))
            formset.__dict__.pop("forms", None)

    def _followable(self, follow_up_form):
        province, date = None, None
        if self.is_bound:  # the province and date being saved, not the stored ones
            province = self.data.get("province") or None
            try:
                date = jalali.parse_date(self.data.get("date")) if self.data.get("date") else None
            except jalali.InvalidDate:
                date = None
        resolutions = follow_up_form.base_fields["resolution"].queryset
        return resolutions.followable_by(self.instance, province=province, date=date)


def resolution_choice_label(resolution):
    """«QOM-1403-11#1 — پیشنهاد افزایش منطقی تعرفه … (در دست اقدام)»"""
    text = " ".join(resolution.text.split())
    short = text if len(text) <= 70 else text[:70].rsplit(" ", 1)[0] + "…"
    return f"{resolution.ref} — {short} ({resolution.current_status_label})"


def _with_resolution_choices(form_class, queryset):
    class FollowUpForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            field = self.fields["resolution"]
            field.queryset = queryset
            field.label_from_instance = resolution_choice_label
            field.empty_label = "— مصوبه‌ای را برگزینید —"

    return FollowUpForm
