"""Initiatives in Wagtail's APIs: typed v3 endpoints and the proposal submission (:mod:`.v3`,
:mod:`.submissions`), and a read-only v2 endpoint (:mod:`.v2`).

Listings use the index page's filters (:func:`~cma_wagtail.initiatives.models.index.filter_initiatives`)
and load categories, photos with their renditions and the story's blocks in bulk.
"""

from __future__ import annotations

STREAM_FIELDS = ("story",)


def prefetch_initiatives(pages) -> list:
    from django.db.models import prefetch_related_objects

    from cma_wagtail.api.images import IMAGE_RENDITIONS
    from cma_wagtail.api.prefetch import prefetch_stream_fields

    from ..models import InitiativePage

    pages = list(pages)
    lookups = InitiativePage.listing_prefetches(renditions=IMAGE_RENDITIONS)
    missing = [
        p for p in pages if "gallery_images" not in getattr(p, "_prefetched_objects_cache", {})
    ]
    if missing:
        prefetch_related_objects(missing, *lookups)
    return prefetch_stream_fields(pages, STREAM_FIELDS)


def initiatives_queryset(base, params, search_scope):
    """``base`` with the index page's filters read from ``params``, newest first."""
    from ..models.index import filter_initiatives, parse_filters

    return filter_initiatives(
        base.order_by("-first_published_at", "-pk"), parse_filters(params), search_scope
    )
