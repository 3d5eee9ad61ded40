"""API representations of initiatives (Wagtail API v2 ``api_fields``).

The fields prefetch categories and photos (with their renditions) for the *whole* list being
serialized the first time one of them runs, so that an API listing costs the same number of
queries for 5 or 500 initiatives, without a custom viewset: Wagtail's own
``PagesAPIViewSet`` is enough.
"""

from __future__ import annotations

from django.db.models import prefetch_related_objects
from rest_framework import serializers

from cma_wagtail.api.images import IMAGE_RENDITIONS, image_data


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


def category_representation(category) -> dict:
    return {
        "id": category.pk,
        "name": category.name,
        "slug": category.slug,
        "icon": category.icon,
    }


def photo_data(item) -> dict:
    """A gallery photo: its caption and the core image shape (with its alternative text)."""
    return {"caption": item.caption, "image": image_data(item.image, item.alt_text)}


class CategoriesField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, page):
        _prefetch_batch(self, page)
        return [category_representation(c) for c in page.categories.all()]


class GalleryField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, page):
        _prefetch_batch(self, page)
        return [photo_data(item) for item in page.gallery_images.all()]
