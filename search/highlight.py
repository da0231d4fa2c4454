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


class WordTerms:
    """A text's word spans with the terms each word (and each pair of adjacent words) matches: worked
    out once, then marked for any number of queries (the digests of one alerts run share records)."""

    def __init__(self, text):
        self.spans = [m.span() for m in ORIGINAL_WORD.finditer(text)]
        originals = [text[start:end] for start, end in self.spans]
        self.own = [
            _terms_of(original) | (ref_like(text, span) if in_ref(text, span) else set())
            for original, span in zip(originals, self.spans, strict=True)
        ]
        self.pairs = [_pair_of(first, second) for first, second in zip(originals, originals[1:], strict=False)]

    def marked(self, terms):
        marked = set()
        for position, own in enumerate(self.own):
            if own & terms:
                marked.add(position)
        for position, pair in enumerate(self.pairs):
            if pair in terms:
                marked.update((position, position + 1))
        return marked


def matched_words(text, terms):
    """Spans of the words in ``text`` that the query's terms match, and all word spans."""
    words = WordTerms(text)
    return words.spans, words.marked(terms)


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


def snippet(text, terms, words=SNIPPET_WORDS, analysed=None):
    """(html, matched): a window of ``text`` around its best run of matches; ``analysed``: the text's
    ``WordTerms`` when the caller has them."""
    text = text or ""
    if analysed is not None:
        spans, marked = analysed.spans, analysed.marked(terms) if terms else set()
    else:
        spans, marked = (
            matched_words(text, terms) if terms else ([m.span() for m in ORIGINAL_WORD.finditer(text)], set())
        )
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
