from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.search import index

from meetings.resolution_widgets import PublishedResolutionChooser
from records.attachments import RecordDocument, RecordImage
from records.pages import LISTING_INDEXES, ArchiveRecordPage, RecordIndexPage, split_lines

from .status import AgreementStatus, effective_status, filter_by_term, term_counts


class AgreementPage(ArchiveRecordPage):
    parties = models.TextField("طرف‌های تفاهم‌نامه", help_text="هر شهرداری یا دستگاه در یک سطر.")
    party_municipalities = ParentalManyToManyField(
        "places.Municipality", blank=True, related_name="agreements", verbose_name="شهرداری‌های طرف تفاهم‌نامه"
    )
    valid_until = models.DateField("معتبر تا", null=True, blank=True)
    status = models.CharField("وضعیت", max_length=16, choices=AgreementStatus.choices, default=AgreementStatus.SIGNED)
    approved_by = models.ForeignKey(
        "meetings.Resolution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_agreements",
        verbose_name="مصوبه تأیید",
    )

    search_fields = ArchiveRecordPage.search_fields + [
        index.SearchField("parties", boost=2),
        index.FilterField("status"),
    ]

    content_panels = (
        ArchiveRecordPage.content_panels
        + ArchiveRecordPage.record_panels
        + [
            FieldPanel("parties"),
            FieldPanel("party_municipalities"),
            FieldRowPanel([FieldPanel("status"), FieldPanel("valid_until")]),
            FieldPanel("approved_by", widget=PublishedResolutionChooser),
            FieldPanel("body", heading="متن یا خلاصه تفاهم‌نامه (Markdown)"),
            MultiFieldPanel([InlinePanel("images", label="تصویر")], heading="تصویرها"),
        ]
        + ArchiveRecordPage.attachment_panels
    )

    parent_page_types = ["agreements.AgreementIndexPage"]
    subpage_types = []

    class Meta:
        indexes = LISTING_INDEXES
        verbose_name = "تفاهم‌نامه"
        verbose_name_plural = "تفاهم‌نامه‌ها"

    @property
    def party_list(self):
        return split_lines(self.parties)

    @property
    def effective_status(self):
        return effective_status(self)

    @property
    def effective_status_label(self):
        return AgreementStatus(self.effective_status).label


class AgreementDocument(RecordDocument):
    page = ParentalKey(AgreementPage, on_delete=models.CASCADE, related_name="documents")
    restricted = models.BooleanField(
        "محرمانه",
        default=False,
        help_text="فقط کارکنان شهرداری‌های طرف تفاهم‌نامه و دفتر امور شهری استان آن را می‌گیرند.",
    )

    panels = RecordDocument.panels + [FieldPanel("restricted")]


class AgreementImage(RecordImage):
    page = ParentalKey(AgreementPage, on_delete=models.CASCADE, related_name="images")


class AgreementIndexPage(RecordIndexPage):
    record_model = AgreementPage
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["agreements.AgreementPage"]
    max_count = 1

    class Meta:
        verbose_name = "فهرست تفاهم‌نامه‌ها"

    def narrowed(self, records, request, context):
        context["term_choices"] = term_counts(records)
        term = request.GET.get("status", "")
        if term in {value for value, _, _ in context["term_choices"]}:
            context["filters"]["status"] = term
            records = filter_by_term(records, term)
        return records


class RestrictedDocument(models.Model):
    """A document that was ever marked restricted. It stays closed, whatever becomes of the records it
    was attached to (re-imported, unchecked, deleted), until the province's office releases it."""

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="restriction", verbose_name="سند"
    )
    province = models.ForeignKey("places.Province", on_delete=models.PROTECT, related_name="+", verbose_name="استان")
    restricted_at = models.DateTimeField("محرمانه از", auto_now_add=True)
    released_at = models.DateTimeField("آزاد شده در", null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="آزادکننده",
    )

    class Meta:
        verbose_name = "سند محرمانه"
        verbose_name_plural = "سندهای محرمانه"

    def __str__(self):
        return self.document.title

    @property
    def active(self):
        return self.released_at is None
