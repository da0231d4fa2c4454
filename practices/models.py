from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.search import index

from agreements import chooser as agreement_chooser
from meetings import resolution_widgets as resolution_chooser
from records.attachments import RecordDocument, RecordImage
from records.multiple_chooser import MultipleChooser
from records.pages import LISTING_INDEXES, ArchiveRecordPage, RecordIndexPage

RELATED_RESOLUTIONS = MultipleChooser(
    f"{resolution_chooser.PUBLISHED_VIEWSET_NAME}:choose",
    resolution_chooser.choice_label,
    "افزودن مصوبه",
    related=("meeting",),
)
RELATED_AGREEMENTS = MultipleChooser(
    f"{agreement_chooser.VIEWSET_NAME}:choose", agreement_chooser.choice_label, "افزودن تفاهم‌نامه"
)


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
                    FieldPanel("related_resolutions", widget=RELATED_RESOLUTIONS),
                    FieldPanel("related_agreements", widget=RELATED_AGREEMENTS),
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
