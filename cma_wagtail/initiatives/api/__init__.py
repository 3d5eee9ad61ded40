"""Initiatives in Wagtail's APIs: typed v3 endpoints and the proposal submission (:mod:`.v3`),
and a read-only v2 endpoint (:mod:`.v2`).

Listings use the index page's filters (:func:`~cma_wagtail.initiatives.models.index.filter_initiatives`),
the shapes of :mod:`cma_wagtail.initiatives.serializers`, and load categories, photos with
their renditions and the story's blocks in bulk
(:func:`~cma_wagtail.initiatives.serializers.prefetch_initiatives`).
"""

from __future__ import annotations


def initiatives_queryset(base, params, search_scope):
    """``base`` with the index page's filters read from ``params``, newest first."""
    from ..models.index import filter_initiatives, parse_filters

    return filter_initiatives(
        base.order_by("-first_published_at", "-pk"), parse_filters(params), search_scope
    )
