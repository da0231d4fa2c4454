from django.db.models.signals import post_save

from .scheduling import on_file_saved


def connect():
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    for model in (get_document_model(), get_image_model()):
        post_save.connect(on_file_saved, sender=model, dispatch_uid=f"ocr-on-save-{model.__name__}")
