from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = "تجربه‌های موفق"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .record_type import register_type

        register_type()
