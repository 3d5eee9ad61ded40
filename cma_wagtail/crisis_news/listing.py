"""The index page's listing: GET filters (topic, urgency, expired), pagination, empty states.

A constant number of queries whatever the number of news: the topics of the filter form,
one count of the listed and hidden expired news, and the page of news (topics prefetched).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils import timezone

from ..conf import settings as cma_settings
from .models import NewsTopic, Urgency


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
