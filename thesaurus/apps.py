from django.apps import AppConfig


class ThesaurusConfig(AppConfig):
    name = "thesaurus"
    verbose_name = "اصطلاح‌نامه"
    default_auto_field = "django.db.models.BigAutoField"
