"""Where the open-data builds live (``OPEN_DATA_ROOT``) and which one is served.

Each build is a folder of its own under ``builds/``, written whole before anyone sees it; ``current``
is a symbolic link to the last complete one, replaced in one ``rename`` (atomic on POSIX), so a reader
finds the old build or the new one, never half of one. The build before it is kept for downloads
already under way.
"""

from dataclasses import dataclass
import json
import os
from pathlib import Path
import shutil

from django.conf import settings

MANIFEST = "manifest.json"
KEEP = 2  # the served build and the one before it


def root():
    return Path(settings.OPEN_DATA_ROOT)


def builds():
    folder = root() / "builds"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass(frozen=True)
class Build:
    folder: Path
    manifest: dict

    def file(self, name):
        """The path of the build's file ``name``, or None: only the files its manifest lists are served."""
        if name == MANIFEST or any(entry["name"] == name for entry in self.manifest["files"]):
            return self.folder / name
        return None


def current():
    """The last complete build, or None before the first."""
    try:
        folder = (root() / "current").resolve(strict=True)
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return Build(folder, manifest)


def publish(folder):
    """Serve the complete build in ``folder`` (under ``builds/``) from now on; remove older ones."""
    link, staged = root() / "current", root() / f".current-{os.getpid()}"
    staged.unlink(missing_ok=True)
    staged.symlink_to(folder.relative_to(root()))
    os.replace(staged, link)
    finished = sorted((p for p in builds().iterdir() if not p.name.startswith(".")), key=lambda p: p.name)
    for old in finished[:-KEEP]:
        if old != folder:
            shutil.rmtree(old, ignore_errors=True)
