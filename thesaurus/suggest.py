"""Topics a record's text suggests, from the thesaurus: the portal topics of the concepts (or of their
broader concepts) whose labels the text uses, most used first."""

from collections import Counter

from persian.analysis import STOPWORDS, stem, words

from .labels import MAX_PHRASE, thesaurus_index
from .models import Concept

LIMIT = 6


def _phrases(text):
    stems = [stem(w.fused) for w in words(text)]
    keys = Counter()
    for start in range(len(stems)):
        for end in range(start + 1, min(len(stems), start + MAX_PHRASE) + 1):
            content = tuple(s for s in stems[start:end] if s not in STOPWORDS)
            if content and stems[start] not in STOPWORDS and stems[end - 1] not in STOPWORDS:
                keys[content] += 1
    return keys


def suggested_topics(text, limit=LIMIT):
    """[(topic, concept labels that led to it)] for ``text``, most used first."""
    index = thesaurus_index()
    counts = Counter()
    for key, n in _phrases(text).items():
        slug = index.by_key.get(key)
        if slug:
            counts[slug] += n
    if not counts:
        return []
    concepts = Concept.objects.filter(slug__in=counts).select_related("topic").prefetch_related("broader__topic")
    by_topic, reasons = Counter(), {}
    for concept in concepts:
        topic = concept.topic or next((b.topic for b in concept.broader.all() if b.topic), None)
        if topic:
            by_topic[topic] += counts[concept.slug]
            reasons.setdefault(topic, []).append(concept.pref_label)
    return [(topic, reasons[topic]) for topic, _ in by_topic.most_common(limit)]
