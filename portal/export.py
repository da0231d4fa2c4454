"""The archive exporter (``records.archive.export``) with the one document access rule: what
``manage.py export_archive`` writes."""

from functools import partial

from agreements.access import is_public
from records.archive import export

export_archive = partial(export.export_archive, document_is_public=is_public)
