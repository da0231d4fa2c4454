"""One searchable item per row: a meeting, each resolution, an agreement, a best practice.

Rows exist only for live, public records (``search.indexing`` keeps them in step with publishing),
so every search starts from records the public may see.
"""

from django.db import models
from modelsearch import index

from persian.analysis import compact_ref


class EntryKind(models.TextChoices):
    MEETING = "meeting", "نشست"
    RESOLUTION = "resolution", "مصوبه"
    AGREEMENT = "agreement", "تفاهم‌نامه"
    PRACTICE = "practice", "تجربه موفق"


class SearchEntry(index.Indexed, models.Model):
    # ``search.indexing`` writes each entry to the index once its topics are set (a post_save
    # write would carry none); deletions, cascades included, go through ``search.signals``.
    search_auto_update = False

    kind = models.CharField(max_length=16, choices=EntryKind.choices)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="search_entries")
    resolution = models.OneToOneField(
        "meetings.Resolution", on_delete=models.CASCADE, null=True, blank=True, related_name="search_entry"
    )
    ref = models.CharField(max_length=80)
    ref_key = models.CharField(max_length=80, db_index=True, help_text="the ref's letters and digits, folded")
    title = models.CharField(max_length=400)
    url = models.CharField(max_length=500)
    date = models.DateField()
    year = models.PositiveSmallIntegerField(help_text="Jalali year")
    province = models.ForeignKey("places.Province", on_delete=models.PROTECT, related_name="+")
    topics = models.ManyToManyField("places.Topic", blank=True, related_name="+")
    status = models.CharField(max_length=16, blank=True)
    valid_until = models.DateField(null=True, blank=True)
    text = models.TextField(blank=True, help_text="the record's own words, for snippets")
    places = models.TextField(blank=True, help_text="province, municipalities, parties, responsible bodies")
    topic_names = models.TextField(blank=True)
    attachment_text = models.TextField(blank=True)
    attachment_names = models.CharField(max_length=500, blank=True)
    scan_text = models.TextField(blank=True, help_text="OCR text of scanned attachments (corrections applied)")

    search_fields = [
        index.SearchField("index_title", boost=2),
        index.SearchField("ref", boost=10),
        index.SearchField("text"),
        index.SearchField("places"),
        index.SearchField("topic_names"),
        index.SearchField("attachment_text"),
        index.SearchField("scan_text"),
        index.AutocompleteField("title"),
        index.FilterField("kind"),
        index.FilterField("province_id"),
        index.FilterField("year"),
        index.FilterField("status"),
        index.FilterField("date"),
        index.FilterField("valid_until"),
        index.FilterField("id"),
        index.FilterField("ref_key"),
        index.FilterField("topic_ids"),
    ]

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["-date", "-id"], name="searchentry_newest"),
            # covers the facet grouping, so counting needs no table scan
            models.Index(fields=["kind", "province", "year", "status", "valid_until"], name="searchentry_facets"),
            # the same columns by id: grouping a match's entries reads this index, not their long rows
            models.Index(
                fields=["id", "kind", "province", "year", "status", "valid_until"], name="searchentry_facets_by_id"
            ),
            models.Index(fields=["status"], name="searchentry_status"),
        ]
        verbose_name = "ورودی جست‌وجو"
        verbose_name_plural = "ورودی‌های جست‌وجو"

    def __str__(self):
        return f"{self.kind} {self.ref}"

    def save(self, *args, **kwargs):
        self.ref_key = compact_ref(self.ref)
        super().save(*args, **kwargs)

    @property
    def topic_ids(self):
        """For engines that filter by topic in the index; ``_topic_ids`` is set before the first save."""
        if getattr(self, "_topic_ids", None) is None:
            self._topic_ids = [topic.pk for topic in self.topics.all()] if self.pk else []  # prefetch-friendly
        return self._topic_ids

    @property
    def index_title(self):
        """What weighs as a title: a resolution's own words, not its meeting's title."""
        return self.text if self.kind == EntryKind.RESOLUTION else self.title


class AttachmentText(models.Model):
    """Text extracted from a PDF/DOCX document, kept so a file is read once per content."""

    document = models.OneToOneField("wagtaildocs.Document", on_delete=models.CASCADE, related_name="extracted")
    file_hash = models.CharField(max_length=64)
    text = models.TextField(blank=True)
    error = models.CharField(max_length=500, blank=True)
    extracted_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"text of {self.document_id}"


class PendingIndexUpdate(models.Model):
    """An object whose index write the search cluster missed (see ``search.outbox``)."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="pending_index_once")]
        verbose_name = "نوشتن معوق در نمایه"
        verbose_name_plural = "نوشتن‌های معوق در نمایه"

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id}"
