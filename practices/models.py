from django import forms
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.search import index

from records.attachments import RecordDocument, RecordImage
from records.pages import LISTING_INDEXES, ArchiveRecordPage, RecordIndexPage


class BestPracticePage(ArchiveRecordPage):
    results = models.TextField("نتیجه‌های سنجیده", blank=True, help_text="با عدد و رقم، اگر هست.")
    contact = models.CharField("پرسش از", max_length=255, blank=True)
    featured = models.BooleanField("برگزیده در صفحه اصلی", default=False)
    related_resolutions = ParentalManyToManyField(
        "meetings.Resolution", blank=True, related_name="practices", verbose_name="مصوبه‌های مرتبط"
    )
    related_agreements = ParentalManyToManyField(
        "agreements.AgreementPage", blank=True, related_name="practices", verbose_name="تفاهم‌نامه‌های مرتبط"
    )

    search_fields = ArchiveRecordPage.search_fields + [
        index.SearchField("results"),
        index.SearchField("contact"),
    ]

    content_panels = (
        ArchiveRecordPage.content_panels
        + ArchiveRecordPage.record_panels
        + [
            FieldPanel("body"),
            FieldPanel("results"),
            FieldPanel("contact"),
            FieldPanel("featured"),
            MultiFieldPanel(
                [
                    FieldPanel("related_resolutions", widget=forms.SelectMultiple),
                    FieldPanel("related_agreements", widget=forms.SelectMultiple),
                ],
                heading="پیوندها",
            ),
            MultiFieldPanel([InlinePanel("images", label="تصویر")], heading="تصویرها"),
        ]
        + ArchiveRecordPage.attachment_panels
    )

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []

    class Meta:
        indexes = LISTING_INDEXES
        verbose_name = "تجربه موفق"
        verbose_name_plural = "تجربه‌های موفق"


class PracticeDocument(RecordDocument):
    page = ParentalKey(BestPracticePage, on_delete=models.CASCADE, related_name="documents")


class PracticeImage(RecordImage):
    page = ParentalKey(BestPracticePage, on_delete=models.CASCADE, related_name="images")


class PracticeIndexPage(RecordIndexPage):
    record_model = BestPracticePage
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["practices.BestPracticePage"]
    max_count = 1

    class Meta:
        verbose_name = "فهرست تجربه‌های موفق"
