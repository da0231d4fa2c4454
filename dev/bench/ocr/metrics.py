"""Character error rate and word recall of OCR output against the text that was rendered."""

from collections import Counter

from persian.text import ZWNJ, normalize


def comparable(text):
    """Folded letters, Latin digits, one space between words; a half-space counts as a space (the
    search pipeline indexes both forms, and OCR often reads one as the other)."""
    return normalize(str(text).replace(ZWNJ, " "))


def edit_distance(a, b):
    """Levenshtein distance (Hyyrö's bit-parallel form of Myers' algorithm: one pass over ``b``)."""
    if not a or not b:
        return len(a) + len(b)
    full = (1 << len(a)) - 1
    last = 1 << (len(a) - 1)
    masks = {}
    for position, char in enumerate(a):
        masks[char] = masks.get(char, 0) | (1 << position)
    plus, minus, score = full, 0, len(a)
    for char in b:
        eq = masks.get(char, 0)
        xv = eq | minus
        xh = (((eq & plus) + plus) ^ plus) | eq
        hp = (minus | ~(xh | plus)) & full
        hm = plus & xh
        if hp & last:
            score += 1
        elif hm & last:
            score -= 1
        hp = ((hp << 1) | 1) & full
        hm = (hm << 1) & full
        plus = (hm | ~(xv | hp)) & full
        minus = hp & xv
    return score


def cer(reference, recognised):
    reference, recognised = comparable(reference), comparable(recognised)
    return edit_distance(reference, recognised) / max(len(reference), 1)


def word_recall(reference, recognised):
    wanted, got = Counter(comparable(reference).split()), Counter(comparable(recognised).split())
    return sum(min(n, got[word]) for word, n in wanted.items()) / max(sum(wanted.values()), 1)
