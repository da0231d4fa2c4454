from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "نشست‌ها و مصوبات"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .record_type import register_type
        from .stored_status import connect

        register_type()
        connect()
