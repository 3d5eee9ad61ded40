"""``/cma/initiatives/``: the artisans' initiatives, typed, with the index page's filters."""

import datetime as dt

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from cma_wagtail.api.block_schemas import CmaImage
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

from ..models import InitiativeCategory, InitiativePage
from ..serializers import category_representation, photo_data
from . import initiatives_queryset, prefetch_initiatives
from .submissions import router as submissions_router

router = Router(tags=["initiatives"])


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


class InitiativeFilters(Schema):
    category: str | None = None
    departement: str | None = None
    q: str | None = None
    index: int | None = None


def initiative_data(page: InitiativePage, request) -> dict:
    return {
        **page_fields(page, request),
        "business_name": page.business_name,
        "artisan_name": page.artisan_name,
        "trade": page.trade,
        "categories": [category_representation(c) for c in page.categories.all()],
        "place": page.place,
        "departement": page.departement,
        "coordinates": page.coordinates,
        "gallery": [photo_data(item) for item in page.gallery_images.all()],
        "beneficiaries": page.beneficiaries,
        "started_on": page.started_on,
        "summary": page.summary,
        "story": stream_data(page.story, request),
        "website": page.website,
        "contact_url": page.contact_url,
        "voucher": page.voucher,
    }


def serialize_initiatives(pages: list, request) -> list[dict]:
    return [initiative_data(page, request) for page in prefetch_initiatives(pages)]


@router.get("/", response=list[Initiative], auth=PUBLIC_READ, summary="List initiatives")
@paginate(SerializingPagination, serializer=serialize_initiatives, item_schema=Initiative)
def list_initiatives(request, filters: Query[InitiativeFilters]):
    """Published initiatives, newest first (by relevance with ``q``), like the index page.

    ``category`` (a category slug), ``departement`` (a code such as ``25``) and ``q`` (free
    text) narrow the list; unknown values are ignored, as on the page. ``index`` keeps the
    initiatives below one index page.
    """
    base = under_index(public_pages(InitiativePage, request), filters.index, descendants=True)
    params = {"category": filters.category, "departement": filters.departement, "q": filters.q}
    return initiatives_queryset(base, params, search_scope=InitiativePage.objects.live())


@router.get(
    "/categories/", response=list[InitiativeCategoryOut], auth=PUBLIC_READ, summary="Categories"
)
def list_categories(request):
    return [category_representation(c) for c in InitiativeCategory.objects.all()]


add_detail_routes(
    router,
    model=InitiativePage,
    schema=Initiative,
    serialize=serialize_initiatives,
    ordering=lambda queryset: queryset.order_by("-first_published_at", "-pk"),
    name="initiative",
    label="an initiative",
)

router.add_router("", submissions_router)
