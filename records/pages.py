"""The shared shape of every archive record (meeting, agreement, best practice)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from desk.permissions import RecordPermissionTester, SectionPermissionTester
from persian import jalali
from records.forms import RecordPageForm
from records.listing import filter_choices, filter_records, search_scope
from records.pagination import paginate
from records.refs import ref_key, ref_owner
from records.registry import type_for
from records.validation import already_validated, note_validated
from thesaurus.panels import TopicSuggestionsPanel


def split_lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# Every record table's listings read it newest first (``-date, -pk``), over all records or one
# province's: these indexes give that order without sorting, so a page costs the same at any depth.
LISTING_INDEXES = [
    models.Index(fields=["date", "page_ptr"], name="%(class)s_date_idx"),
    models.Index(fields=["province", "date", "page_ptr"], name="%(class)s_prov_date_idx"),
]


class ArchiveRecordPage(Page):
    """Abstract base: fields of the archive exchange format common to every record."""

    ref = models.CharField(
        "شماره (ref)",
        max_length=64,
        help_text="شماره‌ای که دفتر به این سند داده است، مانند QOM-1403-11؛ در کل بایگانی یکتاست.",
    )
    ref_key = models.CharField(max_length=64, unique=True, editable=False)
    date = models.DateField("تاریخ")
    province = models.ForeignKey("places.Province", on_delete=models.PROTECT, related_name="+", verbose_name="استان")
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="شهرداری",
    )
    topics = ParentalManyToManyField("places.Topic", blank=True, related_name="+", verbose_name="موضوع‌ها")
    summary = models.TextField("خلاصه", blank=True)
    body = models.TextField("متن (Markdown)", blank=True)
    source = models.URLField("منبع", max_length=2000, blank=True)
    import_digest = models.CharField(max_length=64, blank=True, editable=False)

    base_form_class = RecordPageForm

    search_fields = Page.search_fields + [
        index.SearchField("ref", boost=5),
        index.AutocompleteField("ref"),  # the admin's page search autocompletes: refs must be in it
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("province"),
        index.RelatedFields("province", [index.SearchField("name")]),
        index.RelatedFields("municipality", [index.SearchField("name")]),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]

    record_panels = [
        FieldRowPanel([FieldPanel("ref"), FieldPanel("date")]),
        FieldRowPanel([FieldPanel("province"), FieldPanel("municipality")]),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        TopicSuggestionsPanel(heading="پیشنهاد موضوع از اصطلاح‌نامه"),
        FieldPanel("summary"),
    ]
    attachment_panels = [
        MultiFieldPanel([InlinePanel("documents", label="سند")], heading="پیوست‌ها"),
    ]

    class Meta:
        abstract = True
        ordering = ["-date"]

    def clean(self):
        super().clean()
        if self.ref:
            self.ref_key = ref_key(self.ref)
            owner = ref_owner(self.ref_key)
            if owner is not None and owner.pk != self.pk:
                raise ValidationError({"ref": f"این شماره پیش‌تر برای «{owner.title}» ثبت شده است."})
        if self.municipality_id and self.province_id and self.municipality.province_id != self.province_id:
            raise ValidationError({"municipality": "این شهرداری در استان انتخاب‌شده نیست."})

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        # A revision read back in the write that made it from a validated page points at rows that exist.
        check_fks = check_fks and not already_validated(data.get("pk"))
        return super().from_serializable_data(data, check_fks=check_fks, strict_fks=strict_fks)

    def full_clean(self, *args, **kwargs):
        if not already_validated(self.pk):
            super().full_clean(*args, **kwargs)

    def save(self, *args, clean=True, **kwargs):
        self.ref_key = ref_key(self.ref)
        super().save(*args, clean=clean, **kwargs)
        if clean and self.live:
            note_validated(self.pk)

    def permissions_for_user(self, user):
        return RecordPermissionTester(user, self)

    @property
    def record_type(self):
        """The registered type's name: «meeting», «agreement», «practice» (``records.registry``)."""
        return type_for(type(self)).name

    @property
    def date_jalali(self):
        return jalali.format_numeric(self.date, persian_digits=False)

    @property
    def jalali_year(self):
        return jalali.jalali_year(self.date)


class RecordIndexPage(Page):
    """Abstract listing of one record type, filterable by province, topic and Jalali year."""

    intro = models.TextField("مقدمه", blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    record_model = None
    page_size = 20

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return SectionPermissionTester(user, self)

    def get_template(self, request, *args, **kwargs):
        return "portal/record_index_page.html"

    def narrowed(self, records, request, context):
        """A record type's own filters after the shared ones (an agreement's term); adds to ``context``."""
        return records

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # not child_of(self): a type's records live under its one section, and the page table's path
        # would lead the database away from the record table's date index
        records, filters = filter_records(self.record_model, request.GET)
        context["filters"] = filters
        records = self.narrowed(records, request, context)
        context["records"], context["pagination"] = paginate(records, request.GET, self.page_size)
        context["search_scope"] = search_scope(
            type_for(self.record_model).name, filters.get("province"), filters.get("topic"), filters.get("year")
        )
        context.update(filter_choices(self.record_model))
        return context
