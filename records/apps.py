from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """What every archive record shares: the page base, the record-type registry, publication, the
    archive exchange format's import framework."""

    name = "records"
    verbose_name = "سندهای بایگانی"

    def ready(self):
        from records import freshness

        freshness.connect()
