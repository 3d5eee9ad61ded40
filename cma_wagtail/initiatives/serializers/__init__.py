"""The one JSON shape of each public object of initiatives: an initiative, a category and a
gallery photo.

Each object has one data function here, used by API v3 (:mod:`..api.v3`), the listing
block's API value (:mod:`..block_support`) and API v2 (the page's ``api_fields``), and one
schema: the v3 pydantic model in :mod:`.schemas`, also importable from here
(``from cma_wagtail.initiatives.serializers import Initiative``), and the DRF field of v2.

Nothing here imports the models or pydantic when the module loads: the page models import
the DRF fields of this module (a loop otherwise), and Wagtail 7.4 has no django-ninja.

The v2 fields prefetch categories and photos (with their renditions) for the *whole* list
being serialized the first time one of them runs, so that an API listing costs the same
number of queries for 5 or 500 initiatives, without a custom viewset.
"""

from __future__ import annotations

from django.db.models import prefetch_related_objects
from rest_framework import serializers

from cma_wagtail.api.images import IMAGE_RENDITIONS, image_data
from cma_wagtail.api.v2_fields import PageField

__all__ = [
    "STREAM_FIELDS",
    "CategoriesField",
    "GalleryField",
    "category_data",
    "initiative_card_data",
    "initiative_data",
    "photo_data",
    "prefetch_initiatives",
    "serialize_initiatives",
    # pydantic schemas (API v3), from .schemas on first use
    "Coordinates",
    "Initiative",
    "InitiativeCategoryOut",
    "Photo",
    "Place",
    "Voucher",
]

#: StreamFields of an initiative, bound in bulk before serialising a listing.
STREAM_FIELDS = ("story",)

#: The names :mod:`.schemas` defines, resolved lazily (see the module's docstring).
_SCHEMAS = {"Coordinates", "Initiative", "InitiativeCategoryOut", "Photo", "Place", "Voucher"}


def __getattr__(name: str):
    if name in _SCHEMAS:
        from . import schemas

        return getattr(schemas, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Category and photo ------------------------------------------------------------------------


def category_data(category) -> dict:
    """A category (schema :class:`.schemas.InitiativeCategoryOut`)."""
    return {
        "id": category.pk,
        "name": category.name,
        "slug": category.slug,
        "icon": category.icon,
    }


def photo_data(item) -> dict:
    """A gallery photo: its caption and the core image shape (with its alternative text)."""
    return {"caption": item.caption, "image": image_data(item.image, item.alt_text)}


# Initiative --------------------------------------------------------------------------------


def _facts(page) -> dict:
    """What every representation of an initiative says, under the same names."""
    return {
        "business_name": page.business_name,
        "trade": page.trade,
        "departement": page.departement,
        "summary": page.summary,
        "categories": [category_data(c) for c in page.categories.all()],
    }


def initiative_data(page, request) -> dict:
    """An initiative in API v3 (schema :class:`.schemas.Initiative`)."""
    from cma_wagtail.api.v3_tools import page_fields, stream_data

    facts = _facts(page)
    return {
        **page_fields(page, request),
        "business_name": facts["business_name"],
        "artisan_name": page.artisan_name,
        "trade": facts["trade"],
        "categories": facts["categories"],
        "place": page.place,
        "departement": facts["departement"],
        "coordinates": page.coordinates,
        "gallery": [photo_data(item) for item in page.gallery_images.all()],
        "beneficiaries": page.beneficiaries,
        "started_on": page.started_on,
        "summary": facts["summary"],
        "story": stream_data(page.story, request),
        "website": page.website,
        "contact_url": page.contact_url,
        "voucher": page.voucher,
    }


def prefetch_initiatives(pages) -> list:
    """``pages`` with categories, photos (with their renditions) and the story's blocks
    loaded in bulk (constant queries for a listing)."""
    from cma_wagtail.api.prefetch import prefetch_stream_fields

    pages = list(pages)
    missing = [
        p for p in pages if "gallery_images" not in getattr(p, "_prefetched_objects_cache", {})
    ]
    if missing:
        lookups = type(missing[0]).listing_prefetches(renditions=IMAGE_RENDITIONS)
        prefetch_related_objects(missing, *lookups)
    return prefetch_stream_fields(pages, STREAM_FIELDS)


def serialize_initiatives(pages: list, request) -> list[dict]:
    """A listing (or one page) in API v3: :func:`initiative_data` of each, loaded in bulk."""
    return [initiative_data(page, request) for page in prefetch_initiatives(pages)]


def initiative_card_data(page, request=None) -> dict:
    """An initiative as an item of the initiatives block's API value (schema
    ``InitiativesBlockValue`` of core's blocks): public facts only (no artisan's name, no
    contact), :func:`initiative_data`'s under the same names, ``town`` and
    ``departement_name`` (v3's ``place``) and the first photo's image."""
    photo = page.first_image
    place = page.place
    return {
        "id": page.pk,
        "title": page.title,
        "url": page.get_url(request),
        **_facts(page),
        "town": place["town"],
        "departement_name": place["departement_name"],
        "image": image_data(photo.image, photo.alt_text) if photo else None,
    }


# API v2 fields -----------------------------------------------------------------------------


def _prefetch_batch(field: serializers.Field, obj) -> None:
    root = field.root
    if getattr(root, "_cma_initiatives_prefetched", False):
        return
    instance = root.instance
    objects = [obj] if instance is None or instance is obj else list(instance)
    objects = [o for o in objects if hasattr(o, "listing_prefetches")]
    if objects:
        lookups = type(objects[0]).listing_prefetches(renditions=IMAGE_RENDITIONS)
        prefetch_related_objects(objects, *lookups)
    if root is not field:
        root._cma_initiatives_prefetched = True


class CategoriesField(PageField):
    """An initiative's ``categories`` in API v2: :func:`category_data` of each."""

    def to_representation(self, page):
        _prefetch_batch(self, page)
        return [category_data(c) for c in page.categories.all()]


class GalleryField(PageField):
    """An initiative's ``gallery`` in API v2: :func:`photo_data` of each photo."""

    def to_representation(self, page):
        _prefetch_batch(self, page)
        return [photo_data(item) for item in page.gallery_images.all()]
