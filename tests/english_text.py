"""Visible English in a page: text nodes (and the attributes a person reads) with Latin words.

Not English UI: refs (QOM-1403-11, QZV-TN-1404-03#2), URLs, e-mail addresses, file names, numbers,
the names of file formats and of Word, and the signed-in user's own username.
"""

from html.parser import HTMLParser
import re

ALLOWED_WORDS = {"word", "markdown", "pdf", "docx", "doc", "jpg", "jpeg", "png", "webp", "ref", "svg", "zip"}
HIDDEN_TAGS = {"script", "style", "template", "svg", "noscript", "code", "pre", "textarea", "select"}
READ_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
_NOT_WORDS = re.compile(
    r"https?://\S+|\S+@\S+|[\w./-]+\.(?:pdf|docx?|jpe?g|png|webp|txt|md)\b|"
    r"\b[A-Za-z]{2,5}(?:[-/#_][A-Za-z0-9]+)*[-/#_]\d[\w#/-]*|/[\w/.-]+",
    re.IGNORECASE,
)


VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Text(HTMLParser):
    """Text and read attributes outside hidden elements (``hidden``, ``aria-hidden``, scripts…)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []  # (tag, hides) of every open element
        self.texts = []

    @property
    def hidden(self):
        return any(hides for _, hides in self.open)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        hides = tag in HIDDEN_TAGS or "hidden" in attrs or attrs.get("aria-hidden") == "true"
        if not self.hidden and not hides:
            self.texts.extend(attrs[name] for name in READ_ATTRIBUTES if attrs.get(name))
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.texts.append(attrs["value"])
        if tag not in VOID_TAGS:
            self.open.append((tag, hides))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.open.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.texts.append(data)


def english_words(html, also_allowed=()):
    """The Latin words a person would read on the page, in order, each once."""
    parser = _Text()
    parser.feed(html)
    allowed = ALLOWED_WORDS | {word.lower() for word in also_allowed}
    found = []
    for text in parser.texts:
        for word in _LATIN_WORD.findall(_NOT_WORDS.sub(" ", text)):
            if word.lower() not in allowed and word not in found:
                found.append(word)
    return found
