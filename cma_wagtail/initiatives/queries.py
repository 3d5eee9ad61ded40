"""The public query of initiatives, shared by the index page and the block library.

``InitiativesBlock`` (in core, imported lazily) lists :func:`latest_initiatives`; the index
page's :meth:`~cma_wagtail.initiatives.models.InitiativeIndexPage.get_initiatives` is
:func:`initiatives_queryset` below itself, so both show the same published initiatives in
the same order.
"""

from __future__ import annotations

from .models import InitiativePage


def initiatives_queryset(*, parent=None, site=None, category: str = ""):
    """Published, public initiatives, newest first; ``category`` is a category slug."""
    queryset = InitiativePage.objects.live().public()
    if parent is not None:
        queryset = queryset.descendant_of(parent)
    if site is not None:
        queryset = queryset.in_site(site)
    if category:
        queryset = queryset.filter(categories__slug=category)
    return queryset.order_by("-first_published_at", "-pk")


def latest_initiatives(limit: int = 3, **filters) -> list[InitiativePage]:
    """The newest ``limit`` initiatives with what their cards show, in constant queries."""
    queryset = initiatives_queryset(**filters).prefetch_related(
        *InitiativePage.listing_prefetches()
    )
    return list(queryset[:limit])
