"""The public query of initiatives, shared by the index page and the block library.

``InitiativesBlock`` (in core, imported lazily) lists :func:`latest_initiatives`; the index
page's :meth:`~cma_wagtail.initiatives.models.InitiativeIndexPage.get_initiatives` is
:func:`initiatives_queryset` below itself, so both show the same published initiatives in
the same order.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

from ..cache_versions import CacheVersion
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
    """The newest ``limit`` initiatives with what their cards show (the HTML card's picture
    and the API's image shape), in constant queries."""
    queryset = initiatives_queryset(**filters).prefetch_related(
        *InitiativePage.listing_prefetches()
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


# The options of an index page's filter form -------------------------------------------
#
# The options of an index page's filter form, kept in Django's cache between requests.
#
# The départements present among the listed initiatives and the list of categories cost two
# queries on every visit of an index, for data that changes only when an editor publishes,
# unpublishes, moves or deletes an initiative, edits a category or a view restriction. They are
# cached (as plain data) per index page under a key that holds a version token; each of those
# events replaces the token (:func:`invalidate_filter_options`, connected by :func:`connect_filter_options` from the app's
# ``ready()``), so the next request rebuilds the options of every index.
#
# The token lives in the default cache. With several app servers that cache must be shared
# (Redis, Memcached: see the deployment docs); a per-process cache sees another process's
# changes only when its entries expire, after ``InitiativeIndexPage.filter_options_cache_timeout``.
# Changes that send no signal (``QuerySet.update()``, raw SQL) are seen then too.


#: The filter options' token is part of every options key, with the index page's id.
filter_options_version = CacheVersion("cma-initiatives:filter-options:version")
#: Bump when the cached data's shape changes, so that a deploy never reads the old shape.
DATA_FORMAT = 1


@dataclass(frozen=True)
class CategoryOption:
    """What the filter form shows of a category (the form reads ``slug`` and ``name``)."""

    slug: str
    name: str
    icon: str = ""


@dataclass(frozen=True)
class FilterOptions:
    categories: tuple[CategoryOption, ...] = ()
    #: Département codes of the listed initiatives, sorted.
    departements: tuple[str, ...] = ()

    @property
    def category_slugs(self) -> frozenset[str]:
        return frozenset(c.slug for c in self.categories)

    def as_data(self) -> dict:
        """Plain data for the cache (no model instance, no class of ours is pickled)."""
        return {
            "categories": [(c.slug, c.name, c.icon) for c in self.categories],
            "departements": list(self.departements),
        }

    @classmethod
    def from_data(cls, data: dict) -> FilterOptions:
        return cls(
            categories=tuple(CategoryOption(*row) for row in data["categories"]),
            departements=tuple(data["departements"]),
        )


def current_version() -> str:
    return filter_options_version.get()


def cache_key(index_id: int, version: str) -> str:
    return f"cma-initiatives:filter-options:{DATA_FORMAT}:{version}:{index_id}"


def get_cached(index, build, timeout: int) -> FilterOptions:
    """The options of ``index`` from the cache, or ``build()`` stored there for next time."""
    if index.pk is None:  # the preview of an index not saved yet
        return build()
    key = cache_key(index.pk, current_version())
    data = cache.get(key)
    if data is not None:
        try:
            return FilterOptions.from_data(data)
        except (KeyError, TypeError, ValueError):
            pass  # written by another version of the code: rebuilt below
    options = build()
    cache.set(key, options.as_data(), timeout=timeout)
    return options


def invalidate_filter_options(**kwargs) -> None:
    """Make every index rebuild its options on its next request."""
    filter_options_version.replace()


# Receivers -------------------------------------------------------------------------------


def _is_initiative(instance) -> bool:
    return isinstance(instance, InitiativePage)


def _on_page_published_or_unpublished(sender, instance, **kwargs) -> None:
    if _is_initiative(instance):
        invalidate_filter_options()


def _on_page_saved(sender, instance, created=False, **kwargs) -> None:
    # A live initiative created without going through publishing (code, imports, copies).
    if created and getattr(instance, "live", False) and _is_initiative(instance):
        invalidate_filter_options()


def _on_page_moved(sender, instance, **kwargs) -> None:
    # Any move: an initiative leaving or joining an index, or a section moving in or out of
    # a private one. Moves are rare.
    invalidate_filter_options()


def connect_filter_options() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .models import InitiativeCategory

    uid = "cma_initiatives_filter_options"
    page_published.connect(_on_page_published_or_unpublished, dispatch_uid=f"{uid}_published")
    page_unpublished.connect(_on_page_published_or_unpublished, dispatch_uid=f"{uid}_unpublished")
    post_page_move.connect(_on_page_moved, dispatch_uid=f"{uid}_moved")
    post_save.connect(_on_page_saved, dispatch_uid=f"{uid}_page_saved")
    # Django sends post_delete for each table of a page's chain, InitiativePage's included
    # (for a subclass too, and when a whole section is deleted).
    post_delete.connect(
        invalidate_filter_options, sender=InitiativePage, dispatch_uid=f"{uid}_page_deleted"
    )
    filter_options_version.replace_on_change((InitiativeCategory, PageViewRestriction), uid)
