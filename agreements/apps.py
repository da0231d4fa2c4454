from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = "تفاهم‌نامه‌ها"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .document_policy import register_policy
        from .record_type import register_type
        from .restriction import connect

        register_type()
        register_policy()
        connect()
