"""Pydantic models of the listing blocks' API output, for typed OpenAPI schemas (API v3).

Imported only by ``get_api_schema()`` (through :func:`listing_data.schemas`), so that the
blocks work on Wagtail 7.4 without pydantic.
"""

import datetime as dt

from pydantic import BaseModel

from ..api.block_schemas import CmaImage


class TopicSchema(BaseModel):
    """A topic as v3's ``/cma/crisis-news/`` sends it."""

    id: int
    name: str
    slug: str


class NewsItemSchema(BaseModel):
    id: int
    title: str
    url: str | None
    summary: str
    urgency: str
    urgency_label: str
    pinned: bool
    published_on: dt.date | None
    last_reviewed_at: dt.date | None
    valid_until: dt.date | None
    expired: bool
    topics: list[TopicSchema]


class LatestNewsBlockValue(BaseModel):
    heading: str
    available: bool
    items: list[NewsItemSchema]


class CategorySchema(BaseModel):
    """A category as v3's ``/cma/initiatives/`` sends it."""

    id: int
    name: str
    slug: str
    icon: str


class InitiativeItemSchema(BaseModel):
    id: int
    title: str
    url: str | None
    business_name: str
    trade: str
    town: str
    departement: str
    departement_name: str
    summary: str
    categories: list[CategorySchema]
    image: CmaImage | None


class InitiativesBlockValue(BaseModel):
    heading: str
    available: bool
    items: list[InitiativeItemSchema]


class TrainingLinkSchema(BaseModel):
    id: int
    title: str
    url: str | None


class SessionItemSchema(BaseModel):
    id: int
    training: TrainingLinkSchema
    start: dt.datetime
    end: dt.datetime
    format: str
    format_label: str
    place: str
    seats_left: int
    full: bool
    register_url: str
    ics_url: str


class UpcomingSessionsBlockValue(BaseModel):
    heading: str
    available: bool
    items: list[SessionItemSchema]


class InitiativeProposalBlockValue(BaseModel):
    heading: str
    text: str
    button_label: str
    url: str | None
    available: bool
