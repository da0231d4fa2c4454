"""The office's thesaurus of municipal concepts (SKOS-shaped): one preferred Persian label, alternative
labels, broader / narrower / related concepts and an optional portal topic.

Narrower is broader read backwards; related is stored once and read both ways (``related_concepts``).
"""

from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import RevisionMixin


def split_labels(text):
    """Alternative labels as typed: one per line (a «،» or «;» also separates)."""
    labels = []
    for line in (text or "").replace("،", "\n").replace(";", "\n").splitlines():
        label = " ".join(line.split())
        if label and label not in labels:
            labels.append(label)
    return labels


class Concept(RevisionMixin, ClusterableModel):
    slug = models.SlugField(
        "شناسه",
        max_length=80,
        unique=True,
        help_text="شناسه لاتین و ثابت مفهوم؛ نشانی مفهوم در SKOS و در سایت از آن ساخته می‌شود.",
    )
    pref_label = models.CharField("برچسب مرجح", max_length=120, unique=True)
    alt_labels = models.TextField(
        "برچسب‌های جایگزین",
        blank=True,
        help_text="هر برچسب در یک سطر: مترادف‌ها، صورت‌های عامیانه و اداری، جمع‌های مکسر، غلط‌های رایج املایی.",
    )
    definition = models.TextField("تعریف", blank=True)
    broader = ParentalManyToManyField(
        "self", verbose_name="مفهوم‌های عام‌تر", symmetrical=False, related_name="narrower", blank=True
    )
    related = ParentalManyToManyField(
        "self", verbose_name="مفهوم‌های وابسته", symmetrical=False, related_name="related_from", blank=True
    )
    topic = models.ForeignKey(
        "places.Topic", verbose_name="موضوع سایت", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    iri = models.CharField(
        "IRI خارجی",
        max_length=500,
        blank=True,
        help_text="نشانی مفهوم در اصطلاح‌نامه‌ای که از آن وارد شده است، اگر از نشانی این سایت متفاوت است.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pref_label"]
        verbose_name = "مفهوم"
        verbose_name_plural = "مفهوم‌ها"

    def __str__(self):
        return self.pref_label

    @property
    def alt_label_list(self):
        return split_labels(self.alt_labels)

    @property
    def labels(self):
        return [self.pref_label, *self.alt_label_list]

    def related_concepts(self):
        return Concept.objects.filter(models.Q(related_from=self) | models.Q(related=self)).distinct()

    def get_absolute_url(self):
        return reverse("concept_detail", args=[self.slug])
