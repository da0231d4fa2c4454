"""Attachments shared by every record type: Wagtail documents (PDF/DOCX) and images."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class RecordDocument(Orderable):
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name="سند")
    caption = models.CharField("عنوان", max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = "پیوست"
        verbose_name_plural = "پیوست‌ها"

    @property
    def label(self):
        return self.caption or self.document.title


class RecordImage(Orderable):
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name="تصویر")
    caption = models.CharField("شرح", max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = "تصویر"
        verbose_name_plural = "تصویرها"

    @property
    def alt_text(self):
        """What the image shows, in words: the caption editors write, else the image's description
        (Wagtail's own field), else its title — never the file name alone when either exists."""
        return self.caption or self.image.description or self.image.title
