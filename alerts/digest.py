"""A saved search's digest: its queued records as a Persian, right-to-left HTML and plain-text e-mail."""

from dataclasses import dataclass
from html import unescape
import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import get_template, render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from wagtail.models import Page

from persian import jalali
from persian.analysis import analyze_query
from persian.display import display_text
from persian.text import format_number
from records.publication import public
from search.highlight import WordTerms, snippet
from search.models import EntryKind, SearchEntry

from .links import absolute, manage_url, search_url, unsubscribe_url
from .queries import describe

MOST_ITEMS = 20  # a digest lists this many records, newest first; the rest are a link to the search
ITEM_HTML = SimpleLazyObject(lambda: get_template("alerts/email/digest_item.html"))
ITEM_TEXT = SimpleLazyObject(lambda: get_template("alerts/email/digest_item.txt"))


@dataclass
class Row:
    kind: str
    title: str  # as shown (``persian.display``)
    ref: str
    province: str
    date: str
    snippet: str
    url: str
    html: str = ""  # the row as the digest's HTML and text show it, rendered once for every digest listing it
    text: str = ""

    @property
    def snippet_text(self):
        return _plain(self.snippet)

    def rendered(self):
        context = {"row": self}
        self.html = mark_safe(ITEM_HTML.render(context).strip())  # noqa: S308 - an escaping template's output
        self.text = ITEM_TEXT.render(context).strip()
        return self


def _plain(html):
    return unescape(re.sub(r"<mark>(.*?)</mark>", r"[\1]", html))


class Digests:
    """What the digests of one run share: whether each record is public, each search entry's row and
    its words' terms, each snippet by entry and question. Every digest of a run asks about the same
    changed records, so each is read and analysed once, not once per saved search."""

    FIELDS = ("pk", "page_id", "kind", "title", "ref", "province__name", "date", "url", "text", "attachment_text")

    def __init__(self):
        self.visible = {}  # page id → public now
        self.entries = {}  # entry id → its FIELDS
        self.words = {}  # (entry id, field) → WordTerms
        self.rows_of = {}  # (entry id, terms) → Row
        self.terms = {}  # question → its analysed terms

    def rows(self, saved, entry_ids, most=MOST_ITEMS):
        """(rows, count): a row for each of the ``most`` newest still public of the matching entries (its
        queued items' ``entries``), and how many there are (an entry since unpublished, or whose record is
        now restricted, is left out)."""
        entry_ids = set(entry_ids)
        self._read_entries(entry_ids)
        found = [self.entries[pk] for pk in entry_ids if pk in self.entries]
        self._read_pages({entry["page_id"] for entry in found})
        found = [entry for entry in found if self.visible[entry["page_id"]]]
        found.sort(key=lambda entry: (entry["date"], entry["pk"]), reverse=True)
        terms = self._terms(saved.query_q)
        return [self._row(entry, terms) for entry in found[:most]], len(found)

    def _terms(self, question):
        if question not in self.terms:
            self.terms[question] = analyze_query(question).terms if question else frozenset()
        return self.terms[question]

    def _read_pages(self, page_ids):
        unknown = page_ids - self.visible.keys()
        if unknown:
            shown = set(public(Page.objects.filter(pk__in=unknown)).values_list("pk", flat=True))
            self.visible.update((pk, pk in shown) for pk in unknown)

    def _read_entries(self, entry_ids):
        unknown = list(entry_ids - self.entries.keys())
        for start in range(0, len(unknown), 500):
            rows = SearchEntry.objects.filter(pk__in=unknown[start : start + 500]).values(*self.FIELDS)
            self.entries.update((row["pk"], row) for row in rows)

    def _row(self, entry, terms):
        key = (entry["pk"], terms)
        if key not in self.rows_of:
            self.rows_of[key] = Row(
                kind=EntryKind(entry["kind"]).label,
                title=display_text(entry["title"]),
                ref=entry["ref"],
                province=entry["province__name"],
                date=jalali.format_long(entry["date"]),
                snippet=self._snippet(entry, terms),
                url=absolute(entry["url"]),
            ).rendered()
        return self.rows_of[key]

    def _snippet(self, entry, terms):
        html, matched = self._snippet_of(entry, "text", terms)
        if not matched and terms and entry["attachment_text"]:
            in_attachment, hit = self._snippet_of(entry, "attachment_text", terms)
            html = in_attachment if hit else html
        return html

    def _snippet_of(self, entry, field, terms):
        if not terms:  # a search by facets only: the text's opening, no word's terms needed
            return snippet(entry[field], terms)
        key = (entry["pk"], field)
        if key not in self.words:
            self.words[key] = WordTerms(entry[field] or "")
        return snippet(entry[field], terms, analysed=self.words[key])


def subject(saved, count):
    return f"هم‌اندیشی: {format_number(count)} سند تازه برای «{saved.name}»"


def message(saved, found, count):
    """The e-mail of a digest: its ``found`` rows of ``count`` records."""
    unsubscribe = unsubscribe_url(saved)
    context = {
        "saved": saved,
        "rows": found,
        "more": max(0, count - len(found)),
        "count": count,
        "looks_for": describe(saved),
        "search_url": search_url(saved),
        "unsubscribe_url": unsubscribe,
        "manage_url": manage_url(saved.address),
    }
    return _email(
        saved.address.email,
        subject(saved, count),
        "alerts/email/digest",
        context,
        {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )


def _email(to, title, template, context, headers=None):
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    email = EmailMultiAlternatives(title, text, settings.DEFAULT_FROM_EMAIL, [to], headers=headers or {})
    email.attach_alternative(html, "text/html")
    return email


def confirmation(saved, confirm_url):
    context = {"saved": saved, "looks_for": describe(saved), "confirm_url": confirm_url}
    return _email(saved.address.email, f"هم‌اندیشی: تأیید اشتراک «{saved.name}»", "alerts/email/confirm", context)
