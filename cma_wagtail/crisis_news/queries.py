"""The public query of crisis news: the one filter the index, the feeds and the block share.

:func:`news_queryset` is what :meth:`CrisisNewsIndexPage.get_news_queryset` and the block
library's ``LatestNewsBlock`` (in core, imported lazily) both call, so that "live, public,
still valid, with this topic and urgency, pinned first" means the same thing everywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils import timezone

from ..conf import settings as cma_settings
from ..pictures import picture_prefetch
from ..visibility import visible_pages
from .models import CrisisNewsPage, CrisisNewsPageQuerySet, NewsTopic, Urgency


def news_queryset(
    *,
    parent=None,
    site=None,
    topic: NewsTopic | str | None = None,
    urgency: str | None = None,
    include_expired: bool = False,
    today: dt.date | None = None,
) -> CrisisNewsPageQuerySet:
    """Live, public news readers may see, pinned first then newest (topics prefetched).

    ``parent``: only the children of this index; ``site``: only the news of this site;
    ``topic``: a :class:`NewsTopic` or its slug; ``urgency``: an :class:`Urgency` value.
    """
    # The cards' pictures: joined, and their renditions in one query (none without images).
    queryset = visible_pages(
        CrisisNewsPage.objects.select_related("listing_image").prefetch_related(
            picture_prefetch("listing_image")
        ),
        site,
    )
    if parent is not None:
        queryset = queryset.child_of(parent)
    if isinstance(topic, str):
        slug, topic = topic, None
        if slug:
            topic = NewsTopic.objects.filter(slug=slug).first()
            if topic is None:  # an unknown topic matches nothing
                return queryset.none()
    return queryset.filtered(
        topic=topic, urgency=urgency, include_expired=include_expired, today=today
    ).pinned_then_newest()


def latest_news(limit: int = 5, **filters) -> list[CrisisNewsPage]:
    """The first ``limit`` news of :func:`news_queryset`: 2 SQL queries (news, topics)."""
    return list(news_queryset(**filters)[:limit])


# The index page's listing ----------------------------------------------------------------
#
# The index page's listing: GET filters (topic, urgency, expired), pagination, empty states.
#
# A constant number of queries whatever the number of news: the topics of the filter form,
# one count of the listed and hidden expired news, and the page of news (topics prefetched).


@dataclass(frozen=True)
class NewsFilters:
    topic: NewsTopic | None = None
    urgency: str = ""
    show_expired: bool = False

    @property
    def active(self) -> bool:
        """True when the reader narrowed the list (topic or urgency)."""
        return self.topic is not None or bool(self.urgency)


def parse_filters(params, topics=None) -> NewsFilters:
    """Read ``?topic=<slug>&urgency=<value>&expired=1``; unknown values are ignored."""
    slug = (params.get("topic") or "").strip()
    topic = None
    if slug:
        if topics is not None:
            topic = next((t for t in topics if t.slug == slug), None)
        else:
            topic = NewsTopic.objects.filter(slug=slug).first()
    urgency = params.get("urgency") or ""
    if urgency not in Urgency.values:
        urgency = ""
    return NewsFilters(topic=topic, urgency=urgency, show_expired=params.get("expired") == "1")


def get_per_page(index) -> int:
    return index.per_page or cma_settings.CRISIS_NEWS_PER_PAGE


def build_listing_context(index, request) -> dict:
    topics = list(NewsTopic.objects.all())
    filters = parse_filters(request.GET, topics)
    # One base queryset, and one query counting both the listed and the hidden expired news.
    everything = index.get_news_queryset(
        topic=filters.topic, urgency=filters.urgency, include_expired=True
    )
    today = timezone.localdate()
    expired_q = Q(valid_until__lt=today)
    counts = everything.order_by().aggregate(
        total=Count("pk"), expired=Count("pk", filter=expired_q)
    )
    news = everything if filters.show_expired else everything.exclude(expired_q)
    paginator = Paginator(news, get_per_page(index))
    paginator.count = counts["total"] - (0 if filters.show_expired else counts["expired"])
    news_page = paginator.get_page(request.GET.get("page"))
    hidden_expired = 0 if filters.show_expired else counts["expired"]
    feed_query = f"?topic={filters.topic.slug}" if filters.topic else ""
    base_url = index.get_url(request) or ""
    return {
        "news_page": news_page,
        "paginator": paginator,
        "filters": filters,
        "topics": topics,
        "urgency_choices": Urgency.choices,
        "hidden_expired_count": hidden_expired,
        "rss_url": base_url + index.reverse_subpage("rss_feed") + feed_query,
        "atom_url": base_url + index.reverse_subpage("atom_feed") + feed_query,
    }
