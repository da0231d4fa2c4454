"""Atom (and RSS) feeds of anything: the latest records, a province, a municipality, a topic, a search.

One ``ArchiveFeed`` class; what it lists is a *source*: a function of the request (and the URL's
arguments) answering a ``FeedSource`` — the feed's title, its page and its items. Record sources filter
every registered record type's published records the same way (``record_items``); the search source
runs the search page's own code path (``search.service``) and lists exactly its results, newest first.
"""

from dataclasses import dataclass
import datetime
from heapq import merge
from itertools import islice
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from persian.display import display_text
from persian.jalali import format_long
from places.models import Municipality, Province, Topic
from records.publication import published
from records.refs import ref_key
from records.registry import record_types
from search.models import EntryKind
from search.service import parse_request, run_search

FEED_SIZE = 30
# The search page's own parameters that do not change which records match: the feed is page one,
# newest first, FEED_SIZE long whatever the page asked for.
NOT_SEARCH_PARAMS = ("page", "page_size", "sort")


@dataclass(frozen=True)
class FeedItem:
    label: str  # the record type (or part) in Persian: «نشست»، «مصوبه»…
    title: str
    summary: str  # HTML
    date: datetime.date  # the record's own date, shown in Jalali
    province: str
    url: str
    guid: str  # stable: the record's ref, whatever its URL becomes
    published: datetime.datetime
    updated: datetime.datetime


@dataclass(frozen=True)
class FeedSource:
    title: str
    link: str
    description: str
    items: list


def record_items(condition=None, limit=FEED_SIZE):
    """Published, public records of every type matching ``condition`` (a Q on the fields all record
    types share: province, municipality, topics), newest published first; one query per type."""
    condition = condition or Q()
    per_type = [
        [
            (page, rt.label)
            for page in published(rt.model)
            .filter(condition)
            .select_related("province")
            .order_by("-first_published_at", "-pk")[:limit]
        ]
        for rt in record_types()
    ]
    newest = merge(*per_type, key=lambda pair: pair[0].first_published_at, reverse=True)
    return [_record_item(page, label) for page, label in islice(newest, limit)]


def _record_item(page, label):
    return FeedItem(
        label=label,
        title=display_text(page.title),
        summary=escape(display_text(page.summary or page.title)),
        date=page.date,
        province=display_text(page.province.name),
        url=page.url,
        guid=f"hamandishi:{page.ref_key}",
        published=page.first_published_at,
        updated=page.last_published_at or page.first_published_at,
    )


def _row_item(row):
    """A search result row (``search.outcome.result_row``) as a feed item."""
    date = datetime.date.fromisoformat(row["date"])
    moment = timezone.make_aware(datetime.datetime.combine(date, datetime.time()), datetime.UTC)
    return FeedItem(
        label=EntryKind(row["type"]).label,
        title=display_text(row["title"]),
        summary=row["snippet"],
        date=date,
        province=display_text(row["province"]),
        url=row["url"],
        guid=f"hamandishi:{ref_key(row['ref'])}",
        published=moment,
        updated=moment,
    )


def latest(request):
    return FeedSource(
        "هم‌اندیشی — تازه‌ترین مصوبات، تفاهم‌نامه‌ها و تجربه‌ها",
        "/",
        "تازه‌ترین صورت‌جلسه‌ها، تفاهم‌نامه‌ها و تجربه‌های موفق منتشرشده در هم‌اندیشی.",
        record_items(),
    )


def _place(place, kind, scope, records):
    """The feed of a province, municipality or topic page: its newest records matching ``records``."""
    name = display_text(place.name)
    return FeedSource(
        f"هم‌اندیشی — {kind} {name}",
        place.get_absolute_url(),
        f"تازه‌ترین سوابق منتشرشده{scope} {name}.",
        record_items(records),
    )


def province(request, slug):
    place = get_object_or_404(Province, code__iexact=slug)
    return _place(place, "استان", "ٔ استان", Q(province=place))


def municipality(request, province_slug, slug):
    place = get_object_or_404(Municipality, province__code__iexact=province_slug, slug=slug)
    return _place(place, "شهرداری", "ٔ شهرداری", Q(municipality=place))


def topic(request, slug):
    subject = get_object_or_404(Topic, slug=slug)
    return _place(subject, "موضوع", " در موضوع", Q(topics=subject))


def search_query(query):
    """The search's parameters without those a feed sets itself (a QueryDict → its query string)."""
    return urlencode(
        [(key, value) for key, values in query.lists() if key not in NOT_SEARCH_PARAMS for value in values]
    )


def search(request):
    """The search page's results for the same parameters, newest first; a bad parameter raises
    ``BadParameter``, which the portal answers with a Persian 400 (``portal.bad_requests``)."""
    wanted = parse_request(request.GET)
    wanted.sort, wanted.page, wanted.page_size = "newest", 1, FEED_SIZE
    outcome = run_search(wanted)
    asked = "، ".join(
        filter(
            None,
            [
                f"«{wanted.q}»" if wanted.q else "",
                *(p.name for p in wanted.provinces),
                *(t.name for t in wanted.topics),
            ],
        )
    )
    query = search_query(request.GET)
    return FeedSource(
        display_text(f"هم‌اندیشی — جست‌وجو{': ' + asked if asked else ''}"),
        reverse("search") + (f"?{query}" if query else ""),
        "نتیجه‌های همین جست‌وجو در هم‌اندیشی، تازه‌ترین در آغاز.",
        [_row_item(row) for row in outcome.results],
    )


class PersianAtomFeed(Atom1Feed):
    """Atom with each entry's ``content``: its type, Jalali date, province and summary."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class ArchiveFeed(Feed):
    """One feed over the ``source``'s items (see the module's docstring)."""

    language = "fa"
    item_guid_is_permalink = False

    def __init__(self, source, feed_type=PersianAtomFeed):
        super().__init__()
        self.source, self.feed_type = source, feed_type

    def get_object(self, request, *args, **kwargs):
        return self.source(request, *args, **kwargs)

    def title(self, obj):
        return obj.title

    def link(self, obj):
        return obj.link

    def description(self, obj):
        return obj.description

    def subtitle(self, obj):
        return obj.description

    def items(self, obj):
        return obj.items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return item.guid

    def item_pubdate(self, item):
        return item.published

    def item_updateddate(self, item):
        return item.updated

    def item_categories(self, item):
        return [item.province]

    def item_extra_kwargs(self, item):
        content = format_html(
            "<p>{} — {} — استان {}</p><div>{}</div>",
            item.label,
            format_long(item.date),
            item.province,
            # already HTML: an escaped summary, or the search's snippet (search.highlight escapes)
            mark_safe(item.summary),  # noqa: S308
        )
        return {"content": content}
