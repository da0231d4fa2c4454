from django.apps import AppConfig


class PersianConfig(AppConfig):
    """Persian text and Jalali dates: the one text pipeline, display filters and template tags."""

    name = "persian"
    verbose_name = "متن فارسی"
