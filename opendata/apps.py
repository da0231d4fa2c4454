from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    name = "opendata"
    verbose_name = "داده‌های باز"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .rebuild import connect

        connect()
