"""The record page factory every record type builds on.

A record is created where the importer and the admin put it — under its section's index page
(HomePage → MeetingIndexPage / AgreementIndexPage / PracticeIndexPage, built once per test by
``ensure_site_structure``) — with its child rows (resolutions, document rows…) in place before its
first revision, and published by default. Params: ``draft=True`` (a revision, never published),
``restricted=True`` (a login view restriction on the page), ``province_code`` (another province than
Qom), ``town`` (the municipality's name, created in the record's province if new).
"""

import datetime

from django.apps import apps
from django.utils import timezone
from django.utils.text import slugify
import factory
from factory.django import DjangoModelFactory
from wagtail.models import PageViewRestriction

from records.site_tree import ensure_site_structure

from .documents import DocumentFactory
from .places import MunicipalityFactory, ProvinceFactory, topics_named


def section_of(model):
    """The index page ``model``'s records live under (its only allowed parent)."""
    (parent_label,) = model.parent_page_types
    parent_model = apps.get_model(parent_label)
    return next(index for index in ensure_site_structure().values() if isinstance(index, parent_model))


def attachment_rows(model, relation, items):
    """``items`` (Wagtail documents or images, or ready rows) as unsaved rows of ``model``'s
    ``relation`` ("documents" or "images")."""
    row_model = model._meta.get_field(relation).related_model
    field = relation.removesuffix("s")
    return [item if isinstance(item, row_model) else row_model(**{field: item}) for item in items]


class RecordPageFactory(DjangoModelFactory):
    class Meta:
        abstract = True
        skip_postgeneration_save = True

    class Params:
        province_code = "QOM"
        town = None
        draft = factory.Trait(live=False)

    title = factory.Sequence(lambda n: f"سند آزمایشی {n}")
    ref = factory.Sequence(lambda n: f"TST-{n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.ref.replace("/", "-").replace("#", "-")))
    date = datetime.date(2024, 11, 5)
    province = factory.SubFactory(ProvinceFactory, code=factory.SelfAttribute("..province_code"))
    municipality = factory.Maybe(
        "town",
        yes_declaration=factory.SubFactory(
            MunicipalityFactory, province=factory.SelfAttribute("..province"), name=factory.SelfAttribute("..town")
        ),
        no_declaration=None,
    )
    summary = ""
    body = ""
    live = True
    topics = ()
    documents = ()
    images = ()

    @classmethod
    def _prepare(cls, model_class, kwargs):
        """Names become rows: topics by name, attachment rows from bare documents and images."""
        kwargs["topics"] = topics_named(kwargs["topics"])
        kwargs["documents"] = attachment_rows(model_class, "documents", kwargs["documents"])
        kwargs["images"] = attachment_rows(model_class, "images", kwargs["images"])
        return kwargs

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        return model_class(*args, **cls._prepare(model_class, kwargs))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        page = model_class(*args, **cls._prepare(model_class, kwargs))
        section_of(model_class).add_child(instance=page)
        revision = page.save_revision()
        if page.live:
            revision.publish()
        return model_class.objects.get(pk=page.pk)  # publishing saved a copy: read back live_revision & co

    @classmethod
    def create_quickly(cls, dates, **kwargs):
        """One published record per date in ``dates``, without revisions or log entries: for tests that
        need hundreds (the pages list them the same; their history is empty)."""
        parent, now = section_of(cls._meta.model), timezone.now()
        province = kwargs.setdefault("province", ProvinceFactory(code=kwargs.pop("province_code", "QOM")))
        if "town" in kwargs:
            kwargs.setdefault("municipality", MunicipalityFactory(province=province, name=kwargs.pop("town")))
        pages = []
        for date in dates:
            page = cls.build(date=date, **kwargs)
            page.first_published_at = page.last_published_at = now
            pages.append(parent.add_child(instance=page))
        return pages

    @factory.post_generation
    def restricted(page, create, extracted, **kwargs):
        if create and extracted:
            PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def attach(page, *documents):
    """Attach documents to a published record the way an editor does: a new revision, published."""
    rows = attachment_rows(type(page), "documents", documents or [DocumentFactory()])
    page.documents.add(*rows)
    page.save_revision().publish()
    return rows
