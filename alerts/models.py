"""Saved searches and what their alerts have queued and sent.

A saved search belongs to an e-mail address (``Address``); a signed-in user's, or a municipality's
that its province office subscribed, or an anonymous visitor's that only counts once confirmed
(double opt-in). ``RecordChange`` logs each published record version; ``AlertItem`` is the sent log:
one row per saved search, record and version, so nothing is queued or sent twice. A sending run claims
the items it is about to send (``claim``, ``claimed_at``; ``alerts.sending``), so no other run sends them
meanwhile.
"""

from django.conf import settings
from django.db import models
from django.http import QueryDict


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "بی‌درنگ"
    DAILY = "daily", "روزانه"
    WEEKLY = "weekly", "هفتگی"


class Address(models.Model):
    email = models.EmailField(unique=True)
    bounced_at = models.DateTimeField(null=True, blank=True)
    bounce_reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "نشانی ایمیل"
        verbose_name_plural = "نشانی‌های ایمیل"

    def __str__(self):
        return self.email


class SavedSearchQuerySet(models.QuerySet):
    def active(self):
        """Searches whose alerts go out: confirmed, not paused, to an address that does not bounce."""
        return self.filter(confirmed_at__isnull=False, paused=False, address__bounced_at__isnull=True)


class SavedSearch(models.Model):
    address = models.ForeignKey(Address, on_delete=models.CASCADE, related_name="searches")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="saved_searches"
    )
    municipality = models.ForeignKey(
        "places.Municipality", on_delete=models.CASCADE, null=True, blank=True, related_name="saved_searches"
    )
    name = models.CharField(max_length=120)
    query = models.CharField(max_length=2000, blank=True, help_text="the search page's parameters")
    frequency = models.CharField(max_length=16, choices=Frequency.choices, default=Frequency.DAILY)
    paused = models.BooleanField(default=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    seen_change = models.BigIntegerField(default=0, help_text="the last RecordChange matched against")
    last_sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="failed sends since the last one")
    retry_at = models.DateTimeField(null=True, blank=True)
    invalid = models.CharField(max_length=300, blank=True, help_text="why its parameters no longer parse")

    objects = SavedSearchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "جست‌وجوی ذخیره‌شده"
        verbose_name_plural = "جست‌وجوهای ذخیره‌شده"

    def __str__(self):
        return self.name

    @property
    def query_q(self):
        return QueryDict(self.query).get("q", "")


class RecordChange(models.Model):
    """A record version that became public (published, or changed in public)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    version = models.BigIntegerField(help_text="the live revision's id")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "version"], name="alerts_change_once")]

    def __str__(self):
        return f"{self.page_id}@{self.version}"


class AlertItem(models.Model):
    """A matching record version for a saved search: queued, then sent once."""

    search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    version = models.BigIntegerField()
    entries = models.JSONField(default=list, help_text="the matching search entries' ids")
    queued_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    claim = models.UUIDField(null=True, blank=True, help_text="the sending run that took it")
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["search", "page", "version"], name="alerts_item_once"),
        ]
        indexes = [models.Index(fields=["search", "sent_at"], name="alerts_item_queued")]

    def __str__(self):
        return f"{self.search_id}: {self.page_id}@{self.version}"


class SubscribeAttempt(models.Model):
    """One subscription request, counted per address and per IP for the rate limit."""

    email = models.CharField(max_length=254, blank=True, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"{self.email or self.ip} {self.at}"
