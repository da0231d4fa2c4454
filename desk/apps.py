from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = "میز دفتر امور شهری"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .notifications import connect
        from .permissions import register_policy

        connect()
        register_policy()
