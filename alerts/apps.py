from django.apps import AppConfig


class AlertsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "alerts"
    verbose_name = "هشدارها"

    def ready(self):
        from . import signals

        signals.connect()
