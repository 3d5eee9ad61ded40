"""The index page's listing: GET filters (topic, urgency, expired), pagination, empty states.

A constant number of queries whatever the number of news: the topics of the filter form,
the count and the page of news (topics prefetched), and the count of hidden expired news.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator

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
    news = index.get_news_queryset(
        topic=filters.topic, urgency=filters.urgency, include_expired=filters.show_expired
    )
    paginator = Paginator(news, get_per_page(index))
    news_page = paginator.get_page(request.GET.get("page"))
    hidden_expired = 0
    if not filters.show_expired:
        hidden_expired = (
            index.get_news_queryset(
                topic=filters.topic, urgency=filters.urgency, include_expired=True
            )
            .expired()
            .count()
        )
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
