from django.apps import AppConfig


class DevConfig(AppConfig):
    """Its management commands: load_demo, make_demo_attachments, bench_search."""

    name = "dev"
    verbose_name = "ابزار توسعه"
