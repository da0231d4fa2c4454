from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "درگاه"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.ops import checks  # noqa: F401  (registers the deploy checks)
