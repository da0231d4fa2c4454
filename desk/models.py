"""Who works at which desk: a user's province (and municipality), and the province-aware review task."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Cast
from wagtail.models import AbstractGroupApprovalTask, TaskState

from .scope import province_of, record_ids_in, same_province


class OfficeProfile(models.Model):
    """The province an account works for; municipal staff are also tied to one municipality."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="office_profile", verbose_name="کاربر"
    )
    province = models.ForeignKey(
        "places.Province", on_delete=models.PROTECT, related_name="office_profiles", verbose_name="استان"
    )
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="office_profiles",
        verbose_name="شهرداری",
    )

    class Meta:
        verbose_name = "استان و شهرداری کاربر"
        verbose_name_plural = "استان و شهرداری کاربران"

    def __str__(self):
        return f"{self.user} — {self.municipality or self.province}"

    def clean(self):
        if self.municipality_id and self.province_id and self.municipality.province_id != self.province_id:
            raise ValidationError({"municipality": "این شهرداری در استان انتخاب‌شده نیست."})


class ProvincialApprovalTask(AbstractGroupApprovalTask):
    """Group approval where a member acts only on records of the province in their profile."""

    def _in_scope(self, obj, user):
        return user.is_superuser or (self._user_in_groups(user) and same_province(user, obj))

    def user_can_access_editor(self, obj, user):
        return self._in_scope(obj, user)

    def locked_for_user(self, obj, user):
        return not self._in_scope(obj, user)

    def user_can_lock(self, obj, user):
        return not user.is_superuser and self._in_scope(obj, user)

    def get_actions(self, obj, user):
        if not self._in_scope(obj, user):
            return []
        return [
            ("reject", "درخواست اصلاح", True),
            ("approve", "تأیید و انتشار", False),
            ("approve", "تأیید با توضیح", True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        province = province_of(user)
        if province is None or not self._user_in_groups(user):
            return TaskState.objects.none()
        page_ids = record_ids_in(province).annotate(key=Cast("pk", models.CharField())).values("key")
        return states.filter(workflow_state__object_id__in=page_ids)

    @classmethod
    def get_description(cls):
        return "اعضای گروه‌های انتخاب‌شده، هر یک فقط برای سندهای استان خود، تأیید یا رد می‌کنند."

    class Meta:
        verbose_name = "تأیید در استان"
        verbose_name_plural = "تأیید در استان"
