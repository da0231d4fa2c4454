"""Writing published records back out in the archive exchange format."""

from pathlib import Path

import yaml

from portal import jalali
from portal.listing import published
from portal.records import record_models

from .handlers import handler_for


def front_matter(page):
    data = {
        "ref": page.ref,
        "type": page.record_type,
        "title": page.title,
        "date": jalali.format_numeric(page.date, persian_digits=False),
        "province": page.province.name,
    }
    if page.municipality:
        data["municipality"] = page.municipality.name
    topics = [topic.name for topic in page.topics.all()]
    if topics:
        data["topics"] = topics
    if page.summary:
        data["summary"] = page.summary
    if page.source:
        data["source"] = page.source
    data.update(handler_for(page.record_type).export(page))
    return data


def _attachment_files(page, include_restricted):
    """(file, restricted) of each attachment: what anyone may download, and, when asked for (the office's
    own backup), the rest as restricted."""
    from agreements.access import is_public

    for item in page.documents.select_related("document"):
        public = is_public(item.document)
        if include_restricted or public:
            yield item.document.file, not public
    for item in page.images.select_related("image"):
        yield item.image.file, False


def export_record(page, directory, include_restricted=False):
    """Write ``page`` and its attachments into ``directory``; returns the Markdown file's path.

    Restricted agreement documents are left out unless ``include_restricted`` (the office's own
    backup), which lists them under ``restricted_attachments``.
    """
    directory.mkdir(parents=True, exist_ok=True)
    data = front_matter(page)
    names, restricted_names = [], []
    for stored, restricted in _attachment_files(page, include_restricted):
        name = f"{page.slug}-{Path(stored.name).name}"
        with stored.open("rb") as source:
            (directory / name).write_bytes(source.read())
        names.append(name)
        if restricted:
            restricted_names.append(name)
    if names:
        data["attachments"] = names
    if restricted_names:
        data["restricted_attachments"] = restricted_names
    path = directory / f"{page.slug}.md"
    header = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(f"---\n{header}---\n{page.body}\n", encoding="utf-8")
    return path


def export_archive(destination, out=print, include_restricted=False):
    """Every published record, one folder per province. Returns the files written."""
    written = []
    for model in record_models():
        for page in published(model).select_related("province", "municipality").order_by("date", "pk"):
            path = export_record(page, Path(destination) / page.province.code.lower(), include_restricted)
            written.append(path)
            out(f"exported {path} ({page.record_type} {page.ref})")
    return written
