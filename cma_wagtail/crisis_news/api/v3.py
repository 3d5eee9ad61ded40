"""``/cma/crisis-news/``: the crisis news of the site, typed, with the index page's filters."""

import datetime as dt
from typing import Literal

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from cma_wagtail.api.streamfield import stream_schema
from cma_wagtail.api.v3_tools import (
    PUBLIC_READ,
    PageFields,
    SerializingPagination,
    add_detail_routes,
    body_schema,
    page_fields,
    public_pages,
    stream_data,
    under_index,
)

from ..models import CrisisNewsPage, NewsTopic, Urgency
from ..queries import parse_filters
from ..serializers import topic_data
from . import prefetch_news
from .subscriptions import router as subscriptions_router

router = Router(tags=["crisis news"])
router.add_router("/subscriptions/", subscriptions_router)

RelatedLinks = stream_schema(
    CrisisNewsPage._meta.get_field("related_links").stream_block, "RelatedLinks", "CmaNews"
)


class NewsTopicOut(Schema):
    id: int
    name: str
    slug: str


class CrisisNews(PageFields):
    summary: str
    urgency: Literal[tuple(Urgency.values)]  # type: ignore[valid-type]
    topics: list[NewsTopicOut]
    pinned: bool
    published_on: dt.date | None = None
    last_reviewed_at: dt.date | None = None
    valid_until: dt.date | None = None
    is_expired: bool
    source_url: str
    body: body_schema()  # type: ignore[valid-type]
    related_links: RelatedLinks  # type: ignore[valid-type]


class NewsFilters(Schema):
    topic: str | None = None
    urgency: str | None = None
    expired: bool = False
    index: int | None = None


def news_data(page: CrisisNewsPage, request) -> dict:
    return {
        **page_fields(page, request),
        "summary": page.summary,
        "urgency": page.urgency,
        "topics": [topic_data(t) for t in page.topic_list],
        "pinned": page.pinned,
        "published_on": page.published_on,
        "last_reviewed_at": page.last_reviewed_at,
        "valid_until": page.valid_until,
        "is_expired": page.is_expired,
        "source_url": page.source_url,
        "body": stream_data(page.body, request),
        "related_links": stream_data(page.related_links, request),
    }


def serialize_news(pages: list, request) -> list[dict]:
    return [news_data(page, request) for page in prefetch_news(pages)]


@router.get("/", response=list[CrisisNews], auth=PUBLIC_READ, summary="List crisis news")
@paginate(SerializingPagination, serializer=serialize_news, item_schema=CrisisNews)
def list_news(request, filters: Query[NewsFilters]):
    """Current news, pinned first then newest, like the index page.

    ``topic`` (a topic slug) and ``urgency`` narrow the list (unknown values are ignored,
    as on the page); ``expired=true`` adds the news whose measure has expired; ``index``
    keeps the news of one index page.
    """
    parsed = parse_filters(
        {"topic": filters.topic, "urgency": filters.urgency, "expired": "1" * filters.expired}
    )
    queryset = public_pages(CrisisNewsPage, request)
    queryset = under_index(queryset, filters.index)
    return queryset.filtered(
        topic=parsed.topic, urgency=parsed.urgency, include_expired=parsed.show_expired
    ).pinned_then_newest()


@router.get("/topics/", response=list[NewsTopicOut], auth=PUBLIC_READ, summary="List topics")
def list_topics(request):
    return list(NewsTopic.objects.all())


add_detail_routes(
    router,
    model=CrisisNewsPage,
    schema=CrisisNews,
    serialize=serialize_news,
    ordering=lambda queryset: queryset.pinned_then_newest(),
    name="news",
    label="news",
)


def site_choices() -> dict:
    """The subscription form's choices, for ``GET /cma/site/``."""
    from ..models import Pace

    return {"news_alert_pace": Pace.choices}
