"""A thesaurus file's concepts as ``Entry`` rows, the checks every import passes (``validate``), and
the stored thesaurus as entries. SKOS and CSV readers and writers share them."""

from dataclasses import dataclass, field
import re

from django.conf import settings

from persian.analysis import fold_phrase

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
