"""The text OCR read from a scanned document or an image, page by page, and the editor's corrections."""

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel

from persian.text import to_persian_digits


class ScanStatus(models.TextChoices):
    QUEUED = "queued", "در صف خواندن"
    RUNNING = "running", "در حال خواندن"
    DONE = "done", "خوانده شد"
    PARTIAL = "partial", "بخشی خوانده شد"
    TEXT_LAYER = "text_layer", "متن دارد؛ نیازی به OCR نیست"
    REFUSED = "refused", "خوانده نشد"
    UNAVAILABLE = "unavailable", "OCR روی کارگزار نصب نیست"


class ScanText(ClusterableModel):
    """One per file (a Wagtail document or image): what OCR made of it."""

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, null=True, blank=True, related_name="scan", editable=False
    )
    image = models.OneToOneField(
        "wagtailimages.Image", on_delete=models.CASCADE, null=True, blank=True, related_name="scan", editable=False
    )
    file_hash = models.CharField(max_length=64, editable=False)
    status = models.CharField("وضعیت", max_length=16, choices=ScanStatus.choices, default=ScanStatus.QUEUED)
    message = models.TextField("پیام", blank=True, help_text="چرا فایل یا بخشی از آن خوانده نشد.")
    page_count = models.PositiveIntegerField("شمار صفحه‌های فایل", default=0)
    confidence = models.FloatField("اطمینان میانگین (٪)", null=True, blank=True)
    updated_at = models.DateTimeField("آخرین خواندن", auto_now=True)

    panels = [FieldRowPanel([FieldPanel("status", read_only=True), FieldPanel("confidence", read_only=True)])]
    panels += [FieldPanel("message", read_only=True), InlinePanel("pages", label="صفحه")]

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(document__isnull=True, image__isnull=False)
                | models.Q(document__isnull=False, image__isnull=True),
                name="scan_of_document_or_image",
            )
        ]
        verbose_name = "متن اسکن‌شده"
        verbose_name_plural = "متن‌های اسکن‌شده"

    def __str__(self):
        return self.file.title if self.file else f"scan {self.pk}"

    @property
    def file(self):
        return self.document or self.image

    @property
    def file_url(self):
        if self.document_id:
            return self.document.url
        return self.image.file.url if self.image_id else ""

    def confidence_label(self):
        return "—" if self.confidence is None else f"{to_persian_digits(round(self.confidence))}٪"

    confidence_label.short_description = "اطمینان"


class ScanPage(models.Model):
    scan = ParentalKey(ScanText, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField("صفحه")
    text = models.TextField("متن خوانده‌شده", blank=True)
    confidence = models.FloatField("اطمینان (٪)", null=True, blank=True)
    corrected_text = models.TextField(
        "متن اصلاح‌شده", blank=True, help_text="اگر پر شود، همین متن به جای متن خوانده‌شده نمایه می‌شود."
    )
    message = models.CharField("پیام", max_length=300, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("number", read_only=True), FieldPanel("confidence", read_only=True)]),
        FieldPanel("text", read_only=True),
        FieldPanel("corrected_text"),
        FieldPanel("message", read_only=True),
    ]

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["scan", "number"], name="one_scan_page_per_number")]
        verbose_name = "صفحهٔ اسکن‌شده"
        verbose_name_plural = "صفحه‌های اسکن‌شده"

    def __str__(self):
        return f"{self.scan} — {self.number}"

    @property
    def effective_text(self):
        return self.corrected_text.strip() or self.text
