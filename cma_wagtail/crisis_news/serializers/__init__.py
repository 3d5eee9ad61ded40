"""The one JSON shape of each public object of crisis news: a news page and a topic.

Each object has one data function here, used by API v3 (:mod:`..api.v3`), the listing
block's API value (:mod:`..block_support`) and API v2 (the page's ``api_fields``), and one
schema: the v3 pydantic model in :mod:`.schemas`, also importable from here
(``from cma_wagtail.crisis_news.serializers import CrisisNews``), and the DRF field of v2.

Nothing here imports the models or pydantic when the module loads: the page models import
the DRF fields of this module (a loop otherwise), and Wagtail 7.4 has no django-ninja. The
pydantic schemas need the models (the urgencies, the related links' blocks): they live in
:mod:`.schemas`, loaded on first use of one of their names (:func:`__getattr__`).
"""

from __future__ import annotations

from rest_framework import serializers

from cma_wagtail.api.v2_fields import PageField

__all__ = [
    "STREAM_FIELDS",
    "NewsTopicSerializer",
    "TopicsField",
    "news_card_data",
    "news_data",
    "prefetch_news",
    "serialize_news",
    "topic_data",
    # pydantic schemas (API v3), from .schemas on first use
    "CrisisNews",
    "NewsTopicOut",
    "RelatedLinks",
]

#: StreamFields of a news page, bound in bulk before serialising a listing.
STREAM_FIELDS = ("body", "related_links")

#: The names :mod:`.schemas` defines, resolved lazily (see the module's docstring).
_SCHEMAS = {"CrisisNews", "NewsTopicOut", "RelatedLinks"}


def __getattr__(name: str):
    if name in _SCHEMAS:
        from . import schemas

        return getattr(schemas, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Topic -----------------------------------------------------------------------------------


def topic_data(topic) -> dict:
    """A topic: ``{"id", "name", "slug"}`` (schema :class:`.schemas.NewsTopicOut`)."""
    return {"id": topic.pk, "name": topic.name, "slug": topic.slug}


class NewsTopicSerializer(serializers.Serializer):
    """A topic in API v2: :func:`topic_data`. Declared field by field (not a
    ``ModelSerializer``): the page models import this module, which imports no model."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    slug = serializers.SlugField(read_only=True)

    def to_representation(self, instance):
        return topic_data(instance)


class TopicsField(PageField):
    """A news page's ``topics`` in API v2: :func:`topic_data` of the page's (prefetched)
    topics, as v3 and the listing block give them."""

    def to_representation(self, page):
        return [topic_data(topic) for topic in page.topic_list]


# News -------------------------------------------------------------------------------------


def _facts(page) -> dict:
    """What every representation of a news page says, under the same names."""
    return {
        "summary": page.summary,
        "urgency": page.urgency,
        "topics": [topic_data(topic) for topic in page.topic_list],
        "pinned": page.pinned,
        "published_on": page.published_on,
        "last_reviewed_at": page.last_reviewed_at,
        "valid_until": page.valid_until,
    }


def news_data(page, request) -> dict:
    """A news page in API v3 (schema :class:`.schemas.CrisisNews`); dates as ``date``
    objects, rendered by django-ninja."""
    from cma_wagtail.api.v3_tools import page_fields, stream_data

    return {
        **page_fields(page, request),
        **_facts(page),
        "is_expired": page.is_expired,
        "source_url": page.source_url,
        "body": stream_data(page.body, request),
        "related_links": stream_data(page.related_links, request),
    }


def prefetch_news(pages) -> list:
    """``pages`` with their blocks bound in bulk (constant queries for a listing)."""
    from cma_wagtail.api.prefetch import prefetch_stream_fields

    return prefetch_stream_fields(pages, STREAM_FIELDS)


def serialize_news(pages: list, request) -> list[dict]:
    """A listing (or one page) in API v3: :func:`news_data` of each, blocks loaded in bulk."""
    return [news_data(page, request) for page in prefetch_news(pages)]


def news_card_data(page, request=None) -> dict:
    """A news page as an item of the latest news block's API value (schema
    ``LatestNewsBlockValue`` of core's blocks): :func:`news_data`'s facts without the
    body, plus the urgency's label; dates as ISO strings (the block's value is plain JSON).

    ``expired`` is v3's ``is_expired`` under the name the block has always sent."""
    facts = _facts(page)
    for name in ("published_on", "last_reviewed_at", "valid_until"):
        facts[name] = facts[name].isoformat() if facts[name] else None
    return {
        "id": page.pk,
        "title": page.title,
        "url": page.get_url(request),
        **facts,
        "urgency_label": str(page.get_urgency_display()),
        "expired": page.is_expired,
    }
