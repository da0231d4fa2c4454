"""How often each document was served."""

from django.db import models


class DocumentDownload(models.Model):
    """How many times a document was served; ``count_download`` adds one atomically."""

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="download_count", verbose_name="سند"
    )
    count = models.PositiveIntegerField("شمار دریافت", default=0)

    class Meta:
        indexes = [models.Index(fields=["-count"], name="download_count_idx")]  # the dashboard's top ten
        verbose_name = "شمار دریافت سند"
        verbose_name_plural = "شمار دریافت سندها"

    def __str__(self):
        return f"{self.document} — {self.count}"
