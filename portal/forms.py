"""Form fields that let editors type Jalali dates."""

from django import forms
from django.core.exceptions import ValidationError

from portal import jalali


class JalaliDateInput(forms.TextInput):
    def __init__(self, attrs=None):
        defaults = {"placeholder": "۱۴۰۴/۰۶/۲۳", "dir": "ltr", "inputmode": "numeric", "autocomplete": "off"}
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
