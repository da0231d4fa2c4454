"""The demo archive's Markdown records: where they live and how one is read."""

from pathlib import Path
import re

import yaml

ARCHIVE = Path(__file__).resolve().parent / "archive"


def read_record(path):
    """(front matter, body) of a record file."""
    text = path.read_text(encoding="utf-8")
    m = re.match(r"\A---\n(.*?)\n---\n(.*)\Z", text, re.S)
    if not m:
        raise ValueError(f"{path}: no front matter")
    return yaml.safe_load(m.group(1)), m.group(2)
