"""Snippets of a record's own text with the matched words in <mark>, HTML-safe."""

from functools import lru_cache
from html import escape
from itertools import accumulate

from persian.analysis import ORIGINAL_WORD, analyse_word, pair_term, ref_terms, word_terms

REF_JOINERS = "-/#_"

SNIPPET_WORDS = 36


@lru_cache(maxsize=65536)
def _terms_of(original):
    return frozenset(word_terms(analyse_word(original)))


@lru_cache(maxsize=65536)
def _pair_of(first, second):
    return pair_term(analyse_word(first), analyse_word(second))


def matched_words(text, terms):
    """Spans of the words in ``text`` that the query's terms match, and all word spans."""
    spans = [m.span() for m in ORIGINAL_WORD.finditer(text)]
    originals = [text[start:end] for start, end in spans]
    marked = set()
    for position, original in enumerate(originals):
        if _terms_of(original) & terms or (in_ref(text, spans[position]) and ref_like(text, spans[position]) & terms):
            marked.add(position)
        if position + 1 < len(originals) and _pair_of(original, originals[position + 1]) in terms:
            marked.update((position, position + 1))
    return spans, marked


def _best_window(length, marked, words):
    """The first position of the ``words``-long window holding the most marked words."""
    counts = list(accumulate((position in marked for position in range(length)), initial=0))
    return max(range(length), key=lambda i: (counts[min(i + words, length)] - counts[i], -i))


def in_ref(text, span):
    """Only a word joined to another by - / # _ can be part of a ref such as QOM-1403-11."""
    start, end = span
    return (start > 0 and text[start - 1] in REF_JOINERS) or (end < len(text) and text[end] in REF_JOINERS)


def ref_like(text, span):
    """Compact ref terms of the whole run of joined words around ``span``."""
    start, end = span
    while start > 0 and (text[start - 1] in REF_JOINERS or text[start - 1].isalnum()):
        start -= 1
    while end < len(text) and (text[end] in REF_JOINERS or text[end].isalnum()):
        end += 1
    return set(ref_terms(text[start:end]))


def snippet(text, terms, words=SNIPPET_WORDS):
    """(html, matched): a window of ``text`` around its best run of matches."""
    text = text or ""
    spans, marked = matched_words(text, terms) if terms else ([m.span() for m in ORIGINAL_WORD.finditer(text)], set())
    if not spans:
        return escape(text[:200]), False
    first = 0
    if marked:
        best = _best_window(len(spans), marked, words)
        first = max(0, min(best, min(m for m in marked if m >= best) - 4))
    last = min(len(spans), first + words) - 1
    pieces = ["… "] if first > 0 else []
    cursor = spans[first][0]
    for position in range(first, last + 1):
        start, end = spans[position]
        pieces.append(escape(text[cursor:start]))
        word = escape(text[start:end])
        pieces.append(f"<mark>{word}</mark>" if position in marked else word)
        cursor = end
    if last + 1 < len(spans):
        pieces.append(" …")
    else:
        pieces.append(escape(text[cursor:]))
    return "".join(pieces).strip(), bool(marked)
