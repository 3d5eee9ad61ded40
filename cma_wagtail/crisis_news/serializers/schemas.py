"""The API v3 (pydantic) schemas of crisis news' public objects, one per data function of
:mod:`cma_wagtail.crisis_news.serializers` (which loads this module on first use: it
imports the models, which import the serializers)."""

import datetime as dt
from typing import Literal

from ninja import Schema

from cma_wagtail.api.streamfield import stream_schema
from cma_wagtail.api.v3_tools import PageFields, body_schema

from ..models import CrisisNewsPage, Urgency

RelatedLinks = stream_schema(
    CrisisNewsPage._meta.get_field("related_links").stream_block, "RelatedLinks", "CmaNews"
)


# No docstrings on these classes: pydantic would publish them as the schemas' descriptions.


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
