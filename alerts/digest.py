"""A saved search's digest: its queued records as a Persian, right-to-left HTML and plain-text e-mail."""

from dataclasses import dataclass
from html import unescape
import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from wagtail.models import Page

from persian import jalali
from persian.analysis import analyze_query
from persian.text import format_number
from records.publication import public
from search.highlight import snippet
from search.models import EntryKind, SearchEntry

from .links import absolute, manage_url, search_url, unsubscribe_url
from .queries import describe

MOST_ITEMS = 20  # a digest lists this many records, newest first; the rest are a link to the search


@dataclass
class Row:
    kind: str
    title: str
    ref: str
    province: str
    date: str
    snippet: str
    url: str

    @property
    def snippet_text(self):
        return _plain(self.snippet)


def _plain(html):
    return unescape(re.sub(r"<mark>(.*?)</mark>", r"[\1]", html))


def rows(saved, items, most=MOST_ITEMS, snippets=None):
    """(rows, count): a row for each of the ``most`` newest still public matching entries of the items,
    and how many there are (an entry since unpublished, or whose record is now restricted, is left out).
    ``snippets`` caches snippets across the digests of one run, by entry and question."""
    snippets = {} if snippets is None else snippets
    terms = analyze_query(saved.query_q).terms if saved.query_q else frozenset()
    entry_ids = [pk for item in items for pk in item.entries]
    visible = public(Page.objects.filter(pk__in={item.page_id for item in items})).values("pk")
    entries = SearchEntry.objects.filter(pk__in=entry_ids, page_id__in=visible)
    count = entries.count()
    found = []
    for entry in entries.select_related("province").order_by("-date", "-pk")[:most]:
        key = (entry.pk, terms)
        if key not in snippets:
            snippets[key] = _snippet(entry, terms)
        found.append(
            Row(
                kind=EntryKind(entry.kind).label,
                title=entry.title,
                ref=entry.ref,
                province=entry.province.name,
                date=jalali.format_long(entry.date),
                snippet=snippets[key],
                url=absolute(entry.url),
            )
        )
    return found, count


def _snippet(entry, terms):
    html, matched = snippet(entry.text, terms)
    if not matched and terms and entry.attachment_text:
        in_attachment, hit = snippet(entry.attachment_text, terms)
        html = in_attachment if hit else html
    return html


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
