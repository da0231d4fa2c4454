from django.apps import AppConfig


class PlacesConfig(AppConfig):
    """Provinces, municipalities and the portal's topics: what every record is filed under."""

    name = "places"
    verbose_name = "استان‌ها، شهرداری‌ها و موضوع‌ها"
    default_auto_field = "django.db.models.BigAutoField"
