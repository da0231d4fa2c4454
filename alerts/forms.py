from django import forms

from .models import Frequency

EMAIL_ERRORS = {
    "required": "نشانی ایمیل را بنویسید.",
    "invalid": "نشانی ایمیل درست نیست؛ مانند name@example.ir بنویسید.",
}
NAME_ERRORS = {"required": "برای این جست‌وجو نامی بنویسید.", "max_length": "نام بیش از ۱۲۰ نویسه است."}
FREQUENCY_ERRORS = {"required": "بسامد ارسال را برگزینید.", "invalid_choice": "بسامد ارسال شناخته نیست."}


class FollowForm(forms.Form):
    query = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
    name = forms.CharField(label="نام این جست‌وجو", max_length=120, error_messages=NAME_ERRORS)
    frequency = forms.ChoiceField(
        label="بسامد", choices=Frequency.choices, initial=Frequency.DAILY, error_messages=FREQUENCY_ERRORS
    )
    email = forms.EmailField(label="نشانی ایمیل", required=False, max_length=254, error_messages=EMAIL_ERRORS)

    def __init__(self, *args, anonymous=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = anonymous


class ChangeForm(forms.Form):
    """One change to one saved search on «اشتراک‌های من»."""

    ACTIONS = ("rename", "frequency", "pause", "resume", "delete")

    search = forms.IntegerField(min_value=1, max_value=2**62, error_messages={"invalid": "اشتراک شناخته نیست."})
    action = forms.ChoiceField(
        choices=[(a, a) for a in ACTIONS], error_messages={"invalid_choice": "این کار شناخته نیست."}
    )
    name = forms.CharField(required=False, max_length=120, error_messages=NAME_ERRORS)
    frequency = forms.ChoiceField(required=False, choices=Frequency.choices, error_messages=FREQUENCY_ERRORS)

    def clean(self):
        data = super().clean()
        if data.get("action") == "rename" and not (data.get("name") or "").strip():
            self.add_error("name", NAME_ERRORS["required"])
        if data.get("action") == "frequency" and not data.get("frequency"):
            self.add_error("frequency", FREQUENCY_ERRORS["required"])
        return data


def first_error(form):
    return next(iter(message for errors in form.errors.values() for message in errors), "درخواست درست نیست.")
