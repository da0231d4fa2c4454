"""What publishing leaves beside a generated record's rows, written in bulk for a batch of them: the
revision that went live (Wagtail's own ``serializable_data`` of the page as it was created, children
and all), the «created» and «published» log entries, the reference index, and the search backend's
own copy of the pages and their documents — what ``import_archive`` leaves for the same record."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from modelcluster.models import get_all_child_relations
from wagtail.documents import get_document_model
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

# Set by publishing, after the revision was taken: the revision holds them empty.
UNSET_BEFORE_REVISION = (
    "latest_revision",
    "live_revision",
    "first_published_at",
    "last_published_at",
    "latest_revision_created_at",
)


def loaded(model, ids):
    """The pages ``ids`` of ``model`` with their places, child relations and many-to-many fields fetched
    with them, so serialising and indexing them asks nothing more per page."""
    names = [rel.get_accessor_name() for rel in get_all_child_relations(model)]
    names += [field.name for field in model._meta.many_to_many]
    queryset = model.objects.filter(pk__in=ids).order_by("pk").select_related("province", "municipality")
    return list(queryset.prefetch_related(*map(Prefetch, names)))


def revision_content(page):
    content = page.serializable_data()
    for name in UNSET_BEFORE_REVISION:
        content[name] = None
    return content


def write_history(backend, records):
    """Revisions, log entries, references and the backend's page index of ``records`` (unsaved
    instances whose rows the batch wrote, each with its ``first_published_at``)."""
    base = ContentType.objects.get_for_model(Page)
    by_model = {}
    for record in records:
        by_model.setdefault(type(record), []).append(record.pk)
    moments = {record.pk: record.first_published_at for record in records}
    revisions, pages = [], []
    for model, ids in by_model.items():
        content_type = ContentType.objects.get_for_model(model)
        for page in loaded(model, ids):
            pages.append(page)
            revisions.append(
                Revision(
                    content_type=content_type,
                    base_content_type=base,
                    object_id=str(page.pk),
                    created_at=moments[page.pk],
                    object_str=page.title,
                    content=revision_content(page),
                )
            )
    Revision.objects.bulk_create(revisions)
    logs = []
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision_id = page.live_revision_id = revision.pk
        page.latest_revision_created_at = revision.created_at
        for action, revision_id in (("wagtail.create", None), ("wagtail.publish", revision.pk)):
            logs.append(
                PageLogEntry(
                    content_type_id=revision.content_type_id,
                    page_id=page.pk,
                    revision_id=revision_id,
                    label=page.title,
                    action=action,
                    timestamp=revision.created_at,
                    content_changed=True,
                )
            )
    Page.objects.bulk_update(pages, ["latest_revision", "live_revision", "latest_revision_created_at"])
    PageLogEntry.objects.bulk_create(logs)
    ReferenceIndex.objects.bulk_create(references_of(pages))
    for model in by_model:
        backend.add_bulk(model, [page for page in pages if type(page) is model])
    documents = get_document_model()
    backend.add_bulk(documents, documents.objects.filter(pk__in=linked_documents(pages)).prefetch_related("tags"))
    return pages


def references_of(pages):
    """The reference index rows of new pages (``ReferenceIndex.create_or_update_for_object`` without
    looking for rows to replace: there are none)."""
    rows = []
    for page in pages:
        types = [
            ContentType.objects.get_for_model(m, for_concrete_model=False)
            for m in [page, *page._meta.get_parent_list()]
        ]
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(page)
        ):
            rows.append(
                ReferenceIndex(
                    content_type=types[0],
                    base_content_type=types[-1],
                    object_id=page.pk,
                    to_content_type_id=to_content_type_id,
                    to_object_id=to_object_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                )
            )
    return rows


def linked_documents(pages):
    return {link.document_id for page in pages for link in page.documents.all()}
