from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from persian.text import display_name


class Province(models.Model):
    name = models.CharField("نام", max_length=64, unique=True)
    code = models.CharField(
        "کد", max_length=3, unique=True, help_text="سه حرف لاتین، مانند QOM؛ در نشانی صفحه به کار می‌رود."
    )
    capital = models.CharField("مرکز استان", max_length=64)

    class Meta:
        ordering = ["name"]
        verbose_name = "استان"
        verbose_name_plural = "استان‌ها"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("province_detail", args=[self.slug])

    @property
    def slug(self):
        return self.code.lower()


class Municipality(models.Model):
    name = models.CharField("نام", max_length=100)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="municipalities", verbose_name="استان"
    )
    slug = models.SlugField("نامک", max_length=120, allow_unicode=True)

    class Meta:
        ordering = ["province__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["province", "name"], name="unique_municipality_name"),
            models.UniqueConstraint(fields=["province", "slug"], name="unique_municipality_slug"),
        ]
        verbose_name = "شهرداری"
        verbose_name_plural = "شهرداری‌ها"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = display_name(self.name)
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("municipality_detail", args=[self.province.slug, self.slug])


class Topic(models.Model):
    name = models.CharField("نام", max_length=100, unique=True)
    slug = models.SlugField("نامک", max_length=120, allow_unicode=True, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "موضوع"
        verbose_name_plural = "موضوع‌ها"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = display_name(self.name)
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("topic_detail", args=[self.slug])
