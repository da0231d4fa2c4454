"""Thesaurus files in and out: the checks every import passes, and the one transaction that applies it.

SKOS (``thesaurus.skos``) and CSV (``thesaurus.csv_io``) readers both produce ``Entry`` rows with the
line each concept starts on; ``validate`` refuses the whole file at its first problems (a cycle in
broader, a label two concepts claim, a broken IRI, a reference to no concept), each reported as
«سطر N: reason»; ``apply`` writes a valid file in one transaction, creating or updating by slug.
"""

from dataclasses import dataclass, field
from pathlib import Path
import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.models import Topic
from search.analysis import fold_phrase

from .models import Concept

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")


def base_iri():
    return getattr(settings, "THESAURUS_BASE_IRI", "https://hamandishi.example/thesaurus/")


class ThesaurusError(ValueError):
    """A refused thesaurus file: every problem as (line, Persian reason)."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(f"سطر {line}: {reason}" if line else reason for line, reason in problems))


@dataclass
class Entry:
    slug: str
    pref_label: str
    line: int = 0
    alt_labels: list = field(default_factory=list)
    broader: list = field(default_factory=list)  # slugs
    related: list = field(default_factory=list)  # slugs
    topic: str = ""  # a portal topic's name
    definition: str = ""
    iri: str = ""  # when not under this portal's base IRI


def slug_of(iri):
    """The slug of a concept IRI: the part after this portal's base, else the IRI's last segment."""
    local = iri[len(base_iri()) :] if iri.startswith(base_iri()) else re.split(r"[/#:]", iri.rstrip("/#"))[-1]
    return local.lower()


def iri_of(concept):
    return concept.iri or base_iri() + concept.slug


def check_iri(text, line):
    if not IRI.match(text or ""):
        raise ThesaurusError([(line, f"نشانی (IRI) «{text}» معتبر نیست: نشانی کامل و بدون فاصله لازم است.")])


def validate(entries, exclude=None):
    """Refuse ``entries`` (ThesaurusError) unless, together with the concepts already stored (but the one
    whose pk is ``exclude``, being edited), they form a thesaurus: known slugs, no label claimed twice,
    no cycle in broader."""
    problems = []
    seen = {}
    for entry in entries:
        if not SLUG.match(entry.slug or ""):
            problems.append((entry.line, f"شناسه «{entry.slug}» باید با حروف کوچک لاتین، رقم و خط تیره باشد."))
        if not entry.pref_label.strip():
            problems.append((entry.line, f"مفهوم «{entry.slug}» برچسب مرجح ندارد."))
        if entry.iri and not IRI.match(entry.iri):
            problems.append((entry.line, f"نشانی (IRI) «{entry.iri}» معتبر نیست: نشانی کامل و بدون فاصله لازم است."))
        if entry.slug in seen:
            problems.append(
                (entry.line, f"مفهوم «{entry.slug}» دو بار آمده است (نخستین بار در سطر {seen[entry.slug]}).")
            )
        seen.setdefault(entry.slug, entry.line)
    stored = {c.slug: c for c in Concept.objects.exclude(pk=exclude).prefetch_related("broader")}
    ours = {entry.slug for entry in entries}
    known = ours | set(stored)
    for entry in entries:
        for slug in entry.broader + entry.related:
            if slug not in known:
                problems.append((entry.line, f"مفهوم «{slug}» که «{entry.slug}» به آن ارجاع می‌دهد وجود ندارد."))
            if slug == entry.slug:
                problems.append((entry.line, f"مفهوم «{entry.slug}» به خودش ارجاع می‌دهد."))
    problems += _duplicate_labels(entries, [c for slug, c in stored.items() if slug not in ours])
    graph = {slug: [b.slug for b in c.broader.all()] for slug, c in stored.items() if slug not in ours}
    graph.update({entry.slug: entry.broader for entry in entries})
    lines = {entry.slug: entry.line for entry in entries}
    cycle = find_cycle(graph)
    if cycle:
        # told from a concept of the file, the one with the line to point at
        ring = cycle[:-1]
        first = next((i for i, slug in enumerate(ring) if slug in lines), 0)
        cycle = ring[first:] + ring[:first] + [ring[first]]
        path = " ← ".join(cycle)
        problems.append((lines.get(cycle[0], 0), f"دور در رابطه عام‌تر (broader): {path}."))
    if problems:
        raise ThesaurusError(problems)


def _duplicate_labels(entries, others):
    problems, owner = [], {}
    for concept in others:
        for label in concept.labels:
            owner.setdefault(fold_phrase(label), (concept.slug, 0))
    for entry in entries:
        for label in dict.fromkeys([entry.pref_label, *entry.alt_labels]):
            key = fold_phrase(label)
            if not key:
                continue
            slug, line = owner.setdefault(key, (entry.slug, entry.line))
            if slug != entry.slug:
                where = f" (سطر {line})" if line else ""
                problems.append((entry.line, f"برچسب «{label}» پیش‌تر برای مفهوم «{slug}»{where} آمده است."))
    return problems


def find_cycle(graph):
    """A list of slugs forming a cycle in ``{slug: [broader slugs]}``, or None."""
    state, stack = {}, []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for parent in graph.get(node, ()):
            if state.get(parent) == 1:
                return [*stack[stack.index(parent) :], parent]
            if parent not in state:
                found = visit(parent)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def entry_of(concept):
    return Entry(
        slug=concept.slug,
        pref_label=concept.pref_label,
        alt_labels=concept.alt_label_list,
        broader=sorted(b.slug for b in concept.broader.all()),
        related=sorted(r.slug for r in concept.related.all()),
        topic=concept.topic.name if concept.topic else "",
        definition=concept.definition,
        iri=concept.iri,
    )


def current_entries():
    concepts = Concept.objects.select_related("topic").prefetch_related("broader", "related").order_by("slug")
    return [entry_of(concept) for concept in concepts]


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
    from . import csv_io, skos

    return csv_io.read(data) if fmt == "csv" else skos.read(data, fmt)


def import_file(data, fmt):
    return apply(read_file(data, fmt))


def export_text(fmt):
    from . import csv_io, skos

    return csv_io.write(current_entries()) if fmt == "csv" else skos.write(fmt=fmt)


SEED = Path(__file__).resolve().parent / "data" / "seed.ttl"


def load_seed():
    """The shipped seed thesaurus (``thesaurus/data/seed.ttl``); concepts already there are updated."""
    return import_file(SEED.read_bytes(), "turtle")
