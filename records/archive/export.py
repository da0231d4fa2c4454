"""Writing published records back out in the archive exchange format.

Who may have a document is the agreements' rule (``agreements.access.public_ids``), above this layer: the
callers hand it in as ``public_document_ids`` (``manage.py export_archive``, the open-data build).

The archive is written in bulk: first a plan of every file (a few queries per record type: the pages'
slugs, their attachment rows and which documents are public), then the files in path order, the
records' Markdown rendered ``CHUNK`` at a time with everything it names prefetched, so the queries do
not grow with the records and the archive is never held in memory whole.
"""

from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
import shutil

from django.db.models import prefetch_related_objects
from django.utils.text import slugify
import yaml

from persian import jalali
from places.models import Province
from records.archive.handlers import handler_for
from records.publication import published
from records.registry import record_types

CHUNK = 1000
# libyaml's emitter writes the same text as PyYAML's own, ten times faster: most of an export's time.
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _lookups(handler):
    return ["province", "municipality", "topics", *handler.export_prefetch()]


def front_matter(page):
    prefetch_related_objects([page], *_lookups(handler_for(page.record_type)))
    return _front_matter(page)


def _front_matter(page):
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


def folder_for(province):
    """A province's folder: its code (``qom``), or its id when the code is not a plain name."""
    name = slugify(province.code)
    return name if name and name == province.code.lower() else f"province-{province.pk}"


@dataclass
class Record:
    """A record's Markdown file in the plan: which page, and the names of its attachments."""

    type_name: str
    pk: int
    attachments: list = field(default_factory=list)
    restricted: list = field(default_factory=list)


@dataclass
class Stored:
    """An attachment in the plan: a file in a storage, copied as it is."""

    storage: object
    name: str

    def open(self):
        return self.storage.open(self.name, "rb")


def _attachment_rows(rt, pages, relation, public_document_ids, include_restricted):
    """page id → [(stored file, restricted)] of its attachments through ``relation``, in the page's order."""
    link = rt.model._meta.get_field(relation).related_model
    target = "document" if relation == "documents" else "image"
    rows = link.objects.filter(page__in=pages).order_by("page", "sort_order", "pk")
    rows = rows.values_list("page_id", target, f"{target}__file")
    stored_model = link._meta.get_field(target).related_model
    storage = stored_model._meta.get_field("file").storage
    if target == "document":
        public = public_document_ids(
            stored_model.objects.filter(pk__in=link.objects.filter(page__in=pages).values(target))
        )
    found = {}
    for page_id, target_id, name in rows.iterator(chunk_size=CHUNK * 5):
        restricted = target == "document" and target_id not in public
        if include_restricted or not restricted:
            found.setdefault(page_id, []).append((Stored(storage, name), restricted))
    return found


def plan(public_document_ids, include_restricted=False, extra=None):
    """path (``folder/name``) → Record or Stored (or bytes from ``extra``), as writing the records one by
    one in the order of their types, then date, would leave them: a later file of the same path wins."""
    folders = {province.pk: folder_for(province) for province in Province.objects.all()}
    files = {}
    for rt in record_types():
        pages = published(rt.model)
        attachments = {}
        for relation in ("documents", "images"):
            rows = _attachment_rows(rt, pages.values("pk"), relation, public_document_ids, include_restricted)
            for page_id, items in rows.items():
                attachments.setdefault(page_id, []).extend(items)
        for pk, slug, province_id in pages.order_by("date", "pk").values_list("pk", "slug", "province_id").iterator():
            folder, record = folders[province_id], Record(rt.name, pk)
            for stored, restricted in attachments.get(pk, ()):
                name = f"{slug}-{Path(stored.name).name}"
                files[_path(folder, name)] = stored
                record.attachments.append(name)
                if restricted:
                    record.restricted.append(name)
            files[_path(folder, f"{slug}.md")] = record
    files.update(extra or {})
    return files


def _path(folder, name):
    """``folder/name`` for a plain file name only: never a path that leads out of the folder."""
    if not name or name in {".", ".."} or "/" in name or "\x00" in name:
        raise ValueError(f"refusing to export under the name {name!r}")
    return f"{folder}/{name}"


def _markdown(page, record):
    data = _front_matter(page)
    if record.attachments:
        data["attachments"] = record.attachments
    if record.restricted:
        data["restricted_attachments"] = record.restricted
    header = yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{header}---\n{page.body}\n".encode()


def _rendered(records):
    """(type name, pk) → the Markdown of each of ``records``, their pages read in one go per type."""
    texts = {}
    for type_name, group in groupby(sorted(records, key=lambda r: r.type_name), key=lambda r: r.type_name):
        group = {record.pk: record for record in group}
        handler = handler_for(type_name)
        pages = handler.model.objects.filter(pk__in=list(group)).select_related("province", "municipality")
        for page in pages.prefetch_related(*_lookups(handler)):
            texts[type_name, page.pk] = _markdown(page, group[page.pk])
    return texts


def archive_files(public_document_ids, *, include_restricted=False, extra=None):
    """Yield (path, content) for every file of the archive in path order (``folder/name``, as a sorted
    directory listing gives them): content is the bytes of a record's Markdown (or of ``extra``'s file),
    or a Stored attachment to copy. Restricted agreement documents are left out unless
    ``include_restricted`` (the office's own backup), which lists them under ``restricted_attachments``."""
    files = plan(public_document_ids, include_restricted, extra)
    paths = sorted(files, key=lambda path: path.split("/"))
    start = 0
    while start < len(paths):
        end, records = start, []
        while end < len(paths) and len(records) < CHUNK:
            if isinstance(files[paths[end]], Record):
                records.append(files[paths[end]])
            end += 1
        texts = _rendered(records)
        for path in paths[start:end]:
            content = files[path]
            yield path, texts[content.type_name, content.pk] if isinstance(content, Record) else content
        start = end


def copy_to(content, destination):
    """Write ``content`` (bytes, or a Stored file read as a stream) into the open binary file ``destination``."""
    if isinstance(content, bytes):
        destination.write(content)
        return
    with content.open() as source:
        shutil.copyfileobj(source, destination, 1 << 20)


def _write(root, path, content):
    """Write ``content`` as ``root/path``, never anywhere outside ``root``.

    The folder (and any symlink already in it) must resolve inside ``root``; an existing symlink at the
    file's name is replaced, not followed.
    """
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.parent.resolve().is_relative_to(root.resolve()):
        raise ValueError(f"refusing to export outside {root}: {target.parent}")
    if target.is_symlink():
        target.unlink()
    with target.open("wb") as destination:
        copy_to(content, destination)
    return target


def export_archive(destination, *, public_document_ids, out=print, include_restricted=False):
    """Every published record, one folder per province. Returns the Markdown files written."""
    destination = Path(destination)
    written = []
    for path, content in archive_files(public_document_ids, include_restricted=include_restricted):
        target = _write(destination, path, content)
        if isinstance(content, bytes):
            written.append(target)
            out(f"exported {target}")
    return written
