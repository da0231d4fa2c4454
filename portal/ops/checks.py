"""`manage.py check --deploy` says when collectstatic has not run (the site then serves unhashed files)."""

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.checks import Tags, Warning, register

from .static_storage import ManifestStaticFilesStorage


@register(Tags.staticfiles, deploy=True)
def static_manifest_present(app_configs, **kwargs):
    storage = staticfiles_storage
    if not isinstance(storage, ManifestStaticFilesStorage) or storage.exists(storage.manifest_name):
        return []
    return [
        Warning(
            f"No static files manifest in STATIC_ROOT ({settings.STATIC_ROOT}).",
            hint="Run `manage.py collectstatic --noinput` (deploy/README.md), then restart the server.",
            id="portal.W001",
        )
    ]
