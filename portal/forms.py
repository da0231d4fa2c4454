"""Form fields that let editors type Jalali dates."""

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm

from portal import jalali


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


class RecordPageForm(WagtailAdminPageForm):
    """A record's admin form: an office user files records under their own province only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or user.is_superuser or "province" not in self.fields:
            return
        from desk.scope import province_of

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
