"""The public query of initiatives, shared by the index page and the block library.

``InitiativesBlock`` (in core, imported lazily) lists :func:`latest_initiatives`; the index
page's :meth:`~cma_wagtail.initiatives.models.InitiativeIndexPage.get_initiatives` is
:func:`initiatives_queryset` below itself, so both show the same published initiatives in
the same order.
"""

from __future__ import annotations

from ..conf import settings as cma_settings
from ..visibility import visible_pages
from .models import InitiativeIndexPage, InitiativePage


def initiatives_queryset(*, parent=None, site=None, category: str = ""):
    """Published, public initiatives, newest first; ``category`` is a category slug.

    Pages in a private section (a view restriction on them or an ancestor) are never listed
    (:mod:`cma_wagtail.visibility`, checked inside the listing's own query).
    """
    queryset = visible_pages(InitiativePage.objects.all(), site)
    if parent is not None:
        queryset = queryset.descendant_of(parent)
    if category:
        queryset = queryset.filter(categories__slug=category)
    return queryset.order_by("-first_published_at", "-pk")


def latest_initiatives(limit: int = 3, **filters) -> list[InitiativePage]:
    """The newest ``limit`` initiatives with what their cards show (the HTML card's crop and
    the API's image renditions), in constant queries."""
    from cma_wagtail.api.images import IMAGE_RENDITIONS

    from .models import CARD_RENDITION

    queryset = initiatives_queryset(**filters).prefetch_related(
        *InitiativePage.listing_prefetches(renditions=(CARD_RENDITION, *IMAGE_RENDITIONS))
    )
    return list(queryset[:limit])


def proposal_index(site=None) -> InitiativeIndexPage | None:
    """The index that receives the proposals sent to ``site``, or None (proposals closed).

    ``CMA_WAGTAIL_INITIATIVES_PROPOSAL_INDEX`` (a page id) or the site's first index in tree
    order; either way a visible one (:func:`~cma_wagtail.visibility.visible_pages`): an
    unpublished index, one in a private section or one of another site receives nothing.
    """
    queryset = visible_pages(InitiativeIndexPage.objects.all(), site)
    configured = cma_settings.INITIATIVES_PROPOSAL_INDEX
    if configured:
        queryset = queryset.filter(pk=configured)
    return queryset.order_by("path").first()
