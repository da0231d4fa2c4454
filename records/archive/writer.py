"""Writing one validated record: a page created or updated by ref, in one transaction."""

import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.utils.file import hash_filelike

from persian.text import to_latin_digits
from records.refs import known_to_be_free, ref_key, ref_owner
from records.registry import record_type, type_of
from records.site_tree import ensure_site_structure
from records.validation import validated_once

from .errors import ArchiveError
from .handlers import handler_for
from .publishing import publish_new
from .taxonomy import municipality_in, topics_named


def slug_for_ref(ref, parent, taken=None):
    """A slug free under ``parent``; ``taken``: the slugs there (a set, the new one added), else asked."""
    base = slugify(to_latin_digits(ref).replace("/", "-").replace("#", "-")) or "record"
    slug, n = base, 1
    while slug in taken if taken is not None else parent.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    if taken is not None:
        taken.add(slug)
    return slug


def stored_file(model, attachment, stored_names):
    """Reuse the document/image with the same content and name, or store a new one."""
    data, name = attachment.read(), attachment.filename
    digest = hash_filelike(io.BytesIO(data))
    existing = model.objects.filter(file_hash=digest, title=name).first()
    if existing is not None:
        return existing
    item = model(title=name, file=ContentFile(data, name=name), file_hash=digest, file_size=len(data))
    try:
        item.save()
    finally:  # stored even when the row then fails: removed with the record's other files
        if item.file._committed and item.file.name:
            stored_names.append(item.file.name)
    return item


def check_references(record, batch):
    """Check what the record points at; the record already holding its ref (of its own type), or None."""
    handler = handler_for(record.type)
    owner = ref_owner(ref_key(record.ref))
    if owner is not None and not isinstance(owner, handler.model):
        label = type_of(owner).label
        raise ArchiveError("ref", f"شماره «{record.ref}» پیش‌تر برای یک {label} ثبت شده است.")
    handler.check_references(record, batch)
    return owner


def is_unchanged(record):
    """True when the record was imported before from exactly this file and these attachments."""
    if known_to_be_free(ref_key(record.ref)):
        return False
    model = handler_for(record.type).model
    return model.objects.filter(ref_key=ref_key(record.ref), import_digest=record.digest, live=True).exists()


def write_record(record, batch=None):
    """Create or update the record's page and publish it. Returns (page, created).

    Everything happens in one transaction; files stored for a record that then fails are removed.
    """
    page = check_references(record, batch)
    handler = handler_for(record.type)
    stored_names = []
    try:
        # Wagtail's reference index is rewritten once for the page and its new files, not at each save.
        with transaction.atomic(), disable_reference_index_auto_update(), validated_once():
            if batch is not None:
                parent = batch.section(record.type)
            else:
                parent = ensure_site_structure()[record_type(record.type).section]
            created = page is None
            if created:
                taken = batch.slugs(parent) if batch is not None else None
                page = handler.model(slug=slug_for_ref(record.ref, parent, taken))
            page.title = record.title
            page.ref = record.ref
            page.date = record.date
            page.province = record.province
            page.municipality = municipality_in(record.province, record.municipality) if record.municipality else None
            page.summary = record.summary
            page.body = record.body
            page.source = record.source
            page.import_digest = record.digest
            page.topics = topics_named(record.topics)
            handler.apply(page, record)
            document_model, image_model = get_document_model(), get_image_model()
            document_fields = getattr(handler, "document_fields", lambda record, attachment: {})
            page.documents = [
                page.documents.model(
                    document=stored_file(document_model, a, stored_names), **document_fields(record, a)
                )
                for a in record.attachments
                if a.kind == "document"
            ]
            page.images = [
                page.images.model(image=stored_file(image_model, a, stored_names))
                for a in record.attachments
                if a.kind == "image"
            ]
            fast = created and batch is not None
            if fast:
                publish_new(page, parent, batch.child_path(parent))
            else:
                if created:
                    parent.add_child(instance=page)
                else:
                    page.save()
                page.save_revision().publish()
            index = batch.index_later if fast else ReferenceIndex.create_or_update_for_object
            if stored_names:
                for item in [*page.documents.all(), *page.images.all()]:
                    stored = getattr(item, "document", None) or item.image
                    if stored.file.name in stored_names:
                        index(stored)
            index(page)
    except Exception:
        from django.core.files.storage import default_storage

        for name in stored_names:
            default_storage.delete(name)
        raise
    return page, created
