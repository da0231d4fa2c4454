"""Hashed static file names from collectstatic's manifest, and plain names until it exists.

Django's manifest storage raises (every page a 500) when the manifest is missing. This one logs an
error instead and links the plain names, which WhiteNoise serves from the apps' own static folders
(WHITENOISE_USE_FINDERS), so a forgotten collectstatic costs caching, not the site.
"""

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    _warned = False

    def stored_name(self, name):
        # The manifest is read once, when the process starts: one collected later counts after a restart.
        if not self.hashed_files:
            if not ManifestStaticFilesStorage._warned:
                ManifestStaticFilesStorage._warned = True
                logger.error(
                    "static files manifest %s missing in STATIC_ROOT: run `manage.py collectstatic`; "
                    "serving unhashed static files meanwhile",
                    self.manifest_name,
                )
            return name
        return super().stored_name(name)
