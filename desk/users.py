"""The admin's user forms with the desk fields: province, and municipality for municipal staff."""

from django import forms
from django.db import transaction
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet

from places.models import Municipality, Province

from .models import OfficeProfile
from .scope import OFFICE_GROUPS, STAFF


class OfficeFieldsMixin(forms.Form):
    province = forms.ModelChoiceField(
        Province.objects.all(),
        required=False,
        label="استان",
        help_text="کارشناسان و مدیران کل فقط سندهای این استان را می‌بینند و ویرایش می‌کنند.",
    )
    municipality = forms.ModelChoiceField(
        Municipality.objects.select_related("province"),
        required=False,
        label="شهرداری",
        help_text="برای کارمند شهرداری الزامی است.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        profile = OfficeProfile.objects.filter(user_id=self.instance.pk).first() if self.instance.pk else None
        if profile is not None:
            self.initial.setdefault("province", profile.province_id)
            self.initial.setdefault("municipality", profile.municipality_id)

    def clean(self):
        cleaned = super().clean()
        province, municipality = cleaned.get("province"), cleaned.get("municipality")
        if municipality is not None and province is None:
            cleaned["province"] = province = municipality.province
        if municipality is not None and municipality.province_id != province.pk:
            self.add_error("municipality", "این شهرداری در استان انتخاب‌شده نیست.")
        names = {group.name for group in cleaned.get("groups") or ()}
        if STAFF in names and municipality is None:
            self.add_error("municipality", "کارمند شهرداری باید به یک شهرداری وابسته باشد.")
        if names & set(OFFICE_GROUPS) and province is None:
            self.add_error("province", "کارشناس و مدیرکل باید استان داشته باشند.")
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            save_office_profile(user, self.cleaned_data.get("province"), self.cleaned_data.get("municipality"))
        return user


def save_office_profile(user, province, municipality=None):
    if province is None:
        OfficeProfile.objects.filter(user=user).delete()
        return None
    profile, _ = OfficeProfile.objects.update_or_create(
        user=user, defaults={"province": province, "municipality": municipality}
    )
    return profile


class DeskUserCreationForm(OfficeFieldsMixin, UserCreationForm):
    pass


class DeskUserEditForm(OfficeFieldsMixin, UserEditForm):
    pass


class DeskUserViewSet(UserViewSet):
    create_template_name = "desk/user_create.html"
    edit_template_name = "desk/user_edit.html"

    def get_form_class(self, for_update=False):
        return DeskUserEditForm if for_update else DeskUserCreationForm
