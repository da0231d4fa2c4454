"""Admin forms of the Word import: the upload, then the proposal to confirm, edit or drop."""

from django import forms
from django.core.exceptions import ValidationError

from places.models import Municipality, Province
from records.forms import JalaliDateField
from records.refs import ref_key, ref_owner

from .docx_reading import WordImportError, max_upload_bytes, too_large_error
from .word_import import MAX_TITLE_LENGTH, propose_meeting


class MunicipalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.province.name})"


def _municipality_field():
    return MunicipalityChoiceField(
        Municipality.objects.select_related("province").order_by("province__name", "name"),
        required=False,
        label="شهرداری میزبان",
        empty_label="— از متن سند —",
    )


class ProvinceScopedForm(forms.Form):
    """``provinces`` narrows the choice to the provinces the user may work in (all by default)."""

    def __init__(self, *args, provinces=None, **kwargs):
        super().__init__(*args, **kwargs)
        if provinces is not None:
            self.fields["province"].queryset = provinces
            self.fields["municipality"].queryset = self.fields["municipality"].queryset.filter(province__in=provinces)
            if len(provinces) == 1:  # a provincial editor: their province, chosen already
                self.fields["province"].empty_label = None

    def clean(self):
        cleaned = super().clean()
        province, municipality = cleaned.get("province"), cleaned.get("municipality")
        if province and municipality and municipality.province_id != province.pk:
            self.add_error("municipality", f"شهرداری «{municipality.name}» در استان {province.name} نیست.")
        return cleaned


class WordUploadForm(ProvinceScopedForm):
    file = forms.FileField(
        label="فایل Word (‎.docx‎)",
        help_text="صورت‌جلسه‌ای که در Word نوشته شده است؛ یک پیش‌نویس منتشرنشده از آن ساخته می‌شود.",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
        ),
    )
    province = forms.ModelChoiceField(Province.objects.all(), label="استان", empty_label="— استان —")
    municipality = _municipality_field()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_upload_bytes():  # refused before reading it
            raise ValidationError(str(too_large_error()))
        try:
            self.proposal = propose_meeting(upload.read())
        except WordImportError as error:
            raise ValidationError(str(error)) from None
        return upload


class DraftMeetingForm(ProvinceScopedForm):
    title = forms.CharField(label="عنوان", max_length=MAX_TITLE_LENGTH)
    ref = forms.CharField(
        label="شماره (ref)",
        max_length=64,
        help_text="شماره بعدی آزاد استان در همان سال پیشنهاد شده است.",
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    date = JalaliDateField(label="تاریخ نشست")
    province = forms.ModelChoiceField(Province.objects.all(), label="استان", empty_label=None)
    municipality = _municipality_field()
    body = forms.CharField(
        label="صورت‌جلسه (Markdown)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "dir": "rtl"}),
        help_text="متن سند، با سرفصل‌ها، فهرست‌ها و جدول‌ها؛ پس از ساخت پیش‌نویس هم ویرایش‌پذیر است.",
    )

    def clean_ref(self):
        ref = self.cleaned_data["ref"].strip()
        owner = ref_owner(ref_key(ref))
        if owner is not None:
            raise ValidationError(f"این شماره پیش‌تر برای «{owner.title}» ثبت شده است.")
        return ref


class ProposedResolutionForm(forms.Form):
    text = forms.CharField(label="متن مصوبه", widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.CharField(
        label="مسئول اجرا", required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="هر دستگاه در یک سطر."
    )
    deadline = JalaliDateField(label="مهلت", required=False)


class BaseResolutionFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = "کنار گذاشتن این مورد"

    def confirmed(self):
        """The kept resolutions, in order (an untouched blank extra form is not one)."""
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("text")
        ]


ResolutionFormSet = forms.formset_factory(
    ProposedResolutionForm, formset=BaseResolutionFormSet, extra=1, can_delete=True, max_num=200
)


SOURCE_LABELS = {
    "section": "از فهرست زیر «مصوبات»",
    "table": "از جدول مصوبات",
    "sentence": "از جمله‌ای در متن («مقرر شد» / «تصویب شد»)",
}


def resolution_initial(proposal):
    return [
        {
            "text": r.text,
            "responsible": "\n".join(r.responsible),
            "deadline": r.deadline,
            "source": SOURCE_LABELS.get(r.source, ""),
        }
        for r in proposal.resolutions
    ]
