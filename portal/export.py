"""The archive exporter (``records.archive.export``) with the one document access rule: what
``manage.py export_archive`` writes."""

from functools import partial

from agreements.access import public_ids
from records.archive import export

export_archive = partial(export.export_archive, public_document_ids=public_ids)
