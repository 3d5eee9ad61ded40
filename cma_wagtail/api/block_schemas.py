"""Pydantic schemas of the library blocks' API output (their ``get_api_representation``).

Each library block whose representation reshapes its value returns one of these from
``get_api_schema()`` (imported lazily: pydantic ships with Wagtail 8's API v3 only), so
that the OpenAPI document describes exactly what the API sends. ``extra="forbid"``: a test
validates the real output of every block against these, so a new key cannot go unnoticed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict


class _Exact(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CmaImageSource(_Exact):
    url: str
    width: int
    height: int


class CmaFocalPoint(_Exact):
    """The editor's focal area, in the original image's pixels (its centre and size)."""

    x: int
    y: int
    width: int
    height: int


class CmaImage(_Exact):
    """The one shape of an image in the API (:mod:`cma_wagtail.api.images`): WebP
    renditions at fixed widths (``sources``, and ``srcset`` ready for ``<img srcset>`` or
    ``<source type="image/webp">``), a fallback in the image's format (``url``, ``width``,
    ``height``), the alternative text, the original's size and its focal point."""

    id: int
    alt: str
    url: str
    width: int
    height: int
    srcset: str
    sources: list[CmaImageSource]
    original_width: int
    original_height: int
    focal_point: CmaFocalPoint | None = None


class CmaPageRef(_Exact):
    id: int
    title: str
    url: str | None = None


class CmaDocument(_Exact):
    id: int
    title: str
    url: str
    extension: str
    size: int | None = None
    size_display: str


class CmaLink(_Exact):
    url: str
    text: str
    page: CmaPageRef | None = None


class CmaImageBlock(_Exact):
    alt: str
    caption: str
    image: CmaImage | None = None


class CmaCallToActionBlock(_Exact):
    heading: str
    text: str
    style: str
    link: CmaLink | None = None
    secondary_link: CmaLink | None = None
    image: CmaImage | None = None


class CmaKeyFigure(_Exact):
    value: str
    label: str
    source: str
    live: bool
    since: dt.date | None = None


class CmaKeyFiguresBlock(_Exact):
    heading: str
    figures: list[CmaKeyFigure]


class CmaFAQItem(_Exact):
    question: str
    answer: str
    answer_text: str


class CmaFAQBlock(_Exact):
    heading: str
    items: list[CmaFAQItem]
    structured_data: dict[str, Any] | None = None


class CmaDocumentListBlock(_Exact):
    heading: str
    documents: list[CmaDocument]


class CmaVideoBlock(_Exact):
    url: str
    title: str
    transcript: str


class CmaContactBlock(_Exact):
    """The chamber's public contact details (never a submitter's)."""

    heading: str
    phone: str
    phone_display: str
    email: str
    address: str
    hours: list[str]


class CmaAlertBlock(_Exact):
    level: str
    role: str
    title: str
    text: str


class CmaCallbackTopic(_Exact):
    value: str
    label: str


class CmaCallbackRequestBlock(_Exact):
    """Submit with ``POST /cma/callback-requests/`` (``page_id`` + this block's ``id``)."""

    heading: str | None = None
    intro: str | None = None
    topics: list[CmaCallbackTopic]
    ask_preferred_slot: bool
    success_message: str | None = None
    #: The HTML form's address, and the JSON endpoint's (both paths on the site's host).
    submit_url: str | None = None
    api_submit_url: str | None = None


class CmaNewsAlertsBlock(_Exact):
    """Subscribe with ``POST /cma/crisis-news/subscriptions/``."""

    heading: str
    intro: str
    privacy_notice: str
    submit_url: str | None = None
    api_submit_url: str | None = None
    available: bool
