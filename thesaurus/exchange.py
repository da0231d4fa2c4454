"""Thesaurus files in and out: the checks every import passes, and the one transaction that applies it.

SKOS (``thesaurus.skos``) and CSV (``thesaurus.csv_io``) readers both produce ``Entry`` rows with the
line each concept starts on; ``validate`` refuses the whole file at its first problems (a cycle in
broader, a label two concepts claim, a broken IRI, a reference to no concept), each reported as
«سطر N: reason»; ``apply`` writes a valid file in one transaction, creating or updating by slug.
"""

from pathlib import Path

from django.db import transaction
from django.utils import timezone

from persian.analysis import fold_phrase
from places.models import Topic

from . import csv_io, skos
from .entries import Entry, ThesaurusError, current_entries, validate
from .models import Concept

__all__ = ["Entry", "ThesaurusError", "apply", "export_text", "import_file", "load_seed", "read_file"]


@transaction.atomic
def apply(entries):
    """Validate, then create or update every concept by slug, in bulk; returns (created, updated)."""
    validate(entries)
    topics = {fold_phrase(t.name): t for t in Topic.objects.all()}
    stored = {c.slug: c for c in Concept.objects.all()}
    now = timezone.now()
    new, changed = [], []
    for entry in entries:
        concept = stored.get(entry.slug) or Concept(slug=entry.slug)
        concept.pref_label = " ".join(entry.pref_label.split())
        concept.alt_labels = "\n".join(label for label in entry.alt_labels if label != concept.pref_label)
        concept.definition = entry.definition
        concept.iri = entry.iri
        concept.topic = topics.get(fold_phrase(entry.topic)) if entry.topic else None
        concept.updated_at = now
        (changed if concept.pk else new).append(concept)
    # labels may move between concepts of one file: clear the changed ones' first (unique pref_label)
    fields = ["pref_label", "alt_labels", "definition", "iri", "topic", "updated_at"]
    for concept in changed:
        Concept.objects.filter(pk=concept.pk).update(pref_label=f"\x00{concept.pk}")
    Concept.objects.bulk_update(changed, fields)
    Concept.objects.bulk_create(new)
    ids = dict(Concept.objects.values_list("slug", "pk"))
    ours = [ids[entry.slug] for entry in entries]
    for relation, attribute in (("broader", "broader"), ("related", "related")):
        through = getattr(Concept, relation).through
        source, target = f"from_{Concept._meta.model_name}_id", f"to_{Concept._meta.model_name}_id"
        through.objects.filter(**{f"{source}__in": ours}).delete()
        through.objects.bulk_create(
            through(**{source: ids[entry.slug], target: ids[slug]})
            for entry in entries
            for slug in dict.fromkeys(getattr(entry, attribute))
        )
    return len(new), len(changed)


def read_file(data, fmt):
    """Entries of a thesaurus file in ``fmt`` (``turtle``, ``xml`` or ``csv``)."""
    return csv_io.read(data) if fmt == "csv" else skos.read(data, fmt)


def import_file(data, fmt):
    return apply(read_file(data, fmt))


def export_text(fmt):
    return csv_io.write(current_entries()) if fmt == "csv" else skos.write(fmt=fmt)


SEED = Path(__file__).resolve().parent / "data" / "seed.ttl"


def load_seed():
    """The shipped seed thesaurus (``thesaurus/data/seed.ttl``); concepts already there are updated."""
    return import_file(SEED.read_bytes(), "turtle")
