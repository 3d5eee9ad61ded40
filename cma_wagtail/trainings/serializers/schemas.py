"""The API v3 (pydantic) schemas of trainings' public objects, one per data function of
:mod:`cma_wagtail.trainings.serializers` (which loads this module on first use, so that
the page models, which import the serializers, never import pydantic)."""

import datetime as dt

from ninja import Schema

from cma_wagtail.api.v3_tools import PageFields, body_schema

# Docstrings are published as the schemas' descriptions: change them as the API.


class ThemeOut(Schema):
    id: int
    name: str
    slug: str


class Session(Schema):
    """A session still taking registrations; ``seats_left`` is counted live."""

    id: int
    start: dt.datetime
    end: dt.datetime
    format: str
    place: str
    status: str
    registration_deadline: dt.datetime | None = None
    capacity: int
    seats_left: int
    is_full: bool


class Training(PageFields):
    summary: str
    theme: ThemeOut | None = None
    objectives: str
    programme: body_schema()  # type: ignore[valid-type]
    duration_hours: float
    format: str
    audience: str
    prerequisites: str
    teaching_methods: str
    assessment_methods: str
    is_free: bool
    price: float | None = None
    funders: list[str]
    access_delay: str
    accessibility: str
    accessibility_contact: str
    contact_name: str
    contact_email: str
    contact_phone: str
    certification_code: str
    satisfaction_rate: float | None = None
    satisfaction_date: dt.date | None = None
    last_reviewed_at: dt.date | None = None
    sessions: list[Session]
    seats_left: int
