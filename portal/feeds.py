"""Atom and RSS feeds of the latest published records (meetings, agreements, best practices)."""

from heapq import merge
from itertools import islice

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from persian.display import display_text
from records.publication import published
from records.registry import record_models

FEED_SIZE = 30


def latest_records(limit=FEED_SIZE):
    """The newest published, public records of every type, newest first."""
    per_type = [
        published(model).select_related("province").order_by("-first_published_at", "-pk")[:limit]
        for model in record_models()
    ]
    newest_first = merge(*per_type, key=lambda page: page.first_published_at, reverse=True)
    return list(islice(newest_first, limit))


class LatestRecordsFeed(Feed):
    feed_type = Rss201rev2Feed
    title = "هم‌اندیشی — تازه‌ترین مصوبات، تفاهم‌نامه‌ها و تجربه‌ها"
    description = "تازه‌ترین صورت‌جلسه‌ها، تفاهم‌نامه‌ها و تجربه‌های موفق منتشرشده در هم‌اندیشی."
    language = "fa"

    def link(self):
        return "/"

    def items(self):
        return latest_records()

    def item_title(self, item):
        return display_text(item.title)

    def item_description(self, item):
        return display_text(item.summary or item.title)

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [display_text(item.province.name)]

    def item_guid(self, item):
        return f"hamandishi:{item.ref_key}"

    item_guid_is_permalink = False


class LatestRecordsAtomFeed(LatestRecordsFeed):
    feed_type = Atom1Feed
    subtitle = LatestRecordsFeed.description
