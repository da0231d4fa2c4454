"""Form fields that let editors type Jalali dates."""

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm

from desk.scope import province_of
from persian import jalali


class JalaliDateInput(forms.TextInput):
    def __init__(self, attrs=None):
        # data-jdp: the admin's Jalali date picker (portal/static/portal/js/admin.js) opens on it.
        defaults = {
            "placeholder": "۱۴۰۴/۰۶/۲۳",
            "dir": "ltr",
            "inputmode": "numeric",
            "autocomplete": "off",
            "data-jdp": "",
        }
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if hasattr(value, "year"):
            return jalali.format_numeric(value)
        return value


class JalaliDateField(forms.Field):
    """Accepts ``۱۴۰۴/۰۶/۲۳``, ``1404-06-23`` or a Gregorian ``2025-09-14``; cleans to a ``date``."""

    widget = JalaliDateInput

    def __init__(self, *args, **kwargs):
        for unused in ("input_formats",):
            kwargs.pop(unused, None)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return jalali.parse_date(value)
        except jalali.InvalidDate as error:
            raise ValidationError(str(error), code="invalid") from None


ALT_TEXT_REQUIRED = "شرح این تصویر را بنویسید: کسی که تصویر را نمی‌بیند همین را می‌شنود."


class RecordPageForm(WagtailAdminPageForm):
    """A record's admin form: an office user files records under their own province only, and every
    image newly attached to a record says what it shows (its alt text)."""

    def clean(self):
        cleaned = super().clean()
        images = getattr(self, "formsets", {}).get("images")
        if images is None or not images.is_valid():  # validating them first gives their cleaned_data
            return cleaned
        for form in images.forms:
            data = getattr(form, "cleaned_data", None) or {}
            image = data.get("image")
            if form.instance.pk or not image or data.get("DELETE"):
                continue
            if not data.get("caption", "").strip() and not (image.description or "").strip():
                form.add_error("caption", ALT_TEXT_REQUIRED)
        return cleaned

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or user.is_superuser or "province" not in self.fields:
            return
        province = province_of(user)
        field = self.fields["province"]
        field.queryset = field.queryset.filter(pk=getattr(province, "pk", None))
        field.error_messages["invalid_choice"] = "شما فقط سندهای استان خود را ثبت می‌کنید."
        # A plain list instead of the snippet chooser, whose modal would offer every province.
        field.widget = forms.Select(choices=field.choices)
        if "municipality" in self.fields:
            field = self.fields["municipality"]
            field.queryset = field.queryset.filter(province=province)
            field.widget = forms.Select(choices=field.choices)
        if province is not None and not self.instance.province_id:
            self.initial["province"] = province.pk
