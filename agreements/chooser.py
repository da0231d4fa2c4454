"""Agreements picked in Wagtail's chooser modal (``records.choosers``; a practice's related agreements):
published ones only, searched by ref or title, a page at a time, not a select of every agreement."""

from django.db.models import Q
from wagtail.admin.ui.tables import Column

from persian import jalali
from persian.text import loose_pattern
from records.choosers import RecordChooserViewSet
from records.publication import published

from .models import AgreementPage

VIEWSET_NAME = "published_agreements"


def choice_label(agreement):
    return f"{agreement.ref} — {agreement.title}"


def published_agreements():
    return published(AgreementPage).order_by("-date", "-pk")


def search(rows, word):
    return rows.filter(Q(title__iregex=loose_pattern(word)) | Q(ref__icontains=word))


agreement_chooser_viewset = RecordChooserViewSet(
    VIEWSET_NAME,
    url_prefix="agreements/chooser",
    model=AgreementPage,
    choose_one_text="گزینش تفاهم‌نامه",
    page_title="گزینش تفاهم‌نامه‌های مرتبط",
    listing=lambda query: published_agreements(),
    chosen_from=published_agreements,
    label=choice_label,
    item_label="تفاهم‌نامه",
    search=search,
    search_label="جستجو در شماره یا عنوان تفاهم‌نامه",
    extra_columns=(Column("date", label="تاریخ", accessor=lambda a: jalali.format_numeric(a.date)),),
)
