"""Background task: read an attached document's text, then refresh the search entries of the records using it."""

from django_tasks import task
from wagtail.documents import get_document_model

from records.background import BACKGROUND
from records.registry import record_models
from records.signals import record_changed

from .attachments import text_of


@task(backend=BACKGROUND)
def read_attachment_text(document_id):
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return None
    text_of(document)
    for model in record_models():
        for page in model.objects.filter(documents__document_id=document_id).distinct():
            record_changed.send(sender=model, page=page)
    return document_id
