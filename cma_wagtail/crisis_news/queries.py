"""The public query of crisis news: the one filter the index, the feeds and the block share.

:func:`news_queryset` is what :meth:`CrisisNewsIndexPage.get_news_queryset` and the block
library's ``LatestNewsBlock`` (in core, imported lazily) both call, so that "live, public,
still valid, with this topic and urgency, pinned first" means the same thing everywhere.
"""

from __future__ import annotations

import datetime as dt

from ..pictures import picture_prefetch
from ..visibility import visible_pages
from .models import CrisisNewsPage, CrisisNewsPageQuerySet, NewsTopic


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
