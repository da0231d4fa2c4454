"""The meeting editor's form: follow-ups can only pick earlier open resolutions of the province."""

from portal import jalali
from portal.forms import RecordPageForm


class MeetingPageForm(RecordPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("follow_ups")
        if formset is not None:
            formset.form = _with_resolution_choices(formset.form, self._followable())
            formset.__dict__.pop("forms", None)

    def _followable(self):
        from .services import followable_resolutions

        province, date = None, None
        if self.is_bound:  # the province and date being saved, not the stored ones
            province = self.data.get("province") or None
            try:
                date = jalali.parse_date(self.data.get("date")) if self.data.get("date") else None
            except jalali.InvalidDate:
                date = None
        return followable_resolutions(self.instance, province=province, date=date)


def _with_resolution_choices(form_class, queryset):
    from .services import resolution_choice_label

    class FollowUpForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            field = self.fields["resolution"]
            field.queryset = queryset
            field.label_from_instance = resolution_choice_label
            field.empty_label = "— مصوبه‌ای را برگزینید —"

    return FollowUpForm
