"""Purge the shared cache when what it keeps changes (``wagtail.contrib.frontend_cache``).

Wagtail's own handlers purge a page when it is published or unpublished, at once, inside
the publishing transaction: a visitor's request between the purge and the commit would put
the old page back in the cache. This module replaces them (disconnected when
``wagtail.contrib.frontend_cache`` is listed before ``cma_wagtail`` in ``INSTALLED_APPS``;
check ``cma_wagtail.W030`` says so otherwise) and purges, in one :class:`PurgeBatch` once
the transaction has committed, the page (its URL and its ``get_cached_paths()``: the
package's indexes add their feeds and ``map.json``) and what else shows it:

- on publish, unpublish and move: the page (old and new URLs on a move, with its
  descendants), its parent (old and new): the index that lists it, with its feeds and
  ``map.json``; its site's root page; the live pages of its site whose body holds a listing
  block of the page's capability (``LatestNewsBlock`` for a news, ``InitiativesBlock``,
  ``UpcomingSessionsBlock``), found by the block's type in the stored body; and what the
  page itself names with ``get_related_cached_urls()`` (a training's sessions' ``.ics``);
- on any save of :class:`~cma_wagtail.models.ChamberSettings` (crisis banner, callback
  intake, name and phone: shown on every page): every live page of the site, and the
  public forms' pages.

Bounded: at most ``CMA_WAGTAIL_PURGE_MAX_PAGES`` pages per event (those left out expire
after ``CMA_WAGTAIL_PUBLIC_CACHE_MAX_AGE`` seconds; logged). Filtered and paginated
variants of a listing (``?page=2``, ``?category=…``) are not purged: they expire the same
way.

Store first, purge after (:mod:`.sending`): the URLs are written to the shared cache's
outbox (:class:`~cma_wagtail.outbox.models.FrontendCachePurge`) in the publishing transaction and purged by a
task once it commits. A purge never breaks a publication: a cache that refuses it leaves a
failed row, counted by ``manage.py cma_status`` and retried with a backoff.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import swapper
from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, reverse

from ..conf import settings as cma_settings

logger = logging.getLogger("cma_wagtail.caching")

#: Public views (not pages) that show the site frame: purged with every page of the site.
FRAME_VIEWS = ("cma_initiatives:propose", "cma_crisis_news:alerts_subscribe")


def is_enabled() -> bool:
    return apps.is_installed("wagtail.contrib.frontend_cache") and bool(
        getattr(settings, "WAGTAILFRONTENDCACHE", None)
    )


def listing_block_types(app_label: str) -> list[str]:
    """The names, in ``BodyBlock``, of the listing blocks that show ``app_label``'s pages."""
    from ..blocks.body import BodyBlock
    from ..blocks.listings import CapabilityListingBlock

    return [
        name
        for name, block in BodyBlock.base_blocks.items()
        if isinstance(block, CapabilityListingBlock) and block.app_label == app_label
    ]


def pages_with_blocks(site, block_types: Iterable[str], limit: int) -> list:
    """Live pages of ``site`` whose ``body`` stores a block of one of ``block_types``.

    The listing blocks reference no object (their filters are optional), so Wagtail's
    ReferenceIndex does not know them; their type name is in the stored JSON, at any
    depth (a listing inside a section is found too).
    """
    from django.db.models import Q
    from wagtail.fields import StreamField
    from wagtail.models import get_page_models

    block_types = list(block_types)
    if not block_types or site is None:
        return []
    root = site.root_page
    query = Q()
    for name in block_types:
        query |= Q(body__icontains=f'"type": "{name}"')
    found = []
    for model in get_page_models():
        if model._meta.abstract or len(found) >= limit:
            continue
        field = next((f for f in model._meta.local_fields if f.name == "body"), None)
        if not isinstance(field, StreamField):
            continue
        pages = (
            model.objects.live()
            .filter(query, path__startswith=root.path)
            .order_by("path")[: limit - len(found)]
        )
        found.extend(pages)
    return found


def page_related(page, *, limit: int | None = None) -> list:
    """The pages to purge with ``page`` (not ``page`` itself): its parent, the site's root,
    the listing pages of its capability."""
    limit = limit or int(cma_settings.PURGE_MAX_PAGES)
    site = page.get_site()
    related = []
    parent = page.get_parent()
    if parent is not None and parent.depth > 1:
        related.append(parent.specific_deferred)
    if site is not None and site.root_page_id not in {page.pk, parent and parent.pk}:
        related.append(site.root_page.specific_deferred)
    block_types = listing_block_types(page.specific_class._meta.app_label)
    related += pages_with_blocks(site, block_types, limit)
    return related[:limit]


def extra_urls(page) -> list[str]:
    """Absolute URLs the page names itself (``get_related_cached_urls()``), e.g. ``.ics``."""
    getter = getattr(page.specific, "get_related_cached_urls", None)
    return list(getter()) if getter else []


def schedule(batch, reason: str) -> None:
    """Store ``batch``'s URLs; a task purges them once the transaction commits."""
    from .sending import store

    store(batch.urls, reason=reason)


def new_batch():
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    return PurgeBatch()


def add_pages(batch, pages, limit: int) -> None:
    pages = list(pages)
    if len(pages) > limit:
        logger.info("Purging %d of %d pages; the others expire by max-age", limit, len(pages))
    for page in pages[:limit]:
        batch.add_page(page)


def purge_page_and_related(page, *, reason: str, include_page: bool = False) -> None:
    batch = new_batch()
    limit = int(cma_settings.PURGE_MAX_PAGES)
    pages = ([page] if include_page else []) + page_related(page, limit=limit)
    add_pages(batch, pages, limit)
    batch.add_urls(extra_urls(page))
    schedule(batch, reason)


def _reason(event: str, page) -> str:
    return f"page {page.pk} {event}"


# Signal handlers -------------------------------------------------------------------------
def on_published(sender, instance, **kwargs):
    if is_enabled():
        purge_page_and_related(instance, reason=_reason("published", instance), include_page=True)


def on_unpublished(sender, instance, **kwargs):
    if is_enabled():
        purge_page_and_related(instance, reason=_reason("unpublished", instance), include_page=True)


#: Batches started before a move, by page id, finished after it (Wagtail sends the new
#: page as another instance).
_moves: dict[int, object] = {}


def before_move(sender, instance, **kwargs):
    """Remember the URLs the page and its descendants had, and the old parent's pages."""
    if not is_enabled() or not instance.live:
        return
    batch = new_batch()
    limit = int(cma_settings.PURGE_MAX_PAGES)
    moved = [instance, *instance.get_descendants().live().specific(defer=True)[:limit]]
    add_pages(batch, moved + page_related(instance, limit=limit), limit * 2)
    _moves[instance.pk] = batch


def after_move(sender, instance, **kwargs):
    batch = _moves.pop(instance.pk, None)
    if batch is None:
        return
    limit = int(cma_settings.PURGE_MAX_PAGES)
    page = instance.specific_deferred
    moved = [page, *page.get_descendants().live().specific(defer=True)[:limit]]
    add_pages(batch, moved + page_related(page, limit=limit), limit * 2)
    batch.add_urls(extra_urls(page))
    schedule(batch, _reason("moved", page))


def on_settings_saved(sender, instance, **kwargs):
    """Every page of the site shows the chamber's settings (banner, phone, intake)."""
    if not is_enabled() or kwargs.get("raw"):
        return
    site = instance.site
    Page = apps.get_model(swapper.get_model_name("wagtailcore", "Page"))
    batch = new_batch()
    pages = Page.objects.live().descendant_of(site.root_page, inclusive=True)
    batch.add_pages(pages.specific(defer=True).iterator())
    root_url = site.root_url.rstrip("/")
    for name in FRAME_VIEWS:
        try:
            batch.add_url(root_url + reverse(name))
        except NoReverseMatch:
            continue  # that capability is not installed
    schedule(batch, f"chamber settings of site {site.pk} saved")


def wagtail_handlers_connected() -> bool:
    """Whether Wagtail's own (before-commit) purge handlers are still connected."""
    if not apps.is_installed("wagtail.contrib.frontend_cache"):
        return False
    from wagtail.contrib.frontend_cache.signal_handlers import page_published_signal_handler
    from wagtail.signals import page_published

    handler = id(page_published_signal_handler)
    return any(entry[0][0] == handler for entry in page_published.receivers)


def disconnect_wagtail_handlers() -> None:
    if not apps.is_installed("wagtail.contrib.frontend_cache"):
        return
    from wagtail.contrib.frontend_cache.signal_handlers import (
        page_published_signal_handler,
        page_unpublished_signal_handler,
    )
    from wagtail.models import get_page_models
    from wagtail.signals import page_published, page_unpublished

    for model in get_page_models():
        page_published.disconnect(page_published_signal_handler, sender=model)
        page_unpublished.disconnect(page_unpublished_signal_handler, sender=model)


def connect() -> None:
    disconnect_wagtail_handlers()

    from django.db.models.signals import post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

    from ..models import ChamberSettings

    page_published.connect(on_published, dispatch_uid="cma_purge_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="cma_purge_unpublished")
    pre_page_move.connect(before_move, dispatch_uid="cma_purge_before_move")
    post_page_move.connect(after_move, dispatch_uid="cma_purge_after_move")
    post_save.connect(on_settings_saved, sender=ChamberSettings, dispatch_uid="cma_purge_settings")
