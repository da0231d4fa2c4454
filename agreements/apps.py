from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = "تفاهم‌نامه‌ها"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .restriction import connect

        connect()
