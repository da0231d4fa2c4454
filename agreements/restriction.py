"""A document's restriction, kept on the document's own record (``RestrictedDocument``): set the moment
an agreement marks it «محرمانه» (in a saved row or in any revision), never undone by what happens to
the agreement, lifted only by the office's explicit release. Each change goes to the audit log."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page

from desk.scope import is_office_of
from records.signals import record_changed

from .access import link_models
from .models import AgreementDocument, AgreementPage, RestrictedDocument

RESTRICT, RELEASE, DETACHED = (
    "agreements.document_restricted",
    "agreements.document_released",
    "agreements.restricted_document_detached",
)
LOG_ACTIONS = {
    RESTRICT: ("محرمانه شد", "سند محرمانه شد"),
    RELEASE: ("آزاد شد", "محرمانگی سند برداشته شد"),
    DETACHED: ("جدا شد و محرمانه ماند", "سند محرمانه از همه رکوردها جدا شد و محرمانه ماند"),
}


class ReleaseRefused(Exception):
    """A release the user may not make, with the Persian reason."""


def mark_restricted(document, province_id, user=None):
    """Restrict ``document`` (again, when it had been released). Returns True when that changed anything."""
    restriction, created = RestrictedDocument.objects.get_or_create(
        document=document, defaults={"province_id": province_id}
    )
    if not created and restriction.active:
        return False
    if not created:
        restriction.released_at = restriction.released_by = None
        restriction.save(update_fields=["released_at", "released_by"])
    log(instance=document, action=RESTRICT, user=user, data={"province": province_id})
    reindex_records_of(document)
    return True


def reindex_records_of(document):
    """Whatever copies the records listing ``document`` (the search index) rewrites them: its access changed."""
    for link in link_models():
        for page_id in link.objects.filter(document=document).values_list("page_id", flat=True):
            page = Page.objects.filter(pk=page_id).first()
            if page is not None:
                record_changed.send(sender=type(page.specific), page=page.specific)


def still_restricting(document):
    """The agreements whose attachment row still marks ``document`` restricted."""
    links = AgreementDocument.objects.filter(document=document, restricted=True).select_related("page")
    return [link.page for link in links]


def release(restriction, user):
    """Lift a restriction: only by the office of its province (or a superuser), and only once no agreement
    marks the document restricted any more (uncheck «محرمانه» there and publish first)."""
    if not is_office_of(user, restriction.province_id):
        raise ReleaseRefused("فقط دفتر امور شهری همان استان می‌تواند محرمانگی این سند را بردارد.")
    if not restriction.active:
        raise ReleaseRefused("این سند پیش‌تر آزاد شده است.")
    pages = still_restricting(restriction.document)
    if pages:
        refs = "، ".join(page.ref for page in pages)
        raise ReleaseRefused(
            f"این سند هنوز در تفاهم‌نامه {refs} محرمانه علامت خورده است؛ نخست آن علامت را بردارید و منتشر کنید."
        )
    with transaction.atomic():
        restriction.released_at, restriction.released_by = timezone.now(), user
        restriction.save(update_fields=["released_at", "released_by"])
        log(instance=restriction.document, action=RELEASE, user=user)
    reindex_records_of(restriction.document)


def _row_saved(sender, instance, **kwargs):
    if instance.restricted:
        mark_restricted(instance.document, instance.page.province_id)


def _revision_saved(sender, instance, created, **kwargs):
    """A box checked in a draft counts too: the file was offered as confidential."""
    from wagtail.documents import get_document_model

    if not created or not issubclass(instance.content_type.model_class() or object, AgreementPage):
        return
    content = instance.content or {}
    ids = [row.get("document") for row in content.get("documents", []) if row.get("restricted")]
    province_id = content.get("province")
    if not ids or province_id is None:
        return
    for document in get_document_model().objects.filter(pk__in=ids):
        mark_restricted(document, province_id, user=instance.user)


def _row_deleted(sender, instance, **kwargs):
    """The last record listing a restricted document lets go of it: it stays private, and the log says so."""
    document_id = instance.document_id
    restriction = (
        RestrictedDocument.objects.filter(document_id=document_id, released_at__isnull=True)
        .select_related("document")
        .first()
    )
    if restriction is None or any(link.objects.filter(document_id=document_id).exists() for link in link_models()):
        return
    log(instance=restriction.document, action=DETACHED, data={"page_id": instance.page_id})


def connect():
    from wagtail.models import Revision

    post_save.connect(_row_saved, sender=AgreementDocument, dispatch_uid="agreements.restrict_row")
    post_save.connect(_revision_saved, sender=Revision, dispatch_uid="agreements.restrict_revision")
    for link in link_models():
        post_delete.connect(_row_deleted, sender=link, dispatch_uid=f"agreements.detach_{link._meta.label_lower}")
