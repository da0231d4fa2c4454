"""The meeting editor's form: follow-ups can only pick earlier open resolutions of the province, in a chooser."""

from persian import jalali
from records.forms import RecordPageForm

from .resolution_widgets import ResolutionChooser


class MeetingPageForm(RecordPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("follow_ups")
        if formset is not None:
            formset.form = _with_resolution_choices(formset.form, self._followable(formset.form), self.instance.pk)
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


def _with_resolution_choices(form_class, queryset, meeting):
    class FollowUpForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            field = self.fields["resolution"]
            field.queryset = queryset
            field.widget = ResolutionChooser(meeting=meeting)

    return FollowUpForm
