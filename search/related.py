"""Related records: what a search that found only a few records offers beneath them.

A mayor who asks about «مکان‌یابی» wants the meeting that weighed three zones for the landfill too,
though it never says the word. Pseudo-relevance feedback, as a search engine's "more like these":
the terms that the first few matches share and the rest of the archive seldom uses make a query
for any of them, ranked by the backend's own scoring, and its best records that are not matches
already are offered beneath the results, marked as related, until the first page holds ten.

The terms are chosen here, once for every backend, from the pipeline's own terms
(``search.analysis.content_terms``); a backend gives only document frequencies and the ranked search.
Matches are never reordered or dropped for them, and ``count`` and the facets stay the matches'.
"""

from collections import Counter
import math

from persian.analysis import LENIENT_BELOW, content_terms

FEEDBACK_RECORDS = 3  # the first matches whose words are looked at
EXPANSION_TERMS = 12
LOOKED_UP = 3 * EXPANSION_TERMS  # the most frequent candidates whose document frequencies are read
MAX_SHARE = 0.25  # a term in more of the archive than this says little about a subject…
MAX_ROWS = 1000  # …nor in more records than this, which also bounds the query's cost at any size
FILL_TO = LENIENT_BELOW  # related records fill the first page up to this many records


def wanted(request, analyzed, count):
    """Related records accompany a relevance-ordered first page that holds every match, when there
    are a few (not none: there is nothing to be like); a typed ref asks for one record, not more."""
    return bool(
        request.q
        and not analyzed.refs
        and request.sort == "relevance"
        and request.page == 1
        and 0 < count < FILL_TO
        and count <= request.page_size
    )


def feedback_texts(entries):
    """Title and text of the first matches (the page's entries, in order)."""
    return [f"{entry.title} {entry.text}" for entry in entries[:FEEDBACK_RECORDS]]


def expansion_terms(texts, document_frequencies):
    """The terms that best say what ``texts`` are about, best first.

    A term must occur at least twice in them, and in two of them when there are two or more (as
    more-like-this asks of a term), and in no more than ``MAX_SHARE`` of the archive and ``MAX_ROWS``
    records; terms are scored by occurrences × idf. ``document_frequencies(terms, share, most)`` gives
    ``({term: rows}, rows)``, and need not count a term's rows past ``share`` of them or ``most``.
    """
    occurrences, holders = Counter(), Counter()
    for text in texts:
        terms = content_terms(text)
        occurrences.update(terms)
        holders.update(set(terms))
    shared = min(2, len(texts))
    candidates = [term for term, n in occurrences.items() if n >= 2 and holders[term] >= shared]
    candidates = sorted(candidates, key=lambda term: (-occurrences[term], term))[:LOOKED_UP]
    if not candidates:
        return []
    frequencies, total = document_frequencies(candidates, MAX_SHARE, MAX_ROWS)
    most = min(MAX_SHARE * total, MAX_ROWS)
    scored = [
        (occurrences[term] * math.log(total / frequencies[term]), term)
        for term in candidates
        if 0 < frequencies.get(term, 0) <= most
    ]
    return [term for _, term in sorted(scored, key=lambda pair: (-pair[0], pair[1]))[:EXPANSION_TERMS]]
