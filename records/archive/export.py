"""Writing published records back out in the archive exchange format.

Who may have a document is the agreements' rule (``agreements.access.is_public``), above this layer: the
callers hand it in as ``document_is_public`` (``manage.py export_archive``, the open-data build)."""

from pathlib import Path

from django.utils.text import slugify
import yaml

from persian import jalali
from records.archive.handlers import handler_for
from records.publication import published
from records.registry import record_models


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


def _attachment_files(page, include_restricted, document_is_public):
    """(file, restricted) of each attachment: what anyone may download, and, when asked for (the office's
    own backup), the rest as restricted."""
    for item in page.documents.select_related("document"):
        public = document_is_public(item.document)
        if include_restricted or public:
            yield item.document.file, not public
    for item in page.images.select_related("image"):
        yield item.image.file, False


def _write(root, folder, name, data):
    """Write ``data`` as ``folder/name``, never anywhere outside ``root``.

    ``name`` must be a plain file name; ``folder`` (and any symlink already in it) must resolve inside
    ``root``; an existing symlink at ``name`` is replaced, not followed.
    """
    if not name or name in {".", ".."} or "/" in name or "\x00" in name:
        raise ValueError(f"refusing to export under the name {name!r}")
    folder.mkdir(parents=True, exist_ok=True)
    if not folder.resolve().is_relative_to(root.resolve()):
        raise ValueError(f"refusing to export outside {root}: {folder}")
    path = folder / name
    if path.is_symlink():
        path.unlink()
    path.write_bytes(data)
    return path


def folder_for(province):
    """A province's folder: its code (``qom``), or its id when the code is not a plain name."""
    name = slugify(province.code)
    return name if name and name == province.code.lower() else f"province-{province.pk}"


def export_record(page, directory, *, document_is_public, include_restricted=False, root=None):
    """Write ``page`` and its attachments into ``directory`` (inside ``root``); returns the Markdown file's path.

    Restricted agreement documents are left out unless ``include_restricted`` (the office's own
    backup), which lists them under ``restricted_attachments``.
    """
    root = Path(root or directory)
    data = front_matter(page)
    names, restricted_names = [], []
    for stored, restricted in _attachment_files(page, include_restricted, document_is_public):
        name = f"{page.slug}-{Path(stored.name).name}"
        with stored.open("rb") as source:
            _write(root, directory, name, source.read())
        names.append(name)
        if restricted:
            restricted_names.append(name)
    if names:
        data["attachments"] = names
    if restricted_names:
        data["restricted_attachments"] = restricted_names
    header = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    text = f"---\n{header}---\n{page.body}\n"
    return _write(root, directory, f"{page.slug}.md", text.encode("utf-8"))


def export_archive(destination, *, document_is_public, out=print, include_restricted=False):
    """Every published record, one folder per province. Returns the files written."""
    destination = Path(destination)
    written = []
    for model in record_models():
        for page in published(model).select_related("province", "municipality").order_by("date", "pk"):
            folder = destination / folder_for(page.province)
            path = export_record(
                page,
                folder,
                document_is_public=document_is_public,
                include_restricted=include_restricted,
                root=destination,
            )
            written.append(path)
            out(f"exported {path} ({page.record_type} {page.ref})")
    return written
