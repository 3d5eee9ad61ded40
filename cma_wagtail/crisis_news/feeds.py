"""RSS 2.0 and Atom feeds of a crisis news index (``<index url>feed/`` and ``atom/``).

Built on Django's syndication framework. ``?topic=<slug>`` narrows the feed to one topic
(an unknown slug is a 404, so that a broken subscription shows up). Feeds carry the news
that still apply, newest first, ``CMA_WAGTAIL_CRISIS_NEWS_FEED_ITEMS`` at most.
"""

from __future__ import annotations

import datetime as dt
import html

from django.contrib.syndication.views import Feed
from django.utils import feedgenerator, timezone
from django.utils.translation import gettext as _

from cma_wagtail.conf import settings as cma_settings
from cma_wagtail.models import ChamberSettings

from .models import CrisisNewsIndexPage, CrisisNewsPage, NewsTopic


def _start_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class CrisisNewsRssFeed(Feed):
    feed_type = feedgenerator.Rss201rev2Feed

    def __init__(self, index: CrisisNewsIndexPage) -> None:
        super().__init__()
        self.index = index
        self.request = None

    def get_object(self, request, *args, **kwargs) -> NewsTopic | None:
        self.request = request
        slug = request.GET.get("topic")
        if not slug:
            return None
        # DoesNotExist becomes a 404 in Feed.__call__.
        return NewsTopic.objects.get(slug=slug)

    def get_items_queryset(self, topic: NewsTopic | None):
        return self.index.get_news_queryset(topic=topic).newest_first()

    def items(self, topic):
        return self.get_items_queryset(topic)[: cma_settings.CRISIS_NEWS_FEED_ITEMS]

    def title(self, topic) -> str:
        chamber = ChamberSettings.for_request(self.request)
        title = self.index.title
        if topic is not None:
            title = _("%(index)s: %(topic)s") % {"index": title, "topic": topic.name}
        if chamber.chamber_name:
            title = f"{title} – {chamber.chamber_name}"
        return title

    def description(self, topic) -> str:
        if topic is not None:
            return _("The latest crisis news on “%(topic)s”.") % {"topic": topic.name}
        return _("The latest crisis news.")

    subtitle = description

    def link(self) -> str:
        return self.index.get_full_url(self.request)

    def feed_url(self) -> str:
        return self.request.get_full_path()

    def item_title(self, item: CrisisNewsPage) -> str:
        return item.title

    def item_description(self, item: CrisisNewsPage) -> str:
        # Feed readers treat descriptions as HTML; the summary is plain text.
        return html.escape(item.summary, quote=False)

    def item_link(self, item: CrisisNewsPage) -> str:
        return item.get_full_url(self.request)

    def item_pubdate(self, item: CrisisNewsPage) -> dt.datetime | None:
        if item.published_on is None:
            return None
        first = item.first_published_at
        if first is not None and timezone.localdate(first) == item.published_on:
            return first
        return _start_of_day(item.published_on)

    def item_updateddate(self, item: CrisisNewsPage) -> dt.datetime | None:
        published = self.item_pubdate(item)
        if item.last_reviewed_at is None:
            return published
        reviewed = _start_of_day(item.last_reviewed_at)
        return max(reviewed, published) if published else reviewed

    def item_categories(self, item: CrisisNewsPage) -> list[str]:
        return [topic.name for topic in item.topic_list]


class CrisisNewsAtomFeed(CrisisNewsRssFeed):
    feed_type = feedgenerator.Atom1Feed
