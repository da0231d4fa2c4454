from django.apps import AppConfig


class RecordsApiConfig(AppConfig):
    """The read-only records API /api/v1/: every published record, its parts and public documents."""

    name = "records_api"
    verbose_name = "API بایگانی"
    default_auto_field = "django.db.models.BigAutoField"
