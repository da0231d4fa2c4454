"""Media storage that leaves no half-written file behind when the disk is full."""

import errno
import logging
import os

from django.core.files.storage import FileSystemStorage

logger = logging.getLogger(__name__)
DISK_FULL = {errno.ENOSPC, errno.EDQUOT}


def is_disk_full(error):
    return isinstance(error, OSError) and error.errno in DISK_FULL


class MediaStorage(FileSystemStorage):
    def _save(self, name, content):
        path = self.path(name)
        existed = os.path.lexists(path)
        try:
            return super()._save(name, content)
        except OSError as error:
            if is_disk_full(error) and not existed and os.path.lexists(path):
                os.remove(path)  # the part written before the disk filled up
                logger.error("disk full: %s not saved (%s)", name, error)
            raise
