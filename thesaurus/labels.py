"""The stored thesaurus indexed by label: the keys a label or a phrase of a query is looked up by,
rebuilt when a concept is added, changed or deleted. Query expansion and topic suggestions read it."""

from dataclasses import dataclass
import threading

from django.db.models import Count, Max

from persian.analysis import STOPWORDS, stem, words

from .models import Concept

MAX_PHRASE = 6


@dataclass(frozen=True)
class LabelIndex:
    by_key: dict  # label key -> concept slug
    concepts: dict  # slug -> (pref label, labels, narrower slugs, related slugs)


def label_keys(text):
    """The keys a label or a phrase of the query is looked up by: its content words stemmed, and all
    its words fused (so «حمل‌ونقل» meets «حمل و نقل»)."""
    ws = words(text)
    content = tuple(stem(w.fused) for w in ws if w.fused not in STOPWORDS)
    fused = stem("".join(w.fused for w in ws))
    return {key for key in (content, (fused,)) if key and all(key)}


_lock = threading.Lock()
_cache = {}


def thesaurus_index():
    """The label index of the stored thesaurus, rebuilt when a concept was added, changed or deleted."""
    version = tuple(Concept.objects.aggregate(n=Count("pk"), at=Max("updated_at")).values())
    with _lock:
        if _cache.get("version") != version:
            _cache["index"] = _build_index()
            _cache["version"] = version
        return _cache["index"]


def _build_index():
    concepts = {}
    by_key = {}
    rows = Concept.objects.prefetch_related("broader", "related", "related_from")
    for concept in rows:
        related = {c.slug for c in concept.related.all()} | {c.slug for c in concept.related_from.all()}
        concepts[concept.slug] = [concept.pref_label, tuple(concept.labels), [], tuple(sorted(related))]
        for label in concept.labels:
            for key in label_keys(label):
                by_key.setdefault(key, concept.slug)
    for concept in rows:
        for parent in concept.broader.all():
            concepts[parent.slug][2].append(concept.slug)
    return LabelIndex(by_key, {slug: (p, labels, tuple(n), r) for slug, (p, labels, n, r) in concepts.items()})
