"""The API v3 (pydantic) schemas of initiatives' public objects, one per data function of
:mod:`cma_wagtail.initiatives.serializers` (which loads this module on first use, so that
the page models, which import the serializers, never import pydantic)."""

import datetime as dt

from ninja import Schema

from cma_wagtail.api.block_schemas import CmaImage
from cma_wagtail.api.v3_tools import PageFields, body_schema

# Docstrings are published as the schemas' descriptions: change them as the API.


class InitiativeCategoryOut(Schema):
    id: int
    name: str
    slug: str
    icon: str


class Place(Schema):
    town: str
    postcode: str
    departement: str
    departement_name: str


class Coordinates(Schema):
    latitude: float
    longitude: float


class Photo(Schema):
    """A gallery photo: the core image shape and its caption."""

    caption: str
    image: CmaImage


class Voucher(Schema):
    url: str
    valid_until: dt.date | None = None
    payout: str


class Initiative(PageFields):
    business_name: str
    artisan_name: str
    trade: str
    categories: list[InitiativeCategoryOut]
    place: Place
    departement: str
    coordinates: Coordinates | None = None
    gallery: list[Photo]
    beneficiaries: str
    started_on: dt.date | None = None
    summary: str
    story: body_schema()  # type: ignore[valid-type]
    website: str
    contact_url: str
    voucher: Voucher | None = None
