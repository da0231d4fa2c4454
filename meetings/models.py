from contextlib import nullcontext

from django import forms
from django.db import models
from django.db.models import CharField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from records.attachments import RecordDocument, RecordImage
from records.pages import LISTING_INDEXES, ArchiveRecordPage, RecordIndexPage, split_lines
from records.publication import public_condition, public_through

from .forms import MeetingPageForm
from .page_context import meeting_context
from .status import OPEN_STATUSES, ResolutionStatus


class MeetingPage(ArchiveRecordPage):
    participants = models.TextField("حاضران", blank=True, help_text="هر شهرداری یا دستگاه در یک سطر.")
    participant_municipalities = ParentalManyToManyField(
        "places.Municipality", blank=True, related_name="meetings_attended", verbose_name="شهرداری‌های حاضر"
    )
    next_meeting_municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="میزبان نشست بعد",
    )
    next_meeting_date = models.DateField("تاریخ نشست بعد", null=True, blank=True)

    search_fields = ArchiveRecordPage.search_fields + [index.SearchField("participants")]
    base_form_class = MeetingPageForm

    content_panels = (
        ArchiveRecordPage.content_panels
        + ArchiveRecordPage.record_panels
        + [
            FieldPanel("participants"),
            FieldPanel("participant_municipalities", widget=forms.SelectMultiple),
            FieldPanel("body", heading="صورت‌جلسه (Markdown)"),
            MultiFieldPanel([InlinePanel("resolutions", label="مصوبه")], heading="مصوبات"),
            MultiFieldPanel([InlinePanel("follow_ups", label="پیگیری")], heading="پیگیری مصوبات پیشین"),
            FieldRowPanel(
                [FieldPanel("next_meeting_municipality"), FieldPanel("next_meeting_date")],
                heading="نشست بعد",
            ),
            MultiFieldPanel([InlinePanel("images", label="عکس")], heading="عکس‌ها"),
        ]
        + ArchiveRecordPage.attachment_panels
    )

    parent_page_types = ["meetings.MeetingIndexPage"]
    subpage_types = []

    class Meta:
        indexes = LISTING_INDEXES
        verbose_name = "نشست"
        verbose_name_plural = "نشست‌ها"

    @property
    def participant_list(self):
        return split_lines(self.participants)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(meeting_context(self))
        return context

    # Around a save, the keeper of the resolutions' stored status: meetings.stored_status.connect() puts
    # its own here when the app is ready (it imports this module).
    keep_status = staticmethod(lambda meeting, update_fields: nullcontext())

    def save(self, *args, **kwargs):
        with self.keep_status(self, kwargs.get("update_fields")):
            return super().save(*args, **kwargs)


class ResolutionQuerySet(models.QuerySet):
    def followable_by(self, meeting, province=None, date=None):
        """What a meeting may follow up: open resolutions of earlier published meetings of its province,
        plus whatever it already follows up (so a follow-up that closed a resolution stays valid)."""
        province_id = getattr(province, "pk", province) or meeting.province_id
        date = date or meeting.date
        choices = Q(current_status__in=OPEN_STATUSES) & public_condition("meeting")
        if province_id:
            choices &= Q(meeting__province_id=province_id)
        if date:
            choices &= Q(meeting__date__lt=date)
        if meeting.pk:
            followed = FollowUp.objects.filter(meeting_id=meeting.pk).values("resolution_id")
            choices = (choices & ~Q(meeting_id=meeting.pk)) | Q(pk__in=followed)
        resolutions = self.filter(choices)
        return resolutions.select_related("meeting").order_by("-meeting__date", "meeting__ref", "number")


class Resolution(Orderable):
    meeting = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="resolutions")
    number = models.PositiveIntegerField("شماره")
    text = models.TextField("متن مصوبه")
    responsible = models.TextField("مسئول اجرا", blank=True, help_text="هر دستگاه در یک سطر.")
    deadline = models.DateField("مهلت", null=True, blank=True)
    status = models.CharField(
        "وضعیت هنگام تصویب", max_length=16, choices=ResolutionStatus.choices, default=ResolutionStatus.PENDING
    )
    # What ``computed_current_status`` says, kept by ``meetings.stored_status`` so that counts and filters
    # read a column instead of a subquery per row.
    current_status = models.CharField(
        "وضعیت کنونی",
        max_length=16,
        choices=ResolutionStatus.choices,
        default=ResolutionStatus.PENDING,
        editable=False,
    )

    objects = ResolutionQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("status"), FieldPanel("deadline")]),
        FieldPanel("text"),
        FieldPanel("responsible"),
    ]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="unique_resolution_number")]
        indexes = [
            models.Index(fields=["current_status", "meeting"], name="resolution_status_idx"),
            # one status by deadline: the dashboard's most overdue walk it and stop at the first public few
            models.Index(fields=["current_status", "deadline"], name="resolution_deadline_idx"),
        ]
        verbose_name = "مصوبه"
        verbose_name_plural = "مصوبات"

    def __str__(self):
        return f"{self.ref} — {self.text[:60]}"

    @property
    def ref(self):
        return f"{self.meeting.ref}#{self.number}"

    @property
    def anchor(self):
        return f"resolution-{self.number}"

    def prepare_insert(self):
        """Before the row is first written (by its save, or in bulk): no follow-up can name it yet."""
        self.current_status = self.status

    def save(self, *args, **kwargs):
        if self._state.adding:  # an old row is refreshed after saving
            self.prepare_insert()
        return super().save(*args, **kwargs)

    @property
    def current_status_label(self):
        return ResolutionStatus(self.current_status).label

    @property
    def responsible_list(self):
        return split_lines(self.responsible)

    def get_url(self, request=None):
        return f"{self.meeting.get_url(request)}#{self.anchor}"


class FollowUp(Orderable):
    meeting = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="follow_ups")
    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, related_name="follow_ups", verbose_name="مصوبه"
    )
    status = models.CharField("وضعیت تازه", max_length=16, choices=ResolutionStatus.choices)
    note = models.TextField("توضیح", blank=True)

    panels = [FieldPanel("resolution"), FieldPanel("status"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "پیگیری"
        verbose_name_plural = "پیگیری‌ها"


class ResolutionCount(models.Model):
    """How many published resolutions of a province and Jalali year have a stored status: the admin
    dashboard's counts and charts, kept by ``meetings.status_summary`` in the transaction of every change
    that can move one (``manage.py check_resolution_counts`` compares it with a recount)."""

    province = models.ForeignKey("places.Province", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=16, choices=ResolutionStatus.choices)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["province", "year", "status"], name="unique_resolution_count")]

    def __str__(self):
        return f"{self.province_id}/{self.year}/{self.status}: {self.count}"


def public_follow_ups():
    """Follow-ups recorded by published meetings: a draft's or a view-restricted meeting's do not count."""
    return public_through(FollowUp.objects.all(), "meeting")


def computed_current_status():
    """The rule, as an SQL expression over a Resolution row: the status of the latest follow-up recorded
    by a published meeting (by the meeting's date, then its id, then the follow-up's order, as the page's
    history lists them: an unordered row, as the importer writes them, counts as 0, then by id), else the
    status it was adopted with."""
    latest = (
        public_follow_ups()
        .filter(resolution=OuterRef("pk"))
        .order_by("-meeting__date", "-meeting_id", Coalesce("sort_order", 0).desc(), "-pk")
        .values("status")[:1]
    )
    return Coalesce(Subquery(latest), "status", output_field=CharField())


class MeetingDocument(RecordDocument):
    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="documents")


class MeetingImage(RecordImage):
    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="images")


class MeetingIndexPage(RecordIndexPage):
    record_model = MeetingPage
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["meetings.MeetingPage"]
    max_count = 1

    class Meta:
        verbose_name = "فهرست نشست‌ها"
